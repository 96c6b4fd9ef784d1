"""Keeping derived data in step: the page cache, the fragments and the cached routes go
stale when content changes.

Like a search index, the page cache is a copy of what the public sees; these receivers
only mark it stale. No business rules live here.
"""

from django.db.models.signals import post_delete, post_save
from wagtail.signals import (
    page_published,
    page_unpublished,
    post_page_move,
    published,
    unpublished,
)

from portal import page_cache
from portal.page_cache import content_changed


def connect():
    from django.core.signals import request_finished, request_started

    request_started.connect(page_cache.request_started, dispatch_uid="content-version-start")
    request_finished.connect(page_cache.request_finished, dispatch_uid="content-version-end")
    from directory.models import Entity
    from news.models import NewsCategory
    from portal.models import Location, SiteSettings

    for signal in (page_published, page_unpublished, post_page_move, published, unpublished):
        signal.connect(content_changed, dispatch_uid=f"page-cache-{id(signal)}")
    for model in (Entity, NewsCategory, Location, SiteSettings):
        post_save.connect(content_changed, sender=model, dispatch_uid=f"page-cache-save-{model}")
        post_delete.connect(
            content_changed, sender=model, dispatch_uid=f"page-cache-delete-{model}"
        )
    from wagtail.models import Page, PageViewRestriction, Site

    post_delete.connect(content_changed, sender=Page, dispatch_uid="page-cache-page-delete")
    # Any saved page (an alias created, a draft saved) may change routes or restrictions.
    from wagtail.models import get_page_models

    for model in get_page_models():
        post_save.connect(content_changed, sender=model, dispatch_uid=f"page-cache-save-{model}")
    # Routes, menus and listings depend on which sites exist and which pages are private.
    from taggit.models import Tag
    from wagtail.images import get_image_model

    # … and which images and tag names they show.
    for model in (Site, PageViewRestriction, get_image_model(), Tag):
        post_save.connect(content_changed, sender=model, dispatch_uid=f"page-cache-save-{model}")
        post_delete.connect(
            content_changed, sender=model, dispatch_uid=f"page-cache-delete-{model}"
        )
