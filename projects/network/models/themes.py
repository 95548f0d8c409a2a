"""The themes: the cooperation domains of the network."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin
from wagtail_localize.fields import SynchronizedField, TranslatableField

from core.translation import CanonicalQuerySet
from core.validators import one_line


class Theme(TranslatableMixin, models.Model):
    """A cooperation domain of the seed (five themes, then engineering support)."""

    # Public pages show it: any change purges the page cache (core/cache/purges.py).
    purges_page_cache = True

    number = models.PositiveSmallIntegerField(
        pgettext_lazy("theme order", "Number"),
        help_text=_("Position of the theme in every list: 1 for the first."),
    )
    slug = models.SlugField(
        _("Slug"),
        max_length=60,
        help_text=_(
            "The theme in web addresses and filters (?theme=…): lower-case letters, digits and "
            "hyphens. Changing it breaks saved links."
        ),
    )
    name = models.CharField(
        _("Name"),
        max_length=120,
        help_text=_("Short name, shown in filters, cards and guides."),
        validators=[one_line],
    )
    description = models.TextField(
        _("Description"), blank=True, help_text=_("What the theme covers, in one or two sentences.")
    )

    objects = CanonicalQuerySet.as_manager()

    translatable_fields = [
        TranslatableField("name"),
        TranslatableField("description"),
        SynchronizedField("number"),
        SynchronizedField("slug"),
    ]
    panels = [
        FieldPanel("number"),
        FieldPanel("slug"),
        FieldPanel("name"),
        FieldPanel("description"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="unique_theme_slug_per_locale")
        ]

    def __str__(self) -> str:
        return self.name
