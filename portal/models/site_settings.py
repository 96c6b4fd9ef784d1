from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


@register_setting(icon="cog")
class SiteSettings(BaseSiteSetting):
    """Organisation data shown in the header, the footer and printouts."""

    organisation_name = models.CharField(
        _("organisation name"), max_length=200, default="Ośrodek Wsparcia Ekonomii Społecznej"
    )
    short_name = models.CharField(_("short name"), max_length=40, default="OWES")
    address = models.TextField(_("address"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    facebook_url = models.URLField(_("Facebook"), blank=True)
    linkedin_url = models.URLField(_("LinkedIn"), blank=True)
    youtube_url = models.URLField(_("YouTube"), blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown next to the name in the header. Without it the portal's own logo."),
    )
    favicon = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("browser tab icon"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "A square image, at least 180 × 180 px, shown in the browser tab and on a "
            "phone's home screen. Without it the portal's own icon."
        ),
    )
    footer_text = models.TextField(_("footer text"), blank=True)
    funding_logos = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("EU funding logo strip"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The strip of logos EU-funded projects must show on every page."),
    )
    funding_logos_alt = models.CharField(
        _("text alternative of the logo strip"),
        max_length=300,
        blank=True,
        help_text=_("Name every logo, e.g. “Fundusze Europejskie, Rzeczpospolita Polska…”."),
    )
    funding_statement = models.CharField(_("funding statement"), max_length=300, blank=True)
    privacy_policy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("privacy policy page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    accessibility_statement_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("accessibility statement page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("organisation_name"),
                FieldPanel("short_name"),
                FieldPanel("address"),
                FieldPanel("phone"),
                FieldPanel("email"),
                FieldPanel("logo"),
                FieldPanel("favicon"),
            ],
            heading=_("Organisation"),
        ),
        MultiFieldPanel(
            [FieldPanel("facebook_url"), FieldPanel("linkedin_url"), FieldPanel("youtube_url")],
            heading=_("Social media"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("footer_text"),
                FieldPanel("funding_logos"),
                FieldPanel("funding_logos_alt"),
                FieldPanel("funding_statement"),
            ],
            heading=_("Footer"),
        ),
        MultiFieldPanel(
            [FieldPanel("privacy_policy_page"), FieldPanel("accessibility_statement_page")],
            heading=_("Legal pages"),
        ),
    ]

    class Meta:
        verbose_name = _("site settings")

    def clean(self):
        super().clean()
        if self.funding_logos_id and not self.funding_logos_alt.strip():
            raise ValidationError(
                {"funding_logos_alt": _("Describe the logos for people who cannot see them.")}
            )

    @property
    def social_links(self):
        return [
            (label, url)
            for label, url in (
                ("Facebook", self.facebook_url),
                ("LinkedIn", self.linkedin_url),
                ("YouTube", self.youtube_url),
            )
            if url
        ]
