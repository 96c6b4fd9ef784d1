"""`manage.py seed_demo` fills a believable site and can run twice."""

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Page, Site

from events.models import EventPage
from news.models import NewsPage
from portal.models import Location, SiteSettings, User

pytestmark = pytest.mark.django_db


def snapshot():
    return (Page.objects.count(), Location.objects.count(), User.objects.count())


def test_seed_demo_builds_the_site_and_is_idempotent(settings, client):
    settings.DEBUG = True
    call_command("seed_demo")
    first = snapshot()

    call_command("seed_demo")

    assert snapshot() == first
    assert Location.objects.count() == 5
    site = Site.objects.get(is_default_site=True)
    assert site.root_page.specific.__class__.__name__ == "HomePage"
    assert SiteSettings.for_site(site).accessibility_statement_page is not None
    for path in [
        "/",
        "/o-nas/",
        "/oferta-wsparcia/",
        "/lokalne-osrodki/",
        "/kontakt/",
        "/deklaracja-dostepnosci/",
    ]:
        assert client.get(path).status_code == 200, path


def test_seed_demo_creates_one_login_per_role(settings, capsys):
    settings.DEBUG = True
    call_command("seed_demo")

    output = capsys.readouterr().out
    for email in ["redaktor@", "moderator@", "kadra@", "doradca@", "uczestnik@"]:
        assert email in output
    assert (
        User.objects.get(email="moderator@owes.example.org")
        .groups.filter(name="Moderatorzy")
        .exists()
    )


def test_seed_demo_refuses_to_run_without_debug(settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="DEBUG"):
        call_command("seed_demo")


def test_seed_demo_fills_news_and_events_to_a_benchmark_volume(settings, client):
    settings.DEBUG = True
    call_command("seed_demo", news=30, events=25)
    call_command("seed_demo", news=30, events=25)  # nothing more the second time

    assert NewsPage.objects.live().count() == 30
    assert EventPage.objects.live().count() == 25
    listing = client.get("/aktualnosci/", {"page": 3}).content.decode()
    assert "Z archiwum ośrodka" in listing
    assert client.get("/wydarzenia/").status_code == 200
