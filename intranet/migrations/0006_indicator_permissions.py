"""Kadra read the indicators and the annual report."""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def grant(apps, schema_editor):
    app_config = apps.get_app_config("intranet")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    staff, _ = Group.objects.get_or_create(name="Kadra")
    staff.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="intranet",
            codename__in=[
                "view_indicators",
                "add_grant",
                "change_grant",
                "view_grant",
                "add_partnership",
                "change_partnership",
                "view_partnership",
                "change_jobcheck",
                "view_jobcheck",
            ],
        )
    )


class Migration(migrations.Migration):
    dependencies = [("intranet", "0005_grants_partnerships_reports")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
