"""Keeping derived data in step: the anonymous page cache goes stale when content changes.

Like a search index, the page cache is a copy of what the public sees; these receivers
only mark it stale. No business rules live here.
"""

from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published, page_unpublished, published, unpublished

from portal.page_cache import content_changed


def connect():
    from directory.models import Entity
    from news.models import NewsCategory
    from portal.models import Location, SiteSettings

    for signal in (page_published, page_unpublished, published, unpublished):
        signal.connect(content_changed, dispatch_uid=f"page-cache-{id(signal)}")
    for model in (Entity, NewsCategory, Location, SiteSettings):
        post_save.connect(content_changed, sender=model, dispatch_uid=f"page-cache-save-{model}")
        post_delete.connect(
            content_changed, sender=model, dispatch_uid=f"page-cache-delete-{model}"
        )
    from wagtail.models import Page

    post_delete.connect(content_changed, sender=Page, dispatch_uid="page-cache-page-delete")
