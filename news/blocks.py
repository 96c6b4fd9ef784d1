from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

from portal.blocks import BodyBlock


class GalleryImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("image"))
    alt_text = blocks.CharBlock(label=_("text alternative"), max_length=250)
    caption = blocks.CharBlock(label=_("caption"), max_length=250, required=False)


class GalleryBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("gallery title"), max_length=200)
    images = blocks.ListBlock(GalleryImageBlock(), label=_("images"), min_num=1)

    class Meta:
        icon = "image"
        label = _("Gallery")
        template = "news/blocks/gallery.html"


class RelatedLinkBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("link text"), max_length=200)
    page = blocks.PageChooserBlock(label=_("page"), required=False)
    url = blocks.URLBlock(label=_("or external address"), required=False)


class RelatedLinksBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("heading"), max_length=200, default="Zobacz także")
    links = blocks.ListBlock(RelatedLinkBlock(), label=_("links"), min_num=1)

    class Meta:
        icon = "link"
        label = _("Related links")
        template = "news/blocks/related_links.html"


class NewsBodyBlock(BodyBlock):
    gallery = GalleryBlock()
    related_links = RelatedLinksBlock()
