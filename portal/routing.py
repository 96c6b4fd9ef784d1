"""Wagtail's page routing in fewer queries, through Wagtail's public API only.

Wagtail's serve view walks the page tree from the site's root, two queries per path
segment (the child, then its specific type): six for /aktualnosci/wiadomosc/ before the
page starts rendering. `serve` here is mounted under Wagtail's own URL name
(`wagtail_serve`, portal/urls.py) and finds the same page in two: every page on the path
at once (by `url_path`), then the last one's specific type. It follows Wagtail's walk
exactly: a page whose `route()` is not Wagtail's plain walk to a child — a RoutablePage
whose own URLs match the rest of the path, or any other custom `route()` — is handed the
rest of the path, and the page found still decides in its own `route()` (only live pages
are served). The outcome (the page as found, how many segments it took, its ancestors) is
remembered in the process's "fragments" cache under the version of the "routes" area
(`portal.versions`: replaced when pages are saved, published, unpublished, moved or
deleted and when sites or view restrictions change), so a warm route costs no query. Then the
`before_serve_page` and `on_serve_page` hooks run as in Wagtail's serve view — its
view-restriction check among them, never cached: a security decision.

The pages found on the way are the page's ancestors: the breadcrumbs and a news item's
links to its index read them from here (`ancestors_below_home`, `parent_of`) instead of
asking the database again.
"""

import hashlib

from django.conf import settings
from django.core.cache import caches
from django.http import Http404, HttpResponse
from wagtail import hooks
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page

from portal.selectors import LINK_COLUMNS
from portal.sites import site_for
from portal.versions import version_of

HOME_DEPTH = 2  # the tree's root is at depth 1, a site's home page below it


def _enabled() -> bool:
    return settings.FRAGMENT_CACHE_SECONDS > 0


def _passes_to_a_child(page, remaining) -> bool:
    """Whether `page.route(request, remaining)` would only look for the child named by
    `remaining[0]`, as Wagtail's default `Page.route` does."""
    model = page.specific_class or Page
    if model.route is Page.route:
        return True
    if issubclass(model, RoutablePageMixin) and model.route is RoutablePageMixin.route:
        if not page.live:
            return True
        try:
            model.get_resolver().resolve("/" + "/".join(remaining) + "/")
        except Http404:  # no URL of its own: it walks on to its child
            return True
    return False


def _walk(request, site, components):
    """The specific page that routes `components` and how many of them led to it."""
    root = site.root_page
    prefixes = [
        root.url_path + "".join(f"{part}/" for part in components[:count])
        for count in range(1, len(components) + 1)
    ]
    on_path = {
        page.url_path: page
        for page in Page.objects.filter(
            path__startswith=root.path,
            depth__gt=root.depth,
            depth__lte=root.depth + len(components),
            url_path__in=prefixes,
        ).only(*LINK_COLUMNS)  # the ancestors are links; the page itself is read in full
    }
    page, chain = root, []
    for count, prefix in enumerate(prefixes):
        if not _passes_to_a_child(page, components[count:]):
            break
        page = on_path.get(prefix)
        if page is None:
            raise Http404
        chain.append(page)
    if root.depth == HOME_DEPTH:
        request.portal_route_ancestors = (chain[-1].pk if chain else root.pk, chain[:-1])
    return page.specific, len(chain)


def _route(request, site, path):
    components = [component for component in path.split("/") if component]
    # Hashed: a path may be long or hold spaces, which cache keys must not.
    digest = hashlib.sha256("/".join(components).encode()).hexdigest()
    key = f"route:v{version_of('routes')}:{site.pk}:{digest}"
    found = caches["fragments"].get(key) if _enabled() else None
    if found is not None:
        # The page itself, as the walk found it: every save of a page replaces "routes".
        page, taken, ancestors = found
        if ancestors is not None:
            request.portal_route_ancestors = ancestors
    else:
        page, taken = _walk(request, site, components)
        if _enabled():
            ancestors = getattr(request, "portal_route_ancestors", None)
            caches["fragments"].set(key, (page, taken, ancestors), settings.FRAGMENT_CACHE_SECONDS)
    return page.route(request, components[taken:])


def route(request, path):
    """Wagtail's `Page.route_for_request(request, path)`, in fewer queries: the page, args
    and kwargs that serve `path`, or None."""
    site = site_for(request)
    if site is None:
        return None
    try:
        return _route(request, site, path)
    except Http404:
        return None


def ancestors_below_home(request, page) -> list:
    """The page's ancestors between the home page and itself, top first: those the
    routing found, else one query (none for a page right below the home page)."""
    found = getattr(request, "portal_route_ancestors", None) if request else None
    if found is not None and found[0] == page.pk:
        return found[1]
    return list(page.get_ancestors().filter(depth__gt=HOME_DEPTH)) if page.depth > 3 else []


def parent_of(request, page):
    """The page's parent, without a query when the routing found it."""
    ancestors = ancestors_below_home(request, page)
    return ancestors[-1] if ancestors else page.get_parent()


def _serve_chain(page, request, args, kwargs):
    return page.serve(request, *args, **kwargs)


def serve(request, path):
    """Wagtail's serve view (wagtail.views.serve) with the routing above."""
    found = route(request, path)
    if found is None:
        raise Http404
    page, args, kwargs = found
    on_serve_chain = _serve_chain
    for fn in reversed(hooks.get_hooks("on_serve_page")):
        on_serve_chain = fn(on_serve_chain)
    for fn in hooks.get_hooks("before_serve_page"):
        result = fn(page, request, args, kwargs)
        if isinstance(result, HttpResponse):
            return result
    return on_serve_chain(page, request, args, kwargs)
