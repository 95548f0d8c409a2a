"""Working groups: thematic or territorial groups of active members."""

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import TranslatableMixin
from wagtail_localize.fields import SynchronizedField, TranslatableField

from core.translation import CanonicalQuerySet
from core.validators import one_line
from projects.network.blocks import MeetingNoteBlock
from projects.network.models.common import canonical_only
from projects.network.models.organisations import Organisation
from projects.network.models.territories import Territory
from projects.network.models.themes import Theme
from projects.network.widgets import SearchableSelect, SearchableSelectMultiple, TerritorySelect


class WorkingGroup(TranslatableMixin, ClusterableModel):
    """A thematic or territorial group of active members, led by a *chef de file*."""

    # Public pages show it: any change purges the page cache (core/cache/purges.py).
    purges_page_cache = True

    class Kind(models.TextChoices):
        THEMATIC = "thematic", _("Thematic")
        TERRITORIAL = "territorial", _("Territorial")

    name = models.CharField(
        _("Name"),
        max_length=150,
        help_text=_("For example « Groupe locaux et matériels »."),
        validators=[one_line],
    )
    slug = models.SlugField(
        _("Slug"),
        max_length=160,
        help_text=_(
            "The group's anchor on the working groups page (#group-<slug>): lower-case letters, "
            "digits and hyphens."
        ),
    )
    kind = models.CharField(
        _("Kind"),
        max_length=12,
        choices=Kind.choices,
        default=Kind.THEMATIC,
        help_text=_("Thematic: works on one theme. Territorial: works on one territory."),
    )
    theme = models.ForeignKey(
        Theme,
        verbose_name=_("Theme"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="working_groups",
        limit_choices_to=canonical_only,
        help_text=_("The theme of a thematic group; its lead becomes the theme's lead."),
    )
    territory = models.ForeignKey(
        Territory,
        verbose_name=_("Territory"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="working_groups",
        help_text=_("The territory of a territorial group."),
    )
    lead_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("Lead organisation (chef de file)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="led_working_groups",
        limit_choices_to=canonical_only,
        help_text=_("The organisation that leads the group and speaks for it."),
    )
    members = ParentalManyToManyField(
        Organisation,
        blank=True,
        related_name="working_groups",
        verbose_name=_("Members"),
        limit_choices_to=canonical_only,
        help_text=_(
            "The organisations taking part. Type a few letters to find one; choose as many as "
            "needed."
        ),
    )
    description = RichTextField(
        _("Description"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("What the group works on, shown on the working groups page."),
    )
    meeting_notes = StreamField(
        [("meeting", MeetingNoteBlock())],
        blank=True,
        verbose_name=_("Meeting notes"),
        help_text=_("One entry per meeting; the working groups page shows the latest."),
    )

    objects = CanonicalQuerySet.as_manager()

    translatable_fields = [
        TranslatableField("name"),
        TranslatableField("description"),
        TranslatableField("meeting_notes"),
        SynchronizedField("slug"),
        SynchronizedField("kind"),
        SynchronizedField("theme"),
        SynchronizedField("territory"),
        SynchronizedField("lead_organisation"),
        SynchronizedField("members"),
    ]
    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldRowPanel(
            [
                FieldPanel("kind"),
                FieldPanel("theme", widget=forms.Select),
                FieldPanel("territory", widget=TerritorySelect),
            ]
        ),
        FieldPanel("lead_organisation", widget=SearchableSelect),
        FieldPanel("members", widget=SearchableSelectMultiple),
        FieldPanel("description"),
        FieldPanel("meeting_notes"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("working group")
        verbose_name_plural = _("working groups")
        ordering = ["kind", "name"]

    def __str__(self) -> str:
        return self.name
