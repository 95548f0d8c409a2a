"""The funding catalogue: funders, their sources (programmes, funds, platforms) and their calls.

Funders, sources and calls are translatable snippets under the canonical-row rule of `projects`
(docs/translation.md): one row per language linked by `translation_key`, every relation pointing
at the French row, translated rows carrying translated text only. Listings and facts query
`canonical()` rows and show text in the visitor's language with `localize_all`.
"""

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.models import Locale, Orderable, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

import funding.catalogue.vocabulary as facts
from core.translation import CanonicalQuerySet
from funding.catalogue.fields import (
    ChoiceListField,
    LabelListField,
    json_list_has,
    json_list_has_or_empty,
)
from projects.network.models import Organisation, Territory
from projects.network.widgets import SearchableSelect, SearchableSelectMultiple, TerritorySelect

# Calls are French and Italian programmes: their dates are shown and exported in Paris time.
CALL_TIMEZONE = ZoneInfo("Europe/Paris")
# A call closing within this many days is "closing soon".
CLOSING_SOON_DAYS = 14
# Territory rank given to calls open anywhere: wider than the European Union (rank 9).
ANYWHERE_RANK = 10
PERCENT = [MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))]
POSITIVE = [MinValueValidator(Decimal("0"))]
SLUG_HELP = _("Leave empty to make it from the name; changing it breaks saved links.")


def canonical_only() -> Q:
    """`limit_choices_to` of relations to translatable rows: default-language rows only."""
    return Q(locale_id=Locale.get_default().pk)


def unique_slug(model: type[models.Model], base: str, locale_id: int, exclude_pk=None) -> str:
    """``base`` slugified, with a number added until no row of ``locale_id`` has it."""
    max_length = model._meta.get_field("slug").max_length
    root = slugify(base)[: max_length - 5] or model._meta.model_name
    slug, number = root, 2
    rows = model.objects.filter(locale_id=locale_id).exclude(pk=exclude_pk)
    while rows.filter(slug=slug).exists():
        slug, number = f"{root}-{number}", number + 1
    return slug


class AidType(models.TextChoices):
    """What a call gives (`funding.catalogue.vocabulary.AID_TYPES`)."""

    GRANT = "grant", _("Grant")
    LOAN = "loan", _("Loan")
    RECOVERABLE_ADVANCE = "recoverable_advance", _("Recoverable advance")
    GUARANTEE = "guarantee", _("Guarantee")
    IN_KIND = "in_kind", _("In-kind support")
    ENGINEERING = "engineering", _("Engineering support")
    CROWDFUNDING_DONATION = "crowdfunding_donation", _("Crowdfunding: donations")
    CROWDFUNDING_REWARD = "crowdfunding_reward", _("Crowdfunding: rewards")
    CROWDFUNDING_LOAN = "crowdfunding_loan", _("Crowdfunding: loans")
    CROWDFUNDING_EQUITY = "crowdfunding_equity", _("Crowdfunding: equity")


class CostType(models.TextChoices):
    """The costs a call pays for (`funding.catalogue.vocabulary.COST_TYPES`)."""

    OPERATING = "operating", _("Operating costs")
    INVESTMENT = "investment", _("Investment costs")


# ---------------------------------------------------------------------------------------------
# Funders and sources
# ---------------------------------------------------------------------------------------------
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
        _("Name"), max_length=200, help_text=_("e.g. LEADER, FDVA, Hors-Pistes, HelloAsso.")
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


# ---------------------------------------------------------------------------------------------
# Calls
# ---------------------------------------------------------------------------------------------
def start_of_day(day: datetime.date) -> datetime.datetime:
    """Midnight at the start of ``day`` in Paris time, as an aware datetime."""
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=CALL_TIMEZONE)


def end_of_day(day: datetime.date) -> datetime.datetime:
    """23:59:59 on ``day`` in Paris time: a deadline given as a date."""
    return datetime.datetime.combine(day, datetime.time(23, 59, 59), tzinfo=CALL_TIMEZONE)


