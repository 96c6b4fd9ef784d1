from django.contrib.contenttypes.fields import GenericRelation
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Upper
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    Orderable,
    RevisionMixin,
    WorkflowMixin,
)
from wagtail.search import index

from directory.regions import COMMUNE_CHOICES, COUNTY_CHOICES, communes_of
from portal.validators import digits_only, validate_krs, validate_nip, validate_regon


class LegalForm(models.TextChoices):
    SOCIAL_COOPERATIVE = "social_cooperative", _("social cooperative")
    WORKERS_COOPERATIVE = "workers_cooperative", _("workers' cooperative")
    DISABLED_COOPERATIVE = "disabled_cooperative", _("cooperative of disabled or blind people")
    FOUNDATION = "foundation", _("foundation")
    ASSOCIATION = "association", _("association")
    NONPROFIT_COMPANY = "nonprofit_company", _("non-profit company")
    CIS = "cis", _("social integration centre (CIS)")
    KIS = "kis", _("social integration club (KIS)")
    ZAZ = "zaz", _("vocational activity establishment (ZAZ)")
    WTZ = "wtz", _("occupational therapy workshop (WTZ)")
    RURAL_WOMEN = "rural_women", _("rural housewives' circle (KGW)")
    OTHER = "other", _("other")


class EntityServiceTag(TaggedItemBase):
    content_object = ParentalKey(
        "directory.Entity", on_delete=models.CASCADE, related_name="service_items"
    )


class Entity(
    WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, index.Indexed, ClusterableModel
):
    """A social-economy entity (PES) in the public directory.

    The database row is the published (approved) profile; edits wait as revisions in
    Wagtail's moderation workflow until staff approve them.
    """

    name = models.CharField(_("name"), max_length=255)
    short_name = models.CharField(_("short name"), max_length=100, blank=True)
    slug = models.SlugField(_("address in the directory"), max_length=120, unique=True)
    legal_form = models.CharField(_("legal form"), max_length=30, choices=LegalForm.choices)
    is_social_enterprise = models.BooleanField(_("social enterprise (PS) status"), default=False)
    social_enterprise_since = models.DateField(_("PS status since"), null=True, blank=True)
    krs = models.CharField(_("KRS"), max_length=10, blank=True, validators=[validate_krs])
    nip = models.CharField(_("NIP"), max_length=10, blank=True, validators=[validate_nip])
    regon = models.CharField(_("REGON"), max_length=14, blank=True, validators=[validate_regon])
    description = RichTextField(
        _("description"), features=["bold", "italic", "ul", "ol", "link"], blank=True
    )
    services = ClusterTaggableManager(
        through=EntityServiceTag, verbose_name=_("services and products"), blank=True
    )
    industry = models.CharField(_("industry"), max_length=120, blank=True)
    areas_of_activity = models.TextField(_("areas of activity"), blank=True)
    county = models.CharField(_("county"), max_length=30, choices=COUNTY_CHOICES)
    commune = models.CharField(_("commune"), max_length=60, choices=COMMUNE_CHOICES)
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=6, blank=True)
    town = models.CharField(_("town"), max_length=100)
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    website = models.URLField(_("website"), blank=True)
    facebook_url = models.URLField(_("Facebook"), blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    logo_alt = models.CharField(_("text alternative of the logo"), max_length=250, blank=True)
    year_founded = models.PositiveSmallIntegerField(_("year founded"), null=True, blank=True)
    social_clauses_ready = models.BooleanField(
        _("ready for public contracts with social clauses"), default=False
    )
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)
    search_document = models.TextField(editable=False, blank=True)
    # PostgreSQL: to_tsvector(search_document), kept by a trigger (migration 0008).
    search_vector = SearchVectorField(editable=False, null=True)

    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="entity",
        for_concrete_model=False,
    )
    revisions = GenericRelation(
        "wagtailcore.Revision",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="entity",
        for_concrete_model=False,
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("short_name"),
        FieldPanel("slug"),
        FieldPanel("legal_form"),
        MultiFieldPanel(
            [FieldPanel("is_social_enterprise"), FieldPanel("social_enterprise_since")],
            heading=_("Social enterprise"),
        ),
        MultiFieldPanel(
            [FieldPanel("krs"), FieldPanel("nip"), FieldPanel("regon")], heading=_("Registers")
        ),
        FieldPanel("description"),
        FieldPanel("services"),
        FieldPanel("industry"),
        FieldPanel("areas_of_activity"),
        MultiFieldPanel(
            [
                FieldPanel("county"),
                FieldPanel("commune"),
                FieldPanel("street"),
                FieldPanel("postcode"),
                FieldPanel("town"),
                FieldPanel("latitude"),
                FieldPanel("longitude"),
            ],
            heading=_("Address"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("email"),
                FieldPanel("phone"),
                FieldPanel("website"),
                FieldPanel("facebook_url"),
            ],
            heading=_("Contact"),
        ),
        MultiFieldPanel([FieldPanel("logo"), FieldPanel("logo_alt")], heading=_("Logo")),
        InlinePanel("photos", heading=_("Photos"), label=_("photo"), max_num=12),
        FieldPanel("year_founded"),
        FieldPanel("social_clauses_ready"),
    ]

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("description"),
        index.SearchField("town"),
        index.FilterField("live"),
    ]

    class Meta:
        verbose_name = _("entity")
        verbose_name_plural = _("entities")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                Upper("krs"),
                condition=~models.Q(krs=""),
                name="entity_unique_krs",
                violation_error_message=_("An entity with this KRS number is already listed."),
            ),
            models.UniqueConstraint(
                "nip",
                condition=~models.Q(nip=""),
                name="entity_unique_nip",
                violation_error_message=_("An entity with this NIP number is already listed."),
            ),
            models.UniqueConstraint(
                "regon",
                condition=~models.Q(regon=""),
                name="entity_unique_regon",
                violation_error_message=_("An entity with this REGON number is already listed."),
            ),
        ]
        indexes = [
            models.Index(fields=["live", "legal_form"]),
            models.Index(fields=["live", "county"]),
            models.Index(fields=["live", "-updated_at"], name="entity_recently_updated"),
            models.Index(fields=["live", "name"], name="entity_by_name"),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        for field in ("krs", "nip", "regon"):
            setattr(self, field, digits_only(getattr(self, field)))
        errors = {}
        if self.county and self.commune and self.commune not in communes_of(self.county):
            errors["commune"] = _("This commune is not in the chosen county.")
        if self.logo_id and not self.logo_alt.strip():
            errors["logo_alt"] = _("Describe the logo for people who cannot see it.")
        if self.social_enterprise_since and not self.is_social_enterprise:
            errors["social_enterprise_since"] = _("Tick the social enterprise status first.")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        self.search_document = build_search_document(self)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("directory:entity", args=(self.slug,))

    @property
    def county_label(self):
        return self.get_county_display()


def build_search_document(entity) -> str:
    """The text free-text search looks in: names, place, services, description."""
    from django.utils.html import strip_tags

    services = " ".join(tag.name for tag in entity.services.all()) if entity.pk else ""
    parts = [
        entity.name,
        entity.short_name,
        entity.get_legal_form_display() if entity.legal_form else "",
        entity.town,
        entity.commune,
        entity.get_county_display() if entity.county else "",
        entity.industry,
        services,
        entity.areas_of_activity,
        strip_tags(entity.description or ""),
    ]
    return " ".join(part for part in parts if part)


class EntityPhoto(Orderable):
    entity = ParentalKey(Entity, on_delete=models.CASCADE, related_name="photos")
    image = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("photo"), on_delete=models.CASCADE, related_name="+"
    )
    alt_text = models.CharField(
        _("text alternative"),
        max_length=250,
        help_text=_("Describe what the photo shows for people who cannot see it."),
    )
    caption = models.CharField(_("caption"), max_length=250, blank=True)

    panels = [FieldPanel("image"), FieldPanel("alt_text"), FieldPanel("caption")]

    class Meta(Orderable.Meta):
        verbose_name = _("photo")
        verbose_name_plural = _("photos")

    def __str__(self):
        return self.alt_text


