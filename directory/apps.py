from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "directory"
    verbose_name = _("Directory of entities")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.conf import settings

        if settings.ELASTICSEARCH_URL:
            from directory import signals

            signals.connect()
