"""The grant award process: a call (nabór), applications from entities, committee scoring
with conflict-of-interest declarations, the decision, appeals; an award becomes a Grant."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy as pgettext
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import Orderable

from portal.uploads import RandomName, private_storage


class GrantCall(ClusterableModel):
    title = models.CharField(_("title"), max_length=200)
    number = models.CharField(_("number"), max_length=30, blank=True)
    description = models.TextField(_("description"), max_length=3000, blank=True)
    opens_on = models.DateField(_("applications from"))
    closes_on = models.DateField(_("applications until"))
    budget = models.DecimalField(_("budget (PLN)"), max_digits=12, decimal_places=2)
    rules = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("rules"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    appeal_days = models.PositiveSmallIntegerField(_("days to appeal"), default=7)
    ranking_published_at = models.DateTimeField(_("ranking published at"), null=True, blank=True)

    panels = [
        FieldPanel("title"),
        FieldPanel("number"),
        FieldPanel("description"),
        FieldPanel("opens_on"),
        FieldPanel("closes_on"),
        FieldPanel("budget"),
        FieldPanel("rules"),
        FieldPanel("appeal_days"),
        InlinePanel("criteria", heading=_("Evaluation criteria"), label=_("criterion")),
        InlinePanel("committee", heading=_("Evaluation committee"), label=_("member")),
    ]

    class Meta:
        verbose_name = _("call for grant applications")
        verbose_name_plural = _("calls for grant applications")
        ordering = ["-opens_on"]

    def __str__(self):
        return f"{self.number} {self.title}".strip()


class Criterion(Orderable):
    call = ParentalKey(GrantCall, on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(_("criterion"), max_length=200)
    max_points = models.PositiveSmallIntegerField(_("maximum points"))

    panels = [FieldPanel("name"), FieldPanel("max_points")]

    class Meta(Orderable.Meta):
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")

    def __str__(self):
        return f"{self.name} (0–{self.max_points})"


class CommitteeMember(models.Model):
    call = ParentalKey(GrantCall, on_delete=models.CASCADE, related_name="committee")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("member"), on_delete=models.CASCADE
    )

    panels = [FieldPanel("user")]

    class Meta:
        verbose_name = _("committee member")
        verbose_name_plural = _("committee members")
        constraints = [
            models.UniqueConstraint(fields=["call", "user"], name="one_seat_per_committee")
        ]

    def __str__(self):
        return str(self.user)


class Application(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("submitted")
        AWARDED = "awarded", _("awarded")
        RESERVE = "reserve", _("reserve list")
        REJECTED = "rejected", pgettext("application", "rejected")

    call = models.ForeignKey(GrantCall, on_delete=models.PROTECT, related_name="applications")
    entity = models.ForeignKey(
        "directory.Entity",
        verbose_name=_("entity"),
        on_delete=models.PROTECT,
        related_name="grant_applications",
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    summary = models.TextField(_("the business idea"), max_length=5000, blank=True)
    market = models.TextField(_("market and customers"), max_length=5000, blank=True)
    marketing = models.TextField(_("marketing"), max_length=5000, blank=True)
    finances = models.TextField(_("finances and costs"), max_length=5000, blank=True)
    jobs_planned = models.PositiveSmallIntegerField(_("jobs to be created"), default=1)
    amount_requested = models.DecimalField(
        _("grant requested (PLN)"),
        max_digits=12,
        decimal_places=2,
        default=0,
        validators=[MinValueValidator(0)],
    )
    bridging_months = models.PositiveSmallIntegerField(_("bridging support (months)"), default=0)
    bridging_amount = models.DecimalField(
        _("bridging support requested (PLN)"),
        max_digits=12,
        decimal_places=2,
        default=0,
        validators=[MinValueValidator(0)],
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    justification = models.TextField(_("justification"), max_length=3000, blank=True)
    appeal_text = models.TextField(_("appeal"), max_length=5000, blank=True)
    appealed_at = models.DateTimeField(_("appealed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("grant application")
        verbose_name_plural = _("grant applications")
        ordering = ["-submitted_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["call", "entity"], name="one_application_per_entity")
        ]

    def __str__(self):
        return f"{self.entity} – {self.call}"


class ApplicationAttachment(models.Model):
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="attachments"
    )
    # Under a random name in the private storage; `name` keeps what the applicant called it.
    file = models.FileField(_("file"), upload_to=RandomName("wnioski"), storage=private_storage)
    name = models.CharField(_("name"), max_length=200)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self):
        return self.name


class ConflictDeclaration(models.Model):
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="declarations"
    )
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    has_conflict = models.BooleanField(_("conflict of interest"))
    declared_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["application", "member"], name="one_declaration_per_member"
            )
        ]

    def __str__(self):
        return f"{self.member} – {self.application}"


class Score(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="scores")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="+")
    points = models.PositiveSmallIntegerField(_("points"))

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["application", "member", "criterion"], name="one_score_per_criterion"
            )
        ]

    def __str__(self):
        return f"{self.criterion}: {self.points}"
