"""A GIN index for the directory's full-text search (PostgreSQL only) and the moderation
workflow of entity profiles: staff (Kadra) approve every change before it is public."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

INDEX_SQL = (
    "CREATE INDEX IF NOT EXISTS directory_entity_search_idx ON directory_entity "
    "USING gin (to_tsvector('simple'::regconfig, COALESCE(search_document, '')))"
)


def create_search_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(INDEX_SQL)


def drop_search_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS directory_entity_search_idx")


def create_moderation(apps, schema_editor):
    for label in ("directory", "wagtailcore"):
        app_config = apps.get_app_config(label)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")

    entity_type, _ = ContentType.objects.get_or_create(app_label="directory", model="entity")
    # Wagtail adds these for draft-state and lockable models after migrating; staff need
    # them now.
    for codename, name in [
        ("publish_entity", "Can publish entity"),
        ("lock_entity", "Can lock entity"),
        ("unlock_entity", "Can unlock entity"),
    ]:
        Permission.objects.get_or_create(
            content_type=entity_type, codename=codename, defaults={"name": name}
        )
    staff, _ = Group.objects.get_or_create(name="Kadra")
    staff.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="directory",
            codename__in=["add_entity", "change_entity", "view_entity", "publish_entity"],
        )
    )
    task_type, _ = ContentType.objects.get_or_create(
        app_label="wagtailcore", model="groupapprovaltask"
    )
    task, _ = GroupApprovalTask.objects.get_or_create(
        name="Zatwierdzenie profilu przez kadrę",
        defaults={"content_type": task_type, "active": True},
    )
    task.groups.set([staff])
    workflow, _ = Workflow.objects.get_or_create(name="Moderacja katalogu", defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowContentType.objects.update_or_create(
        content_type=entity_type, defaults={"workflow": workflow}
    )


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0001_initial"),
        ("portal", "0003_roles"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.RunPython(create_search_index, drop_search_index),
        migrations.RunPython(create_moderation, migrations.RunPython.noop),
    ]
