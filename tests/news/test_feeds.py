"""The media follow the news in a feed reader: RSS 2.0 and Atom, absolute links."""

import feedparser
import pytest

from tests.factories.news import NewsPageFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("route", "version"), [("rss", "rss20"), ("atom", "atom10")], ids=str)
def test_feed_parses_and_lists_the_20_latest_items_with_absolute_links(
    client, news_index, route, version
):
    for number in range(22):
        NewsPageFactory(parent=news_index, title=f"Wiadomość {number}")

    response = client.get(f"{news_index.url}{route}/")

    feed = feedparser.parse(response.content)
    assert response.status_code == 200
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == version
    assert len(feed.entries) == 20
    assert feed.entries[0].title == "Wiadomość 0"
    assert all(entry.link.startswith("http://testserver/aktualnosci/") for entry in feed.entries)


def test_feed_never_carries_drafts_or_private_news(client, news_index):
    from wagtail.models import PageViewRestriction

    NewsPageFactory(parent=news_index, title="Szkic", live=False)
    private = NewsPageFactory(parent=news_index, title="Prywatna")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    NewsPageFactory(parent=news_index, title="Publiczna")

    feed = feedparser.parse(client.get(f"{news_index.url}rss/").content)

    assert [entry.title for entry in feed.entries] == ["Publiczna"]
