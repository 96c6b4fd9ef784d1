"""Kadra edit the surveys in the admin and read the results."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CODENAMES = [
    "add_survey",
    "change_survey",
    "delete_survey",
    "view_survey",
    "add_question",
    "change_question",
    "delete_question",
    "view_question",
    "view_response",
]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("feedback")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    staff, _ = Group.objects.get_or_create(name="Kadra")
    staff.permissions.add(
        *Permission.objects.filter(content_type__app_label="feedback", codename__in=CODENAMES)
    )


class Migration(migrations.Migration):
    dependencies = [
        ("feedback", "0001_initial"),
        ("portal", "0003_roles"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
