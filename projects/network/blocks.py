"""StreamField blocks of the cooperation app."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail import blocks


class MeetingNoteBlock(blocks.StructBlock):
    """What a working group meeting decided."""

    date = blocks.DateBlock(label=_("Date"))
    title = blocks.CharBlock(label=_("Title"), max_length=150)
    summary = blocks.RichTextBlock(
        label=pgettext_lazy("abstract", "Summary"), features=["bold", "italic", "ul", "link"]
    )

    class Meta:
        icon = "date"
        label = _("Meeting")
