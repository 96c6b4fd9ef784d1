"""Fixtures every test may use. Test-only setting tweaks live here, nowhere else."""

import pytest
from wagtail.models import Page, Site

from tests.factories.portal import HomePageFactory, UserFactory


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    # Collected, hashed static files are a deployment step; tests read the sources.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # The test client and the live server speak plain HTTP.
    settings.SECURE_SSL_REDIRECT = False
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture(autouse=True)
def _clear_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


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
