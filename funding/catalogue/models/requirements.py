"""Documents and questions a call requires of a dossier."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable, TranslatableMixin
from wagtail_localize.fields import SynchronizedField, TranslatableField

from core.validators import one_line
from funding.catalogue.models.calls import FundingCall


class CallRequirement(TranslatableMixin, Orderable):
    """A document to provide or a question to answer when applying to a call.

    The dossier issue turns them into document types and questions of a dossier; dossiers will
    point at the canonical call's requirements.
    """

    # Public pages show it: any change purges the page cache (core/cache/purges.py).
    purges_page_cache = True

    class Kind(models.TextChoices):
        DOCUMENT = "document", _("Document")
        QUESTION = "question", _("Question")

    call = ParentalKey(FundingCall, on_delete=models.CASCADE, related_name="requirements")
    kind = models.CharField(
        _("Kind"),
        max_length=10,
        choices=Kind.choices,
        default=Kind.DOCUMENT,
        help_text=_("A document to upload, or a question to answer in the dossier."),
    )
    label = models.CharField(
        _("Label"),
        max_length=255,
        help_text=_("e.g. Latest approved accounts; Who benefits?"),
        validators=[one_line],
    )
    help = models.TextField(
        pgettext_lazy("question help", "Help"),
        blank=True,
        help_text=_("Shown under the item in the dossier, to say what is expected."),
    )
    required = models.BooleanField(
        _("Required"), default=True, help_text=_("A dossier cannot be submitted without it.")
    )

    translatable_fields = [
        TranslatableField("label"),
        TranslatableField("help"),
        SynchronizedField("kind"),
        SynchronizedField("required"),
    ]
    panels = [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("required")]),
        FieldPanel("label"),
        FieldPanel("help"),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("call requirement")
        verbose_name_plural = _("call requirements")

    def __str__(self) -> str:
        return self.label
