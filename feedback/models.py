"""Feedback surveys after an event or a consultation.

A `Survey` (3–6 questions) is kept per kind of event or per specialisation of advice.
An `Invitation` is the single-use link sent to one person who came; it knows who it was
sent to and whether it was used — nothing more. A `Response` holds the answers without the
person: no link to the invitation, the registration, the booking or an account, and no time
of answering, only what the reports group by (event, kind, specialisation, centre and the
day of the event — for a consultation only its month).
"""

import secrets

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import Orderable

from events.models import EventKind

MIN_QUESTIONS, MAX_QUESTIONS = 3, 6


class Audience(models.TextChoices):
    EVENT = "event", _("participants of an event")
    CONSULTATION = "consultation", _("people after a consultation")


class QuestionKind(models.TextChoices):
    RATING = "rating", _("rating 1–5")
    YES_NO = "yes_no", _("yes or no")
    TEXT = "text", _("free text")


def _new_token() -> str:
    return secrets.token_urlsafe(32)


class Survey(ClusterableModel):
    title = models.CharField(_("title"), max_length=200)
    audience = models.CharField(_("for"), max_length=20, choices=Audience.choices)
    event_kind = models.CharField(
        _("kind of event"),
        max_length=30,
        choices=EventKind.choices,
        blank=True,
        help_text=_("Empty: every kind of event without a survey of its own."),
    )
    specialisation = models.ForeignKey(
        "intranet.Specialisation",
        verbose_name=_("kind of advice"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Empty: every consultation without a survey of its own."),
    )
    intro = models.TextField(_("introduction"), blank=True)

    panels = [
        FieldPanel("title"),
        FieldPanel("audience"),
        FieldPanel("event_kind"),
        FieldPanel("specialisation"),
        FieldPanel("intro"),
        InlinePanel(
            "questions",
            label=_("questions"),
            min_num=MIN_QUESTIONS,
            max_num=MAX_QUESTIONS,
        ),
    ]

    class Meta:
        verbose_name = _("feedback survey")
        verbose_name_plural = _("feedback surveys")
        ordering = ["audience", "event_kind", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["event_kind"],
                condition=models.Q(audience="event"),
                name="feedback_one_survey_per_event_kind",
                violation_error_message=_("This kind of event already has a survey."),
            ),
            models.UniqueConstraint(
                fields=["specialisation"],
                condition=models.Q(audience="consultation"),
                name="feedback_one_survey_per_specialisation",
                violation_error_message=_("This kind of advice already has a survey."),
            ),
            models.UniqueConstraint(
                fields=["audience"],
                condition=models.Q(audience="consultation", specialisation__isnull=True),
                name="feedback_one_general_consultation_survey",
                violation_error_message=_("There already is a survey for every consultation."),
            ),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        if self.audience == Audience.EVENT and self.specialisation_id:
            raise ValidationError(
                {"specialisation": _("A survey for an event has no kind of advice.")}
            )
        if self.audience == Audience.CONSULTATION and self.event_kind:
            raise ValidationError(
                {"event_kind": _("A survey for a consultation has no kind of event.")}
            )


class Question(Orderable):
    survey = ParentalKey(Survey, on_delete=models.CASCADE, related_name="questions")
    text = models.CharField(_("question"), max_length=300)
    kind = models.CharField(_("kind of answer"), max_length=10, choices=QuestionKind.choices)
    required = models.BooleanField(_("answer required"), default=True)

    panels = [FieldPanel("text"), FieldPanel("kind"), FieldPanel("required")]

    class Meta(Orderable.Meta):
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self):
        return self.text


class ReportFacts(models.Model):
    """What the reports group by, held by an invitation (kept when the person is erased,
    for the response rate) and by a response (instead of any link to the person)."""

    audience = models.CharField(max_length=20, choices=Audience.choices)
    event = models.ForeignKey(
        "events.EventPage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    event_kind = models.CharField(max_length=30, choices=EventKind.choices, blank=True)
    specialisation = models.ForeignKey(
        "intranet.Specialisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    location = models.ForeignKey(
        "portal.Location", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The day of the event or consultation; a response keeps only a consultation's month
    # (the first day of it), which cannot point to one meeting.
    held_on = models.DateField()

    class Meta:
        abstract = True


class Invitation(ReportFacts):
    """One person's single-use link. What they answered is not kept here."""

    token = models.CharField(max_length=64, unique=True, default=_new_token, editable=False)
    survey = models.ForeignKey(Survey, on_delete=models.PROTECT, related_name="invitations")
    registration = models.OneToOneField(
        "events.Registration",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="feedback_invitation",
    )
    booking = models.OneToOneField(
        "intranet.Booking",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="feedback_invitation",
    )
    email = models.EmailField(blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    # Whether the link was used; deliberately no time of use (it would match a response).
    used = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("feedback invitation")
        verbose_name_plural = _("feedback invitations")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(registration__isnull=True) | models.Q(booking__isnull=True),
                name="feedback_invitation_for_one_thing",
            )
        ]

    def __str__(self):
        return f"{self.survey} – {self.held_on}"


class Response(ReportFacts):
    """One anonymous set of answers: no person, no invitation, no time of answering."""

    survey = models.ForeignKey(Survey, on_delete=models.PROTECT, related_name="responses")

    class Meta:
        verbose_name = _("feedback response")
        verbose_name_plural = _("feedback responses")
        indexes = [models.Index(fields=["held_on"])]

    def __str__(self):
        return f"{self.survey} – {self.held_on}"


class Answer(models.Model):
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(
        Question, null=True, on_delete=models.SET_NULL, related_name="answers"
    )
    # Kept as asked, so a question edited or removed later leaves its answers readable.
    question_text = models.CharField(max_length=300)
    kind = models.CharField(max_length=10, choices=QuestionKind.choices)
    rating = models.PositiveSmallIntegerField(null=True, blank=True)
    yes = models.BooleanField(null=True, blank=True)
    text = models.TextField(blank=True, max_length=2000)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(rating__isnull=True) | models.Q(rating__gte=1, rating__lte=5),
                name="feedback_rating_1_to_5",
            )
        ]

    def __str__(self):
        return self.question_text
