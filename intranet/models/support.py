"""After enrolment: the diagnosis (confidential) and the individual support path.

A done item of a path is a form of support with a date: the indicators count people and
entities supported in a period from it (see `intranet.indicators`).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Diagnosis(models.Model):
    """Findings of a therapist, an educational broker or a key adviser. Seen only by
    advisers and Kadra, never by the participant."""

    class Kind(models.TextChoices):
        THERAPIST = "therapist", _("therapist's diagnosis")
        BROKER = "broker", _("educational broker's diagnosis")
        ENTITY = "entity", _("diagnosis of the entity")

    enrolment = models.ForeignKey(
        "intranet.Enrolment", on_delete=models.CASCADE, related_name="diagnoses"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    made_on = models.DateField(_("date"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("made by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    findings = models.TextField(_("findings"), max_length=5000)
    strengths = models.TextField(_("strengths and potential"), max_length=3000, blank=True)
    barriers = models.TextField(
        _("barriers, needs and risks to durability"), max_length=3000, blank=True
    )

    class Meta:
        verbose_name = _("diagnosis")
        verbose_name_plural = _("diagnoses")
        ordering = ["-made_on", "-pk"]
        permissions = [("manage_support_paths", _("Can diagnose and plan support paths"))]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.made_on})"


class SupportItem(models.Model):
    class Kind(models.TextChoices):
        CONSULTATION = "consultation", _("consultation")
        TRAINING = "training", _("training or workshop")
        EVENT = "event", _("event")
        INTERNSHIP = "internship", _("internship")
        GRANT_PREPARATION = "grant_preparation", _("grant preparation")

    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        IN_PROGRESS = "in_progress", _("in progress")
        DONE = "done", _("done")
        DROPPED = "dropped", _("dropped")

    enrolment = models.ForeignKey(
        "intranet.Enrolment", on_delete=models.CASCADE, related_name="support_items"
    )
    kind = models.CharField(_("kind of support"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("what"), max_length=200)
    specialisation = models.ForeignKey(
        "intranet.Specialisation",
        verbose_name=_("specialisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    target_date = models.DateField(_("target date"))
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PLANNED
    )
    done_on = models.DateField(_("done on"), null=True, blank=True)
    booking = models.ForeignKey(
        "intranet.Booking",
        verbose_name=_("consultation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    registration = models.ForeignKey(
        "events.Registration",
        verbose_name=_("event sign-up"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("support path item")
        verbose_name_plural = _("support path items")
        ordering = ["target_date", "pk"]
        indexes = [models.Index(fields=["status", "target_date"])]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="done") | models.Q(done_on__isnull=False),
                name="support_item_done_has_a_date",
            )
        ]

    def __str__(self):
        return self.title
