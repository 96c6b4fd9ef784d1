"""Advisers, their weekly availability and exceptions, and consultation bookings.

Free slots are computed from availability minus bookings (`intranet.slots`); no rows are
generated ahead. PostgreSQL itself refuses overlapping active bookings of one adviser or
one member (exclusion constraints added by migration 0004 with btree_gist).
"""

from django import forms
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel


class Specialisation(models.Model):
    """A kind of advice (key adviser, business, legal, therapist…) and its meeting length."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=100)
    meeting_minutes = models.PositiveSmallIntegerField(_("meeting length (minutes)"), default=60)
    buffer_minutes = models.PositiveSmallIntegerField(
        _("break after a meeting (minutes)"), default=0
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("specialisation")
        verbose_name_plural = _("specialisations")
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


class AdviserProfile(ClusterableModel):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("adviser"),
        on_delete=models.CASCADE,
        related_name="adviser_profile",
    )
    specialisations = ParentalManyToManyField(
        Specialisation, verbose_name=_("specialisations"), related_name="advisers"
    )
    bio = models.TextField(_("short bio"), max_length=1000, blank=True)
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_active = models.BooleanField(_("takes bookings"), default=True)

    panels = [
        FieldPanel("user"),
        FieldPanel("specialisations", widget=forms.CheckboxSelectMultiple),
        FieldPanel("bio"),
        FieldPanel("photo"),
        FieldPanel("is_active"),
        InlinePanel("availability", heading=_("Weekly availability"), label=_("hours")),
        InlinePanel("exceptions", heading=_("Leave and extra days"), label=_("exception")),
    ]

    class Meta:
        verbose_name = _("adviser")
        verbose_name_plural = _("advisers")

    def __str__(self):
        return self.user.get_full_name() or self.user.email

    @property
    def name(self) -> str:
        return str(self)


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class Availability(models.Model):
    """Weekly hours at a local centre (or online, without a centre)."""

    adviser = ParentalKey(AdviserProfile, on_delete=models.CASCADE, related_name="availability")
    weekday = models.PositiveSmallIntegerField(_("day of the week"), choices=Weekday.choices)
    start_time = models.TimeField(_("from"))
    end_time = models.TimeField(_("to"))
    location = models.ForeignKey(
        "portal.Location",
        verbose_name=_("local centre"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Empty: online meetings."),
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("weekday"),
                FieldPanel("start_time"),
                FieldPanel("end_time"),
                FieldPanel("location"),
            ]
        )
    ]

    class Meta:
        verbose_name = _("weekly hours")
        verbose_name_plural = _("weekly hours")
        ordering = ["weekday", "start_time"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_time__gt=models.F("start_time")),
                name="availability_ends_after_it_starts",
            )
        ]

    def __str__(self):
        return f"{self.get_weekday_display()} {self.start_time:%H:%M}–{self.end_time:%H:%M}"


class AvailabilityException(models.Model):
    class Kind(models.TextChoices):
        UNAVAILABLE = "unavailable", _("not available (leave, training)")
        EXTRA = "extra", _("extra hours")

    adviser = ParentalKey(AdviserProfile, on_delete=models.CASCADE, related_name="exceptions")
    date = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    start_time = models.TimeField(_("from"), null=True, blank=True)
    end_time = models.TimeField(_("to"), null=True, blank=True)
    location = models.ForeignKey(
        "portal.Location",
        verbose_name=_("local centre"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )

    class Meta:
        verbose_name = _("availability exception")
        verbose_name_plural = _("availability exceptions")
        ordering = ["date"]

    def __str__(self):
        return f"{self.date} {self.get_kind_display()}"


ACTIVE_STATUSES = ("booked", "attended", "no_show")


class Booking(models.Model):
    class Status(models.TextChoices):
        BOOKED = "booked", _("booked")
        ATTENDED = "attended", _("attended")
        NO_SHOW = "no_show", _("did not come")
        CANCELLED = "cancelled", _("cancelled")
        CANCELLED_LATE = "cancelled_late", _("cancelled late")

    adviser = models.ForeignKey(
        AdviserProfile, verbose_name=_("adviser"), on_delete=models.PROTECT, related_name="bookings"
    )
    specialisation = models.ForeignKey(
        Specialisation, verbose_name=_("specialisation"), on_delete=models.PROTECT, related_name="+"
    )
    location = models.ForeignKey(
        "portal.Location",
        verbose_name=_("local centre"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.BOOKED
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="bookings",
    )
    topic = models.TextField(_("what you want to talk about"), max_length=1000, blank=True)
    is_walk_in = models.BooleanField(_("walk-in"), default=False)
    visitor_name = models.CharField(_("visitor's name"), max_length=200, blank=True)
    visitor_phone = models.CharField(_("visitor's phone"), max_length=30, blank=True)
    visitor_email = models.EmailField(_("visitor's e-mail"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)
    # After the meeting (advisers and Kadra only).
    actual_minutes = models.PositiveSmallIntegerField(
        _("actual duration (minutes)"), null=True, blank=True
    )
    notes = models.TextField(_("confidential notes"), max_length=5000, blank=True)
    follow_up = models.BooleanField(_("follow-up recommended"), default=False)

    class Meta:
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        ordering = ["start"]
        permissions = [("run_walk_in_desk", _("Can book walk-in visitors and see calendars"))]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gt=models.F("start")), name="booking_ends_after_it_starts"
            ),
            # Same adviser, same start: refused on every database (PostgreSQL also refuses
            # any overlap, see migration 0004).
            models.UniqueConstraint(
                fields=["adviser", "start"],
                condition=models.Q(status__in=ACTIVE_STATUSES),
                name="booking_one_per_adviser_and_start",
            ),
        ]
        indexes = [models.Index(fields=["adviser", "start"]), models.Index(fields=["start"])]

    def __str__(self):
        return f"{self.start:%Y-%m-%d %H:%M} {self.adviser}"

    @property
    def who(self) -> str:
        if self.member_id:
            return self.member.get_full_name() or self.member.email
        return self.visitor_name

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATUSES
