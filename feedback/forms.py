"""The survey form, built from the survey's questions (shape only; the service stores it)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from feedback.models import QuestionKind

RATINGS = [(str(n), str(n)) for n in range(1, 6)]
YES_NO = [("yes", _("Yes")), ("no", _("No"))]


class RadioGroup(forms.RadioSelect):
    """Radios in a fieldset; the error summary links to the first of them."""

    def id_for_label(self, id_, index="0"):
        return super().id_for_label(id_, index)


class SurveyForm(forms.Form):
    def __init__(self, *args, questions, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = {}
        for question in questions:
            name = f"q{question.pk}"
            self.questions[name] = question
            self.fields[name] = self._field(question)

    @staticmethod
    def _field(question) -> forms.Field:
        common = {"label": question.text, "required": question.required}
        if question.kind == QuestionKind.RATING:
            return forms.TypedChoiceField(
                choices=RATINGS,
                coerce=int,
                empty_value=None,
                widget=RadioGroup,
                help_text=_("1 – very poor, 5 – very good"),
                error_messages={"required": _("Choose a rating from 1 to 5.")},
                **common,
            )
        if question.kind == QuestionKind.YES_NO:
            return forms.TypedChoiceField(
                choices=YES_NO,
                coerce=lambda value: value == "yes",
                empty_value=None,
                widget=RadioGroup,
                error_messages={"required": _("Choose yes or no.")},
                **common,
            )
        return forms.CharField(
            widget=forms.Textarea(attrs={"rows": 4}),
            max_length=2000,
            error_messages={"required": _("Write your answer.")},
            **common,
        )

    def answers(self) -> dict:
        """question -> cleaned value, for `feedback.services.response_submit`."""
        return {question: self.cleaned_data.get(name) for name, question in self.questions.items()}
