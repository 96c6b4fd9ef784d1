"""Forms of consultation booking: what help and where, the chosen slot, walk-ins, outcomes."""

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from intranet.consultations.slots import ONLINE
from intranet.models import AdviserProfile, Booking, Specialisation
from portal.models import Location
from portal.params import id_or_none


class SlotSearchForm(forms.Form):
    """Step one of booking: what help is needed, and where (a local centre or online)."""

    specjalizacja = forms.ModelChoiceField(
        label=_("What help do you need?"),
        queryset=Specialisation.objects.all(),
        to_field_name="code",
        empty_label=None,
        widget=forms.RadioSelect,
    )
    miejsce = forms.ChoiceField(label=_("Where?"), widget=forms.RadioSelect)
    doradca = forms.ModelChoiceField(
        label=_("Adviser"),
        queryset=AdviserProfile.objects.filter(is_active=True).select_related("user"),
        required=False,
        empty_label=_("any adviser"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        locations = Location.objects.order_by("sort_order", "name")
        self.fields["miejsce"].choices = [(str(loc.pk), loc.name) for loc in locations] + [
            (ONLINE, _("online (video call)"))
        ]

    def place(self):
        """(location, online) of the valid form."""
        value = self.cleaned_data["miejsce"]
        if value == ONLINE:
            return None, True
        return Location.objects.get(pk=value), False


def parse_slot_key(value: str) -> tuple[int, datetime.datetime]:
    raw_adviser, _sep, start = value.partition(":")
    adviser = id_or_none(raw_adviser)
    try:
        start = datetime.datetime.fromisoformat(start)
    except ValueError as error:
        raise forms.ValidationError(_("Choose a time from the list.")) from error
    if adviser is None or start.tzinfo is None or not 2000 <= start.year <= 2100:
        raise forms.ValidationError(_("Choose a time from the list."))
    return adviser, start


class SlotField(forms.CharField):
    widget = forms.HiddenInput

    def to_python(self, value):
        value = super().to_python(value)
        return parse_slot_key(value) if value else None


class BookingForm(forms.Form):
    termin = SlotField(max_length=80)
    topic = forms.CharField(
        label=_("What do you want to talk about?"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("A sentence or two helps the adviser prepare."),
    )


class WalkInForm(forms.Form):
    termin = SlotField(max_length=80)
    specjalizacja = forms.ModelChoiceField(
        queryset=Specialisation.objects.all(), to_field_name="code", widget=forms.HiddenInput
    )
    visitor_name = forms.CharField(label=_("Visitor's name"), max_length=200)
    visitor_phone = forms.CharField(label=_("Phone"), max_length=30, required=False)
    visitor_email = forms.EmailField(label=_("E-mail"), required=False)
    topic = forms.CharField(label=_("Topic"), max_length=1000, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["visitor_phone"].widget.attrs.update({"autocomplete": "off", "type": "tel"})

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("visitor_phone") and not cleaned.get("visitor_email"):
            self.add_error("visitor_phone", _("Give a phone number or an e-mail address."))
        return cleaned


class OutcomeForm(forms.ModelForm):
    status = forms.ChoiceField(
        label=_("What happened?"),
        choices=[
            (Booking.Status.ATTENDED, _("the meeting took place")),
            (Booking.Status.NO_SHOW, _("the person did not come")),
            (Booking.Status.CANCELLED_LATE, _("cancelled late")),
        ],
        widget=forms.RadioSelect,
    )

    class Meta:
        model = Booking
        fields = ["status", "actual_minutes", "notes", "follow_up"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 5})}
        help_texts = {"notes": _("Seen only by advisers and staff, never by the participant.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["actual_minutes"].max_value = 600
        self.fields["actual_minutes"].widget.attrs["max"] = 600

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("status") == Booking.Status.ATTENDED and not cleaned.get("actual_minutes"):
            self.add_error("actual_minutes", _("Give how long the meeting lasted."))
        return cleaned


class CalendarFilterForm(forms.Form):
    osrodek = forms.ModelChoiceField(
        label=_("Local centre"),
        queryset=Location.objects.order_by("sort_order", "name"),
        required=False,
        empty_label=_("all and online"),
    )
    doradca = forms.ModelChoiceField(
        label=_("Adviser"),
        queryset=AdviserProfile.objects.select_related("user"),
        required=False,
        empty_label=_("all"),
    )
    dzien = forms.DateField(
        label=_("Day"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    widok = forms.ChoiceField(
        label=_("View"),
        choices=[("dzien", _("day")), ("tydzien", _("week"))],
        required=False,
    )
