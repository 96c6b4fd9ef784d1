"""Views of the events section; the rules live in services, the queries in selectors."""

import datetime

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _

from events import ical, live, selectors, services
from events.forms import RegistrationForm
from events.models import EventKind, Registration
from events.recurrence import occurrence_on, occurrences
from portal import versions
from portal.dates import next_month, previous_month
from portal.pagination import paginate_in_one_query
from portal.params import date_or_404, text

EVENTS_PER_PAGE = 12


def event_list(request, index_page, *, archive: bool):
    filters = selectors.parse_filters(request.GET)

    def listing():
        dates = selectors.event_listing(index_page, filters, archive=archive)
        return paginate_in_one_query(
            request, dates, EVENTS_PER_PAGE, items=selectors.as_occurrences
        )

    return index_page.render(
        request,
        context_overrides={
            # Computed only when the list's cached fragment is missing (a bad page number
            # is then a 404, as before).
            "page_obj": SimpleLazyObject(listing),
            "filters": filters,
            "archive": archive,
            "kinds": EventKind.choices,
            "locations": selectors.locations(),
        },
    )


def event_calendar(request, index_page):
    filters = selectors.parse_filters(request.GET)
    month = filters.month or timezone.localdate().replace(day=1)
    events = list(selectors.month_events(index_page, month))
    weeks = _month_grid(month, events)
    return index_page.render(
        request,
        template="events/event_calendar.html",
        context_overrides={
            "month": month,
            "weeks": weeks,
            "events": events,
            "previous_month": previous_month(month),
            "next_month": next_month(month),
        },
    )


def _month_grid(month: datetime.date, events):
    """Weeks (Monday first) of days, each with the events taking place that day."""
    first_day = month - datetime.timedelta(days=month.weekday())
    following = next_month(month)
    weeks, day = [], first_day
    while day < following or day.weekday() != 0:
        if day.weekday() == 0:
            weeks.append([])
        day_events = [
            occurrence
            for occurrence in events
            if timezone.localtime(occurrence.start).date()
            <= day
            <= timezone.localtime(occurrence.end).date()
        ]
        weeks[-1].append({"date": day, "in_month": day.month == month.month, "events": day_events})
        day += datetime.timedelta(days=1)
    return weeks


