"""Read-side queries of the site-wide pages; each returns ready-to-render querysets."""

from django.db.models import Exists, OuterRef
from django.db.models.functions import Length, Substr
from django.utils.functional import SimpleLazyObject
from wagtail.models import Page, PageViewRestriction, Site

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
    return site.root_page.get_children().live().public().in_menu()


def home_page_sections() -> dict:
    """What the home page shows besides its own fields: the sections' newest items.

    Each is looked up only when the template needs it, so a cached home page fragment
    costs no query at all."""
    from directory.selectors import recently_updated_entities
    from events.selectors import upcoming_events
    from news.selectors import latest_news

    return {
        "locations": SimpleLazyObject(locations_list),
        "latest_news": SimpleLazyObject(lambda: latest_news(3)),
        "upcoming_events": SimpleLazyObject(lambda: upcoming_events(3)),
        "directory_entities": SimpleLazyObject(lambda: recently_updated_entities(3)),
        "section_indexes": SimpleLazyObject(section_indexes),
    }


def section_indexes() -> dict:
    """The live news and events index pages (for "see all" links), in one query."""
    from django.contrib.contenttypes.models import ContentType

    from events.models import EventIndexPage
    from news.models import NewsIndexPage

    types = ContentType.objects.get_for_models(NewsIndexPage, EventIndexPage)
    pages = Page.objects.live().filter(content_type__in=types.values())
    by_type = {page.content_type_id: page for page in pages}
    return {
        "news": by_type.get(types[NewsIndexPage].pk),
        "events": by_type.get(types[EventIndexPage].pk),
    }
