"""A visitor reads the site-wide pages: home, standard pages, locations, 404."""

import re

import pytest
from django.urls import reverse
from wagtail.models import PageViewRestriction

from tests.factories.news import NewsIndexPageFactory, NewsPageFactory
from tests.factories.portal import (
    LocationFactory,
    LocationIndexPageFactory,
    StandardPageFactory,
)

pytestmark = pytest.mark.django_db


def test_home_page_greets_in_polish_with_hero_and_locations(client, home_page):
    LocationFactory(name="LOEiIS Świebodzin", town="Świebodzin")

    response = client.get("/")

    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="pl">' in html
    assert "Przejdź do treści" in html  # the skip link, translated
    assert home_page.hero_heading in html
    assert "LOEiIS Świebodzin" in html


def test_menu_lists_pages_marked_for_menus_and_marks_the_current_one(client, home_page):
    about = StandardPageFactory(parent=home_page, title="O nas", slug="o-nas")
    StandardPageFactory(parent=home_page, title="Ukryta", slug="ukryta", show_in_menus=False)

    html = client.get(about.url).content.decode()

    nav = html.split('class="main-nav"', 1)[1].split("</nav>", 1)[0]
    assert 'href="/o-nas/" aria-current="page">O nas' in nav
    assert "Ukryta" not in nav


def test_the_menu_leaves_out_a_page_with_a_view_restriction(client, home_page):
    StandardPageFactory(parent=home_page, title="O nas", slug="o-nas")
    private = StandardPageFactory(parent=home_page, title="Dla kadry", slug="dla-kadry")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)

    html = client.get("/").content.decode()

    nav = html.split('class="main-nav"', 1)[1].split("</nav>", 1)[0]
    assert ">O nas<" in nav
    assert "Dla kadry" not in nav


def test_the_home_page_links_to_a_news_index_that_is_not_its_child(client, home_page):
    section = StandardPageFactory(parent=home_page, title="Centrum", slug="centrum")
    news_index = NewsIndexPageFactory(parent=section, slug="wiadomosci")
    NewsPageFactory(parent=news_index, title="Nowy nabór")

    html = client.get("/").content.decode()

    assert "Nowy nabór" in html
    assert '<a href="/centrum/wiadomosci/">Wszystkie aktualności</a>' in html


def test_the_home_page_links_to_the_public_news_index_not_a_restricted_one(client, home_page):
    section = StandardPageFactory(parent=home_page, title="Centrum", slug="centrum")
    public = NewsIndexPageFactory(parent=section, slug="wiadomosci")
    NewsPageFactory(parent=public, title="Nowy nabór")
    private = NewsIndexPageFactory(parent=home_page, slug="dla-kadry", show_in_menus=False)
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)

    html = client.get("/").content.decode()

    assert '<a href="/centrum/wiadomosci/">Wszystkie aktualności</a>' in html
    assert "/dla-kadry/" not in html


def test_standard_page_renders_every_block_type(client, home_page, standard_page_with_all_blocks):
    html = client.get(standard_page_with_all_blocks.url).content.decode()

    assert "<h2>Nasze cele</h2>" in html
    assert "Rozwijamy przedsiębiorczość społeczną" in html
    assert 'alt="Uczestnicy warsztatów przy stole"' in html
    assert "<blockquote>" in html and "Koordynatorka" in html
    assert 'class="button" href="/o-nas/"' in html
    assert "Regulamin rekrutacji" in html and "download" in html
    assert "<caption>Harmonogram</caption>" in html and 'scope="col"' in html
    assert '<iframe title="Film o spółdzielni"' in html


