"""Keeping the directory's search index in step with published profiles (after commit).

The one kind of receiver the style allows: a derived copy kept in sync. Connected only
when ELASTICSEARCH_URL is set.
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.signals import published, unpublished


def _sync_later(sender, instance, **kwargs):
    from directory.search_es import entity_sync

    entity_id = instance.pk
    transaction.on_commit(lambda: entity_sync(entity_id))


def _sync_if_entity(sender, instance, **kwargs):
    from directory.models import Entity

    if isinstance(instance, Entity):
        _sync_later(sender, instance)


def connect():
    from directory.models import Entity

    post_save.connect(_sync_later, sender=Entity, dispatch_uid="directory-index-save")
    post_delete.connect(_sync_later, sender=Entity, dispatch_uid="directory-index-delete")
    published.connect(_sync_if_entity, dispatch_uid="directory-index-published")
    unpublished.connect(_sync_if_entity, dispatch_uid="directory-index-unpublished")


def disconnect():
    from directory.models import Entity

    post_save.disconnect(sender=Entity, dispatch_uid="directory-index-save")
    post_delete.disconnect(sender=Entity, dispatch_uid="directory-index-delete")
    published.disconnect(dispatch_uid="directory-index-published")
    unpublished.disconnect(dispatch_uid="directory-index-unpublished")
