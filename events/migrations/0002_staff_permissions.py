"""Staff (Kadra) manage event registrations: attendee lists, check-in, exports."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CODENAMES = ["view_registration", "add_registration", "change_registration"]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("events")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    staff, _ = Group.objects.get_or_create(name="Kadra")
    staff.permissions.add(
        *Permission.objects.filter(content_type__app_label="events", codename__in=CODENAMES)
    )


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0001_initial"),
        ("portal", "0003_roles"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
