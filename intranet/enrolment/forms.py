"""The enrolment wizard's steps: one ModelForm per step over the same `Enrolment` row.

Model fields are blank so a draft can be saved part-done; each step's form says which of
its fields are required. `STEPS` lists the steps of each target group in order.
"""

import datetime
from dataclasses import dataclass

from django import forms
from django.core.validators import RegexValidator
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from directory.models import Entity
from directory.regions import communes_of
from directory.selectors import approved_representatives
from intranet.enrolment import statements
from intranet.models import (
    Eligibility,
    Enrolment,
    SensitiveAnswer,
    SupportArea,
    TargetGroup,
)
from portal.validators import digits_only, pesel_birth_date, pesel_sex, validate_pesel

TEXT_LIMIT = 2000
postcode_validator = RegexValidator(r"^\d{2}-\d{3}$", _("Enter the postcode as 00-000."))


class StepForm(forms.ModelForm):
    required_fields: tuple[str, ...] = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.required_fields:
            self.fields[name].required = True
        for field in self.fields.values():
            if isinstance(field.widget, forms.Textarea):
                field.widget.attrs.setdefault("rows", 4)


class CountyCommuneMixin:
    def clean(self):
        cleaned = super().clean()
        county, commune = cleaned.get("county"), cleaned.get("commune")
        if county and commune and commune not in communes_of(county):
            self.add_error("commune", _("This commune is not in the chosen county."))
        return cleaned


def _sensitive_radio():
    return forms.RadioSelect(attrs={"class": "radio-list"})