def paris_today(now: datetime.datetime | None = None) -> datetime.date:
    return timezone.localtime(now or timezone.now(), CALL_TIMEZONE).date()


class FundingCallQuerySet(CanonicalQuerySet):
    """Named filters of the catalogue. Filters take canonical rows for granted; call
    `canonical()` first on any listing."""

    def open_on(self, day: datetime.date) -> "FundingCallQuerySet":
        """Calls open at some moment of ``day`` (Paris time): opened on or before it, and not
        closed before it starts."""
        return self.filter(
            Q(opens_on__isnull=True) | Q(opens_on__lte=day),
            Q(closes_at__isnull=True) | Q(closes_at__gte=start_of_day(day)),
        )

    def open_now(self, now: datetime.datetime | None = None) -> "FundingCallQuerySet":
        """Calls one can apply to right now."""
        now = now or timezone.now()
        return self.filter(
            Q(opens_on__isnull=True) | Q(opens_on__lte=paris_today(now)),
            Q(closes_at__isnull=True) | Q(closes_at__gt=now),
        )

    def not_closed(self, now: datetime.datetime | None = None) -> "FundingCallQuerySet":
        """Calls open now or opening later (the catalogue's default)."""
        return self.filter(Q(closes_at__isnull=True) | Q(closes_at__gt=now or timezone.now()))

    def on_territory_both_ways(self, territory: Territory) -> "FundingCallQuerySet":
        """Calls on ``territory``, on a territory containing it or inside it, and calls open
        anywhere (DOMAIN.md: a search on a territory finds all of these)."""
        related = Territory.objects.related_both_ways(territory).values("pk")
        return self.filter(Q(territory__isnull=True) | Q(territory__in=related))

    def of_kind(self, kind: str) -> "FundingCallQuerySet":
        """Calls whose source is of ``kind`` (`FundingSource.Kind`)."""
        return self.filter(source__kind=kind)

    def with_theme(self, theme) -> "FundingCallQuerySet":
        """Calls on ``theme`` (a canonical Theme) and calls open to any theme."""
        links = FundingCall.themes.through.objects
        return self.filter(
            Q(pk__in=links.filter(theme=theme).values("fundingcall_id"))
            | ~Q(pk__in=links.values("fundingcall_id"))
        )

    def for_legal_form(self, legal_form: str) -> "FundingCallQuerySet":
        """Calls open to organisations of ``legal_form`` (an empty list means any form)."""
        return self.filter(
            json_list_has_or_empty("eligible_legal_forms", legal_form, using=self.db)
        )

    def with_aid_type(self, aid_type: str) -> "FundingCallQuerySet":
        return self.filter(json_list_has("aid_types", aid_type, using=self.db))

    def closing_by(self, day: datetime.date) -> "FundingCallQuerySet":
        """Calls with a closing date on or before ``day`` (calls without one are left out)."""
        if day >= datetime.date.max - datetime.timedelta(days=1):
            return self.filter(closes_at__isnull=False)
        return self.filter(closes_at__lt=start_of_day(day + datetime.timedelta(days=1)))

    def for_amount(self, amount: Decimal) -> "FundingCallQuerySet":
        """Calls that may grant ``amount``: at least their minimum, at most their maximum."""
        return self.filter(
            Q(amount_min__isnull=True) | Q(amount_min__lte=amount),
            Q(amount_max__isnull=True) | Q(amount_max__gte=amount),
        )

    def narrowest_first(self, now: datetime.datetime | None = None) -> "FundingCallQuerySet":
        """Calls still open before closed ones, then by narrowest territory, then by soonest
        closing date (calls without one last), then by name."""
        now = now or timezone.now()
        return self.alias(
            territory_order=Coalesce(F("territory__rank"), ANYWHERE_RANK),
            closed_order=models.Case(
                models.When(closes_at__lte=now, then=1),
                default=0,
                output_field=models.IntegerField(),
            ),
        ).order_by(
            "closed_order",
            "territory_order",
            F("closes_at").asc(nulls_last=True),
            "name",
            "pk",
        )

    def for_listing(self) -> "FundingCallQuerySet":
        """What a listing shows, fetched in a fixed number of queries."""
        return self.select_related("source__funder", "territory").prefetch_related("themes")


