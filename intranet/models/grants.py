"""Grants and bridging support, the jobs they create and their monitoring, partnerships,
and the coordinator's commentary of the annual report."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel


class Grant(models.Model):
    class Kind(models.TextChoices):
        GRANT = "grant", _("start-up grant")
        BRIDGING = "bridging", _("bridging support")

    entity = models.ForeignKey(
        "directory.Entity",
        verbose_name=_("entity"),
        on_delete=models.PROTECT,
        related_name="grants",
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    amount = models.DecimalField(
        _("amount (PLN)"), max_digits=12, decimal_places=2, validators=[MinValueValidator(0)]
    )
    signed_on = models.DateField(_("signed on"))
    period_start = models.DateField(_("support from"), null=True, blank=True)
    period_end = models.DateField(_("support until"), null=True, blank=True)
    location = models.ForeignKey(
        "portal.Location",
        verbose_name=_("local centre"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    agreement_number = models.CharField(_("agreement number"), max_length=60, blank=True)

    class Meta:
        verbose_name = _("grant agreement")
        verbose_name_plural = _("grant agreements")
        ordering = ["-signed_on"]
        indexes = [models.Index(fields=["signed_on"])]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.entity} ({self.signed_on})"


class Job(models.Model):
    """A job a grant created, held by an accepted participant; checked for a year."""

    grant = models.ForeignKey(
        Grant, verbose_name=_("grant"), on_delete=models.CASCADE, related_name="jobs"
    )
    participant = models.ForeignKey(
        "intranet.Enrolment",
        verbose_name=_("participant"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="jobs",
    )
    start_date = models.DateField(_("job started on"))
    working_time = models.DecimalField(
        _("working time (FTE)"), max_digits=3, decimal_places=2, default=1
    )

    class Meta:
        verbose_name = _("job created")
        verbose_name_plural = _("jobs created")
        ordering = ["start_date"]

    def __str__(self):
        return f"{self.grant.entity}: {self.start_date}"


class JobCheck(models.Model):
    class Result(models.TextChoices):
        MAINTAINED = "maintained", _("job maintained")
        LOST = "lost", _("job lost")

    job = models.ForeignKey(Job, on_delete=models.CASCADE, related_name="checks")
    due_on = models.DateField(_("due on"))
    checked_on = models.DateField(_("checked on"), null=True, blank=True)
    result = models.CharField(_("result"), max_length=12, choices=Result.choices, blank=True)
    note = models.TextField(_("note"), max_length=2000, blank=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    overdue_notified_on = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name = _("job check")
        verbose_name_plural = _("job checks")
        ordering = ["due_on"]
        constraints = [
            models.UniqueConstraint(fields=["job", "due_on"], name="one_check_per_job_and_date")
        ]

    def __str__(self):
        return f"{self.job} – {self.due_on}"


class Partnership(ClusterableModel):
    class Outcome(models.TextChoices):
        PENDING = "pending", _("waiting for the result")
        FUNDED = "funded", _("funded")
        NOT_FUNDED = "not_funded", _("not funded")

    name = models.CharField(_("name"), max_length=200)
    call = models.CharField(_("call it applied to"), max_length=200, blank=True)
    created_on = models.DateField(_("created on"))
    outcome = models.CharField(
        _("funding outcome"), max_length=12, choices=Outcome.choices, default=Outcome.PENDING
    )
    location = models.ForeignKey(
        "portal.Location",
        verbose_name=_("local centre"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("call"),
        FieldPanel("created_on"),
        FieldPanel("outcome"),
        FieldPanel("location"),
        InlinePanel("members", heading=_("Partners"), label=_("partner")),
    ]

    class Meta:
        verbose_name = _("partnership")
        verbose_name_plural = _("partnerships")
        ordering = ["-created_on"]

    def __str__(self):
        return self.name


class PartnershipMember(models.Model):
    class Kind(models.TextChoices):
        ENTITY = "entity", _("social-economy entity")
        LOCAL_GOVERNMENT = "local_government", _("local government")
        LABOUR_OFFICE = "labour_office", _("labour office")
        SOCIAL_WELFARE = "social_welfare", _("social-welfare centre")
        BUSINESS = "business", _("business")
        OTHER = "other", _("other institution")

    partnership = ParentalKey(Partnership, on_delete=models.CASCADE, related_name="members")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=200)
    entity = models.ForeignKey(
        "directory.Entity", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    panels = [FieldPanel("kind"), FieldPanel("name"), FieldPanel("entity")]

    class Meta:
        verbose_name = _("partner")
        verbose_name_plural = _("partners")

    def __str__(self):
        return self.name


class AnnualReport(models.Model):
    """The coordinator's commentary per section; the figures are always computed."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    commentary = models.JSONField(_("commentary"), default=dict, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("annual report")
        verbose_name_plural = _("annual reports")
        permissions = [("view_indicators", _("Can see the indicators and the annual report"))]

    def __str__(self):
        return str(self.year)
