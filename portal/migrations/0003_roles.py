"""Create the roles as Django groups: Redaktorzy, Moderatorzy, Kadra, Doradcy.

Editors may create and edit pages and submit them for moderation; moderators may also
publish. Staff (Kadra) and advisers (Doradcy) reach the admin; their intranet permissions
are added by the intranet's own migrations.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ADMIN_ACCESS = ("wagtailadmin", "access_admin")
EDIT_MEDIA = [
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
]
ROLES = {
    "Redaktorzy": {
        "model_permissions": [ADMIN_ACCESS, *EDIT_MEDIA],
        "page_permissions": ["add_page", "change_page"],
    },
    "Moderatorzy": {
        "model_permissions": [ADMIN_ACCESS, *EDIT_MEDIA],
        "page_permissions": ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
    },
    "Kadra": {"model_permissions": [ADMIN_ACCESS], "page_permissions": []},
    "Doradcy": {"model_permissions": [ADMIN_ACCESS], "page_permissions": []},
}


def create_roles(apps, schema_editor):
    # Permissions are normally created after all migrations; make sure they exist now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Page = apps.get_model("wagtailcore", "Page")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    Collection = apps.get_model("wagtailcore", "Collection")

    root_page = Page.objects.filter(depth=1).first()
    root_collection = Collection.objects.filter(depth=1).first()
    for name, spec in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        for app_label, codename in spec["model_permissions"]:
            permission = Permission.objects.get(content_type__app_label=app_label, codename=codename)
            if app_label in ("wagtailimages", "wagtaildocs") and root_collection is not None:
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=root_collection, permission=permission
                )
            else:
                group.permissions.add(permission)
        for codename in spec["page_permissions"]:
            permission = Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            )
            if root_page is not None:
                GroupPagePermission.objects.get_or_create(
                    group=group, page=root_page, permission=permission
                )


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0002_site_pages"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailadmin", "0006_formstate"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
