from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "directory"
    verbose_name = _("Directory of entities")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.conf import settings

        from directory import selectors
        from directory.models import Entity, EntityServiceTag
        from portal import registry

        registry.register_home_section(
            "directory",
            template="directory/includes/home_section.html",
            selector=lambda: selectors.recently_updated_entities(3),
            order=30,
        )
        registry.register_invalidation(
            Entity, "directory", "home:directory", "search", lambda e: [f"entity:{e.pk}"]
        )
        registry.register_invalidation(EntityServiceTag, "directory")

        if settings.ELASTICSEARCH_URL:
            from directory import signals

            signals.connect()
