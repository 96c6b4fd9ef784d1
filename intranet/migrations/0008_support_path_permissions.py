"""Advisers (Doradcy) and Kadra diagnose participants and keep their support paths."""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def grant(apps, schema_editor):
    app_config = apps.get_app_config("intranet")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permission = Permission.objects.get(
        content_type__app_label="intranet", codename="manage_support_paths"
    )
    for name in ("Kadra", "Doradcy"):
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [("intranet", "0007_diagnosis_support_paths")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
