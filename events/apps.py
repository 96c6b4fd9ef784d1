from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Events")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from events import live, selectors
        from events.models import EventIndexPage, EventPage
        from portal import registry

        registry.register_home_section(
            "events",
            template="events/includes/home_section.html",
            selector=selectors.home_section,
            order=20,
            index_model=EventIndexPage,
        )
        # Place counts are not here: a sign-up changes only the event's own live slot.
        registry.register_invalidation(
            EventPage, "events", "home:events", lambda event: [live.event_area(event.pk)]
        )
        registry.register_live_slot(live.SLOT, live.fill_event_status)
