"""Grant-application attachments move from the public media storage (wnioski/<year>/<the
applicant's file name>) to the private storage under random names."""

from django.core.files.storage import storages
from django.db import migrations, models

import portal.uploads


def move_to_private_storage(apps, schema_editor):
    public, private = storages["default"], storages["private"]
    new_name = portal.uploads.RandomName("wnioski")
    ApplicationAttachment = apps.get_model("intranet", "ApplicationAttachment")
    for attachment in ApplicationAttachment.objects.exclude(file=""):
        old = attachment.file.name
        if private.exists(old) or not public.exists(old):
            continue  # moved already, or lost before this migration
        with public.open(old, "rb") as content:
            attachment.file.name = private.save(new_name(attachment, old), content)
        ApplicationAttachment.objects.filter(pk=attachment.pk).update(file=attachment.file.name)
        public.delete(old)


class Migration(migrations.Migration):
    dependencies = [
        ("intranet", "0010_ranking_publication"),
    ]

    operations = [
        migrations.AlterField(
            model_name="applicationattachment",
            name="file",
            field=models.FileField(
                storage=portal.uploads.private_storage,
                upload_to=portal.uploads.RandomName("wnioski"),
                verbose_name="file",
            ),
        ),
        migrations.RunPython(move_to_private_storage, migrations.RunPython.noop),
    ]
