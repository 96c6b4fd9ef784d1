"""Keeping derived data in step: cached fragments, pages and routes go stale when what they
show changes — and only those.

Like a search index, these caches are copies of what the public sees; the receivers only
replace the versions of the areas a change touches (`portal.versions`). Which areas a
model's change touches is declared in `portal.registry`: below for the ground floor's own
models (pages, sites, settings, images, documents, embeds, tags), by each feature app for
its own. Images and documents make stale the pages and objects that refer to them
(Wagtail's reference index). Moving a page rewrites the tree without a save and has its
own signal. No business rules live here.
"""

from django.core.signals import request_finished, request_started
from django.db.models.signals import post_delete, post_save
from wagtail.signals import post_page_move

from portal import registry, versions


def changed(sender, instance, **kwargs) -> None:
    areas = registry.areas_for(instance)
    if areas:
        versions.areas_changed(*areas)


def structure_changed(*args, **kwargs) -> None:
    versions.areas_changed(versions.STRUCTURE)


def page_areas(page) -> set[str]:
    """A page's own fragments, the listing of its parent, the menus, routes and search."""
    parent_path = page.path[: -page.steplen] if page.path else ""
    return {f"page:{page.pk}", f"children:{parent_path}", "menu", "routes", "search"}


def referring_areas(instance) -> set[str]:
    """The areas of every page and object that refers to `instance` (an image, a document)."""
    from wagtail.models import Page, ReferenceIndex

    found = set()
    for source in ReferenceIndex.get_references_to(instance).group_by_source_object():
        obj = source[0]
        if isinstance(obj, Page):
            obj = obj.specific_deferred
        found |= registry.areas_for(obj) or {"site"}
    return found


def register_ground_floor() -> None:
    from taggit.models import Tag
    from wagtail.documents import get_document_model
    from wagtail.embeds.models import Embed
    from wagtail.images import get_image_model
    from wagtail.models import Page, PageViewRestriction, Site

    from portal.models import Location, SiteSettings

    registry.register_invalidation(Page, page_areas)
    registry.register_invalidation(Site, versions.STRUCTURE)
    registry.register_invalidation(PageViewRestriction, versions.STRUCTURE)
    registry.register_invalidation(SiteSettings, "site")
    registry.register_invalidation(Location, "site", "locations")
    registry.register_invalidation(get_image_model(), "images", referring_areas)
    registry.register_invalidation(get_document_model(), "documents", referring_areas)
    registry.register_invalidation(Embed, "embeds")
    registry.register_invalidation(Tag, "tags")


def connect():
    """Called by portal's AppConfig.ready(). The receivers take every model's saves and
    deletions and ask the registry (a few isinstance checks), so a feature app that
    registers later in start-up needs nothing connected for it."""
    request_started.connect(versions.request_started, dispatch_uid="area-versions-start")
    request_finished.connect(versions.request_finished, dispatch_uid="area-versions-end")
    register_ground_floor()
    post_page_move.connect(structure_changed, dispatch_uid="area-versions-page-move")
    post_save.connect(changed, dispatch_uid="area-versions-save")
    post_delete.connect(changed, dispatch_uid="area-versions-delete")
