"""Kadra may look into the outbox (post_office's Email) and send a message again."""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def grant(apps, schema_editor):
    app_config = apps.get_app_config("post_office")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permission = Permission.objects.get(content_type__app_label="post_office", codename="view_email")
    group, _ = Group.objects.get_or_create(name="Kadra")
    group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0005_polish_text_search"),
        ("post_office", "0014_alter_email_recipient_delivery_status_and_more"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