def test_breadcrumbs_show_the_path_to_a_nested_page(client, home_page):
    parent = StandardPageFactory(parent=home_page, title="Oferta", slug="oferta")
    child = StandardPageFactory(parent=parent, title="Dotacje", slug="dotacje")

    html = client.get(child.url).content.decode()

    crumbs = html.split('aria-label="Okruszki"', 1)[1].split("</nav>", 1)[0]
    assert crumbs.index("Strona główna") < crumbs.index("Oferta") < crumbs.index("Dotacje")
    assert 'aria-current="page">Dotacje' in crumbs


def test_locations_page_lists_address_hours_contact_and_accessibility(client, home_page):
    index = LocationIndexPageFactory(parent=home_page)
    LocationFactory(
        name="LOEiIS Dobiegniew",
        town="Dobiegniew",
        street="ul. Kościuszki 20",
        postcode="66-520",
        opening_hours="Pon–pt 8:00–16:00\nWt do 18:00",
        accessibility="<p>Pętla indukcyjna w sali.</p>",
    )

    html = client.get(index.url).content.decode()

    assert "ul. Kościuszki 20, 66-520 Dobiegniew" in html
    assert "Pon–pt 8:00–16:00<br>Wt do 18:00" in html
    assert "Pętla indukcyjna w sali." in html
    assert "openstreetmap.org" in html


def test_unknown_address_answers_404_in_the_site_look(client, home_page):
    response = client.get("/nie-ma-takiej-strony/")

    assert response.status_code == 404
    html = response.content.decode()
    assert "Nie znaleziono strony" in html
    assert 'class="site-header"' in html


def test_server_error_page_renders_without_request_context(rf):
    from portal.views import server_error

    response = server_error(rf.get("/"))

    assert response.status_code == 500
    assert '<html lang="pl">' in response.content.decode()


def test_robots_txt_points_to_the_sitemap_and_hides_private_areas(client, home_page):
    response = client.get("/robots.txt")

    body = response.content.decode()
    assert response["Content-Type"].startswith("text/plain")
    assert "Disallow: /intranet/" in body
    assert "Sitemap: http://testserver/sitemap.xml" in body


def test_sitemap_lists_live_pages_only(client, home_page):
    about = StandardPageFactory(parent=home_page, slug="o-nas", title="O nas")
    about.save_revision().publish()
    StandardPageFactory(parent=home_page, slug="szkic", title="Szkic", live=False)

    body = client.get(reverse("sitemap")).content.decode()

    assert "/o-nas/" in body
    assert "/szkic/" not in body
    assert "<lastmod>" in body


def test_every_page_names_its_icon_and_shows_the_logo(client, home_page):
    from django.contrib.staticfiles import finders

    html = client.get(home_page.url).content.decode()

    assert '<link rel="icon" href="/static/favicon.svg"' in html
    assert 'class="site-brand__logo" src="/static/img/logo.svg"' in html
    assert finders.find("favicon.svg") and finders.find("img/logo.svg")


def test_a_logo_and_icon_set_in_site_settings_replace_the_defaults_at_once(client, home_page):
    from wagtail.images.models import Image
    from wagtail.images.tests.utils import get_test_image_file
    from wagtail.models import Site

    from portal.models import SiteSettings

    client.get(home_page.url)  # the header and head fragments are now cached
    settings_ = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings_.logo = Image.objects.create(title="Logo", file=get_test_image_file(size=(300, 120)))
    settings_.favicon = Image.objects.create(
        title="Ikona", file=get_test_image_file(size=(400, 400))
    )
    settings_.save()

    html = client.get(home_page.url).content.decode()

    assert "/static/favicon.svg" not in html
    assert "/static/img/logo.svg" not in html
    logo = re.search(
        r'<img class="site-brand__logo" src="([^"]+)" alt="" width="(\d+)" height="(\d+)"', html
    )
    assert logo and (logo[2], logo[3]) == ("240", "96")  # the logo's proportions kept
    assert re.search(r'<link rel="icon" href="[^"]+\.png" sizes="32x32" type="image/png">', html)
    assert re.search(r'<link rel="apple-touch-icon" href="[^"]+\.png">', html)
