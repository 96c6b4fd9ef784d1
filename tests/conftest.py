"""Fixtures every test may use. Test-only setting tweaks live here, nowhere else."""

import pytest
from django.core.files.base import ContentFile
from wagtail.documents.models import Document
from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Page, Site
from wagtail.rich_text import RichText

from tests.factories.portal import HomePageFactory, StandardPageFactory, UserFactory


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    # Collected, hashed static files are a deployment step; tests read the sources.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # The test client and the live server speak plain HTTP.
    settings.SECURE_SSL_REDIRECT = False
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    # Messages are queued in the outbox; the worker delivers them to Django's test outbox
    # (tests/mail.py: `delivered()`). Django's test runner would swap EMAIL_BACKEND itself.
    settings.EMAIL_BACKEND = "post_office.EmailBackend"
    settings.POST_OFFICE = {
        **settings.POST_OFFICE,
        "BACKENDS": {"default": "django.core.mail.backends.locmem.EmailBackend"},
    }
    # Tests measure rendering; the page cache has its own tests (tests/portal/test_page_cache.py).
    settings.PAGE_CACHE_SECONDS = 0


@pytest.fixture(autouse=True)
def _force_login_as_allauth_would(monkeypatch):
    """`client.force_login` gives a user with an authenticator app a session that passed
    the second factor, as the site's only login would (tests/auth.py)."""
    from django.test import Client

    from tests.auth import force_login_as_allauth_would

    monkeypatch.setattr(Client, "force_login", force_login_as_allauth_would)


@pytest.fixture
def fragments_off(settings):
    """Every fragment rendered afresh: for tests of what rendering itself costs (the
    fragment cache is on in every other test, so stale fragments would fail them)."""
    settings.FRAGMENT_CACHE_SECONDS = 0


@pytest.fixture(autouse=True)
def _clear_cache():
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()
    yield
    for cache in caches.all():
        cache.clear()


@pytest.fixture
def tuesday_morning():
    """A working Tuesday at 10:07 in Warsaw, the clock running: for screens about "now"
    (the walk-in desk) that must not depend on when the suite runs."""
    import datetime
    import zoneinfo

    import time_machine

    moment = datetime.datetime(2027, 11, 9, 10, 7, tzinfo=zoneinfo.ZoneInfo("Europe/Warsaw"))
    with time_machine.travel(moment, tick=True):
        yield moment


@pytest.fixture
def home_page(db):
    """A published home page that is the root of the default site."""
    root = Page.get_first_root_node()
    home = HomePageFactory(parent=root)
    site = Site.objects.get(is_default_site=True)
    old_root = site.root_page
    site.root_page = home
    site.hostname = "localhost"
    site.save()
    if old_root.pk != home.pk and old_root.depth == 2:
        old_root.delete()
    return home


@pytest.fixture
def member(db):
    return UserFactory()


@pytest.fixture
def standard_page_with_all_blocks(home_page):
    """A published standard page using every StreamField block, rendered without network."""
    about = StandardPageFactory(parent=home_page, title="O nas", slug="o-nas")
    image = Image.objects.create(title="Warsztaty", file=get_test_image_file())
    document = Document.objects.create(
        title="Regulamin rekrutacji", file=ContentFile(b"%PDF-1.4 demo", name="regulamin.pdf")
    )
    video_url = "https://www.youtube.com/watch?v=owes-demo"
    # A cached embed, so rendering needs no network (Wagtail looks the URL up first).
    Embed.objects.create(
        hash=get_embed_hash(video_url),
        url=video_url,
        max_width=None,
        type="video",
        html='<iframe src="https://www.youtube-nocookie.com/embed/owes-demo"></iframe>',
        title="",
        provider_name="YouTube",
    )
    return StandardPageFactory(
        parent=home_page,
        title="Wszystkie bloki",
        slug="wszystkie-bloki",
        body=[
            ("heading", {"text": "Nasze cele", "level": "h2"}),
            ("paragraph", RichText("<p>Rozwijamy przedsiębiorczość społeczną.</p>")),
            (
                "image",
                {"image": image, "alt_text": "Uczestnicy warsztatów przy stole", "caption": ""},
            ),
            ("quote", {"text": "Razem możemy więcej.", "attribution": "Koordynatorka"}),
            ("call_to_action", {"label": "Poznaj nas", "page": about, "url": ""}),
            ("document", {"document": document, "title": ""}),
            (
                "table",
                {
                    "table_caption": "Harmonogram",
                    "first_row_is_table_header": True,
                    "first_col_is_header": False,
                    "data": [["Dzień", "Temat"], ["Wtorek", "Biznesplan"]],
                },
            ),
            ("video", {"video": video_url, "title": "Film o spółdzielni", "transcript": ""}),
        ],
    )