class Representative(models.Model):
    """A user who speaks for an entity: asks to, then staff approve (or invite them)."""

    class Role(models.TextChoices):
        OWNER = "owner", _("owner")
        EDITOR = "editor", _("editor")

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting for approval")
        APPROVED = "approved", _("approved")
        REJECTED = "rejected", _("rejected")

    user = models.ForeignKey(
        "portal.User",
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="representations",
    )
    entity = models.ForeignKey(
        Entity, verbose_name=_("entity"), on_delete=models.CASCADE, related_name="representatives"
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.OWNER)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    message = models.TextField(_("message to staff"), max_length=2000, blank=True)
    reason = models.TextField(_("reason for the decision"), max_length=2000, blank=True)
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    decided_by = models.ForeignKey(
        "portal.User",
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        verbose_name = _("representative")
        verbose_name_plural = _("representatives")
        ordering = ["-requested_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "entity"],
                condition=~models.Q(status="rejected"),
                name="one_open_representation_per_user_and_entity",
            )
        ]

    def __str__(self):
        return f"{self.user} – {self.entity}"

    @property
    def is_approved(self) -> bool:
        return self.status == self.Status.APPROVED


class Invitation(models.Model):
    """Staff invite a person by e-mail to represent an entity; the link is single-use."""

    email = models.EmailField(_("e-mail"))
    entity = models.ForeignKey(
        Entity, verbose_name=_("entity"), on_delete=models.CASCADE, related_name="invitations"
    )
    role = models.CharField(
        _("role"), max_length=10, choices=Representative.Role.choices, default="owner"
    )
    token = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        "portal.User", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self):
        return f"{self.email} – {self.entity}"


class PendingIndexUpdate(models.Model):
    """An entity whose search-index copy could not be updated (the cluster was away);
    `manage.py rebuild_directory_index --queue` catches up."""

    entity_id = models.PositiveBigIntegerField(unique=True)
    queued_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("pending search-index update")
        verbose_name_plural = _("pending search-index updates")

    def __str__(self):
        return f"{self.entity_id} ({self.queued_at:%Y-%m-%d %H:%M})"
