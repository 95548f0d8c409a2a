"""Funders and their sources (programmes, funds, platforms)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Locale, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

import funding.catalogue.vocabulary as facts
from core.translation import CanonicalQuerySet
from core.validators import one_line
from funding.catalogue.models.common import SLUG_HELP, canonical_only, unique_slug
from projects.network.widgets import SearchableSelect


class Funder(TranslatableMixin, index.Indexed, models.Model):
    """An organisation that funds: public body, EU programme manager, foundation, company,
    bank, crowdfunding platform or solidarity finance body.

    Reviewers will belong to funders (a `FunderMembership(user, funder)` pointing at the
    canonical row), so that a funder's people review the dossiers sent to its calls.
    """

    # Public pages show it: any change purges the page cache (core/cache/purges.py).
    purges_page_cache = True

    class Kind(models.TextChoices):
        EU = "eu", _("European Union body")
        STATE = "state", _("State or State agency")
        LOCAL_AUTHORITY = "local_authority", _("Local authority")
        FOUNDATION = "foundation", _("Foundation")
        COMPANY = "company", _("Company")
        BANK = "bank", _("Bank")
        CROWDFUNDING_PLATFORM = "crowdfunding_platform", _("Crowdfunding platform")
        SOLIDARITY_FINANCE = "solidarity_finance", _("Solidarity finance body")
        OTHER = "other", _("Other")

    name = models.CharField(
        _("Name"),
        max_length=200,
        help_text=_("Its usual name, e.g. Fondation de France; the same in every language."),
        validators=[one_line],
    )
    slug = models.SlugField(_("Slug"), max_length=200, blank=True, help_text=SLUG_HELP)
    kind = models.CharField(
        _("Kind"),
        max_length=30,
        choices=Kind.choices,
        default=Kind.OTHER,
        help_text=_("What sort of body it is; the catalogue's filters use it."),
    )
    website = models.URLField(
        _("Website"), blank=True, help_text=_("The full address, starting with https://.")
    )
    description = models.TextField(
        _("Description"),
        blank=True,
        help_text=_("What it funds and for whom, in a few sentences. Translated like the rest."),
    )
    organisation = models.ForeignKey(
        "projects.Organisation",
        verbose_name=_("Organisation in the directory"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="funders",
        limit_choices_to=canonical_only,
        help_text=_("When the funder is also an organisation of the network."),
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("Logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The image's description is its alternative text."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CanonicalQuerySet.as_manager()

    translatable_fields = [
        TranslatableField("description"),
        SynchronizedField("name"),
        SynchronizedField("slug"),
        SynchronizedField("kind"),
        SynchronizedField("website"),
        SynchronizedField("organisation"),
        SynchronizedField("logo"),
    ]
    search_fields = [
        index.SearchField("name", boost=3),
        index.AutocompleteField("name"),
        index.SearchField("description"),
        index.FilterField("locale_id"),
    ]
    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("website")]),
        FieldPanel("description"),
        # Searchable drop-downs: the network's choosers need permissions coordinators do not hold.
        FieldPanel("organisation", widget=SearchableSelect),
        FieldPanel("logo"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("funder")
        verbose_name_plural = _("funders")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="unique_funder_slug_per_locale")
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        if not self.slug:
            if self.locale_id is None:
                self.locale = self.get_default_locale()
            self.slug = unique_slug(Funder, self.name, self.locale_id, self.pk)
        super().save(*args, **kwargs)

    def clean(self) -> None:
        super().clean()
        if self.organisation_id and self.organisation.locale_id != Locale.get_default().pk:
            raise ValidationError({"organisation": _("Choose the organisation's French entry.")})


class FundingSource(TranslatableMixin, index.Indexed, models.Model):
    """A funding instrument of a funder: an EU or State programme, a fund, a platform.

    Sources form programme hierarchies through ``parent`` (FEADER → LEADER → a GAL's LEADER
    envelope); the kind decides whether the money is public (capped in funding plans).
    """

    # Public pages show it: any change purges the page cache (core/cache/purges.py).
    purges_page_cache = True

    class Kind(models.TextChoices):
        EU_PROGRAMME = "eu_programme", _("EU programme")
        STATE = "state", _("State")
        REGION = "region", _("Region")
        DEPARTEMENT = "departement", _("Département")
        LOCAL_AUTHORITY = "local_authority", _("Local authority")
        FOUNDATION = "foundation", _("Foundation")
        CORPORATE_SPONSORSHIP = "corporate_sponsorship", _("Corporate sponsorship")
        CROWDFUNDING_PLATFORM = "crowdfunding_platform", _("Crowdfunding platform")
        SOLIDARITY_FINANCE = "solidarity_finance", _("Solidarity finance")
        BANK = "bank", _("Bank")

    funder = models.ForeignKey(
        Funder,
        verbose_name=_("Funder"),
        on_delete=models.PROTECT,
        related_name="sources",
        limit_choices_to=canonical_only,
        help_text=_("The body that manages the money of this source."),
    )
    name = models.CharField(
        _("Name"),
        max_length=200,
        help_text=_("e.g. LEADER, FDVA, Hors-Pistes, HelloAsso."),
        validators=[one_line],
    )
    slug = models.SlugField(_("Slug"), max_length=200, blank=True, help_text=SLUG_HELP)
    kind = models.CharField(
        _("Kind"),
        max_length=30,
        choices=Kind.choices,
        help_text=_(
            "Decides whether the money is public: funding plans cap the share of public money."
        ),
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("Part of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
        limit_choices_to=canonical_only,
        help_text=_("The wider programme, e.g. LEADER for a GAL's envelope, FEADER for LEADER."),
    )
    description = models.TextField(
        _("Description"), blank=True, help_text=_("What the source funds, in a few sentences.")
    )
    website = models.URLField(
        _("Website"), blank=True, help_text=_("The full address, starting with https://.")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CanonicalQuerySet.as_manager()

    translatable_fields = [
        TranslatableField("name"),
        TranslatableField("description"),
        SynchronizedField("funder"),
        SynchronizedField("slug"),
        SynchronizedField("kind"),
        SynchronizedField("parent"),
        SynchronizedField("website"),
    ]
    search_fields = [
        index.SearchField("name", boost=3),
        index.AutocompleteField("name"),
        index.SearchField("description"),
        index.FilterField("kind"),
        index.FilterField("locale_id"),
    ]
    panels = [
        FieldPanel("funder", widget=SearchableSelect),
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("parent", widget=SearchableSelect)]),
        FieldPanel("description"),
        FieldPanel("website"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("funding source")
        verbose_name_plural = _("funding sources")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="unique_source_slug_per_locale")
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        if not self.slug:
            if self.locale_id is None:
                self.locale = self.get_default_locale()
            self.slug = unique_slug(FundingSource, self.name, self.locale_id, self.pk)
        super().save(*args, **kwargs)

    @property
    def is_public_money(self) -> bool:
        return self.kind in facts.PUBLIC_SOURCE_KINDS

    def lineage(self) -> list["FundingSource"]:
        """The source and the programmes above it, widest first (FEADER, LEADER, the GAL)."""
        chain, seen, node = [], set(), self
        while node is not None and node.pk not in seen:
            chain.append(node)
            seen.add(node.pk)
            node = node.parent
        return list(reversed(chain))

    def clean(self) -> None:
        super().clean()
        if self.parent_id:
            if self.parent_id == self.pk:
                raise ValidationError({"parent": _("A source cannot be part of itself.")})
            node, seen = self.parent, set()
            while node is not None and node.pk not in seen:
                if node.pk == self.pk:
                    raise ValidationError(
                        {"parent": _("This would make the source part of itself.")}
                    )
                seen.add(node.pk)
                node = node.parent
