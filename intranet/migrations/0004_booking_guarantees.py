"""What a booking may never do, enforced by PostgreSQL: overlap another active booking of
the same adviser, or of the same member. Needs the btree_gist extension (created here;
on a managed server without superuser rights, create it once by hand).

Also: the specialisations of the centre's advisers, and who may run the walk-in desk.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ACTIVE = "('booked', 'attended', 'no_show')"
CONSTRAINTS = [
    (
        "booking_adviser_no_overlap",
        "adviser_id WITH =, tstzrange(start, \"end\") WITH &&",
        "",
    ),
    (
        "booking_member_no_overlap",
        "member_id WITH =, tstzrange(start, \"end\") WITH &&",
        " AND member_id IS NOT NULL",
    ),
]

SPECIALISATIONS = [
    ("key_adviser", "doradca kluczowy", 60),
    ("business", "doradztwo biznesowe", 60),
    ("marketing", "doradztwo marketingowe", 60),
    ("finance", "doradztwo finansowe i księgowe", 60),
    ("legal", "doradztwo prawne", 60),
    ("therapist", "terapeuta", 60),
    ("educational_broker", "broker edukacyjny", 60),
]


def add_exclusion_constraints(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return  # SQLite serialises writers; the unique (adviser, start) constraint remains
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
    for name, expression, condition in CONSTRAINTS:
        schema_editor.execute(
            f"ALTER TABLE intranet_booking ADD CONSTRAINT {name} EXCLUDE USING gist "
            f"({expression}) WHERE (status IN {ACTIVE}{condition})"
        )


def drop_exclusion_constraints(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _expression, _condition in CONSTRAINTS:
        schema_editor.execute(f"ALTER TABLE intranet_booking DROP CONSTRAINT IF EXISTS {name}")


def seed_specialisations_and_permissions(apps, schema_editor):
    Specialisation = apps.get_model("intranet", "Specialisation")
    for order, (code, name, minutes) in enumerate(SPECIALISATIONS):
        Specialisation.objects.get_or_create(
            code=code, defaults={"name": name, "meeting_minutes": minutes, "sort_order": order}
        )
    app_config = apps.get_app_config("intranet")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    desk = Permission.objects.get(content_type__app_label="intranet", codename="run_walk_in_desk")
    for name in ("Kadra", "Doradcy"):
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(desk)


class Migration(migrations.Migration):
    dependencies = [("intranet", "0003_bookings")]

    operations = [
        migrations.RunPython(add_exclusion_constraints, drop_exclusion_constraints),
        migrations.RunPython(seed_specialisations_and_permissions, migrations.RunPython.noop),
    ]
