"""Staff screens of consultations: the walk-in desk, day and week calendars, outcomes."""

import datetime
from collections import defaultdict

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from intranet.consultations import notifications, selectors, services
from intranet.consultations.forms import CalendarFilterForm, OutcomeForm, WalkInForm, parse_slot_key
from intranet.consultations.slots import Schedule, advisers_for, holiday_name
from intranet.models import Specialisation
from portal.accounts import permission_required_or_403
from portal.models import Location
from portal.params import id_or_404

DESK = selectors.DESK_PERMISSION
FREE_NOW_MINUTES = 15


def _desk_location(request):
    locations = list(Location.objects.order_by("sort_order", "name"))
    chosen = request.GET.get("osrodek") or request.POST.get("osrodek")
    if chosen:
        wanted = id_or_404(chosen)
        location = next((loc for loc in locations if loc.pk == wanted), None)
        if location is None:
            raise Http404
        return location, locations
    return (locations[0] if locations else None), locations


def _midnight(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time()))


@permission_required_or_403(DESK)
def desk(request):
    """Who is free now, and the next free time today for each kind of help, at one centre."""
    location, locations = _desk_location(request)
    now = timezone.now()
    today = timezone.localdate()
    specialisations = list(Specialisation.objects.all())
    rows = []
    if location is not None:
        schedule = Schedule(
            advisers=advisers_for(specialisations),
            location=location,
            online=False,
            first_day=today,
            days=1,
        )
        for specialisation in specialisations:
            ids = {
                adviser.pk
                for adviser in schedule.advisers.values()
                if specialisation in adviser.specialisations.all()
            }
            found = schedule.slots(
                specialisation,
                now=now,
                step_minutes=services.WALK_IN_STEP_MINUTES,
                adviser_ids=ids,
            )
            soon = now + datetime.timedelta(minutes=FREE_NOW_MINUTES)
            free_now = {}
            for slot in found:
                if slot.start <= soon:
                    free_now.setdefault(slot.adviser.pk, slot)
            rows.append(
                {
                    "specialisation": specialisation,
                    "free_now": list(free_now.values()),
                    "next": found[0] if found else None,
                }
            )
    return TemplateResponse(
        request,
        "intranet/consultations/desk.html",
        {
            "location": location,
            "locations": locations,
            "rows": rows,
            "holiday": holiday_name(today),
            "today_bookings": _with_client_visibility(
                request.user,
                selectors.calendar_bookings(
                    start=_midnight(today),
                    end=_midnight(today + datetime.timedelta(days=1)),
                    location=location,
                )
                if location
                else [],
            ),
        },
    )


@permission_required_or_403(DESK)
def walk_in(request):
    location, _locations = _desk_location(request)
    if location is None:
        raise Http404
    data = request.POST if request.method == "POST" else request.GET
    desk_url = reverse("bookings_staff:desk") + "?" + urlencode({"osrodek": location.pk})
    try:
        adviser_id, start = parse_slot_key(data.get("termin", ""))
        specialisation = Specialisation.objects.get(code=data.get("specjalizacja", ""))
    except (ValidationError, Specialisation.DoesNotExist):
        messages.error(request, _("Choose a time on the desk screen."))
        return redirect(desk_url)
    form = WalkInForm(
        request.POST or None,
        initial={"termin": data["termin"], "specjalizacja": specialisation.code},
    )
    adviser = selectors.active_adviser(adviser_id)
    if adviser is None:
        raise Http404
    if request.method == "POST" and form.is_valid():
        try:
            booking = services.booking_create(
                adviser_id=adviser_id,
                specialisation=specialisation,
                location=location,
                start=start,
                walk_in=True,
                created_by=request.user,
                visitor_name=form.cleaned_data["visitor_name"],
                visitor_phone=form.cleaned_data["visitor_phone"],
                visitor_email=form.cleaned_data["visitor_email"],
                topic=form.cleaned_data["topic"],
            )
        except services.BookingRefused as error:
            messages.error(request, str(error.message))
            return redirect(desk_url)
        messages.success(
            request,
            _("Booked: %(who)s with %(adviser)s at %(time)s.")
            % {
                "who": booking.visitor_name,
                "adviser": adviser.name,
                "time": timezone.localtime(booking.start).strftime("%H:%M"),
            },
        )
        return redirect(desk_url)
    return TemplateResponse(
        request,
        "intranet/consultations/walk_in.html",
        {
            "form": form,
            "location": location,
            "adviser": adviser,
            "specialisation": specialisation,
            "start": start,
            "desk_url": desk_url,
        },
    )


