"""The forms of diagnoses and support paths: they check shape; services.py decides."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from events.models import Registration
from intranet.models import Booking, Diagnosis, SupportItem


class DiagnosisForm(forms.ModelForm):
    class Meta:
        model = Diagnosis
        fields = ["kind", "made_on", "findings", "strengths", "barriers"]
        widgets = {
            "made_on": forms.DateInput(attrs={"type": "date"}),
            "findings": forms.Textarea(attrs={"rows": 4}),
            "strengths": forms.Textarea(attrs={"rows": 3}),
            "barriers": forms.Textarea(attrs={"rows": 3}),
        }

    def clean_made_on(self):
        made_on = self.cleaned_data["made_on"]
        if made_on > timezone.localdate():
            raise forms.ValidationError(_("A diagnosis cannot be dated in the future."))
        return made_on


class SupportItemForm(forms.ModelForm):
    class Meta:
        model = SupportItem
        fields = ["kind", "title", "specialisation", "target_date"]
        widgets = {"target_date": forms.DateInput(attrs={"type": "date"})}


class ItemStatusForm(forms.Form):
    status = forms.ChoiceField(label=gettext_lazy("Status"), choices=SupportItem.Status.choices)
    done_on = forms.DateField(
        label=gettext_lazy("Done on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    booking = forms.ModelChoiceField(
        label=gettext_lazy("Consultation attended"), queryset=Booking.objects.none(), required=False
    )
    registration = forms.ModelChoiceField(
        label=gettext_lazy("Event attended"), queryset=Registration.objects.none(), required=False
    )

    def __init__(self, *args, enrolment, choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        user_id = enrolment.user_id or 0
        self.fields["booking"].queryset = Booking.objects.filter(
            member_id=user_id, status=Booking.Status.ATTENDED
        ).select_related("specialisation")
        self.fields["registration"].queryset = Registration.objects.filter(
            user_id=user_id, attended=True
        ).select_related("event")
        if choices is not None:  # one query for every item's form on the page
            self.fields["booking"].choices = choices["booking"]
            self.fields["registration"].choices = choices["registration"]

    @classmethod
    def choices_for(cls, enrolment) -> dict:
        form = cls(enrolment=enrolment)
        return {name: list(form.fields[name].choices) for name in ("booking", "registration")}
