"""A reader opens a news item: lead, image, body, categories, related news, share data."""

import json
import re

import pytest
from wagtail.rich_text import RichText

from tests.factories.news import NewsCategoryFactory, NewsPageFactory, news_image

pytestmark = pytest.mark.django_db


def json_ld(html):
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(block.group(1))


def test_news_page_shows_date_author_lead_and_body(client, news_index):
    news = NewsPageFactory(
        parent=news_index,
        title="Nowa spółdzielnia w Kożuchowie",
        author="Jan Kowalski",
        intro="Pięć nowych miejsc pracy.",
        body=[("paragraph", RichText("<p>Spółdzielnia będzie prowadzić catering.</p>"))],
    )

    html = client.get(news.url).content.decode()

    assert "<h1>Nowa spółdzielnia w Kożuchowie</h1>" in html
    assert "Jan Kowalski" in html
    assert "Pięć nowych miejsc pracy." in html
    assert "Spółdzielnia będzie prowadzić catering." in html
    assert f'datetime="{news.date:%Y-%m-%d}"' in html


def test_main_image_is_responsive_in_modern_formats_without_layout_shift(client, news_index):
    news = NewsPageFactory(
        parent=news_index,
        main_image=news_image(),
        main_image_alt="Członkinie spółdzielni w kuchni",
        main_image_caption="Fot. OWES",
    )

    html = client.get(news.url).content.decode()

    figure = html.split('class="news-article__image"', 1)[1].split("</figure>", 1)[0]
    assert 'type="image/webp"' in figure and "srcset=" in figure
    assert 'alt="Członkinie spółdzielni w kuchni"' in figure
    img = re.search(r"<img[^>]+>", figure).group(0)
    assert re.search(r'width="\d+"', img) and re.search(r'height="\d+"', img)
    assert "Fot. OWES" in figure


def test_image_without_alt_text_is_refused(news_index):
    from django.core.exceptions import ValidationError

    news = NewsPageFactory.build(main_image=news_image(), main_image_alt="")

    with pytest.raises(ValidationError) as error:
        news.clean()
    assert "main_image_alt" in error.value.message_dict


def test_share_metadata_and_news_article_json_ld(client, news_index):
    news = NewsPageFactory(
        parent=news_index,
        title="Seminarium sieciujące",
        intro="Ponad 120 gości.",
        author="Anna Nowak",
        main_image=news_image(),
        main_image_alt="Sala pełna gości",
    )

    html = client.get(news.url).content.decode()

    assert '<meta property="og:type" content="article">' in html
    assert '<meta property="og:title" content="Seminarium sieciujące">' in html
    assert re.search(r'<meta property="og:image" content="http://testserver/[^"]+">', html)
    assert '<meta name="twitter:card" content="summary_large_image">' in html
    assert '<link rel="canonical" href="http://localhost/aktualnosci/' in html
    data = json_ld(html)
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "Seminarium sieciujące"
    assert data["author"] == {"@type": "Person", "name": "Anna Nowak"}
    assert data["image"][0].startswith("http://testserver/")


def test_json_ld_cannot_be_broken_out_of(client, news_index):
    news = NewsPageFactory(parent=news_index, title="</script><script>alert(1)</script>")

    html = client.get(news.url).content.decode()

    assert "<script>alert(1)</script>" not in html
    assert json_ld(html)["headline"].startswith("</script>")


def test_related_news_are_the_three_newest_of_the_same_category(client, news_index):
    grants = NewsCategoryFactory(name="Dotacje", slug="dotacje")
    other = NewsCategoryFactory(name="Szkolenia", slug="szkolenia")
    news = NewsPageFactory(parent=news_index, title="Główna", categories=[grants])
    related = [
        NewsPageFactory(parent=news_index, title=f"Dotacje {n}", categories=[grants])
        for n in range(4)
    ]
    NewsPageFactory(parent=news_index, title="Szkolenie", categories=[other])

    html = client.get(news.url).content.decode()

    section = html.split('id="related-news-heading"', 1)[1]
    shown = re.findall(r'class="news-card__title"><a href="[^"]+">([^<]+)</a>', section)
    newest_first = sorted(related, key=lambda page: page.date, reverse=True)
    assert shown == [page.title for page in newest_first[:3]]


@pytest.mark.usefixtures("fragments_off")
@pytest.mark.parametrize("related_count", [0, 10], ids=["no-related", "10-related"])
def test_news_page_query_count_is_constant(
    client, news_index, django_assert_max_num_queries, related_count
):
    category = NewsCategoryFactory()
    image = news_image()
    news = NewsPageFactory(
        parent=news_index, categories=[category], main_image=image, main_image_alt="x"
    )
    for _ in range(related_count):
        NewsPageFactory(
            parent=news_index, categories=[category], main_image=image, main_image_alt="x"
        )
    client.get(news.url)

    with django_assert_max_num_queries(12):
        assert client.get(news.url).status_code == 200
