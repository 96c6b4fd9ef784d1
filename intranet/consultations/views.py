"""Consultations for members: choose help and place, pick a free time, book, cancel, move."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from intranet.consultations import selectors, services
from intranet.consultations.forms import BookingForm, SlotSearchForm
from intranet.consultations.notifications import booking_ics
from intranet.consultations.slots import free_slots
from portal.pagination import paginate
from portal.params import id_or_404

DAYS_AHEAD = 28


@login_required
def home(request):
    now = timezone.now()
    return TemplateResponse(
        request,
        "intranet/consultations/home.html",
        {
            "form": SlotSearchForm(),
            # Told before the search, not after picking a time and typing a topic.
            "limit_message": services.LIMIT_MESSAGE % {"count": settings.BOOKING_MAX_UPCOMING}
            if services.booking_limit_reached(request.user, now=now)
            else "",
            "upcoming": selectors.upcoming_bookings_of(request.user, now),
            "past": selectors.past_bookings_of(request.user, now)[:20],
        },
    )


def _search(request):
    """The valid search form of the query string, or None."""
    form = SlotSearchForm(request.GET)
    return form if form.is_valid() else None


def _moving(request):
    """The member's own booking being moved (?przeloz=<id>), or None."""
    booking_id = request.GET.get("przeloz") or request.POST.get("przeloz")
    if not booking_id:
        return None
    return get_object_or_404(selectors.bookings_of(request.user), pk=id_or_404(booking_id))


def _slots_for(form, limit_to_adviser=True):
    location, online = form.place()
    adviser = form.cleaned_data.get("doradca") if limit_to_adviser else None
    return free_slots(
        specialisation=form.cleaned_data["specjalizacja"],
        location=location,
        online=online,
        first_day=timezone.localdate(),
        days=DAYS_AHEAD,
        adviser_id=adviser.pk if adviser else None,
    )


@login_required
def slots(request):
    form = _search(request)
    if form is None:
        messages.error(request, _("Choose what help you need and where."))
        return redirect("bookings:home")
    found = _slots_for(form)
    return TemplateResponse(
        request,
        "intranet/consultations/slots.html",
        {
            "form": form,
            "page_obj": paginate(request, found, 30),
            "query": request.GET.urlencode(),
            "moving": _moving(request),
        },
    )


@login_required
def book(request):
    search = _search(request)
    if search is None:
        return redirect("bookings:home")
    moving = _moving(request)
    slots_url = (
        reverse("bookings:slots")
        + "?"
        + urlencode({k: v for k, v in request.GET.items() if k != "termin"})
    )
    posted = request.method == "POST"
    form = BookingForm(request.POST if posted else {"termin": request.GET.get("termin", "")})
    form.is_valid()
    if "termin" not in form.cleaned_data:
        messages.error(request, _("Choose a time from the list."))
        return redirect(slots_url)
    adviser_id, start = form.cleaned_data["termin"]
    adviser = selectors.active_adviser(adviser_id)
    if adviser is None:
        raise Http404
    if posted and form.is_valid():
        location, _online = search.place()
        try:
            if moving:
                booking = services.booking_reschedule(
                    booking=moving, member=request.user, adviser_id=adviser_id, start=start
                )
            else:
                booking = services.booking_create(
                    adviser_id=adviser_id,
                    specialisation=search.cleaned_data["specjalizacja"],
                    location=location,
                    start=start,
                    member=request.user,
                    topic=form.cleaned_data["topic"],
                )
        except services.SlotTaken as error:
            messages.warning(request, str(error.message))
            return redirect(slots_url)
        except services.BookingRefused as error:
            messages.error(request, str(error.message))
            return redirect("bookings:home")
        messages.success(
            request,
            _(
                "Your consultation is booked. We have e-mailed you the details with a "
                "calendar file."
            ),
        )
        return redirect("bookings:detail", booking_id=booking.pk)
    return TemplateResponse(
        request,
        "intranet/consultations/book.html",
        {
            "search": search,
            "form": form if posted else BookingForm(initial={"termin": request.GET["termin"]}),
            "adviser": adviser,
            "start": start,
            "moving": moving,
            "back_url": slots_url,
        },
    )


@login_required
def detail(request, booking_id):
    booking = get_object_or_404(selectors.bookings_of(request.user), pk=booking_id)
    search_query = urlencode(
        {
            "specjalizacja": booking.specialisation.code,
            "miejsce": booking.location_id or "online",
            "przeloz": booking.pk,
        }
    )
    return TemplateResponse(
        request,
        "intranet/consultations/detail.html",
        {
            "booking": booking,
            "may_change": services.member_may_change(booking),
            "deadline": services.change_deadline(booking),
            "reschedule_url": reverse("bookings:slots") + "?" + search_query,
        },
    )


@login_required
@require_POST
def cancel(request, booking_id):
    booking = get_object_or_404(selectors.bookings_of(request.user), pk=booking_id)
    try:
        services.booking_cancel(booking=booking, user=request.user)
    except services.BookingRefused as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("The consultation has been cancelled."))
    return redirect("bookings:detail", booking_id=booking.pk)


@login_required
def ics(request, booking_id):
    booking = get_object_or_404(selectors.bookings_of(request.user), pk=booking_id)
    response = HttpResponse(booking_ics(booking), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="konsultacja.ics"'
    return response
