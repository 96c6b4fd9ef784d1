"""Moderated publishing for the whole page tree.

Wagtail ships English "Editors"/"Moderators" groups and a "Moderators approval" workflow
on the root page. Replace them with our roles: every page an editor (Redaktorzy) submits
is approved and published by a moderator (Moderatorzy).
"""

from django.db import migrations

WORKFLOW_NAME = "Moderacja treści"
TASK_NAME = "Zatwierdzenie przez moderatora"


def use_polish_roles_for_moderation(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")

    task_type, _ = ContentType.objects.get_or_create(
        app_label="wagtailcore", model="groupapprovaltask"
    )
    task, _ = GroupApprovalTask.objects.get_or_create(
        name=TASK_NAME, defaults={"content_type": task_type, "active": True}
    )
    task.groups.set(Group.objects.filter(name="Moderatorzy"))
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})

    root = Page.objects.filter(depth=1).first()
    if root is not None:
        WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})

    Workflow.objects.filter(name="Moderators approval").update(active=False)
    Group.objects.filter(name__in=["Editors", "Moderators"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0003_roles"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.RunPython(use_polish_roles_for_moderation, migrations.RunPython.noop)
    ]
