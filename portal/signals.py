"""Keeping derived data in step: the page cache, the fragments and the cached routes go
stale when content changes.

Like a search index, these caches are copies of what the public sees; the receivers only
mark them stale. Publishing and unpublishing save the page or the entity, so saves and
deletions cover them; moving a page rewrites the tree without a save and has its own
signal. No business rules live here.
"""

from django.core.signals import request_finished, request_started
from django.db.models.signals import post_delete, post_save
from wagtail.signals import post_page_move

from portal import page_cache
from portal.page_cache import content_changed


def connect():
    from taggit.models import Tag
    from wagtail.images import get_image_model
    from wagtail.models import Page, PageViewRestriction, Site, get_page_models

    from directory.models import Entity
    from news.models import NewsCategory
    from portal.models import Location, SiteSettings

    request_started.connect(page_cache.request_started, dispatch_uid="content-version-start")
    request_finished.connect(page_cache.request_finished, dispatch_uid="content-version-end")

    # What pages show (entities, categories, centres, settings, images, tag names), which
    # sites exist and which pages are private: saved or deleted.
    shown = (Entity, NewsCategory, Location, SiteSettings, get_image_model(), Tag, Site)
    for model in (*shown, PageViewRestriction):
        post_save.connect(content_changed, sender=model, dispatch_uid=f"page-cache-save-{model}")
        post_delete.connect(
            content_changed, sender=model, dispatch_uid=f"page-cache-delete-{model}"
        )
    # Pages: any save (a draft, a publication, an alias created), a deletion, a move.
    for model in get_page_models():
        post_save.connect(content_changed, sender=model, dispatch_uid=f"page-cache-save-{model}")
    post_delete.connect(content_changed, sender=Page, dispatch_uid="page-cache-page-delete")
    post_page_move.connect(content_changed, dispatch_uid="page-cache-page-move")
