from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from portal import selectors
from portal.blocks import BodyBlock

INTRO_FEATURES = ["bold", "italic", "link"]


class BasePage(Page):
    """Fields every public page type shares: a short introduction used in listings."""

    intro = models.TextField(
        _("introduction"),
        blank=True,
        max_length=600,
        help_text=_("One or two sentences shown under the title and in listings."),
    )

    search_fields = [*Page.search_fields, index.SearchField("intro")]

    class Meta:
        abstract = True


class _WithRelatedQuerySet(PageQuerySet):
    def select_for_update(self, **kwargs):
        # A row lock (treebeard's, when a child page is added) needs the page's own row
        # only, and PostgreSQL refuses FOR UPDATE on the nullable side of an outer join.
        return PageQuerySet.select_for_update(self.select_related(None), **kwargs)


def page_manager_with(*related: str):
    """A default manager whose pages come with these (nullable) foreign keys in the same
    query: Wagtail fetches a page's specific object through the default manager, so
    serving the page reads them with it."""

    class Manager(PageManager.from_queryset(_WithRelatedQuerySet)):
        def get_queryset(self):
            return super().get_queryset().select_related(*related)

    return Manager()


class HomePage(BasePage):
    hero_heading = models.CharField(_("hero heading"), max_length=200)
    hero_cta_label = models.CharField(_("hero button text"), max_length=80, blank=True)
    hero_cta_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("hero button page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    locations_heading = models.CharField(
        _("locations heading"), max_length=200, default="Lokalne ośrodki wsparcia"
    )

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("hero_heading"),
                FieldPanel("intro"),
                FieldPanel("hero_cta_label"),
                FieldPanel("hero_cta_page"),
            ],
            heading=_("Hero"),
        ),
        FieldPanel("locations_heading"),
    ]

    search_fields = [*BasePage.search_fields, index.SearchField("hero_heading")]

    max_count = 1
    parent_page_types = ["wagtailcore.Page"]

    objects = page_manager_with("hero_cta_page")  # the hero button's page

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(selectors.home_page_sections(self, request))
        return context


class StandardPage(BasePage):
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]

    search_fields = [*BasePage.search_fields, index.SearchField("body")]

    class Meta:
        verbose_name = _("standard page")


class LocationIndexPage(BasePage):
    """Lists the local incubation centres (the Location snippets)."""

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    max_count = 1
    subpage_types = []

    class Meta:
        verbose_name = _("locations page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["locations"] = selectors.locations_list()
        return context


class AccessibilityStatementPage(BasePage):
    """Deklaracja dostępności as the Ministry of Digital Affairs' template (v2.0) has it.

    The editor fills in these fields; the template gives each part the element id that
    automated validators look for (a11y-wstep, a11y-podmiot, a11y-status, …).
    """

    class Compliance(models.TextChoices):
        FULL = "full", _("fully compliant")
        PARTIAL = "partial", _("partially compliant")
        NONE = "none", _("not compliant")

    class AssessmentMethod(models.TextChoices):
        SELF = "self", _("self-assessment by the entity")
        EXTERNAL = "external", _("assessment by an external entity")

    website_published_on = models.DateField(_("date the website was published"))
    website_updated_on = models.DateField(_("date of the last major update of the website"))
    compliance = models.CharField(_("compliance status"), max_length=10, choices=Compliance.choices)
    inaccessible_content = RichTextField(
        _("inaccessible content and why"), blank=True, features=["bold", "ul", "link"]
    )
    exemptions = RichTextField(
        _("exemptions (content outside the act)"), blank=True, features=["bold", "ul", "link"]
    )
    prepared_on = models.DateField(_("date the statement was prepared"))
    reviewed_on = models.DateField(_("date of the last review of the statement"))
    assessment_method = models.CharField(
        _("assessment method"),
        max_length=10,
        choices=AssessmentMethod.choices,
        default=AssessmentMethod.SELF,
    )
    facilitations = RichTextField(
        _("accessibility facilitations (keyboard shortcuts, etc.)"),
        blank=True,
        features=["bold", "ul", "link"],
    )
    contact_person = models.CharField(_("contact person"), max_length=200)
    contact_email = models.EmailField(_("contact e-mail"))
    contact_phone = models.CharField(_("contact phone"), max_length=30)
    architectural_accessibility = RichTextField(
        _("architectural accessibility of the head office"),
        features=["bold", "ul", "link"],
        help_text=_("The accessibility of each local centre is shown from its location."),
    )
    communication_accessibility = RichTextField(
        _("communication and information accessibility"),
        blank=True,
        features=["bold", "ul", "link"],
        help_text=_(
            "E.g. a Polish Sign Language interpreter, an induction loop, easy-to-read text."
        ),
    )
    mobile_apps = models.TextField(_("mobile applications"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldPanel("website_published_on"),
                FieldPanel("website_updated_on"),
                FieldPanel("compliance"),
                FieldPanel("inaccessible_content"),
                FieldPanel("exemptions"),
            ],
            heading=_("Compliance"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("prepared_on"),
                FieldPanel("reviewed_on"),
                FieldPanel("assessment_method"),
            ],
            heading=_("Preparation of the statement"),
        ),
        FieldPanel("facilitations"),
        MultiFieldPanel(
            [
                FieldPanel("contact_person"),
                FieldPanel("contact_email"),
                FieldPanel("contact_phone"),
            ],
            heading=_("Feedback and contact"),
        ),
        FieldPanel("architectural_accessibility"),
        FieldPanel("communication_accessibility"),
        FieldPanel("mobile_apps"),
    ]

    max_count = 1
    subpage_types = []

    class Meta:
        verbose_name = _("accessibility statement")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["locations"] = selectors.locations_list()
        return context
