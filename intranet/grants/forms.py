"""The forms of the grant procedure: they check shape; intranet/grants/services.py decides."""

from django import forms
from django.utils.translation import gettext_lazy

from intranet.models import Application


class ApplicationForm(forms.ModelForm):
    class Meta:
        model = Application
        fields = [
            "summary",
            "market",
            "marketing",
            "finances",
            "jobs_planned",
            "amount_requested",
            "bridging_months",
            "bridging_amount",
        ]
        widgets = {
            name: forms.Textarea(attrs={"rows": 5})
            for name in ("summary", "market", "marketing", "finances")
        }


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Attachment (PDF, DOCX, XLSX, ODT, JPEG, PNG; up to 10 MB)")
    )


class AppealForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("Grounds of the appeal"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=gettext_lazy("Decision"),
        choices=[
            (Application.Status.AWARDED, gettext_lazy("award")),
            (Application.Status.RESERVE, gettext_lazy("reserve list")),
            (Application.Status.REJECTED, gettext_lazy("reject")),
        ],
        widget=forms.RadioSelect,
    )
    justification = forms.CharField(
        label=gettext_lazy("Justification (the applicant sees it)"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class ConflictForm(forms.Form):
    has_conflict = forms.TypedChoiceField(
        label=gettext_lazy("Conflict-of-interest declaration"),
        choices=[
            ("0", gettext_lazy("I declare I have no conflict of interest with this applicant")),
            ("1", gettext_lazy("I have a conflict of interest and will not score")),
        ],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
    )


class ScoreForm(forms.Form):
    def __init__(self, *args, criteria, **kwargs):
        super().__init__(*args, **kwargs)
        for criterion in criteria:
            self.fields[f"c{criterion.pk}"] = forms.IntegerField(
                label=str(criterion), min_value=0, max_value=criterion.max_points
            )

    def points(self):
        return {int(name[1:]): value for name, value in self.cleaned_data.items()}
