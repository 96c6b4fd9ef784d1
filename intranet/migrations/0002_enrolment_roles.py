"""Staff (Kadra) review enrolments. Special-category data is seen only by members of the
group "Dane szczególnych kategorii", which an administrator fills person by person."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

SPECIAL_DATA_GROUP = "Dane szczególnych kategorii"


def grant(apps, schema_editor):
    app_config = apps.get_app_config("intranet")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")

    def permission(codename):
        return Permission.objects.get(content_type__app_label="intranet", codename=codename)

    staff, _ = Group.objects.get_or_create(name="Kadra")
    staff.permissions.add(permission("review_enrolment"))
    special, _ = Group.objects.get_or_create(name=SPECIAL_DATA_GROUP)
    special.permissions.add(
        permission("view_special_category_data"), permission("view_personaldataaccess")
    )


def revoke(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=SPECIAL_DATA_GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("intranet", "0001_initial"),
        ("portal", "0003_roles"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