class FundingCall(TranslatableMixin, index.Indexed, ClusterableModel):
    """A dated call of a funding source (appel à projets, AMI, permanent scheme, platform),
    with its eligibility rules, amounts, rates, deadlines and, when imported, its provenance."""

    # Public pages show it: any change purges the page cache (core/cache/purges.py).
    purges_page_cache = True

    class Recurrence(models.TextChoices):
        ONE_OFF = "one_off", _("One-off")
        ONGOING = "ongoing", _("Ongoing (open all year)")
        RECURRING = "recurring", _("Recurring (periodic sessions)")

    class Status(models.TextChoices):
        UPCOMING = "upcoming", _("Opens later")
        OPEN = "open", _("Open")
        CLOSING_SOON = "closing_soon", _("Closing soon")
        CLOSED = "closed", _("Closed")

    source = models.ForeignKey(
        FundingSource,
        verbose_name=_("Source"),
        on_delete=models.PROTECT,
        related_name="calls",
        limit_choices_to=canonical_only,
        help_text=_("The programme or fund the call belongs to; its funder is the call's funder."),
    )
    co_funders = ParentalManyToManyField(
        Funder,
        blank=True,
        related_name="co_funded_calls",
        verbose_name=_("Co-funders"),
        limit_choices_to=canonical_only,
        help_text=_("Other funders of this call, besides the source's funder."),
    )
    name = models.CharField(
        _("Name"), max_length=255, help_text=_("The call's title, as the funder gives it.")
    )
    slug = models.SlugField(
        _("Slug"),
        max_length=220,
        blank=True,
        help_text=_(
            "The call's page address in the catalogue. Leave empty to make it from the name; "
            "changing it breaks saved links."
        ),
    )
    summary = models.TextField(
        pgettext_lazy("abstract", "Summary"),
        max_length=600,
        blank=True,
        help_text=_("One or two sentences."),
    )
    description = models.TextField(
        _("Description"),
        blank=True,
        help_text=_("What the call funds, for whom, and how to apply, in plain words."),
    )
    # Eligibility
    territory = models.ForeignKey(
        Territory,
        verbose_name=_("Territory"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="funding_calls",
        help_text=_("Projects on this territory or inside it may apply. Empty: anywhere."),
    )
    eligible_legal_forms = ChoiceListField(
        _("Eligible legal forms"),
        item_choices=Organisation.LegalForm.choices,
        help_text=_("None ticked: every legal form."),
    )
    eligible_audiences = LabelListField(
        _("Eligible audiences"),
        help_text=_("One per line, as the funder words them (e.g. small associations)."),
    )
    themes = ParentalManyToManyField(
        "projects.Theme",
        blank=True,
        related_name="funding_calls",
        verbose_name=_("Themes"),
        limit_choices_to=canonical_only,
        help_text=_("None ticked: any theme."),
    )
    aid_types = ChoiceListField(
        _("Aid types"),
        item_choices=AidType.choices,
        blank=False,
        help_text=_("What the call gives; tick at least one."),
    )
    cost_types = ChoiceListField(
        _("Costs covered"),
        item_choices=CostType.choices,
        default=list,
        help_text=_("None ticked: operating and investment costs."),
    )
    # Dates
    recurrence = models.CharField(
        _("Recurrence"),
        max_length=12,
        choices=Recurrence.choices,
        default=Recurrence.ONE_OFF,
        help_text=_(
            "One-off: a single session with a closing date. Ongoing: open all year. Recurring: "
            "sessions that come back (give the next closing date)."
        ),
    )
    opens_on = models.DateField(
        _("Opens on"),
        null=True,
        blank=True,
        help_text=_("First day one can apply. Empty when it is already open."),
    )
    pre_deposit_at = models.DateTimeField(
        _("Pre-deposit deadline"),
        null=True,
        blank=True,
        help_text=_(
            "Paris time. Letter of intent or first contact required before this moment; empty "
            "when there is none."
        ),
    )
    closes_at = models.DateTimeField(
        _("Closing date"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_("Paris time. Empty for ongoing calls."),
    )
    # Amounts and rates
    amount_min = models.DecimalField(
        _("Minimum amount (€)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=POSITIVE,
        help_text=_("In euros, digits only (25000 for 25,000 €). Empty: no minimum."),
    )
    amount_max = models.DecimalField(
        _("Maximum amount (€)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=POSITIVE,
        help_text=_("In euros, digits only. Empty: no maximum."),
    )
    rate_min = models.DecimalField(
        _("Minimum co-financing rate (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=PERCENT,
        help_text=_("Share of the eligible costs the call pays at least, from 0 to 100."),
    )
    rate_max = models.DecimalField(
        _("Maximum co-financing rate (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=PERCENT,
        help_text=_("Share of the eligible costs the call may pay at most, from 0 to 100."),
    )
    min_self_financing_rate = models.DecimalField(
        _("Minimum self-financing (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=PERCENT,
        help_text=_("Share of the budget the organisations must pay themselves, from 0 to 100."),
    )
    # Partnership
    min_partners = models.PositiveSmallIntegerField(
        _("Minimum number of partners"),
        default=0,
        help_text=_("Partner organisations needed besides the lead."),
    )
    required_countries = LabelListField(
        _("Countries the partnership must include"),
        separator=",",
        upper=True,
        help_text=_("ISO codes separated by commas, e.g. FR, IT."),
    )
    # Crowdfunding terms
    platform_fee_rate = models.DecimalField(
        _("Platform fee (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=PERCENT,
        help_text=_("For crowdfunding: the share of the money raised the platform keeps."),
    )
    all_or_nothing = models.BooleanField(
        _("All or nothing"),
        default=False,
        help_text=_("The campaign receives nothing unless it reaches its goal."),
    )
    application_url = models.URLField(
        _("Where to apply"),
        max_length=500,
        blank=True,
        help_text=_("The funder's page or form for applications, starting with https://."),
    )
    is_illustrative = models.BooleanField(
        _("Illustrative example"),
        default=False,
        help_text=_(
            "Demo data: plausible figures that were not checked against the funder's "
            "documents. The call page says so."
        ),
    )
    # Import provenance
    import_source = models.CharField(
        _("Imported from"),
        max_length=60,
        blank=True,
        help_text=_("The catalogue it came from, e.g. aides-territoires. Empty when typed here."),
    )
    external_id = models.CharField(
        _("Identifier at the source"),
        max_length=100,
        blank=True,
        help_text=_("The call's identifier in that catalogue; the next import updates this call."),
    )
    source_url = models.URLField(
        _("Address at the source"),
        max_length=500,
        blank=True,
        help_text=_("The call's page in that catalogue."),
    )
    licence = models.CharField(
        _("Licence of the imported data"),
        max_length=200,
        blank=True,
        help_text=_("e.g. Licence Ouverte 2.0: the catalogue's terms of reuse."),
    )
    raw_record = models.JSONField(_("Imported record"), null=True, blank=True, editable=False)
    last_fetched_at = models.DateTimeField(
        _("Last imported"), null=True, blank=True, help_text=_("Paris time. Set by the import.")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = FundingCallQuerySet.as_manager()

    translatable_fields = [
        TranslatableField("name"),
        TranslatableField("summary"),
        TranslatableField("description"),
        TranslatableField("requirements"),
        TranslatableField("criteria"),
        SynchronizedField("slug"),
        SynchronizedField("source"),
        SynchronizedField("co_funders"),
        SynchronizedField("territory"),
        SynchronizedField("eligible_legal_forms"),
        SynchronizedField("eligible_audiences"),
        SynchronizedField("themes"),
        SynchronizedField("aid_types"),
        SynchronizedField("cost_types"),
        SynchronizedField("recurrence"),
        SynchronizedField("opens_on"),
        SynchronizedField("pre_deposit_at"),
        SynchronizedField("closes_at"),
        SynchronizedField("amount_min"),
        SynchronizedField("amount_max"),
        SynchronizedField("rate_min"),
        SynchronizedField("rate_max"),
        SynchronizedField("min_self_financing_rate"),
        SynchronizedField("min_partners"),
        SynchronizedField("required_countries"),
        SynchronizedField("platform_fee_rate"),
        SynchronizedField("all_or_nothing"),
        SynchronizedField("application_url"),
        SynchronizedField("is_illustrative"),
        SynchronizedField("import_source"),
        SynchronizedField("external_id"),
        SynchronizedField("source_url"),
        SynchronizedField("licence"),
        SynchronizedField("last_fetched_at"),
    ]
    search_fields = [
        index.SearchField("name", boost=3),
        index.AutocompleteField("name"),
        index.SearchField("summary", boost=2),
        index.SearchField("description"),
        index.FilterField("locale_id"),
        index.FilterField("closes_at"),
        index.FilterField("recurrence"),
    ]

    content_panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldRowPanel(
            [
                FieldPanel("source", widget=SearchableSelect),
                FieldPanel("co_funders", widget=SearchableSelectMultiple),
            ],
        ),
        FieldPanel("summary"),
        FieldPanel("description"),
        FieldPanel("application_url"),
        FieldPanel("is_illustrative"),
    ]
    eligibility_panels = [
        # A searchable drop-down: the territory chooser needs network permissions.
        FieldPanel("territory", widget=TerritorySelect),
        FieldPanel("eligible_legal_forms"),
        FieldPanel("eligible_audiences"),
        FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
        FieldRowPanel([FieldPanel("aid_types"), FieldPanel("cost_types")]),
        MultiFieldPanel(
            [FieldPanel("min_partners"), FieldPanel("required_countries")],
            heading=_("Partnership"),
        ),
    ]
    terms_panels = [
        MultiFieldPanel(
            [
                FieldPanel("recurrence"),
                FieldPanel("opens_on"),
                FieldRowPanel([FieldPanel("pre_deposit_at"), FieldPanel("closes_at")]),
            ],
            heading=_("Dates"),
        ),
        FieldRowPanel([FieldPanel("amount_min"), FieldPanel("amount_max")], heading=_("Amount")),
        FieldRowPanel(
            [
                FieldPanel("rate_min"),
                FieldPanel("rate_max"),
                FieldPanel("min_self_financing_rate"),
            ],
            heading=_("Rates"),
        ),
        FieldRowPanel(
            [FieldPanel("platform_fee_rate"), FieldPanel("all_or_nothing")],
            heading=_("Crowdfunding"),
        ),
        InlinePanel("requirements", heading=_("Required documents and questions"), label=_("Item")),
        InlinePanel("criteria", heading=_("Review criteria"), label=_("Criterion")),
    ]
    provenance_panels = [
        FieldRowPanel([FieldPanel("import_source"), FieldPanel("external_id")]),
        FieldPanel("source_url"),
        FieldRowPanel([FieldPanel("licence"), FieldPanel("last_fetched_at")]),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Call")),
            ObjectList(eligibility_panels, heading=_("Eligibility")),
            ObjectList(terms_panels, heading=pgettext_lazy("funding call", "Terms")),
            ObjectList(provenance_panels, heading=_("Provenance")),
        ]
    )

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("funding call")
        verbose_name_plural = _("funding calls")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="unique_call_slug_per_locale"),
            models.UniqueConstraint(
                fields=["import_source", "external_id", "locale"],
                condition=~Q(external_id=""),
                name="unique_imported_call_per_locale",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        if not self.slug:
            if self.locale_id is None:
                self.locale = self.get_default_locale()
            self.slug = unique_slug(FundingCall, self.name, self.locale_id, self.pk)
        super().save(*args, **kwargs)

    def clean(self) -> None:
        super().clean()
        errors: dict[str, str] = {}
        if (
            self.amount_min is not None
            and self.amount_max is not None
            and self.amount_min > self.amount_max
        ):
            errors["amount_max"] = _("The maximum amount is below the minimum.")
        if (
            self.rate_min is not None
            and self.rate_max is not None
            and self.rate_min > self.rate_max
        ):
            errors["rate_max"] = _("The maximum rate is below the minimum.")
        if self.closes_at and self.opens_on and self.closes_at < start_of_day(self.opens_on):
            errors["closes_at"] = _("The call closes before it opens.")
        if self.pre_deposit_at and self.closes_at and self.pre_deposit_at > self.closes_at:
            errors["pre_deposit_at"] = _("The pre-deposit deadline comes after the closing date.")
        if self.recurrence == self.Recurrence.ONE_OFF and not self.closes_at:
            errors["closes_at"] = _("A one-off call needs a closing date.")
        bad_codes = [
            code
            for code in self.required_countries or []
            if len(code) != 2 or not code.isalpha() or not code.isupper()
        ]
        if bad_codes:
            errors["required_countries"] = _("Give two-letter country codes (FR, IT…).")
        if self.source_id and self.source.locale_id != Locale.get_default().pk:
            errors["source"] = _("Choose the source's French entry.")
        if self.import_source and not self.external_id:
            errors["external_id"] = _("An imported call needs its identifier at the source.")
        if errors:
            raise ValidationError(errors)

    # ------------------------------------------------------------------ reading
    @property
    def funder(self) -> Funder:
        return self.source.funder

    @property
    def source_kind(self) -> str:
        return self.source.kind

    @property
    def territory_rank(self) -> int:
        return self.territory.rank if self.territory_id else ANYWHERE_RANK

    @property
    def covered_cost_types(self) -> list[str]:
        """The cost types paid for; an empty choice means both."""
        return list(self.cost_types) or list(CostType.values)

    @property
    def local_closes_at(self) -> datetime.datetime | None:
        return timezone.localtime(self.closes_at, CALL_TIMEZONE) if self.closes_at else None

    @property
    def local_pre_deposit_at(self) -> datetime.datetime | None:
        if not self.pre_deposit_at:
            return None
        return timezone.localtime(self.pre_deposit_at, CALL_TIMEZONE)

    def status(self, now: datetime.datetime | None = None) -> str:
        """Where the call stands at ``now``: upcoming, open, closing soon or closed."""
        now = now or timezone.now()
        if self.closes_at and self.closes_at <= now:
            return self.Status.CLOSED
        if self.opens_on and self.opens_on > paris_today(now):
            return self.Status.UPCOMING
        if self.closes_at and self.closes_at - now <= datetime.timedelta(days=CLOSING_SOON_DAYS):
            return self.Status.CLOSING_SOON
        return self.Status.OPEN

    def status_label(self, now: datetime.datetime | None = None) -> str:
        return str(self.Status(self.status(now)).label)

    def is_open(self, now: datetime.datetime | None = None) -> bool:
        return self.status(now) in {self.Status.OPEN, self.Status.CLOSING_SOON}

    def deadlines(self) -> list[tuple[str, datetime.datetime]]:
        """(kind, moment) of each deadline: "pre_deposit" then "closing"."""
        found = []
        if self.pre_deposit_at:
            found.append(("pre_deposit", self.pre_deposit_at))
        if self.closes_at:
            found.append(("closing", self.closes_at))
        return found

    def legal_form_labels(self) -> list[str]:
        return self._meta.get_field("eligible_legal_forms").labels(self.eligible_legal_forms)

    def aid_type_labels(self) -> list[str]:
        return self._meta.get_field("aid_types").labels(self.aid_types)

    def cost_type_labels(self) -> list[str]:
        return self._meta.get_field("cost_types").labels(self.covered_cost_types)


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
        _("Label"), max_length=255, help_text=_("e.g. Latest approved accounts; Who benefits?")
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
