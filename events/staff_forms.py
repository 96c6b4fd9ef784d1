from django import forms
from django.utils.translation import gettext_lazy as _

from events.forms import PersonForm
from events.models import Registration


class StaffRegistrationForm(PersonForm):
    """Staff add someone who phoned in; consent is recorded as given orally."""

    participant_type = forms.ChoiceField(
        label=_("Who is it?"), choices=Registration.ParticipantType.choices
    )
    consent = forms.BooleanField(
        label=_("The person consented to the processing of their data for this event."),
        error_messages={"required": _("Sign-up is possible only with the person's consent.")},
    )
