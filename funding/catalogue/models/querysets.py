"""The named filters of the catalogue's calls."""

import datetime
from decimal import Decimal

from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.utils import timezone

from core.translation import CanonicalQuerySet
from funding.catalogue.fields import json_list_has, json_list_has_or_empty
from funding.catalogue.models.common import ANYWHERE_RANK
from funding.catalogue.models.dates import paris_today, start_of_day
from projects.network.models import Territory


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
        anywhere (a search on a territory finds all of these)."""
        related = Territory.objects.related_both_ways(territory).values("pk")
        return self.filter(Q(territory__isnull=True) | Q(territory__in=related))

    def of_kind(self, kind: str) -> "FundingCallQuerySet":
        """Calls whose source is of ``kind`` (`FundingSource.Kind`)."""
        return self.filter(source__kind=kind)

    def with_theme(self, theme) -> "FundingCallQuerySet":
        """Calls on ``theme`` (a canonical Theme) and calls open to any theme."""
        links = self.model.themes.through.objects
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