def ical_feed(request, index_page):
    body = ical.events_feed_ics(
        selectors.ical_events(index_page),
        index_page.title,
        lambda occurrence: request.build_absolute_uri(occurrence.get_url(request)),
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="wydarzenia.ics"'
    return response


def event_ics(request, event):
    body = ical.events_feed_ics(
        occurrences(event),
        event.title,
        lambda occurrence: request.build_absolute_uri(occurrence.get_url(request)),
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="wydarzenie-{event.pk}.ics"'
    return response


def _chosen_occurrence(request, event, dates):
    """The date picked with ?termin=YYYY-MM-DD (a series), else the next one; 404 if unknown."""
    raw = request.GET.get("termin", "")
    if not raw or not event.repeats:
        return dates[0] if dates else occurrences(event)[-1]
    occurrence = occurrence_on(event, date_or_404(raw))
    if occurrence is None:
        raise Http404("The event does not take place on that date")
    return occurrence


def event_detail(request, event):
    """The event page; a POST is a sign-up for the chosen date.

    An anonymous visitor's GET is the same page for everyone: its place counts, badge,
    calendar link and sign-up section (with the blank form) are live slots (events/live.py),
    so the page cache may keep it. A logged-in person's form is filled in with their
    details, a POST shows its own errors and a preview shows the draft: those are rendered
    for the request, slots included."""
    # The versions of the page's fragments and of its live slots' state, in one round trip.
    versions.prefetch(f"page:{event.pk}", live.event_area(event.pk))
    # The shared page's counts are live slots: only a page rendered for its request counts.
    dates = selectors.event_dates(event, with_places=False)
    occurrence = _chosen_occurrence(request, event, dates)
    context = {"occurrence": occurrence, "dates": dates if event.repeats else []}
    shared = request.method in ("GET", "HEAD") and not (
        request.user.is_authenticated or getattr(request, "is_preview", False)
    )
    if shared:
        response = event.render(request, context_overrides=context)
        if event.repeats and dates:
            # It lists the dates still to come (and offers the first): kept no longer than
            # until the first of them ends, by the page cache and by browsers.
            left = int((dates[0].end - timezone.now()).total_seconds())
            if left < settings.PAGE_CACHE_SECONDS:
                patch_cache_control(response, max_age=max(left, 0))
        return response
    selectors.count_places([occurrence, *dates])  # one query, the chosen date among them
    section = live.sign_up_section(occurrence)
    form = None
    if section["refusal"] is None:
        form = RegistrationForm(request.POST or None, user=request.user)
        if request.method == "POST" and form.is_valid():
            return _sign_up(request, event, occurrence, form)
    elif request.method == "POST":
        messages.error(request, str(section["refusal"].message))
    response = event.render(
        request,
        context_overrides={
            **context,
            **section,
            "form": None if section["full"] else form,
            "slots_inline": True,
        },
    )
    add_never_cache_headers(response)
    return response


def _sign_up(request, event, occurrence, form):
    try:
        registration = services.registration_create(
            event=event,
            occurrence_date=occurrence.date,
            user=request.user,
            **form.person_data(),
        )
    except services.RegistrationRefused as refusal:
        messages.error(request, str(refusal.message))
        return redirect(occurrence.get_url(request))
    if registration.status == Registration.Status.CONFIRMED:
        messages.success(request, _("You are signed up. We have sent a confirmation e-mail."))
    else:
        messages.warning(
            request,
            _("All places are taken: you are number %(position)s on the waiting list.")
            % {"position": services.waiting_position(registration)},
        )
    return redirect(event.url + event.reverse_subpage("registration", args=(registration.token,)))


def _registration_or_404(event, token) -> Registration:
    """The registration behind a secret link of this event; an unknown link is a 404."""
    registration = (
        Registration.objects.filter(event=event, token=text(token, 64))
        .select_related("event")
        .first()
    )
    if registration is None:
        raise Http404("Unknown registration link")
    return registration


def registration_manage(request, event, token):
    """The secret-link page: status, online link when confirmed, and cancelling."""
    registration = _registration_or_404(event, token)
    occurrence = services.occurrence_of(registration)
    can_cancel = (
        registration.status != Registration.Status.CANCELLED and occurrence.end > timezone.now()
    )
    if request.method == "POST" and request.POST.get("restore") == "yes":
        try:
            services.registration_restore(event=event, token=registration.token)
        except services.RegistrationRefused as refusal:
            messages.error(request, str(refusal.message))
        except Registration.DoesNotExist:
            messages.info(request, _("This sign-up is not cancelled."))
        else:
            messages.success(request, _("Your sign-up has been restored: your place is confirmed."))
        return redirect(request.path)
    confirmed = request.method == "POST" and request.POST.get("confirm") == "yes"
    if confirmed:
        if registration.status == Registration.Status.CANCELLED:
            messages.info(request, _("This sign-up was already cancelled."))
        elif can_cancel:
            services.registration_cancel(event=event, token=token)
            messages.success(
                request, _("Your sign-up has been cancelled. Thank you for letting us know.")
            )
        return redirect(request.path)
    # Cancelling cannot be undone: it is asked for on a page of its own first.
    asking = can_cancel and (request.method == "POST" or request.GET.get("rezygnacja"))
    return TemplateResponse(
        request,
        "events/registration_cancel.html" if asking else "events/registration_manage.html",
        {
            "page": event,
            "registration": registration,
            "occurrence": occurrence,
            "position": services.waiting_position(registration),
            "can_cancel": can_cancel,
            # Undo is offered while the date is open; the service checks the free place.
            "can_restore": registration.status == Registration.Status.CANCELLED
            and services.registration_refusal(occurrence) is None,
            "offer_url": event.url + event.reverse_subpage("offer", args=(registration.token,)),
        },
    )


def offer_confirm(request, event, token):
    """The e-mailed link of a place held for someone: GET shows the offer, a POST with
    confirm=yes takes the place (never on GET: mail scanners open links)."""
    registration = _registration_or_404(event, token)
    manage_url = event.url + event.reverse_subpage("registration", args=(registration.token,))
    if request.method == "POST" and request.POST.get("confirm") == "yes":
        try:
            services.offer_confirm(event=event, token=registration.token)
        except services.OfferNotOpen as refusal:
            messages.error(request, str(refusal.message))
            return redirect(request.path)
        messages.success(request, _("Thank you: your place is confirmed. See you there!"))
        return redirect(manage_url)
    return TemplateResponse(
        request,
        "events/offer_confirm.html",
        {
            "page": event,
            "registration": registration,
            "occurrence": services.occurrence_of(registration),
            "offer_open": registration.offer_is_open() and not event.is_cancelled,
            "manage_url": manage_url,
        },
    )
