import datetime
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from events.blocks import ProgrammeBlock
from portal.blocks import BodyBlock
from portal.models import BasePage


class EventKind(models.TextChoices):
    NETWORKING_SEMINAR = "networking_seminar", _("networking seminar")
    ANIMATION = "animation", _("animation meeting")
    WORKSHOP = "workshop", _("workshop or training")
    INFORMATION = "information", _("information meeting")
    OTHER = "other", _("other")


class Repeat(models.TextChoices):
    WEEKLY = "weekly", _("every week")
    BIWEEKLY = "biweekly", _("every two weeks")
    MONTHLY_DAY = "monthly_day", _("every month on the same day")
    MONTHLY_WEEKDAY = "monthly_weekday", _("every month on the same weekday (e.g. first Tuesday)")


def _view(name: str):
    """A view of events/views.py by name: the page routes to it without importing it
    (views import the models, so the models may not import the views)."""
    return import_string(f"events.views.{name}")


class EventIndexPage(RoutablePageMixin, BasePage):
    """Upcoming events, filters, a month calendar, the archive and an iCal feed."""

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    subpage_types = ["events.EventPage"]
    max_count = 1

    class Meta:
        verbose_name = _("events index")

    @path("")
    def upcoming(self, request):
        return _view("event_list")(request, self, archive=False)

    @path("archiwum/", name="archive")
    def archive(self, request):
        return _view("event_list")(request, self, archive=True)

    @path("kalendarz/", name="calendar")
    def calendar(self, request):
        return _view("event_calendar")(request, self)

    @path("ical/", name="ical")
    def ical_feed(self, request):
        return _view("ical_feed")(request, self)


