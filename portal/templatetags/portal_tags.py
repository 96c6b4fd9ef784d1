import re

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

from portal import selectors
from portal.routing import ancestors_below_home
from portal.sites import site_for

register = template.Library()


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context):
    request = context.get("request")
    site = site_for(request)
    current = context.get("page")
    current_path = current.url_path if current is not None else None
    items = []
    for menu_page in selectors.menu_pages(site, request):
        items.append(
            {
                "page": menu_page,
                "is_current": current_path == menu_page.url_path,
                "is_ancestor": bool(current_path)
                and current_path != menu_page.url_path
                and current_path.startswith(menu_page.url_path),
            }
        )
    return {"items": items, "request": request}


@register.simple_tag(takes_context=True)
def page_url(context, page, url_name=None, *args, **kwargs):
    """`{% pageurl page %}`, or with a URL name Wagtail's `{% routablepageurl %}` (one of a
    RoutablePage's own URLs), finding the site as the routing does (portal.sites): Wagtail's
    tags look it up again in the database where no fragment around them is cached."""
    request = context["request"]
    url = page.relative_url(site_for(request), request)
    if url_name is None:
        return url
    if not url.endswith("/"):
        url += "/"
    return url + page.reverse_subpage(url_name, args=args, kwargs=kwargs)


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, page):
    """Home, the page's ancestors below the home page, then the page itself."""
    ancestors = ancestors_below_home(context.get("request"), page)
    return {"ancestors": ancestors, "page": page, "request": context.get("request")}


@register.filter
def iframe_title(html, title):
    """Give an embedded iframe the accessible name it needs when the provider sent none."""
    if not html or "<iframe" not in html or re.search(r"<iframe[^>]*\stitle=", html):
        return mark_safe(html or "")  # noqa: S308 - embed HTML from the trusted finder
    return mark_safe(  # noqa: S308
        html.replace("<iframe", f'<iframe title="{escape(title)}"', 1)
    )


@register.simple_tag(takes_context=True)
def area_version(context, *areas, **ids):
    """The version of the cache areas a fragment shows, for its `{% cache %}` key:
    `{% area_version "news" page=page.pk as version %}` is the version of "news" and
    "page:<pk>". In an editor's preview, a version nobody else has."""
    from portal import versions

    if not context.get("fragment_seconds"):
        return context.get("content_version", "off")
    names = [*areas, *(f"{name}:{value}" for name, value in ids.items())]
    return versions.version_of(*names)
