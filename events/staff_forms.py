from django import forms
from django.utils.translation import gettext_lazy as _

from events.forms import PersonDataMixin
from events.models import Registration


class StaffRegistrationForm(PersonDataMixin, forms.Form):
    """Staff add someone who phoned in; consent is recorded as given orally."""

    first_name = forms.CharField(label=_("First name"), max_length=100)
    last_name = forms.CharField(label=_("Last name"), max_length=100)
    email = forms.EmailField(label=_("E-mail"), max_length=254)
    phone = forms.CharField(label=_("Phone (optional)"), max_length=30, required=False)
    organisation = forms.CharField(
        label=_("Organisation (optional)"), max_length=200, required=False
    )
    participant_type = forms.ChoiceField(
        label=_("Who is it?"), choices=Registration.ParticipantType.choices
    )
    consent = forms.BooleanField(
        label=_("The person consented to the processing of their data for this event."),
        error_messages={"required": _("Sign-up is possible only with the person's consent.")},
    )
