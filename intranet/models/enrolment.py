"""Enrolment (rekrutacja) of the three target groups, its history and the personal-data log.

One `Enrolment` row holds a draft from the first step of the wizard to the decision. Every
field a draft may still lack is blank in the database; the wizard's forms decide what each
step requires and `services.enrolment_submit` checks the whole form before it is sent.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from directory.models import LegalForm
from directory.regions import COMMUNE_CHOICES, COUNTY_CHOICES
from portal.validators import validate_krs, validate_nip, validate_pesel, validate_regon


class TargetGroup(models.TextChoices):
    ENTITY = "entity", _("entity")
    DELEGATED_PERSON = "delegated_person", _("person delegated by an entity")
    INDIVIDUAL = "individual", _("individual person")


class Sex(models.TextChoices):
    FEMALE = "F", _("woman")
    MALE = "M", _("man")


class Education(models.TextChoices):
    """ISCED 2011 levels, as EU monitoring asks for them."""

    ISCED0 = "isced0", _("no formal education (ISCED 0)")
    ISCED1 = "isced1", _("primary education (ISCED 1)")
    ISCED2 = "isced2", _("lower secondary education (ISCED 2)")
    ISCED3 = "isced3", _("upper secondary education (ISCED 3)")
    ISCED4 = "isced4", _("post-secondary non-tertiary education (ISCED 4)")
    ISCED5 = "isced5", _("short-cycle tertiary education (ISCED 5)")
    ISCED6 = "isced6", _("bachelor's or equivalent (ISCED 6)")
    ISCED7 = "isced7", _("master's or equivalent (ISCED 7)")
    ISCED8 = "isced8", _("doctoral or equivalent (ISCED 8)")


class AreaType(models.TextChoices):
    URBAN = "urban", _("town or city")
    RURAL = "rural", _("rural area")


class LabourMarketStatus(models.TextChoices):
    REGISTERED_UNEMPLOYED = "registered_unemployed", _("unemployed, registered at a labour office")
    LONG_TERM_UNEMPLOYED = "long_term_unemployed", _("long-term unemployed")
    UNREGISTERED_UNEMPLOYED = (
        "unregistered_unemployed",
        _("unemployed, not registered at a labour office"),
    )
    INACTIVE = "inactive", _("economically inactive")
    EMPLOYED = "employed", _("employed")


class Eligibility(models.TextChoices):
    """Who counts as at risk of poverty or social exclusion (the target group's criteria)."""

    SOCIAL_WELFARE = "social_welfare", _("receives social-welfare support")
    SOCIAL_INTEGRATION = "social_integration", _("takes part in CIS, KIS, ZAZ or WTZ")
    FOSTER_CARE = "foster_care", _("leaving foster care or a youth institution")
    PRISON_LEAVER = "prison_leaver", _("leaving prison or a juvenile institution")
    FOOD_AID = "food_aid", _("receives food aid (FEPŻ programme)")
    REVITALISATION = "revitalisation", _("lives in an area being revitalised")
    OTHER = "other", _("another criterion of the project's target group")


class SensitiveAnswer(models.TextChoices):
    YES = "yes", _("yes")
    NO = "no", _("no")
    REFUSED = "refused", _("I refuse to give this information")


class DisabilityDegree(models.TextChoices):
    MILD = "mild", _("mild")
    MODERATE = "moderate", _("moderate")
    SEVERE = "severe", _("severe")
    EQUIVALENT = "equivalent", _("equivalent certificate (e.g. of a child under 16)")


class SupportArea(models.TextChoices):
    SETTING_UP = "setting_up", _("setting up a social-economy entity")
    ECONOMISATION = "economisation", _("economisation of an NGO (starting paid activity)")
    CONVERSION = "conversion", _("conversion into a social enterprise")
    SOCIAL_CLAUSES = "social_clauses", _("social clauses in public procurement")
    PUBLIC_SERVICES = "public_services", _("public-benefit services")
    BUSINESS = "business", _("business advice")
    MARKETING = "marketing", _("marketing")
    FINANCE = "finance", _("finance")
    LAW = "law", _("law")


class Enrolment(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("waiting for review")
        NEEDS_CORRECTIONS = "needs_corrections", _("sent back for corrections")
        ACCEPTED = "accepted", _("accepted")
        REJECTED = "rejected", pgettext_lazy("enrolment", "rejected")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="enrolments",
    )
    target_group = models.CharField(_("target group"), max_length=20, choices=TargetGroup.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    location = models.ForeignKey(
        "portal.Location",
        verbose_name=_("local centre"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    # A person (individual or delegated).
    first_name = models.CharField(_("first name"), max_length=100, blank=True)
    last_name = models.CharField(_("last name"), max_length=100, blank=True)
    pesel = models.CharField(_("PESEL"), max_length=11, blank=True, validators=[validate_pesel])
    has_no_pesel = models.BooleanField(_("I have no PESEL number"), default=False)
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices, blank=True)
    education = models.CharField(
        _("education"), max_length=10, choices=Education.choices, blank=True
    )
    labour_market_status = models.CharField(
        _("situation on the labour market"),
        max_length=30,
        choices=LabourMarketStatus.choices,
        blank=True,
    )
    eligibility = models.JSONField(_("target-group criteria"), default=list, blank=True)
    disability = models.CharField(
        _("person with a disability"), max_length=10, choices=SensitiveAnswer.choices, blank=True
    )
    disability_degree = models.CharField(
        _("degree of disability"), max_length=12, choices=DisabilityDegree.choices, blank=True
    )
    foreign_origin = models.CharField(
        _("person of foreign origin or of a national or ethnic minority"),
        max_length=10,
        choices=SensitiveAnswer.choices,
        blank=True,
    )
    homeless = models.CharField(
        _("homeless or excluded from access to housing"),
        max_length=10,
        choices=SensitiveAnswer.choices,
        blank=True,
    )
    accessibility_needs = models.TextField(
        _("needs for taking part (accessibility)"), max_length=1000, blank=True
    )
    cares_for_dependant = models.BooleanField(
        _("I care for a child or a dependent person"), default=False
    )
    delegating_entity = models.ForeignKey(
        "directory.Entity",
        verbose_name=_("delegating entity"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="delegated_enrolments",
    )
    delegation_confirmed_at = models.DateTimeField(
        _("delegation confirmed at"), null=True, blank=True
    )
    delegation_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("delegation confirmed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    # An entity.
    entity_name = models.CharField(_("name of the entity"), max_length=255, blank=True)
    legal_form = models.CharField(
        _("legal form"), max_length=30, choices=LegalForm.choices, blank=True
    )
    krs = models.CharField(_("KRS"), max_length=10, blank=True, validators=[validate_krs])
    nip = models.CharField(_("NIP"), max_length=10, blank=True, validators=[validate_nip])
    regon = models.CharField(_("REGON"), max_length=14, blank=True, validators=[validate_regon])
    representative_name = models.CharField(
        _("person representing the entity"), max_length=200, blank=True
    )
    employees = models.PositiveIntegerField(_("number of employees"), null=True, blank=True)
    members = models.PositiveIntegerField(_("number of members"), null=True, blank=True)
    support_areas = models.JSONField(_("areas of support"), default=list, blank=True)
    needs = models.TextField(_("declared needs"), max_length=3000, blank=True)
    entity = models.ForeignKey(
        "directory.Entity",
        verbose_name=_("entity in the directory"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="enrolments",
    )

    # Address and contact (of the person or of the entity).
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    county = models.CharField(_("county"), max_length=30, choices=COUNTY_CHOICES, blank=True)
    commune = models.CharField(_("commune"), max_length=60, choices=COMMUNE_CHOICES, blank=True)
    town = models.CharField(_("town"), max_length=100, blank=True)
    postcode = models.CharField(_("postcode"), max_length=6, blank=True)
    area_type = models.CharField(
        _("area where you live"), max_length=5, choices=AreaType.choices, blank=True
    )
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)

    # Statements: the information clause shown, the declaration, the optional consents.
    information_clause_version = models.CharField(max_length=20, blank=True)
    information_clause_shown_at = models.DateTimeField(null=True, blank=True)
    declaration_version = models.CharField(max_length=20, blank=True)
    declared_at = models.DateTimeField(null=True, blank=True)
    image_consent_version = models.CharField(max_length=20, blank=True)
    image_consent_at = models.DateTimeField(null=True, blank=True)
    newsletter_consent_version = models.CharField(max_length=20, blank=True)
    newsletter_consent_at = models.DateTimeField(null=True, blank=True)

    # The course of the enrolment.
    steps_done = models.PositiveSmallIntegerField(default=0)
    submitted_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    staff_comment = models.TextField(_("staff comment"), max_length=2000, blank=True)
    support_start = models.DateField(_("start of support"), null=True, blank=True)
    support_end = models.DateField(_("end of support"), null=True, blank=True)
    age_at_start = models.PositiveSmallIntegerField(
        _("age at the start of support"), null=True, blank=True
    )
    anonymised_at = models.DateTimeField(_("anonymised at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        ordering = ["-created_at"]
        permissions = [
            ("review_enrolment", _("Can review enrolments")),
            ("view_special_category_data", _("Can see PESEL and special-category data")),
        ]
        constraints = [
            # Starting a form twice resumes the draft instead of opening a second one.
            models.UniqueConstraint(
                fields=["user", "target_group"],
                condition=models.Q(status="draft"),
                name="one_draft_per_member_and_target_group",
            )
        ]
        indexes = [
            models.Index(fields=["status", "target_group"]),
            models.Index(fields=["pesel"]),
            models.Index(fields=["nip"]),
        ]

    def __str__(self):
        return f"{self.get_target_group_display()}: {self.display_name or '—'}"

    def get_absolute_url(self):
        return reverse("enrolment:detail", args=(self.pk,))

    @property
    def is_person(self) -> bool:
        return self.target_group != TargetGroup.ENTITY

    @property
    def display_name(self) -> str:
        if self.target_group == TargetGroup.ENTITY:
            return self.entity_name
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def is_editable(self) -> bool:
        return self.status in (self.Status.DRAFT, self.Status.NEEDS_CORRECTIONS)

    @property
    def delegation_pending(self) -> bool:
        return (
            self.target_group == TargetGroup.DELEGATED_PERSON
            and self.delegation_confirmed_at is None
        )

    def eligibility_labels(self) -> list[str]:
        labels = dict(Eligibility.choices)
        return [str(labels[code]) for code in self.eligibility if code in labels]

    def support_area_labels(self) -> list[str]:
        labels = dict(SupportArea.choices)
        return [str(labels[code]) for code in self.support_areas if code in labels]


class EnrolmentChange(models.Model):
    """One line of an enrolment's history: who did what, when, and why."""

    class Action(models.TextChoices):
        SUBMITTED = "submitted", _("sent for review")
        DELEGATION_CONFIRMED = "delegation_confirmed", _("delegation confirmed by the entity")
        ACCEPTED = "accepted", _("accepted")
        REJECTED = "rejected", _("rejected")
        SENT_BACK = "sent_back", _("sent back for corrections")
        SUPPORT_ENDED = "support_ended", _("end of support recorded")
        ERASED = "erased", _("personal data erased")
        ANONYMISED = "anonymised", _("anonymised after the retention period")

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="changes")
    action = models.CharField(_("action"), max_length=30, choices=Action.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    comment = models.TextField(_("comment"), max_length=2000, blank=True)
    at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        verbose_name = _("enrolment change")
        verbose_name_plural = _("enrolment changes")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.get_action_display()} ({self.at:%Y-%m-%d %H:%M})"


class PersonalDataAccess(models.Model):
    """Every time a staff member sees PESEL or special-category data: who, when, what."""

    class Kind(models.TextChoices):
        VIEW = "view", _("viewed the enrolment")
        DECLARATION = "declaration", _("printed the declaration")
        EXPORT = "export", _("exported participants")

    staff_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staff member"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    enrolment = models.ForeignKey(
        Enrolment,
        verbose_name=_("enrolment"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="accesses",
    )
    kind = models.CharField(_("what"), max_length=12, choices=Kind.choices)
    fields = models.CharField(_("data seen"), max_length=300)
    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("personal-data access")
        verbose_name_plural = _("personal-data accesses")
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.staff_user} {self.get_kind_display()} ({self.at:%Y-%m-%d %H:%M})"
