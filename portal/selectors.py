"""Read-side queries of the site-wide pages; each returns ready-to-render querysets."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef
from django.db.models.functions import Length, Substr
from django.utils.functional import SimpleLazyObject
from wagtail.models import Page, PageViewRestriction, Site

from portal import versions
from portal.models.locations import Location


def without_restricted(pages):
    """Live pages without a view restriction on them or an ancestor, in the same query.

    Wagtail's `.public()` loads every restriction first (one more query each time it is
    used); this NOT EXISTS subquery keeps a page's query count constant.
    """
    restricted = PageViewRestriction.objects.filter(
        page__path=Substr(OuterRef("path"), 1, Length("page__path"))
    )
    return pages.filter(~Exists(restricted))


def locations_list():
    return Location.objects.all()


def menu_pages(site: Site):
    """The live, public pages shown in the main menu: the root page's menu children."""
    if site is None:
        return Page.objects.none()
    return without_restricted(site.root_page.get_children().live().in_menu())


def home_page_sections(page) -> dict:
    """What the home page shows besides its own fields: the centres and the sections the
    feature apps registered (`portal.registry`), each looked up only when its cached
    fragment is missing, so a warm home page costs no query for them (and one read of
    the versions of all its fragments)."""
    from portal.registry import home_sections

    sections = home_sections()
    versions.prefetch(f"page:{page.pk}", "locations", *(section.area for section in sections))
    index_pages = SimpleLazyObject(
        lambda: first_live_page_of_each([s.index_model for s in sections if s.index_model])
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


def first_live_page_of_each(models) -> dict:
    """The first live page (in tree order) of each of these page types, in one query."""
    if not models:
        return {}
    by_type = {ContentType.objects.get_for_model(model).pk: model for model in models}
    found = {}
    for page in Page.objects.live().filter(content_type_id__in=by_type).order_by("path"):
        found.setdefault(by_type[page.content_type_id], page)
    return found
