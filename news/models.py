from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from news.blocks import NewsBodyBlock
from portal.models import BasePage
from portal.models.pages import page_manager_with


def _view(name: str):
    """A view of news/views.py by name: the pages route to it without importing it (the
    views query these models, so the models may not import the views)."""
    return import_string(f"news.views.{name}")


class NewsCategory(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True, allow_unicode=False)

    panels = [FieldPanel("name"), FieldPanel("slug")]

    class Meta:
        verbose_name = _("news category")
        verbose_name_plural = _("news categories")
        ordering = ["name"]

    def __str__(self):
        return self.name


class NewsPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "news.NewsPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class NewsIndexPage(RoutablePageMixin, BasePage):
    """The news section: newest first, filtered by category or tag, with RSS and Atom."""

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    subpage_types = ["news.NewsPage"]
    max_count = 1

    class Meta:
        verbose_name = _("news index")

    @path("")
    def news_list(self, request):
        return _view("news_list")(request, self)

    @path("rss/", name="rss")
    def rss_feed(self, request):
        return _view("rss_feed")(request, self)

    @path("atom/", name="atom")
    def atom_feed(self, request):
        return _view("atom_feed")(request, self)


class NewsPage(BasePage):
    date = models.DateField(_("publication date"), default=timezone.localdate)
    author = models.CharField(_("author"), max_length=150, blank=True)
    main_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("main image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    main_image_alt = models.CharField(
        _("text alternative of the main image"),
        max_length=250,
        blank=True,
        help_text=_("Required with an image: what it shows, for people who cannot see it."),
    )
    main_image_caption = models.CharField(_("caption"), max_length=250, blank=True)
    body = StreamField(NewsBodyBlock(), verbose_name=_("body"), blank=True)
    categories = ParentalManyToManyField(
        NewsCategory, verbose_name=_("categories"), blank=True, related_name="news_pages"
    )
    tags = ClusterTaggableManager(through=NewsPageTag, verbose_name=_("tags"), blank=True)

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel([FieldPanel("date"), FieldPanel("author")], heading=_("Publication")),
        FieldPanel("intro", heading=_("Lead")),
        MultiFieldPanel(
            [
                FieldPanel("main_image"),
                FieldPanel("main_image_alt"),
                FieldPanel("main_image_caption"),
            ],
            heading=_("Main image"),
        ),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("categories", widget=forms.CheckboxSelectMultiple), FieldPanel("tags")],
            heading=_("Categories and tags"),
        ),
    ]

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("body"),
        index.SearchField("author"),
        index.FilterField("date"),
    ]

    parent_page_types = ["news.NewsIndexPage"]
    subpage_types = []

    objects = page_manager_with("main_image")

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = _("news items")

    def clean(self):
        super().clean()
        if self.main_image_id and not self.main_image_alt.strip():
            raise ValidationError(
                {"main_image_alt": _("Describe the image for people who cannot see it.")}
            )

    def serve(self, request, *args, **kwargs):
        return _view("news_detail")(request, self, *args, **kwargs)
