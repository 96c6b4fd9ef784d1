"""Wagtail's page routing, remembered until the content changes.

For each request Wagtail finds the site by host name (one query) and walks the page tree
from the site's root, one query per path segment and one more per page for its specific
type: four to six queries before a page starts rendering. This middleware keeps the
outcome — which site, which page — in the process's "fragments" cache under the
version of the "routes" area (`portal.versions`: replaced when pages are saved,
published, unpublished, moved or deleted and when sites or view restrictions change) and then loads
only the page itself, in one query. Wagtail reads both answers from the request
(`request._wagtail_site`, `request._wagtail_route_for_request`), so its serve view,
its own view-restriction check (never cached here: a security decision) and hooks run
unchanged. A page that is not live is never
served: `page.route()` checks it.
"""

import hashlib

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import caches
from django.http import Http404
from django.http.request import split_domain_port
from wagtail import views as wagtail_views
from wagtail.models import Page, Site

from portal.versions import version_of


def _enabled() -> bool:
    return settings.FRAGMENT_CACHE_SECONDS > 0


def site_for(request):
    """The request's Wagtail site, from the cache when current (also for Wagtail's own
    `Site.find_for_request`, which reads `request._wagtail_site`)."""
    if hasattr(request, "_wagtail_site"):
        return request._wagtail_site
    if not _enabled():
        return Site.find_for_request(request)
    hostname = split_domain_port(request._get_raw_host())[0]
    key = f"route-site:v{version_of()}:{hostname}:{request.get_port()}"
    site = caches["fragments"].get(key)
    if site is None:
        site = Site.find_for_request(request)
        if site is not None:
            caches["fragments"].set(key, site, settings.FRAGMENT_CACHE_SECONDS)
    request._wagtail_site = site
    return site


def _route(request, site, path):
    components = [component for component in path.split("/") if component]
    # Hashed: a path may be long or hold spaces, which cache keys must not.
    digest = hashlib.sha256("/".join(components).encode()).hexdigest()
    key = f"route:v{version_of('routes')}:{site.pk}:{digest}"
    found = caches["fragments"].get(key)
    if found is not None:
        content_type_id, page_id, depth = found
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        page = model.objects.filter(pk=page_id).first()
        if page is not None:
            try:
                return page.route(request, components[depth:])
            except Http404:
                return None
    result = Page.route_for_request(request, path)
    if result is not None:
        page = result[0]
        depth = page.depth - site.root_page.depth
        caches["fragments"].set(
            key, (page.content_type_id, page.pk, depth), settings.FRAGMENT_CACHE_SECONDS
        )
    return result


class CachedRouteMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not _enabled() or request.method not in ("GET", "HEAD"):
            return None
        if view_func is not wagtail_views.serve:
            return None
        site = site_for(request)
        if site is None:
            return None
        path = view_kwargs.get("path", view_args[0] if view_args else "")
        request._wagtail_route_for_request = _route(request, site, path)
        return None
