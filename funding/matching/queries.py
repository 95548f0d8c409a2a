"""Building the matcher's plain data (`funding.matching.facts`) from the database.

`call_facts` reads any number of calls in three queries (the calls, their themes, their
territories) and `experiment_facts` one experiment in a fixed number of queries, so that matching
costs the same number of queries whatever the size of the catalogue.
"""

import json
from collections.abc import Iterable
from decimal import Decimal
from functools import lru_cache

from django.conf import settings
from django.db.models import Prefetch, QuerySet, TextField
from django.db.models.functions import Cast
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale

from funding.catalogue.models import ANYWHERE_RANK, FundingCall
from funding.catalogue.pages import FundingCatalogPage
from funding.matching.facts import COST_TYPES, CallFacts, ExperimentFacts
from projects.experiments.models import BudgetLine, Experiment, ExperimentPartner
from projects.network.models import Territory
from projects.network.places import PLACE_FIELDS, place_from

ZERO = Decimal("0")
ALL_COST_TYPES = frozenset(COST_TYPES)


def default_language_code() -> str:
    """The default content language ("fr"), without a query."""
    return get_supported_content_language_variant(settings.LANGUAGE_CODE)


@lru_cache(maxsize=4096)
def _codes(text: str | None) -> frozenset[str]:
    """A JSON list of codes (read as text: decoding the same few lists once, not per row)."""
    return frozenset(json.loads(text)) if text else frozenset()


def catalogue_base_url(locale: Locale | None = None) -> str:
    """The path of the live catalogue page in ``locale`` (else French), '' when there is none."""
    pages = FundingCatalogPage.objects.live()
    locale = locale or Locale.get_active()
    page = pages.filter(locale=locale).first() or pages.filter(locale=Locale.get_default()).first()
    return page.url if page is not None else ""


CALL_FIELDS = (
    "id",
    "slug",
    "name",
    "summary",
    "description",
    "source__kind",
    "source__funder__name",
    "aid_types_json",
    "cost_types_json",
    "territory_id",
    "legal_forms_json",
    "recurrence",
    "opens_on",
    "closes_at",
    "amount_min",
    "amount_max",
    "rate_min",
    "rate_max",
    "min_self_financing_rate",
    "min_partners",
    "countries_json",
    "platform_fee_rate",
    "all_or_nothing",
)


def call_facts(queryset: QuerySet, *, base_url: str | None = None) -> list[CallFacts]:
    """The facts of the canonical calls of ``queryset``, in three queries (the calls, their
    themes, their territories).

    ``base_url`` is the catalogue page's path that call addresses start with; by default the
    catalogue in the active language is looked up (one more query, once). An empty list of
    cost types means both; an empty list of legal forms or themes means any.
    """
    calls = queryset.filter(locale__language_code=default_language_code()).order_by()
    rows = list(
        # Canonical rows, by a join rather than a lookup of the default locale's id.
        calls.annotate(
            aid_types_json=Cast("aid_types", TextField()),
            cost_types_json=Cast("cost_types", TextField()),
            legal_forms_json=Cast("eligible_legal_forms", TextField()),
            countries_json=Cast("required_countries", TextField()),
        ).values_list(*CALL_FIELDS, named=True)
    )
    if not rows:
        return []
    themes: dict[int, set[int]] = {}
    links = FundingCall.themes.through.objects.filter(fundingcall_id__in=calls.values("pk"))
    for call_id, theme_id in links.values_list("fundingcall_id", "theme_id"):
        themes.setdefault(call_id, set()).add(theme_id)
    # A few hundred territories for thousands of calls: read apart, by their index, rather
    # than joined (PostgreSQL would hash the whole territory table for each reading).
    territories = {
        pk: (name, rank, place_from(name, kind, dict(zip(PLACE_FIELDS, values, strict=True))))
        for pk, name, rank, kind, *values in Territory.objects.filter(
            pk__in=calls.values("territory_id")
        ).values_list("pk", "name", "rank", "kind", *PLACE_FIELDS)
    }
    if base_url is None:
        base_url = catalogue_base_url()
    # Calls with the same themes share one set.
    theme_sets: dict[frozenset[int], frozenset[int]] = {}
    facts = []
    for row in rows:
        ids = frozenset(themes.get(row.id, ()))
        territory = territories.get(row.territory_id)
        facts.append(_call(row, base_url, theme_sets.setdefault(ids, ids), territory))
    return facts


