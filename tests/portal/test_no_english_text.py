"""No page shows English: a rendered text node equal to one of the project's own English
msgids means a string escaped translation, and every msgid of the Polish catalogue has a
Polish text (none empty, none fuzzy).

The catalogue is read from locale/pl/LC_MESSAGES/django.po, the file the compiled .mo is
made from; msgids whose Polish text is the same word (CSV, KRS, Status) are not English.
"""

import ast
import re
from pathlib import Path

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from bs4 import BeautifulSoup
from django.conf import settings
from django.core.management import call_command

from portal.models import User

pytestmark = pytest.mark.django_db

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "pl" / "LC_MESSAGES" / "django.po"

PUBLIC_PATHS = [
    "/",
    "/o-nas/",
    "/lokalne-osrodki/",
    "/deklaracja-dostepnosci/",
    "/szukaj/?q=dotacje",
    "/szukaj/?q=xyzzy",
    "/aktualnosci/",
    "/wydarzenia/",
    "/wydarzenia/kalendarz/",
    "/wydarzenia/archiwum/",
    "/katalog/",
    "/katalog/?forma=foundation&ps=1",
    "/katalog/?q=nic-takiego&forma=foundation",
    "/konto/login/",
    "/konto/signup/",
    "/konto/password/reset/",
    "/nie-ma-takiej-strony/",
]
INTRANET_PATHS = ["/intranet/", "/intranet/moje-dane/", "/intranet/konsultacje/"]
ROLES = [
    "uczestnik@owes.example.org",
    "kadra@owes.example.org",
    "doradca@owes.example.org",
    "redaktor@owes.example.org",
]


def catalogue_entries(path=CATALOGUE):
    """(msgid, [msgstr…], fuzzy) for every entry of a .po file but its header."""
    entries, current, field, fuzzy = [], None, None, False

    def close():
        if current and current["msgid"]:
            entries.append((current["msgid"], current["msgstr"], current["fuzzy"]))

    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line.startswith("#,"):
            fuzzy = "fuzzy" in line
        elif line.startswith("msgid "):
            close()
            current = {"msgid": ast.literal_eval(line[6:]), "msgstr": [], "fuzzy": fuzzy}
            field, fuzzy = "msgid", False
        elif line.startswith("msgid_plural "):
            field = "plural"
        elif line.startswith("msgstr"):
            current["msgstr"].append(ast.literal_eval(line.split(" ", 1)[1]))
            field = "msgstr"
        elif line.startswith('"') and current is not None:
            if field == "msgid":
                current["msgid"] += ast.literal_eval(line)
            elif field == "msgstr":
                current["msgstr"][-1] += ast.literal_eval(line)
    close()
    return entries


def english_msgids():
    """Whole-sentence msgids a page could show as they are (no placeholders, no markup)."""
    return {
        " ".join(msgid.split())
        for msgid, msgstrs, _fuzzy in catalogue_entries()
        if msgstrs
        and msgstrs[0] != msgid
        and "%" not in msgid
        and "<" not in msgid
        and re.search(r"[A-Za-z]{2}", msgid)
    }


def english_text_nodes(html, english):
    soup = BeautifulSoup(html, "html.parser")
    for element in soup(["script", "style", "template"]):
        element.decompose()
    texts = {" ".join(text.split()) for text in soup.find_all(string=True)}
    attributes = {
        " ".join(element[name].split())
        for name in ("aria-label", "title", "placeholder", "alt")
        for element in soup.find_all(attrs={name: True})
    }
    return sorted((texts | attributes) & english)


def test_the_check_catches_an_english_string_where_it_escaped_translation():
    from django.template import Context, Template
    from django.utils import translation

    english = english_msgids()
    template = Template(
        '{% load i18n %}<button title="{% translate "Filters" %}">'
        '{% translate "Apply filters" %}</button>'
    )
    with translation.override("en"):
        untranslated = template.render(Context())
    with translation.override("pl"):
        translated = template.render(Context())

    assert len(english) > 500
    assert english_text_nodes(untranslated, english) == ["Apply filters", "Filters"]
    assert english_text_nodes(translated, english) == []


def test_every_msgid_of_the_polish_catalogue_is_translated():
    untranslated = [
        msgid
        for msgid, msgstrs, fuzzy in catalogue_entries()
        if fuzzy or not msgstrs or not all(msgstrs)
    ]

    assert untranslated == []


@pytest.fixture
def demo_site(settings):
    settings.DEBUG = True
    call_command("seed_demo")
    settings.DEBUG = False


def test_no_public_or_intranet_page_shows_an_english_msgid(client, demo_site):
    english = english_msgids()
    found = {}
    for path in PUBLIC_PATHS:
        response = client.get(path, follow=True)
        if hits := english_text_nodes(response.content.decode(), english):
            found[f"anonymous {path}"] = hits
    for email in ROLES:
        user = User.objects.get(email=email)
        if not user.authenticator_set.exists():
            TOTP.activate(user, generate_totp_secret())  # staff screens ask for a second factor
        client.force_login(user)
        for path in INTRANET_PATHS + ["/"]:
            response = client.get(path, follow=True)
            assert response.status_code == 200, (email, path)
            assert response.request["PATH_INFO"] == path, (email, path)  # no login wall
            if hits := english_text_nodes(response.content.decode(), english):
                found[f"{email} {path}"] = hits
        client.logout()

    assert found == {}
