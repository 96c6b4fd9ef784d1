"""RSS 2.0 and Atom feeds of the news section (Django's syndication framework)."""

import datetime

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.timezone import get_current_timezone

from news import selectors


class NewsRssFeed(Feed):
    feed_type = Rss201rev2Feed

    def __init__(self, index_page):
        super().__init__()
        self.index_page = index_page

    def get_object(self, request, *args, **kwargs):
        self.request = request
        return self.index_page

    def title(self, index_page):
        return index_page.title

    def link(self, index_page):
        return index_page.get_url(self.request)

    def description(self, index_page):
        return index_page.intro or index_page.title

    def items(self, index_page):
        return selectors.feed_news(index_page)

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.intro

    def item_link(self, item):
        return item.get_url(self.request)

    def item_pubdate(self, item):
        published = item.first_published_at
        if published is not None:
            return published
        return datetime.datetime.combine(item.date, datetime.time(), get_current_timezone())

    def item_updateddate(self, item):
        return item.last_published_at

    def item_author_name(self, item):
        return item.author or None

    def item_categories(self, item):
        return [category.name for category in item.categories.all()]


class NewsAtomFeed(NewsRssFeed):
    feed_type = Atom1Feed
    subtitle = NewsRssFeed.description
