"""Fragments of public pages kept in the cache until what they show changes.

Pages are still rendered for every request (the whole-page cache in `page_cache` is a
separate, optional layer); what is shared by many requests — the header's brand, the
menu, the footer, a page's body, a listing — is rendered once and kept under a key made
of the versions of the areas it shows (`portal.versions`: replaced when something in
them is published or changed, as declared in `portal.registry`) and of what the fragment
depends on (the page, the listing's filters). So a fragment is never stale after a
change on the server, and a fragment never holds anything personal: account links,
messages and forms with a CSRF token stay outside the `{% cache %}` tags.

Templates use `{% area_version "news" page=page.pk as v %}{% cache fragment_seconds name v
... using="fragments" %}`;
FRAGMENT_CACHE_SECONDS=0 turns fragments off. The "fragments" cache is local to each
process (settings.CACHES): its keys carry the area versions, read from the shared
default cache (Redis in production), so no process can serve a fragment older than the
newest change.
"""

import uuid
from functools import cache

from django.conf import settings
from django.core.cache import caches
from django.utils.functional import SimpleLazyObject

from portal.selectors import IMAGE_COLUMNS, LINK_COLUMNS, columns_of
from portal.sites import site_for
from portal.versions import CONTENT, version_of

# What the site's settings, the header's brand and the footer show.
SITE_AREAS = ("site", "images", "routes")


def site_settings_for(request):
    """The site's SiteSettings (with its images: logo, icon, logo strip, and the footer's
    pages), from the cache when current; read once per request either way."""
    if getattr(request, "portal_site_settings", None) is None:
        request.portal_site_settings = _site_settings(request)
    return request.portal_site_settings


# The settings' images (the logo, the icon, the funding strip) and footer pages (links).
_IMAGES = ("funding_logos", "logo", "favicon")
_PAGES = ("accessibility_statement_page", "privacy_policy_page")


@cache
def _settings_columns(model) -> tuple[str, ...]:
    return (
        *(field.name for field in model._meta.concrete_fields),
        *(column for image in _IMAGES for column in columns_of(image, IMAGE_COLUMNS)),
        *(column for page in _PAGES for column in columns_of(page, LINK_COLUMNS)),
    )


def _site_settings(request):
    from portal.models import SiteSettings

    site = site_for(request)
    if site is None:
        return SiteSettings()
    # "routes": the footer's pages carry their addresses, which any page move may change.
    key = f"site-settings:{site.pk}:v{version_of(*SITE_AREAS)}"
    cache = caches["fragments"]
    found = cache.get(key) if settings.FRAGMENT_CACHE_SECONDS else None
    if found is None:
        # A slice, not .first(): ordering by the key makes Django compare it with each
        # selected column (one site has one row).
        found = next(
            iter(
                SiteSettings.objects.select_related(*_IMAGES, *_PAGES)
                .only(*_settings_columns(SiteSettings))
                .filter(site=site)[:1]
            ),
            None,
        )
        found = found or SiteSettings.for_site(site)
        if settings.FRAGMENT_CACHE_SECONDS:
            cache.set(key, found, settings.FRAGMENT_CACHE_SECONDS)
    return found


def context(request):
    """Template context: the fragment timeout, the content version and the site settings
    (each looked up only when a template uses it)."""
    if getattr(request, "is_preview", False):
        # An editor's preview renders a draft: nothing read from or kept in the cache.
        return {
            "fragment_seconds": 0,
            "content_version": f"preview-{uuid.uuid4()}",
            "fragment_site": "",
        }
    return {
        "fragment_seconds": settings.FRAGMENT_CACHE_SECONDS,
        "content_version": SimpleLazyObject(lambda: version_of(CONTENT)),
        "fragment_site": SimpleLazyObject(lambda: getattr(site_for(request), "pk", "")),
        "site_settings": SimpleLazyObject(lambda: site_settings_for(request)),
    }
