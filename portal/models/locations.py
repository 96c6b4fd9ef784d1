from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.search import index


class Location(index.Indexed, models.Model):
    """A local incubation centre (Lokalny Ośrodek Ekonomizacji i Inkubacji Społecznej)."""

    name = models.CharField(_("name"), max_length=200)
    town = models.CharField(_("town"), max_length=100)
    street = models.CharField(_("street and number"), max_length=200)
    postcode = models.CharField(
        _("postcode"),
        max_length=6,
        help_text=_("Format: 00-000"),
    )
    opening_hours = models.TextField(
        _("opening hours"), help_text=_("One line per day or range of days.")
    )
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    accessibility = RichTextField(
        _("accessibility"),
        features=["bold", "italic", "ul", "link"],
        help_text=_("Step-free entrance, accessible toilet, induction loop, parking…"),
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    panels = [
        FieldPanel("name"),
        MultiFieldPanel(
            [FieldPanel("street"), FieldPanel("postcode"), FieldPanel("town")],
            heading=_("Address"),
        ),
        FieldPanel("opening_hours"),
        MultiFieldPanel([FieldPanel("phone"), FieldPanel("email")], heading=_("Contact")),
        MultiFieldPanel(
            [FieldPanel("latitude"), FieldPanel("longitude")], heading=_("Coordinates")
        ),
        FieldPanel("accessibility"),
        FieldPanel("sort_order"),
    ]

    search_fields = [
        index.SearchField("name"),
        index.SearchField("town"),
        index.AutocompleteField("town"),
    ]

    class Meta:
        verbose_name = _("location")
        verbose_name_plural = _("locations")
        ordering = ["sort_order", "town"]

    def __str__(self):
        return self.name

    @property
    def full_address(self) -> str:
        """Name and address on one line: how calendars, e-mails and pages show a centre."""
        return f"{self.name}, {self.street}, {self.postcode} {self.town}"

    @property
    def opening_hours_lines(self):
        return [line for line in self.opening_hours.splitlines() if line.strip()]

    @property
    def map_url(self):
        """A link to the location on OpenStreetMap (no map script embedded)."""
        if self.latitude is None or self.longitude is None:
            return ""
        return f"https://www.openstreetmap.org/?mlat={self.latitude}&mlon={self.longitude}#map=17/{self.latitude}/{self.longitude}"
