from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def occurrence_url(context, occurrence):
    """The occurrence's address, as `{% pageurl %}` finds a page's: through the request."""
    return occurrence.get_url(context.get("request"))


@register.simple_tag(takes_context=True)
def event_status_slot(context, occurrence, kind=""):
    """Where a date's badge (or another of events.live.KINDS) goes in a cached card or
    page: filled in for every response. A page rendered for its request only (a preview
    of a draft, a logged-in person's event page: `slots_inline`) shows it straight away,
    from the occurrence as it is in memory."""
    from django.utils.safestring import mark_safe

    from events import live

    if context.get("slots_inline"):
        return mark_safe(live.render_slot(kind or "badge", occurrence))  # noqa: S308 - rendered HTML
    return mark_safe(live.event_status_slot(occurrence, kind))  # noqa: S308 - made of integers and a name


@register.simple_tag(takes_context=True)
def event_json_ld(context, occurrence):
    """Schema.org Event for an event page (the date shown)."""
    from django.utils import timezone

    from portal.fragments import site_settings_for
    from portal.structured_data import json_ld

    request = context["request"]
    event = occurrence.event
    if event.location_id:
        location = {
            "@type": "Place",
            "name": event.location.name,
            "address": {
                "@type": "PostalAddress",
                "streetAddress": event.location.street,
                "postalCode": event.location.postcode,
                "addressLocality": event.location.town,
                "addressCountry": "PL",
            },
        }
        mode = "https://schema.org/OfflineEventAttendanceMode"
    elif event.venue:
        location = {"@type": "Place", "name": event.venue, "address": event.venue}
        mode = "https://schema.org/OfflineEventAttendanceMode"
    else:
        location = {"@type": "VirtualLocation", "url": event.get_full_url(request)}
        mode = "https://schema.org/OnlineEventAttendanceMode"
    organiser = event.organiser or site_settings_for(request).organisation_name
    return json_ld(
        {
            "@context": "https://schema.org",
            "@type": "Event",
            "name": event.title,
            "description": event.search_description or event.intro,
            "startDate": timezone.localtime(occurrence.start).isoformat(),
            "endDate": timezone.localtime(occurrence.end).isoformat(),
            "eventStatus": "https://schema.org/EventCancelled"
            if event.is_cancelled
            else "https://schema.org/EventScheduled",
            "eventAttendanceMode": mode,
            "location": location,
            "organizer": {"@type": "Organization", "name": organiser},
            "isAccessibleForFree": True,
            "url": request.build_absolute_uri(occurrence.get_url(request)),
        }
    )
