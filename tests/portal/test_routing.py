"""The portal's page routing finds what Wagtail's own routing finds, in fewer queries."""

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, Site

from portal import routing
from tests.factories.events import EventIndexPageFactory, EventPageFactory
from tests.factories.news import NewsIndexPageFactory, NewsPageFactory
from tests.factories.portal import StandardPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree(home_page):
    events = EventIndexPageFactory(parent=home_page, slug="wydarzenia")
    EventPageFactory(parent=events, slug="spotkanie")
    # A child named like one of its parent's own URLs: Wagtail serves the parent's URL.
    EventPageFactory(parent=events, slug="archiwum")
    news = NewsIndexPageFactory(parent=home_page, slug="aktualnosci")
    NewsPageFactory(parent=news, slug="wiadomosc")
    NewsPageFactory(parent=news, slug="szkic", live=False)
    hidden = StandardPageFactory(parent=home_page, slug="ukryta", live=False)
    StandardPageFactory(parent=hidden, slug="pod-ukryta")  # live below a page that is not
    about = StandardPageFactory(parent=home_page, slug="o-nas")
    StandardPageFactory(parent=about, slug="zespol")


PATHS = [
    "",
    "wydarzenia/",
    "wydarzenia/archiwum/",
    "wydarzenia/kalendarz/",
    "wydarzenia/ical/",
    "wydarzenia/spotkanie/",
    "wydarzenia/spotkanie/ical/",
    "wydarzenia/spotkanie/zapis/abc/",
    "wydarzenia/spotkanie/nie-ma/",
    "aktualnosci/",
    "aktualnosci/rss/",
    "aktualnosci/wiadomosc/",
    "aktualnosci/szkic/",
    "aktualnosci/nie-ma/",
    "ukryta/",
    "ukryta/pod-ukryta/",
    "o-nas/",
    "o-nas/zespol/",
    "o-nas/zespol/dalej/",
    "nie-ma/",
]


def outcome(result):
    if result is None:
        return None
    page, args, kwargs = result
    if args:  # a RoutablePage's own URL: (view, args, kwargs)
        view, view_args, view_kwargs = args
        args = (view.__name__, tuple(view_args), view_kwargs)
    return (type(page).__name__, page.pk, args, kwargs)


@pytest.mark.usefixtures("tree", "fragments_off")
@pytest.mark.parametrize("path", PATHS)
def test_every_path_leads_where_wagtails_own_routing_leads(path):
    wagtails = Page.route_for_request(RequestFactory().get(f"/{path}"), path)

    with CaptureQueriesContext(connection) as queries:
        ours = routing.route(RequestFactory().get(f"/{path}"), path)

    assert outcome(ours) == outcome(wagtails)
    depth = len([part for part in path.split("/") if part])
    assert len(queries) <= 3 if depth else len(queries) <= 2  # Wagtail: 2 per level


@pytest.mark.usefixtures("tree")
@pytest.mark.parametrize("path", ["wydarzenia/spotkanie/", "aktualnosci/rss/", "o-nas/zespol/"])
def test_a_remembered_route_costs_no_query(path):
    expected = outcome(Page.route_for_request(RequestFactory().get(f"/{path}"), path))
    routing.route(RequestFactory().get(f"/{path}"), path)

    with CaptureQueriesContext(connection) as queries:
        again = routing.route(RequestFactory().get(f"/{path}"), path)

    assert outcome(again) == expected
    assert len(queries) == 0  # the page as found, and the site (portal.sites), remembered


@pytest.mark.usefixtures("tree")
def test_the_remembered_site_follows_a_change_of_the_sites_home_page(home_page):
    site = Site.objects.get(is_default_site=True)
    assert outcome(routing.route(RequestFactory().get("/o-nas/"), "o-nas/"))[0] == "StandardPage"
    new_home = StandardPageFactory(parent=home_page, slug="nowy-start")
    StandardPageFactory(parent=new_home, slug="o-nas", title="O nas (nowy serwis)")

    site.root_page = new_home
    site.save()

    found = routing.route(RequestFactory().get("/o-nas/"), "o-nas/")
    assert found[0].get_parent().pk == new_home.pk


def test_breadcrumbs_come_from_the_route(client, home_page):
    about = StandardPageFactory(parent=home_page, slug="o-nas", title="O nas")
    team = StandardPageFactory(parent=about, slug="zespol", title="Zespół")
    StandardPageFactory(parent=team, slug="zarzad", title="Zarząd")

    html = client.get("/o-nas/zespol/zarzad/").content.decode()

    crumbs = html.split('class="breadcrumbs', 1)[1].split("</nav>", 1)[0]
    assert crumbs.index("O nas") < crumbs.index("Zespół") < crumbs.index("Zarząd")
