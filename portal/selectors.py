"""Read-side queries of the site-wide pages; each returns ready-to-render querysets."""

from wagtail.models import Page, Site

from portal.models.locations import Location


def locations_list():
    return Location.objects.all()


def menu_pages(site: Site):
    """The live, public pages shown in the main menu: the root page's menu children."""
    if site is None:
        return Page.objects.none()
    return site.root_page.get_children().live().public().in_menu()


def home_page_sections() -> dict:
    """What the home page shows besides its own fields: the sections' newest items."""
    from events.selectors import upcoming_events
    from news.selectors import latest_news

    return {
        "locations": locations_list(),
        "latest_news": latest_news(3),
        "upcoming_events": upcoming_events(3),
    }