@permission_required_or_403(DESK)
def calendar(request):
    form = CalendarFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    day = filters.get("dzien") or timezone.localdate()
    if not 2000 <= day.year <= 2100:
        day = timezone.localdate()
    week = filters.get("widok") == "tydzien"
    first = day - datetime.timedelta(days=day.weekday()) if week else day
    days = [first + datetime.timedelta(days=n) for n in range(7 if week else 1)]
    start, end = _midnight(days[0]), _midnight(days[-1] + datetime.timedelta(days=1))
    by_day = defaultdict(list)
    for booking in _with_client_visibility(
        request.user,
        selectors.calendar_bookings(
            start=start, end=end, location=filters.get("osrodek"), adviser=filters.get("doradca")
        ),
    ):
        by_day[timezone.localtime(booking.start).date()].append(booking)
    step = datetime.timedelta(days=len(days))
    query = request.GET.copy()
    query["dzien"] = (first - step).isoformat()
    previous_url = "?" + query.urlencode()
    query["dzien"] = (first + step).isoformat()
    next_url = "?" + query.urlencode()
    return TemplateResponse(
        request,
        "intranet/consultations/calendar.html",
        {
            "form": form,
            "days": [(d, by_day.get(d, []), holiday_name(d)) for d in days],
            "week": week,
            "previous_url": previous_url,
            "next_url": next_url,
            "see_all": request.user.has_perm(selectors.ALL_BOOKINGS_PERMISSION),
        },
    )


@permission_required_or_403(DESK)
def outcome(request, booking_id):
    booking = get_object_or_404(selectors.bookings_visible_to_staff(request.user), pk=booking_id)
    form = OutcomeForm(request.POST or None, instance=booking)
    if request.method == "POST" and form.is_valid():
        try:
            services.booking_record_outcome(
                booking=booking,
                status=form.cleaned_data["status"],
                actual_minutes=form.cleaned_data["actual_minutes"],
                notes=form.cleaned_data["notes"],
                follow_up=form.cleaned_data["follow_up"],
            )
        except services.BookingRefused as error:
            messages.error(request, str(error.message))
        else:
            messages.success(request, _("Outcome saved."))
            return redirect("bookings_staff:outcome", booking_id=booking.pk)
    return TemplateResponse(
        request, "intranet/consultations/outcome.html", {"booking": booking, "form": form}
    )


@permission_required_or_403(DESK)
@require_POST
def invite(request, booking_id):
    """Invite a walk-in visitor (no account) to create one and enrol."""
    booking = get_object_or_404(
        selectors.bookings_visible_to_staff(request.user).filter(
            member__isnull=True, visitor_email__gt=""
        ),
        pk=booking_id,
    )
    if notifications.enrolment_invitation(booking):
        messages.success(
            request, _("Invitation sent to %(email)s.") % {"email": booking.visitor_email}
        )
    else:
        messages.error(request, _("The invitation could not be sent; try again later."))
    return redirect("bookings_staff:outcome", booking_id=booking.pk)


def _with_client_visibility(user, bookings):
    """The bookings, each marked with whether this user may see who it is with."""
    bookings = list(bookings)
    for booking in bookings:
        booking.client_visible = selectors.may_see_client(user, booking)
    return bookings
