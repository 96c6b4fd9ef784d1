"""Which Wagtail site serves a request, without a query on most requests.

Wagtail's `Site.find_for_request` runs its lookup query (hostname, port, default site) on
every request: a quarter of the time of a page whose fragments are all cached. The answer
changes only when a site is saved or deleted, which replaces the STRUCTURE version that
is part of every area's version (`portal.versions`, `portal.signals`); so each process
remembers it in its "fragments" cache under the version of "routes", as it remembers the
routes themselves, and asks Wagtail again after any such change. With fragments off
(FRAGMENT_CACHE_SECONDS=0) every request asks Wagtail.
"""

from django.conf import settings
from django.core.cache import caches
from wagtail.models import Site

from portal.versions import version_of

_NO_SITE = "none"


def site_for(request):
    """`Site.find_for_request(request)`, with its root page, remembered per process."""
    if request is None:
        return None
    if hasattr(request, "portal_site"):
        return request.portal_site
    if settings.FRAGMENT_CACHE_SECONDS <= 0 or getattr(request, "is_preview", False):
        request.portal_site = Site.find_for_request(request)
        return request.portal_site
    key = f"site:v{version_of('routes')}:{request.get_host()}:{request.get_port()}"
    cache = caches["fragments"]
    site = cache.get(key)
    if site is None:
        site = Site.find_for_request(request) or _NO_SITE
        cache.set(key, site, settings.FRAGMENT_CACHE_SECONDS)
    request.portal_site = None if site == _NO_SITE else site
    return request.portal_site
