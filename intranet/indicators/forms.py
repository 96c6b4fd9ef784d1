"""The forms of the indicators: the period and centre, the report's commentary, a job check."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from intranet.indicators import queries as indicators
from intranet.models import JobCheck
from portal.models import Location

MAX_DAYS = 366 * 10


class PeriodForm(forms.Form):
    rok = forms.IntegerField(
        label=gettext_lazy("Year"), min_value=2000, max_value=2100, required=False
    )
    kwartal = forms.TypedChoiceField(
        label=gettext_lazy("Quarter"),
        choices=[("", gettext_lazy("whole year")), (1, "I"), (2, "II"), (3, "III"), (4, "IV")],
        coerce=int,
        empty_value=None,
        required=False,
    )
    od = forms.DateField(
        label=gettext_lazy("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    do = forms.DateField(
        label=gettext_lazy("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    osrodek = forms.ModelChoiceField(
        label=gettext_lazy("Local centre"),
        queryset=Location.objects.order_by("sort_order", "name"),
        required=False,
        empty_label=gettext_lazy("all centres"),
    )

    def _bounded(self, name):
        day = self.cleaned_data.get(name)
        if day and not 2000 <= day.year <= 2100:
            raise forms.ValidationError(_("Choose a date between 2000 and 2100."))
        return day

    def clean_od(self):
        return self._bounded("od")

    def clean_do(self):
        return self._bounded("do")

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("od"), cleaned.get("do")
        if start or end:
            if not (start and end):
                raise forms.ValidationError(_("Give both dates of the range, or choose a year."))
        else:
            year = cleaned.get("rok") or timezone.localdate().year
            quarter = cleaned.get("kwartal")
            if quarter:
                start = datetime.date(year, 3 * quarter - 2, 1)
                end = (datetime.date(year, 3 * quarter, 28) + datetime.timedelta(days=4)).replace(
                    day=1
                ) - datetime.timedelta(days=1)
            else:
                start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
        if end < start:
            raise forms.ValidationError(_("The end of the period is before its start."))
        if (end - start).days > MAX_DAYS:
            raise forms.ValidationError(_("Choose a period of at most ten years."))
        cleaned["period"] = indicators.Period(start, end, cleaned.get("osrodek"))
        return cleaned


class CommentaryForm(forms.Form):
    def __init__(self, *args, sections=(), **kwargs):
        super().__init__(*args, **kwargs)
        for key, title in sections:
            self.fields[key] = forms.CharField(
                label=_("Commentary: %(section)s") % {"section": title},
                required=False,
                max_length=10000,
                widget=forms.Textarea(attrs={"rows": 4}),
            )


class JobCheckForm(forms.Form):
    check = forms.IntegerField(widget=forms.HiddenInput)
    result = forms.ChoiceField(
        label=gettext_lazy("Result"), choices=JobCheck.Result.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(label=gettext_lazy("Note"), required=False, max_length=2000)
