"""Plain facts for the matcher's and the planner's tests: a call and an experiment that match.

Every field has a default chosen so that `make_call()` matches `make_experiment()` on every hard
criterion; a test overrides the one field it is about.
"""

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

from funding.matching.facts import CallFacts, ExperimentFacts

TODAY = date(2026, 1, 15)

# A small territory tree: EU 1 > France 2 > PACA 3 > Hautes-Alpes 4 > Gap-Tallard-Durance 5 >
# Gap 6 and Tallard 7; Isère 8 is elsewhere in France.
EU, FRANCE, PACA, HAUTES_ALPES, GAP_EPCI, GAP, TALLARD, ISERE = range(1, 9)
RANKS = {EU: 9, FRANCE: 8, PACA: 5, HAUTES_ALPES: 4, GAP_EPCI: 2, GAP: 1, TALLARD: 1, ISERE: 4}
NAMES = {
    EU: "Union européenne",
    FRANCE: "France",
    PACA: "Provence-Alpes-Côte d'Azur",
    HAUTES_ALPES: "Hautes-Alpes",
    GAP_EPCI: "CA Gap-Tallard-Durance",
    GAP: "Gap",
    TALLARD: "Tallard",
    ISERE: "Isère",
}


def closing(days: int, hour: int = 12) -> datetime:
    """A closing datetime `days` after TODAY, at `hour` UTC (the same date in Paris)."""
    return datetime.combine(TODAY + timedelta(days=days), time(hour), tzinfo=UTC)


def make_call(ident: int = 1, **fields) -> CallFacts:
    territory = fields.pop("territory", HAUTES_ALPES)
    call = CallFacts(
        id=ident,
        name=f"Appel {ident}",
        url=f"/fr/financements/appel-{ident}/",
        source_kind="foundation",
        aid_types=frozenset({"grant"}),
        cost_types=frozenset({"operating"}),
        territory_id=territory,
        territory_name=NAMES.get(territory, ""),
        territory_rank=RANKS.get(territory, 10),
        eligible_legal_forms=frozenset(),
        theme_ids=frozenset({4}),
        recurrence="one_off",
        opens_on=None,
        closes_at=closing(60),
        amount_min=None,
        amount_max=None,
        rate_min=None,
        rate_max=None,
        min_self_financing_rate=None,
        text="Mutualisation de trésorerie entre associations",
    )
    return replace(call, **fields)


def make_experiment(**fields) -> ExperimentFacts:
    experiment = ExperimentFacts(
        id=1,
        title="Trésorerie mutualisée",
        text="Trésorerie mutualisée entre associations du Gapençais",
        theme_ids=frozenset({4}),
        territory_ids=frozenset({GAP_EPCI}),
        territory_ancestor_ids=frozenset({HAUTES_ALPES, PACA, FRANCE, EU}),
        territory_descendant_ids=frozenset({GAP, TALLARD}),
        lead_legal_form="association",
        lead_country="FR",
        partner_countries=frozenset({"FR"}),
        partner_count=1,
        operating_cost=Decimal("40000"),
        investment_cost=Decimal("0"),
        self_financing=Decimal("8000"),
        secured_funding=Decimal("2000"),
        start_date=None,
    )
    return replace(experiment, **fields)
