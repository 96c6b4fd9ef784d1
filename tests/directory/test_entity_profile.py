"""An entity's public profile, open data, and moderated changes."""

import csv
import io
import json
import re

import pytest
from django.core.exceptions import ValidationError

from directory.models import Entity
from tests.factories.directory import EntityFactory

pytestmark = pytest.mark.django_db


def test_profile_shows_contact_registers_and_organization_json_ld(client):
    entity = EntityFactory(
        name="Spółdzielnia Socjalna Smak",
        nip="5261040828",
        email="biuro@smak.example.org",
        latitude="52.2",
        longitude="15.5",
        services=["catering"],
    )

    html = client.get(entity.get_absolute_url()).content.decode()

    data = json.loads(re.search(r'ld\+json">(.*?)</script>', html, re.S).group(1))
    assert data["@type"] == "Organization" and data["name"] == "Spółdzielnia Socjalna Smak"
    assert "5261040828" in html and "biuro@smak.example.org" in html
    assert "openstreetmap.org" in html and "catering" in html
    assert "Ostatnia aktualizacja" in html


def test_unpublished_entities_are_404(client):
    draft = EntityFactory(live=False)

    assert client.get(draft.get_absolute_url()).status_code == 404


def test_a_pending_change_stays_private_until_staff_publish_it(client):
    entity = EntityFactory(name="Stara nazwa")
    entity.name = "Nowa nazwa"
    revision = entity.save_revision()  # what a representative's edit creates

    assert "Stara nazwa" in client.get(entity.get_absolute_url()).content.decode()
    assert Entity.objects.get(pk=entity.pk).name == "Stara nazwa"
    revision.publish()
    assert "Nowa nazwa" in client.get(entity.get_absolute_url()).content.decode()


@pytest.mark.parametrize(
    ("fields", "error_field"),
    [
        ({"nip": "1234567890"}, "nip"),
        ({"regon": "123"}, "regon"),
        ({"krs": "12"}, "krs"),
        ({"county": "gorzowski", "commune": "Świebodzin"}, "commune"),
    ],
    ids=["nip", "regon", "krs", "commune-outside-county"],
)
def test_bad_registers_and_places_are_refused_with_a_message(fields, error_field):
    entity = EntityFactory.build(**fields)

    with pytest.raises(ValidationError) as error:
        entity.full_clean()
    assert error_field in error.value.message_dict


def test_register_numbers_are_unique(client):
    EntityFactory(nip="5261040828")

    with pytest.raises(ValidationError):
        EntityFactory.build(nip="526-104-08-28", slug="inny").full_clean()


def test_open_data_exports_published_entities_only(client):
    EntityFactory(name="Publiczny", services=["szycie"])
    EntityFactory(name="Szkic", live=False)

    rows = list(
        csv.DictReader(
            io.StringIO(client.get("/katalog/eksport.csv").content.decode("utf-8-sig")),
            delimiter=";",
        )
    )
    data = client.get("/katalog/eksport.json").json()

    assert [row["name"] for row in rows] == ["Publiczny"]
    assert rows[0]["services"] == "szycie"
    assert [entity["name"] for entity in data["entities"]] == ["Publiczny"]
    assert data["entities"][0]["url"].startswith("http://testserver/katalog/")


@pytest.mark.usefixtures("fragments_off")
@pytest.mark.parametrize("photos", [0, 6], ids=["no-photos", "6-photos"])
def test_profile_photos_carry_their_text_alternative_in_constant_queries(
    client, django_assert_max_num_queries, photos
):
    from directory.models import EntityPhoto
    from tests.factories.news import news_image

    entity = EntityFactory()
    image = news_image()
    for number in range(photos):
        EntityPhoto.objects.create(entity=entity, image=image, alt_text=f"Szwalnia {number}")
    client.get(entity.get_absolute_url())

    with django_assert_max_num_queries(12):
        html = client.get(entity.get_absolute_url()).content.decode()
    assert html.count('alt="Szwalnia') == photos


def test_a_photo_needs_a_text_alternative():
    from directory.models import EntityPhoto

    with pytest.raises(ValidationError) as error:
        EntityPhoto(entity=EntityFactory(), image_id=1, alt_text="").full_clean()
    assert "alt_text" in error.value.message_dict