class PersonalDataForm(StepForm):
    required_fields = ("first_name", "last_name", "education")

    class Meta:
        model = Enrolment
        fields = [
            "first_name",
            "last_name",
            "pesel",
            "has_no_pesel",
            "birth_date",
            "sex",
            "education",
        ]
        widgets = {"birth_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
        help_texts = {
            "pesel": _("We read your date of birth and sex from it."),
            "birth_date": _("Only if you have no PESEL number."),
            "sex": _("Only if you have no PESEL number."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pesel"].widget.attrs.update({"inputmode": "numeric", "autocomplete": "off"})
        self.fields["first_name"].widget.attrs["autocomplete"] = "given-name"
        self.fields["last_name"].widget.attrs["autocomplete"] = "family-name"
        self.fields["birth_date"].widget.attrs["autocomplete"] = "bday"

    def clean_pesel(self):
        """Checked here, before `clean` reads the date of birth and sex from it."""
        pesel = digits_only(self.cleaned_data.get("pesel", ""))
        if pesel:
            validate_pesel(pesel)
        return pesel

    def clean(self):
        cleaned = super().clean()
        pesel = cleaned.get("pesel")
        if cleaned.get("has_no_pesel"):
            if pesel:
                self.add_error("pesel", _("Leave PESEL empty if you have no PESEL number."))
            if not cleaned.get("birth_date"):
                self.add_error("birth_date", _("Give your date of birth."))
            if not cleaned.get("sex"):
                self.add_error("sex", _("Choose your sex."))
        elif "pesel" not in self.errors:
            if not pesel:
                self.add_error("pesel", _("Give your PESEL number or tick that you have none."))
            else:
                cleaned["birth_date"] = pesel_birth_date(pesel)
                cleaned["sex"] = pesel_sex(pesel)
        birth_date = cleaned.get("birth_date")
        if birth_date and birth_date > datetime.date.today():
            self.add_error("birth_date", _("The date of birth cannot be in the future."))
        elif birth_date and birth_date.year < 1900:
            self.add_error("birth_date", _("Check the year of birth."))
        return cleaned


class PersonAddressForm(CountyCommuneMixin, StepForm):
    required_fields = ("county", "commune", "town", "postcode", "area_type", "email", "location")

    class Meta:
        model = Enrolment
        fields = [
            "street",
            "postcode",
            "town",
            "county",
            "commune",
            "area_type",
            "phone",
            "email",
            "location",
        ]
        widgets = {"area_type": forms.RadioSelect}
        labels = {"location": _("The local centre nearest to you")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["postcode"].validators.append(postcode_validator)
        self.fields["postcode"].widget.attrs["autocomplete"] = "postal-code"
        self.fields["town"].widget.attrs["autocomplete"] = "address-level2"
        self.fields["street"].widget.attrs["autocomplete"] = "address-line1"
        self.fields["phone"].widget.attrs.update({"autocomplete": "tel", "inputmode": "tel"})
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["area_type"].choices = self.fields["area_type"].choices[1:]


class SituationForm(StepForm):
    required_fields = ("labour_market_status", "disability", "foreign_origin", "homeless")

    eligibility = forms.MultipleChoiceField(
        label=_("Which of these apply to you?"),
        choices=Eligibility.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Enrolment
        fields = [
            "labour_market_status",
            "eligibility",
            "disability",
            "disability_degree",
            "foreign_origin",
            "homeless",
            "accessibility_needs",
            "cares_for_dependant",
        ]
        widgets = {
            "labour_market_status": forms.RadioSelect,
            "disability": forms.RadioSelect,
            "disability_degree": forms.RadioSelect,
            "foreign_origin": forms.RadioSelect,
            "homeless": forms.RadioSelect,
        }
        help_texts = {
            "accessibility_needs": _(
                "E.g. a sign-language interpreter, step-free access, large print, a quiet room."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("labour_market_status", "disability", "disability_degree"):
            self.fields[name].choices = self.fields[name].choices[1:]
        for name in ("foreign_origin", "homeless"):
            self.fields[name].choices = self.fields[name].choices[1:]
        self.fields["accessibility_needs"].max_length = 1000

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("disability") == SensitiveAnswer.YES:
            if not cleaned.get("disability_degree"):
                self.add_error("disability_degree", _("Choose the degree of disability."))
        else:
            cleaned["disability_degree"] = ""
        return cleaned


class DelegationForm(StepForm):
    entity_number = forms.CharField(
        label=_("NIP or KRS number of the entity that delegates you"),
        max_length=20,
        help_text=_("The entity must be in our directory; its representative will confirm."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )

    class Meta:
        model = Enrolment
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        entity = self.instance.delegating_entity
        if entity and not self.is_bound:
            self.initial["entity_number"] = entity.nip or entity.krs

    def clean_entity_number(self):
        number = digits_only(self.cleaned_data["entity_number"])
        if len(number) != 10:
            raise forms.ValidationError(_("A NIP and a KRS number both have 10 digits."))
        entity = (
            Entity.objects.filter(live=True)
            .filter(Q(nip=number) | Q(krs=number))
            .prefetch_related("representatives")
            .first()
        )
        if entity is None:
            raise forms.ValidationError(
                _(
                    "We have no entity with this number in the directory. Ask the entity to "
                    "add its profile, or call the centre."
                )
            )
        if not approved_representatives(entity).exists():
            raise forms.ValidationError(
                _(
                    "%(entity)s has no representative in the portal who could confirm the "
                    "delegation yet. Ask them to log in and ask to represent it."
                )
                % {"entity": entity.name}
            )
        if self.instance.delegating_entity_id != entity.pk:
            # Another entity: its own representative must confirm again.
            self.instance.delegation_confirmed_at = None
            self.instance.delegation_confirmed_by = None
        self.instance.delegating_entity = entity
        return number


def _register_number(label, required=False):
    # Longer than the stored digits: people type "527-252-59-95"; the model checks the digits.
    return forms.CharField(label=label, max_length=20, required=required)


class EntityDataForm(StepForm):
    required_fields = ("entity_name", "legal_form", "nip", "representative_name")

    krs = _register_number(_("KRS"))
    nip = _register_number(_("NIP"))
    regon = _register_number(_("REGON"))

    class Meta:
        model = Enrolment
        fields = ["entity_name", "legal_form", "krs", "nip", "regon", "representative_name"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["krs"].help_text = _("If the entity is in the National Court Register.")
        for name in ("krs", "nip", "regon"):
            self.fields[name].widget.attrs["inputmode"] = "numeric"

    def _digits(self, name):
        return digits_only(self.cleaned_data.get(name, ""))

    def clean_krs(self):
        return self._digits("krs")

    def clean_nip(self):
        return self._digits("nip")

    def clean_regon(self):
        return self._digits("regon")


class EntityAddressForm(CountyCommuneMixin, StepForm):
    required_fields = ("street", "postcode", "town", "county", "commune", "email", "location")

    class Meta:
        model = Enrolment
        fields = ["street", "postcode", "town", "county", "commune", "phone", "email", "location"]
        labels = {"location": _("The local centre nearest to the entity")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["postcode"].validators.append(postcode_validator)


class EntityNeedsForm(StepForm):
    required_fields = ("employees", "members", "needs")

    support_areas = forms.MultipleChoiceField(
        label=_("Where do you want support?"),
        choices=SupportArea.choices,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Enrolment
        fields = ["employees", "members", "support_areas", "needs"]
        help_texts = {"needs": _("What would help the entity most in the next months?")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("employees", "members"):
            self.fields[name].max_value = 100000
            self.fields[name].widget.attrs["max"] = 100000
        self.fields["needs"].max_length = 3000


class StatementsForm(StepForm):
    """The information clause is shown (and recorded as shown); consents are optional."""

    clause_version = forms.CharField(widget=forms.HiddenInput)
    declaration = forms.BooleanField(label=statements.DECLARATION_TEXT)
    image_consent = forms.BooleanField(label=statements.IMAGE_CONSENT_TEXT, required=False)
    newsletter_consent = forms.BooleanField(
        label=statements.NEWSLETTER_CONSENT_TEXT, required=False
    )

    class Meta:
        model = Enrolment
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("clause_version", statements.VERSION)
        enrolment = self.instance
        self.initial.setdefault("declaration", bool(enrolment.declared_at))
        self.initial.setdefault("image_consent", bool(enrolment.image_consent_at))
        self.initial.setdefault("newsletter_consent", bool(enrolment.newsletter_consent_at))
        self.fields["declaration"].error_messages["required"] = _(
            "Confirm that the information you gave is true."
        )

    def clean_clause_version(self):
        version = self.cleaned_data["clause_version"]
        if version != statements.VERSION:
            raise forms.ValidationError(
                _("The information clause has changed; please read it again below.")
            )
        return version


@dataclass(frozen=True)
class Step:
    slug: str
    title: str
    form_class: type[StepForm]


PERSON_STEPS = [
    Step("personal", _("Personal data"), PersonalDataForm),
    Step("address", _("Address and contact"), PersonAddressForm),
    Step("situation", _("Your situation"), SituationForm),
    Step("statements", _("Information and statements"), StatementsForm),
]
STEPS = {
    TargetGroup.INDIVIDUAL: PERSON_STEPS,
    TargetGroup.DELEGATED_PERSON: [
        Step("delegation", _("Delegating entity"), DelegationForm),
        *PERSON_STEPS,
    ],
    TargetGroup.ENTITY: [
        Step("entity", _("The entity"), EntityDataForm),
        Step("entity_address", _("Address and contact"), EntityAddressForm),
        Step("needs", _("Needs"), EntityNeedsForm),
        Step("statements", _("Information and statements"), StatementsForm),
    ],
}


def steps_of(enrolment) -> list[Step]:
    return STEPS[enrolment.target_group]


class DecisionForm(forms.Form):
    ACCEPT, REJECT, SEND_BACK, END_SUPPORT = "accept", "reject", "send_back", "end_support"
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            (ACCEPT, _("Accept")),
            (SEND_BACK, _("Send back for corrections")),
            (REJECT, _("Reject")),
        ],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Reason or comment for the member"),
        required=False,
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when you reject or send back; the member sees it."),
    )

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("decision") in (self.REJECT, self.SEND_BACK)
            and not cleaned.get("comment", "").strip()
        ):
            self.add_error("comment", _("Give the reason; the member will see it."))
        return cleaned


class SupportEndForm(forms.Form):
    support_end = forms.DateField(
        label=_("End of support"), widget=forms.DateInput(attrs={"type": "date"})
    )


class ErasureForm(forms.Form):
    confirm = forms.BooleanField(
        label=_(
            "I confirm the person asked for erasure; their personal data will be removed for good."
        )
    )


class QueueFilterForm(forms.Form):
    q = forms.CharField(label=_("Name, PESEL or NIP"), required=False, max_length=100)
    target_group = forms.ChoiceField(
        label=_("Target group"),
        choices=[("", _("all"))] + TargetGroup.choices,
        required=False,
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("all except drafts"))] + Enrolment.Status.choices,
        required=False,
    )
    location = forms.ModelChoiceField(
        label=_("Local centre"), queryset=None, required=False, empty_label=_("all")
    )

    def __init__(self, *args, **kwargs):
        from portal.models import Location

        super().__init__(*args, **kwargs)
        self.fields["location"].queryset = Location.objects.order_by("sort_order", "name")