class EventPage(RoutablePageMixin, BasePage):
    kind = models.CharField(_("kind"), max_length=30, choices=EventKind.choices)
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    location = models.ForeignKey(
        "portal.Location",
        verbose_name=_("local centre"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
    )
    venue = models.CharField(
        _("other venue address"),
        max_length=255,
        blank=True,
        help_text=_("When the event is not held at one of our local centres."),
    )
    online_url = models.URLField(
        _("online meeting link"),
        blank=True,
        help_text=_("Shown only to confirmed participants."),
    )
    organiser = models.CharField(_("organiser"), max_length=200, blank=True)
    patron = models.CharField(_("patron"), max_length=200, blank=True)
    target_audience = models.CharField(_("target audience"), max_length=255, blank=True)
    capacity = models.PositiveIntegerField(_("places"))
    registration_opens_at = models.DateTimeField(_("registration opens"), null=True, blank=True)
    registration_closes_at = models.DateTimeField(
        _("registration closes"),
        null=True,
        blank=True,
        help_text=_("Leave empty to accept sign-ups until the event starts."),
    )
    waiting_list_enabled = models.BooleanField(_("waiting list when full"), default=True)
    repeat = models.CharField(
        _("repeats"),
        max_length=20,
        choices=Repeat.choices,
        blank=True,
        help_text=_("Leave empty for a one-off event. Every date has its own places."),
    )
    repeat_until = models.DateField(_("repeats until"), null=True, blank=True)
    excluded_dates = models.TextField(
        _("excluded dates"),
        blank=True,
        help_text=_("Dates without a meeting, one per line, e.g. 2026-12-24."),
    )
    is_cancelled = models.BooleanField(_("cancelled"), default=False)
    reminder_hours = models.PositiveSmallIntegerField(
        _("reminder (hours before)"),
        default=24,
        validators=[MaxValueValidator(336)],
        help_text=_(
            "Confirmed people get an e-mail reminder this many hours before each date "
            "(24: the day before). 0 sends no reminder."
        ),
    )
    offer_hours = models.PositiveSmallIntegerField(
        _("hours to take a freed place"),
        default=24,
        validators=[MaxValueValidator(336)],
        help_text=_(
            "A freed place is offered to the first person on the waiting list, who has this "
            "many hours to confirm it (never later than 2 hours before the start); then it "
            "goes to the next person. 0 gives the place at once, without asking."
        ),
    )
    body = StreamField(BodyBlock(), verbose_name=_("description"), blank=True)
    programme = StreamField(ProgrammeBlock(), verbose_name=_("agenda and speakers"), blank=True)
    accessibility_info = models.TextField(_("accessibility information"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("kind"),
        FieldPanel("intro"),
        MultiFieldPanel(
            [FieldPanel("start"), FieldPanel("end")],
            heading=_("Date and time (Europe/Warsaw)"),
        ),
        MultiFieldPanel(
            [FieldPanel("repeat"), FieldPanel("repeat_until"), FieldPanel("excluded_dates")],
            heading=_("Series"),
        ),
        MultiFieldPanel(
            [FieldPanel("location"), FieldPanel("venue"), FieldPanel("online_url")],
            heading=_("Venue"),
        ),
        MultiFieldPanel(
            [FieldPanel("organiser"), FieldPanel("patron"), FieldPanel("target_audience")],
            heading=_("Organisers and audience"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("capacity"),
                FieldPanel("registration_opens_at"),
                FieldPanel("registration_closes_at"),
                FieldPanel("waiting_list_enabled"),
                FieldPanel("is_cancelled"),
            ],
            heading=_("Registration"),
        ),
        MultiFieldPanel(
            [FieldPanel("reminder_hours"), FieldPanel("offer_hours")],
            heading=_("Reminders and the waiting list"),
        ),
        FieldPanel("body"),
        FieldPanel("programme"),
        FieldPanel("accessibility_info"),
    ]

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("body"),
        index.SearchField("organiser"),
        index.SearchField("target_audience"),
        index.FilterField("start"),
        index.FilterField("kind"),
    ]

    parent_page_types = ["events.EventIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def clean(self):
        super().clean()
        errors = {}
        if self.start and self.end and self.end <= self.start:
            errors["end"] = _("The event must end after it starts.")
        if (
            self.registration_opens_at
            and self.registration_closes_at
            and self.registration_closes_at <= self.registration_opens_at
        ):
            errors["registration_closes_at"] = _("Registration must close after it opens.")
        if self.capacity is not None and self.capacity < 1:
            errors["capacity"] = _("An event needs at least one place.")
        if self.repeat and not self.repeat_until:
            errors["repeat_until"] = _("Say until when the event repeats.")
        if self.repeat and self.repeat_until and self.start:
            first_day = timezone.localtime(self.start).date()
            if self.repeat_until < first_day:
                errors["repeat_until"] = _("The series must end after its first date.")
            elif (self.repeat_until - first_day).days > 731:
                errors["repeat_until"] = _("A series can last at most two years.")
        try:
            self.excluded_date_set  # noqa: B018 - parsing validates the field
        except ValueError:
            errors["excluded_dates"] = _("Write each date on its own line as YYYY-MM-DD.")
        if errors:
            raise ValidationError(errors)

    @property
    def repeats(self) -> bool:
        return bool(self.repeat)

    @property
    def excluded_date_set(self) -> set:
        return {
            datetime.date.fromisoformat(line.strip())
            for line in self.excluded_dates.splitlines()
            if line.strip()
        }

    @property
    def is_online(self) -> bool:
        return bool(self.online_url) and self.location_id is None and not self.venue

    def save(self, *args, update_fields=None, **kwargs):
        super().save(*args, update_fields=update_fields, **kwargs)
        # The listings read this page's dates from EventOccurrence, a derived index written
        # with the page (in its transaction); saving a draft of a live page leaves the
        # published dates, and so the index, as they were.
        if update_fields is None or DATE_FIELDS.intersection(update_fields):
            from events.recurrence import occurrences_store

            occurrences_store(self)

    def is_past(self, now=None) -> bool:
        """True when the event (its last date, for a series) has ended."""
        from events.recurrence import occurrences

        dates = occurrences(self)
        return not dates or dates[-1].end <= (now or timezone.now())

    @path("")
    def detail(self, request):
        return _view("event_detail")(request, self)

    @path("zapis/<str:token>/", name="registration")
    def registration(self, request, token):
        return _view("registration_manage")(request, self, token)

    @path("zapis/<str:token>/potwierdz/", name="offer")
    def offer(self, request, token):
        return _view("offer_confirm")(request, self, token)

    @path("ical/", name="ics")
    def ics(self, request):
        return _view("event_ics")(request, self)


# The fields a page's dates are computed from (`events.recurrence.occurrences`).
DATE_FIELDS = frozenset({"start", "end", "repeat", "repeat_until", "excluded_dates"})


class EventOccurrence(models.Model):
    """One date of a published event (its one date, or each date of a series): a copy of
    `events.recurrence.occurrences(page)` kept on save, so that listings filter, order and
    page the dates in SQL and load only the events they show."""

    event = models.ForeignKey(EventPage, on_delete=models.CASCADE, related_name="occurrence_rows")
    start = models.DateTimeField(db_index=True)
    end = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ["start", "pk"]

    def __str__(self):
        return f"{self.event_id} {self.start:%Y-%m-%d %H:%M}"


def _new_token() -> str:
    return secrets.token_urlsafe(32)


class Registration(models.Model):
    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("confirmed")
        OFFERED = "offered", _("offered a freed place")
        WAITING = "waiting", _("waiting list")
        CANCELLED = "cancelled", _("cancelled")

    class ParticipantType(models.TextChoices):
        ENTITY = "entity", _("representative of a social-economy entity")
        LOCAL_GOVERNMENT = "local_government", _("local government (JST)")
        INSTITUTION = "institution", _("labour office or social-welfare institution")
        INDIVIDUAL = "individual", _("individual person")
        OTHER = "other", _("other")

    event = models.ForeignKey(
        EventPage, verbose_name=_("event"), on_delete=models.CASCADE, related_name="registrations"
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    occurrence_date = models.DateField(_("date of the event"))
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    email = models.EmailField(_("e-mail"))
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    participant_type = models.CharField(
        _("who you are"), max_length=20, choices=ParticipantType.choices
    )
    accessibility_needs = models.TextField(_("accessibility needs"), max_length=1000, blank=True)
    consent_text = models.TextField(_("consent text shown"))
    consent_version = models.CharField(_("consent version"), max_length=20)
    consented_at = models.DateTimeField(_("consent given at"))
    newsletter_consent = models.BooleanField(_("news by e-mail"), default=False)
    newsletter_consented_at = models.DateTimeField(null=True, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="event_registrations",
    )
    token = models.CharField(max_length=64, unique=True, default=_new_token, editable=False)
    attended = models.BooleanField(_("attended"), default=False)
    offer_expires_at = models.DateTimeField(
        _("offer valid until"),
        null=True,
        blank=True,
        help_text=_("Set while a freed place is held for this person; kept when it expired."),
    )
    reminder_sent_at = models.DateTimeField(_("reminder sent at"), null=True, blank=True)
    created_at = models.DateTimeField(_("signed up at"), auto_now_add=True)
    status_changed_at = models.DateTimeField(_("status changed at"), default=timezone.now)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                "event",
                "occurrence_date",
                Lower("email"),
                condition=~models.Q(status="cancelled"),
                name="one_active_registration_per_email",
                violation_error_message=_("This e-mail address is already signed up."),
            )
        ]
        indexes = [models.Index(fields=["event", "occurrence_date", "status"])]

    def __str__(self):
        return f"{self.first_name} {self.last_name} – {self.event}"

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def offer_expired(self) -> bool:
        """A freed place was offered and not confirmed in time (the place went on)."""
        return self.status == self.Status.CANCELLED and self.offer_expires_at is not None

    def offer_is_open(self, now=None) -> bool:
        return self.status == self.Status.OFFERED and self.offer_expires_at > (
            now or timezone.now()
        )


# Letters and digits that cannot be mistaken for one another when typed from paper.
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def _verification_code() -> str:
    """12 random symbols of 32 (60 bits), written XXXX-XXXX-XXXX."""
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(12))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


class Certificate(models.Model):
    """A certificate of attendance, issued to a participant marked present at the door.

    Its code lets anyone holding the paper confirm it on the public verification page;
    the name and the event are read from the registration, so erasing the person leaves
    no name here (and the certificate no longer verifies)."""

    registration = models.OneToOneField(
        Registration,
        verbose_name=_("registration"),
        on_delete=models.CASCADE,
        related_name="certificate",
    )
    code = models.CharField(
        _("verification code"), max_length=14, unique=True, default=_verification_code
    )
    issued_at = models.DateTimeField(_("issued at"), default=timezone.now)
    thanked_at = models.DateTimeField(_("thank-you e-mail queued at"), null=True, blank=True)

    class Meta:
        verbose_name = _("certificate of attendance")
        verbose_name_plural = _("certificates of attendance")

    def __str__(self):
        return self.code