def _call(row, base_url: str, theme_ids: frozenset[int], territory) -> CallFacts:
    """``territory``: its name, rank and `Place`, None for a call open anywhere."""
    name, rank, place = territory or ("", ANYWHERE_RANK, None)
    return CallFacts(
        id=row.id,
        name=row.name,
        url=f"{base_url}{row.slug}/" if base_url else "",
        source_kind=row.source__kind,
        aid_types=_codes(row.aid_types_json),
        cost_types=_codes(row.cost_types_json) or ALL_COST_TYPES,
        territory_id=row.territory_id,
        territory_name=name,
        territory_rank=rank,
        eligible_legal_forms=_codes(row.legal_forms_json),
        theme_ids=theme_ids,
        recurrence=row.recurrence,
        opens_on=row.opens_on,
        closes_at=row.closes_at,
        amount_min=row.amount_min,
        amount_max=row.amount_max,
        rate_min=row.rate_min,
        rate_max=row.rate_max,
        min_self_financing_rate=row.min_self_financing_rate,
        min_partners=row.min_partners,
        required_countries=_codes(row.countries_json),
        platform_fee_rate=row.platform_fee_rate,
        all_or_nothing=row.all_or_nothing,
        text="\n".join(part for part in (row.name, row.summary, row.description) if part),
        funder_name=row.source__funder__name or "",
        territory_place=place,
    )


def experiment_facts(experiment: Experiment | int) -> ExperimentFacts:
    """The facts of one experiment (see `experiments_facts`)."""
    pk = experiment.pk if isinstance(experiment, Experiment) else experiment
    return experiments_facts([pk])[pk]


def experiments_facts(ids: Iterable[int]) -> dict[int, ExperimentFacts]:
    """The facts of several experiments by id: cash budget by nature, self-financing, partners'
    countries, lead's legal form and the territories around their own — in a constant number of
    queries (six) whatever their number."""
    experiments = list(
        Experiment.objects.filter(pk__in=list(ids))
        .select_related("lead_organisation")
        .prefetch_related(
            "themes",
            "territories",
            Prefetch("budget_lines", queryset=BudgetLine.objects.filter(in_kind=False)),
            Prefetch(
                "partner_links",
                queryset=ExperimentPartner.objects.accepted().select_related("organisation"),
            ),
        )
    )
    own = {e.pk: frozenset(t.pk for t in e.territories.all()) for e in experiments}
    links = _closure_links(frozenset().union(*own.values()) if own else frozenset())
    return {e.pk: _experiment(e, own[e.pk], links) for e in experiments}


def _experiment(
    experiment: Experiment, territory_ids: frozenset[int], links: list[tuple[int, int]]
) -> ExperimentFacts:
    ancestors = frozenset(outer for inner, outer in links if inner in territory_ids)
    descendants = frozenset(inner for inner, outer in links if outer in territory_ids)
    lead = experiment.lead_organisation
    partners = [
        link.organisation
        for link in experiment.partner_links.all()
        if link.organisation_id != lead.pk
    ]
    partner_countries = frozenset(p.country.upper() for p in partners if p.country)
    lines = list(experiment.budget_lines.all())
    return ExperimentFacts(
        id=experiment.pk,
        title=experiment.title,
        text="\n".join(
            part
            for part in (
                experiment.title,
                experiment.summary,
                experiment.description,
                experiment.objectives,
            )
            if part
        ),
        theme_ids=frozenset(t.pk for t in experiment.themes.all()),
        territory_ids=territory_ids,
        territory_ancestor_ids=ancestors,
        territory_descendant_ids=descendants,
        lead_legal_form=lead.legal_form,
        lead_country=(lead.country or "").upper(),
        partner_countries=partner_countries,
        partner_count=len(partners),
        operating_cost=_total(lines, BudgetLine.Nature.OPERATING),
        investment_cost=_total(lines, BudgetLine.Nature.INVESTMENT),
        self_financing=experiment.self_financing,
        secured_funding=experiment.secured_funding,
        start_date=experiment.start_date,
        countries=partner_countries | ({lead.country.upper()} if lead.country else set()),
        partner_legal_forms=frozenset(p.legal_form for p in partners if p.legal_form),
    )


def _total(lines: Iterable[BudgetLine], nature: str) -> Decimal:
    return sum((line.amount for line in lines if line.nature == nature), ZERO)


def _closure_links(territory_ids: frozenset[int]) -> list[tuple[int, int]]:
    """(inner, outer) containment pairs touching ``territory_ids`` (one query)."""
    if not territory_ids:
        return []
    through = Territory.ancestors.through
    return list(
        through.objects.filter(from_territory_id__in=territory_ids)
        .values_list("from_territory_id", "to_territory_id")
        .union(
            through.objects.filter(to_territory_id__in=territory_ids).values_list(
                "from_territory_id", "to_territory_id"
            )
        )
    )
