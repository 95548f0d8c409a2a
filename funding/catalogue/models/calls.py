"""Calls: their terms, eligibility rules, dates and, when imported, their provenance."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.models import Locale, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from core.validators import one_line
from funding.catalogue.fields import ChoiceListField, LabelListField
from funding.catalogue.models.common import (
    ANYWHERE_RANK,
    PERCENT,
    POSITIVE,
    canonical_only,
    unique_slug,
)
from funding.catalogue.models.dates import (
    CALL_TIMEZONE,
    CLOSING_SOON_DAYS,
    paris_today,
    start_of_day,
)
from funding.catalogue.models.funders import Funder, FundingSource
from funding.catalogue.models.panels import CALL_EDIT_HANDLER
from funding.catalogue.models.querysets import FundingCallQuerySet
from projects.network.models import Organisation, Territory


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
        _("Name"),
        max_length=255,
        help_text=_("The call's title, as the funder gives it."),
        validators=[one_line],
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

    # The admin's form, in four tabs (`panels`).
    edit_handler = CALL_EDIT_HANDLER

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
