from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class AgendaItemBlock(blocks.StructBlock):
    time = blocks.TimeBlock(label=_("time"))
    title = blocks.CharBlock(label=_("item"), max_length=200)
    speaker = blocks.CharBlock(label=_("speaker"), max_length=200, required=False)

    class Meta:
        icon = "time"
        label = _("Agenda item")


class SpeakerBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("name"), max_length=200)
    role = blocks.CharBlock(label=_("role or organisation"), max_length=200, required=False)
    bio = blocks.TextBlock(label=_("short bio"), required=False)

    class Meta:
        icon = "user"
        label = _("Speaker")


class ProgrammeBlock(blocks.StreamBlock):
    agenda_item = AgendaItemBlock()
    speaker = SpeakerBlock()
