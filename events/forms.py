from django import forms
from django.utils.translation import gettext_lazy as _

from events import services
from events.models import Registration

PERSON_FIELDS = (
    "first_name",
    "last_name",
    "email",
    "phone",
    "organisation",
    "participant_type",
    "accessibility_needs",
    "newsletter_consent",
)


class PersonForm(forms.Form):
    """The person signing up, online or by phone through staff."""

    first_name = forms.CharField(label=_("First name"), max_length=100)
    last_name = forms.CharField(label=_("Last name"), max_length=100)
    email = forms.EmailField(label=_("E-mail"), max_length=254)
    phone = forms.CharField(label=_("Phone (optional)"), max_length=30, required=False)
    organisation = forms.CharField(
        label=_("Organisation (optional)"), max_length=200, required=False
    )

    def person_data(self) -> dict:
        """The cleaned fields `services.registration_create` takes about the person."""
        return {name: self.cleaned_data[name] for name in PERSON_FIELDS if name in self.fields}


class RegistrationForm(PersonForm):
    participant_type = forms.ChoiceField(
        label=_("Who are you?"),
        choices=Registration.ParticipantType.choices,
        widget=forms.RadioSelect,
    )
    accessibility_needs = forms.CharField(
        label=_("Accessibility needs (optional)"),
        help_text=_("E.g. a sign-language interpreter, step-free access, large print."),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    consent = forms.BooleanField(
        label=services.CONSENT_TEXT,
        error_messages={"required": _("We need your consent to sign you up.")},
    )
    newsletter_consent = forms.BooleanField(label=services.NEWSLETTER_TEXT, required=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        for name, autocomplete in [
            ("first_name", "given-name"),
            ("last_name", "family-name"),
            ("email", "email"),
            ("phone", "tel"),
            ("organisation", "organization"),
        ]:
            self.fields[name].widget.attrs["autocomplete"] = autocomplete
        if user is not None and user.is_authenticated and not self.is_bound:
            self.initial.update(
                {"first_name": user.first_name, "last_name": user.last_name, "email": user.email}
            )


class CertificateLookupForm(forms.Form):
    """The public check of a certificate: its code, as printed on it."""

    kod = forms.CharField(label=_("Verification code"), max_length=40)
