"""Read-side queries of the site-wide pages; each returns ready-to-render querysets."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Length, Substr
from django.utils.functional import SimpleLazyObject
from wagtail.models import Page, PageViewRestriction, Site

from portal import versions
from portal.models.locations import Location
from portal.sites import site_for


def locations_list():
    return Location.objects.all()


def _restricted(relation: str = ""):
    """A view restriction on the outer page (or the page reached by `relation`, e.g.
    "event__") or one of its ancestors."""
    return Exists(
        PageViewRestriction.objects.filter(
            page__path=Substr(OuterRef(f"{relation}path"), 1, Length("page__path"))
        )
    )


def public_q(relation: str = "") -> Q:
    """No view restriction on the page (reached by `relation`) or an ancestor, in the
    same query.

    Wagtail's `.public()` loads every restriction first (one more query each time it is
    used); this NOT EXISTS subquery keeps a page's query count constant.
    """
    return Q(~_restricted(relation))


def without_restricted(pages):
    """Live pages without a view restriction on them or an ancestor (`public_q`)."""
    return pages.filter(public_q())


# Listings load only the columns they show (`.only()`): fewer columns to select, read and
# build into objects. What Wagtail reads of an image to find or make a rendition, and the
# title and description a missing alternative text falls back on:
IMAGE_COLUMNS = ("file", "file_hash", "width", "height", "focal_point_x", "focal_point_y")
IMAGE_COLUMNS += ("focal_point_width", "focal_point_height", "title", "description")
# What a link to a page, a menu item and a card's heading read of Wagtail's page columns:
LINK_COLUMNS = ("title", "url_path", "path", "depth", "content_type", "live", "show_in_menus")


def columns_of(relation: str, columns) -> list[str]:
    """`.only()` names of these columns of a related row (`select_related`)."""
    return [f"{relation}__{column}" for column in columns]


def own_columns(model, *, but=()) -> list[str]:
    """`.only()` names of a page type's own columns (not Wagtail's page columns), but
    these."""
    return [
        field.name
        for field in model._meta.local_concrete_fields
        if not field.primary_key and field.name not in but
    ]


def home_children(request, site: Site) -> list:
    """The site's home page's live children, each with `restricted` (a view restriction
    covers it), in tree order: read once per request for the main menu and the home
    page's links to the index pages of its sections."""
    if site is None:
        return []
    found = getattr(request, "portal_home_children", None) if request else None
    if found is None or found[0] != site.pk:
        children = (
            site.root_page.get_children()
            .live()
            .only(*LINK_COLUMNS)
            .annotate(restricted=_restricted())
        )
        found = (site.pk, list(children))
        if request is not None:
            request.portal_home_children = found
    return found[1]


def menu_pages(site: Site, request=None) -> list:
    """The live, public pages shown in the main menu: the root page's menu children."""
    return [
        page for page in home_children(request, site) if page.show_in_menus and not page.restricted
    ]


def home_page_sections(page, request=None) -> dict:
    """What the home page shows besides its own fields: the centres and the sections the
    feature apps registered (`portal.registry`), each looked up only when its cached
    fragment is missing, so a warm home page costs no query for them (and one read of
    the versions of all its fragments)."""
    from portal.registry import home_sections

    sections = home_sections()
    versions.prefetch(f"page:{page.pk}", "locations", *(section.area for section in sections))
    index_pages = SimpleLazyObject(
        lambda: index_pages_of(request, page, [s.index_model for s in sections if s.index_model])
    )
    return {
        "locations": SimpleLazyObject(locations_list),
        "home_sections": [
            (
                section,
                SimpleLazyObject(section.selector),
                SimpleLazyObject(lambda model=section.index_model: index_pages.get(model)),
            )
            for section in sections
        ],
    }


def index_pages_of(request, home, models) -> dict:
    """The public index page of each of these page types: the home page's live child of
    that type without a view restriction (read with the menu), else the first such page
    of the type in tree order (one query for all the types not found so)."""
    by_type = {ContentType.objects.get_for_model(model).pk: model for model in models}
    site = site_for(request)
    found = {}
    for child in home_children(request, site) if site and home.pk == site.root_page_id else ():
        if child.content_type_id in by_type and not child.restricted:
            found.setdefault(by_type[child.content_type_id], child)
    missing = [pk for pk, model in by_type.items() if model not in found]
    if missing:
        pages = without_restricted(Page.objects.live().filter(content_type_id__in=missing))
        for page in pages.order_by("path"):
            found.setdefault(by_type[page.content_type_id], page)
    return found
