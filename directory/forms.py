from django import forms
from django.db import models
from django.utils.html import escape, strip_tags
from django.utils.translation import gettext_lazy as _

from directory.models import Entity, Representative
from directory.regions import COUNTIES

EDITABLE_FIELDS = [
    "name",
    "short_name",
    "legal_form",
    "krs",
    "nip",
    "regon",
    "industry",
    "areas_of_activity",
    "county",
    "commune",
    "street",
    "postcode",
    "town",
    "email",
    "phone",
    "website",
    "facebook_url",
    "year_founded",
    "social_clauses_ready",
]


def _commune_choices():
    return [("", "---------")] + [
        (label, [(commune, commune) for commune in communes])
        for _code, (label, communes) in COUNTIES.items()
    ]


def _form_field(model_field, **kwargs):
    if isinstance(model_field, models.URLField):
        kwargs["assume_scheme"] = "https"  # "owes.pl" means https://owes.pl
    return model_field.formfield(**kwargs)


class EntityProfileForm(forms.ModelForm):
    """The profile form representatives fill in the intranet (not the Wagtail admin)."""

    description_text = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What the entity does, for whom, and how to work with it."),
    )
    services_text = forms.CharField(
        label=_("Services and products"),
        required=False,
        max_length=500,
        help_text=_("Separated by commas, e.g. catering, sewing, garden care."),
    )

    class Meta:
        model = Entity
        fields = EDITABLE_FIELDS
        formfield_callback = _form_field

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["commune"].choices = _commune_choices()
        if self.instance.pk:
            self.fields["description_text"].initial = strip_tags(
                self.instance.description.replace("</p>", "\n\n")
            ).strip()
            self.fields["services_text"].initial = ", ".join(
                tag.name for tag in self.instance.services.all()
            )

    def entity_data(self) -> dict:
        """The cleaned values as the fields of an entity (the service applies them)."""
        data = {field: self.cleaned_data[field] for field in EDITABLE_FIELDS}
        paragraphs = [p.strip() for p in self.cleaned_data["description_text"].split("\n\n")]
        data["description"] = "".join(
            f"<p>{escape(p).replace(chr(10), '<br>')}</p>" for p in paragraphs if p
        )
        data["services"] = [
            name.strip()[:100]
            for name in self.cleaned_data["services_text"].split(",")
            if name.strip()
        ][:20]
        return data


class RepresentationRequestForm(forms.Form):
    message = forms.CharField(
        label=_("Your role in the entity (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("approve", _("Approve")), ("reject", _("Reject"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason (required when rejecting)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == "reject" and not cleaned.get("reason", "").strip():
            self.add_error("reason", _("Give the reason for rejecting the request."))
        return cleaned


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("E-mail of the person"))
    entity = forms.ModelChoiceField(
        label=_("Entity"), queryset=Entity.objects.filter(live=True).order_by("name")
    )
    role = forms.ChoiceField(label=_("Role"), choices=Representative.Role.choices)
