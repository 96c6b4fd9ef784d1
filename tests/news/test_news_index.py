"""The public reads the news: newest first, 10 a page, filtered by category or tag."""

import datetime

import pytest
from django.utils import timezone

from tests.factories.news import NewsCategoryFactory, NewsPageFactory

pytestmark = pytest.mark.django_db


def titles_in(html):
    return [
        part.split("</a>")[0].split(">")[-1] for part in html.split('class="news-card__title"')[1:]
    ]


def test_newest_news_come_first_ten_per_page(client, news_index):
    today = timezone.localdate()
    for age in range(12):
        NewsPageFactory(
            parent=news_index, title=f"Dzień {age}", date=today - datetime.timedelta(days=age)
        )

    first = client.get(news_index.url).content.decode()
    second = client.get(news_index.url, {"page": 2}).content.decode()

    assert titles_in(first) == [f"Dzień {age}" for age in range(10)]
    assert titles_in(second) == ["Dzień 10", "Dzień 11"]
    assert 'aria-label="Stronicowanie"' in first
    # The page and the number of all news come from one query (COUNT(*) OVER ()).
    assert "Strona 1 z 2" in first and "Strona 2 z 2" in second
    assert client.get(news_index.url, {"page": 3}).status_code == 404


def test_an_index_without_news_says_so(client, news_index):
    html = client.get(news_index.url).content.decode()

    assert "Nie opublikowano jeszcze żadnych wiadomości." in html
    assert client.get(news_index.url, {"page": 2}).status_code == 404


def test_category_filter_is_a_shareable_url(client, news_index):
    grants = NewsCategoryFactory(name="Dotacje", slug="dotacje")
    NewsPageFactory(parent=news_index, title="Nabór dotacji", categories=[grants])
    NewsPageFactory(parent=news_index, title="Szkolenie z marketingu")

    html = client.get(news_index.url, {"kategoria": "dotacje"}).content.decode()

    assert titles_in(html) == ["Nabór dotacji"]
    assert 'href="/aktualnosci/?kategoria=dotacje" aria-current="page"' in html


def test_tag_filter_shows_only_tagged_news(client, news_index):
    NewsPageFactory(parent=news_index, title="Biznesplan krok po kroku", tags=["biznesplan"])
    NewsPageFactory(parent=news_index, title="Inna wiadomość")

    html = client.get(news_index.url, {"tag": "biznesplan"}).content.decode()

    assert titles_in(html) == ["Biznesplan krok po kroku"]


def test_a_category_and_a_tag_together_list_the_news_with_both(client, news_index):
    grants = NewsCategoryFactory(name="Dotacje", slug="dotacje")
    NewsPageFactory(
        parent=news_index, title="Dotacje i biznesplan", categories=[grants], tags=["biznesplan"]
    )
    NewsPageFactory(parent=news_index, title="Same dotacje", categories=[grants])
    NewsPageFactory(parent=news_index, title="Sam biznesplan", tags=["biznesplan"])

    html = client.get(
        news_index.url, {"kategoria": "dotacje", "tag": "biznesplan"}
    ).content.decode()

    assert titles_in(html) == ["Dotacje i biznesplan"]


def test_empty_category_says_so_politely(client, news_index):
    NewsCategoryFactory(name="Partnerstwa", slug="partnerstwa")
    NewsPageFactory(parent=news_index)

    response = client.get(news_index.url, {"kategoria": "partnerstwa"})

    assert response.status_code == 200
    assert "Nie ma tu jeszcze wiadomości" in response.content.decode()


@pytest.mark.parametrize(
    "params",
    [
        {"kategoria": "nie-ma"},
        {"tag": "nie-ma-taga"},
        {"tag": "<script>"},
        {"page": "abc"},
        {"page": "99999"},
        {"page": "-1"},
    ],
    ids=[
        "unknown-category",
        "unknown-tag",
        "script-tag",
        "page-abc",
        "page-too-far",
        "page-negative",
    ],
)
def test_bad_filters_and_pages_are_404_not_500(client, news_index, params):
    NewsPageFactory(parent=news_index)

    assert client.get(news_index.url, params).status_code == 404


def test_drafts_and_private_news_are_never_listed(client, news_index):
    from wagtail.models import PageViewRestriction

    NewsPageFactory(parent=news_index, title="Szkic", live=False)
    private = NewsPageFactory(parent=news_index, title="Prywatna")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    NewsPageFactory(parent=news_index, title="Publiczna")

    assert titles_in(client.get(news_index.url).content.decode()) == ["Publiczna"]


@pytest.mark.usefixtures("fragments_off")
@pytest.mark.parametrize("count", [1, 50], ids=["1-news", "50-news"])
def test_index_query_count_is_constant(client, news_index, django_assert_max_num_queries, count):
    from tests.factories.news import news_image

    category = NewsCategoryFactory()
    image = news_image()
    for _ in range(count):
        NewsPageFactory(
            parent=news_index, categories=[category], main_image=image, main_image_alt="x"
        )
    client.get(news_index.url)  # renditions are generated once, on the first view

    # The menu, site and settings, Wagtail's routing and view-restriction check, then the
    # categories, the page of news with their number, their categories and renditions.
    with django_assert_max_num_queries(11):
        assert client.get(news_index.url).status_code == 200
