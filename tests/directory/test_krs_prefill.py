"""Entering a KRS number fills in the form from the register when it can be reached."""

import json
import urllib.error
from pathlib import Path

import pytest
from django.urls import reverse

from directory import krs

RECORDED = json.loads((Path(__file__).parent / "recorded/krs_odpis_aktualny_S.json").read_text())

pytestmark = pytest.mark.django_db


def test_a_recorded_extract_gives_name_form_and_address():
    data = krs.parse_extract(RECORDED)

    assert data["name"] == "FUNDACJA ROZWOJU EKONOMII SPOŁECZNEJ"
    assert data["legal_form"] == "foundation"
    assert data["street"] == "UL. SOBIESKIEGO 4"
    assert (data["postcode"], data["town"]) == ("66-200", "Świebodzin")
    assert data["nip"] == "5261040828"


def test_the_button_prefills_the_new_entity_form(client, member, monkeypatch):
    monkeypatch.setattr(krs, "_get", lambda url: RECORDED)  # the recorded API answer
    client.force_login(member)

    response = client.post(
        reverse("directory_intranet:propose"), {"krs": "0000123456", "krs_lookup": "1"}
    )

    html = response.content.decode()
    assert 'value="FUNDACJA ROZWOJU EKONOMII SPOŁECZNEJ"' in html
    assert 'value="66-200"' in html
    assert "Uzupełniono danymi z rejestru KRS" in html


def test_without_the_api_the_form_still_works(client, member, monkeypatch):
    def unreachable(url):
        raise urllib.error.URLError("no network")

    monkeypatch.setattr(krs, "_get", unreachable)
    client.force_login(member)

    response = client.post(
        reverse("directory_intranet:propose"), {"krs": "0000123456", "krs_lookup": "1"}
    )

    assert response.status_code == 200
    assert 'value="0000123456"' in response.content.decode()
    assert "nie odpowiada" in response.content.decode()
