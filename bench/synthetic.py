"""The matching benchmark's synthetic catalogue (bench/matching.py): a territory tree of ids,
funding calls spread over it and experiments, as the plain facts the matcher and the planner take.
"""

import random
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

WORD_LIST = (
    "coopération mutualisation trésorerie associations emploi formation compétences locaux "
    "matériel communication numérique mobilité alimentation agriculture tourisme montagne "
    "culture jeunesse insertion solidarité énergie rénovation habitat santé sport transition "
    "écologique circuits courts tiers-lieu innovation sociale territoire rural économie "
    "cooperation funding jobs training culture youth energy housing rural innovation "
    "cooperazione transfrontaliera giovani lavoro formazione turismo montagna"
)
WORDS = WORD_LIST.split()
SOURCE_KINDS = (
    ("eu_programme", 10),
    ("state", 15),
    ("region", 15),
    ("departement", 10),
    ("local_authority", 10),
    ("foundation", 20),
    ("corporate_sponsorship", 8),
    ("crowdfunding_platform", 4),
    ("solidarity_finance", 5),
    ("bank", 3),
)
LEGAL_FORMS = ("association", "scic", "scop", "cooperative", "mutual", "company", "esus")


@dataclass
class Tree:
    """Territory ids by rank, each with its parents; `hautes_alpes_epci` is the experiment's."""

    rank: dict[int, int] = field(default_factory=dict)
    parents: dict[int, set[int]] = field(default_factory=dict)
    names: dict[int, str] = field(default_factory=dict)
    by_rank: dict[int, list[int]] = field(default_factory=dict)
    hautes_alpes_epci: int = 0

    def add(self, ident: int, rank: int, name: str, parents: set[int]) -> int:
        self.rank[ident] = rank
        self.parents[ident] = parents
        self.names[ident] = name
        self.by_rank.setdefault(rank, []).append(ident)
        return ident

    def ancestors(self, ident: int) -> set[int]:
        found: set[int] = set()
        todo = list(self.parents[ident])
        while todo:
            parent = todo.pop()
            if parent not in found:
                found.add(parent)
                todo.extend(self.parents[parent])
        return found

    def descendants(self, ident: int) -> set[int]:
        return {other for other in self.rank if ident in self.ancestors(other)}


def build_tree(communes_per_epci: int = 12) -> Tree:
    """EU > France, Italy; ALCOTRA and the Alps massif; 13 regions, 96 départements, 10 EPCIs
    per département, `communes_per_epci` communes per EPCI."""
    tree = Tree()
    next_id = iter(range(1, 10**7))
    eu = tree.add(next(next_id), 9, "Union européenne", set())
    france = tree.add(next(next_id), 8, "France", {eu})
    italy = tree.add(next(next_id), 8, "Italia", {eu})
    alcotra = tree.add(next(next_id), 7, "Zone ALCOTRA", {eu})
    alps = tree.add(next(next_id), 6, "Massif des Alpes", {france})
    regions = [tree.add(next(next_id), 5, f"Région {n}", {france}) for n in range(13)]
    tree.add(next(next_id), 5, "Piemonte", {italy, alcotra})
    for number in range(96):
        region = regions[number % 13]
        parents = {region}
        if number == 4:  # the Hautes-Alpes: in PACA, the Alps and the ALCOTRA zone
            parents |= {alps, alcotra}
        department = tree.add(next(next_id), 4, f"Département {number + 1:02d}", parents)
        for epci_number in range(10):
            epci = tree.add(next(next_id), 2, f"EPCI {number + 1}-{epci_number}", {department})
            if number == 4 and epci_number == 0:
                tree.hautes_alpes_epci = epci
            for commune in range(communes_per_epci):
                tree.add(next(next_id), 1, f"Commune {number + 1}-{epci_number}-{commune}", {epci})
    return tree


def generate_calls(tree: Tree, count: int, today: date, seed: int = 5) -> list:
    """`count` calls: 5 % anywhere, the rest on territories of every rank (mostly narrow)."""
    from funding.matching.facts import CallFacts

    rng = random.Random(seed)
    kinds = [kind for kind, _ in SOURCE_KINDS]
    kind_weights = [weight for _, weight in SOURCE_KINDS]
    rank_weights = {9: 2, 8: 4, 7: 1, 6: 1, 5: 15, 4: 32, 2: 20, 1: 20}
    ranks = list(rank_weights)
    calls = []
    for ident in range(1, count + 1):
        kind = rng.choices(kinds, kind_weights)[0]
        crowd = kind == "crowdfunding_platform"
        if rng.random() < 0.05:
            territory = None
        else:
            territory = rng.choice(tree.by_rank[rng.choices(ranks, list(rank_weights.values()))[0]])
        recurrence = rng.choices(("one_off", "ongoing", "recurring"), (6, 2, 2))[0]
        if recurrence == "ongoing" or crowd:
            opens_on, closes_at = None, None
        else:
            opens_on = today + timedelta(days=rng.randint(-200, 150))
            closing = opens_on + timedelta(days=rng.randint(20, 240))
            closes_at = datetime.combine(closing, datetime.min.time(), tzinfo=UTC) + timedelta(
                hours=22
            )
        amount_max = Decimal(rng.choice((5, 10, 15, 20, 30, 50, 75, 100, 200))) * 1000
        amount_min = amount_max / 10 if rng.random() < 0.5 else None
        rate_max = Decimal(rng.choice((50, 60, 70, 80, 100))) if not crowd else None
        aid = (
            {"crowdfunding_reward"}
            if crowd
            else set(rng.choices(("grant", "loan", "guarantee", "engineering"), (8, 2, 1, 1)))
        )
        theme_ids = frozenset(rng.sample(range(1, 7), rng.randint(0, 2)))
        words = " ".join(rng.sample(WORDS, 12))
        calls.append(
            CallFacts(
                id=ident,
                name=f"Appel {ident}",
                url=f"/fr/financements/appel-{ident}/",
                source_kind=kind,
                aid_types=frozenset(aid),
                cost_types=frozenset(
                    rng.choice((("operating",), ("investment",), ("operating", "investment")))
                ),
                territory_id=territory,
                territory_name=tree.names.get(territory, "") if territory else "",
                territory_rank=tree.rank[territory] if territory else 10,
                eligible_legal_forms=frozenset(
                    rng.sample(LEGAL_FORMS, rng.randint(1, 3)) if rng.random() < 0.4 else ()
                ),
                theme_ids=theme_ids,
                recurrence=recurrence,
                opens_on=opens_on,
                closes_at=closes_at,
                amount_min=amount_min,
                amount_max=amount_max,
                rate_min=None,
                rate_max=rate_max,
                min_self_financing_rate=Decimal(20) if rng.random() < 0.3 else None,
                min_partners=rng.choice((0, 0, 0, 1, 2)),
                required_countries=frozenset({"FR", "IT"}) if rng.random() < 0.03 else frozenset(),
                platform_fee_rate=Decimal(rng.choice((0, 5, 8))) if crowd else None,
                all_or_nothing=crowd and rng.random() < 0.5,
                text=f"Appel {ident} {words}",
                funder_name=f"Financeur {ident % 300}",
            )
        )
    return calls


def experiment_facts(tree: Tree, ident: int = 1):
    """An experiment of a SCIC with two French partners, on the first Hautes-Alpes EPCI."""
    from funding.matching.facts import ExperimentFacts

    epci = tree.hautes_alpes_epci
    return ExperimentFacts(
        id=ident,
        title="Trésorerie mutualisée entre associations du Gapençais",
        text=(
            "Trésorerie mutualisée entre associations du Gapençais : un fonds de coopération, "
            "des prêts entre structures, de la formation des trésoriers et un outil numérique "
            "de suivi. Diversification financière et innovation sociale sur le territoire rural."
        ),
        theme_ids=frozenset({4, 3}),
        territory_ids=frozenset({epci}),
        territory_ancestor_ids=frozenset(tree.ancestors(epci)),
        territory_descendant_ids=frozenset(tree.descendants(epci)),
        lead_legal_form="association",
        lead_country="FR",
        partner_countries=frozenset({"FR"}),
        partner_count=2,
        operating_cost=Decimal("68000"),
        investment_cost=Decimal("12000"),
        self_financing=Decimal("16000"),
        secured_funding=Decimal("4000"),
        start_date=None,
    )


def hard_planning_instance(tree: Tree, today: date, seed: int = 7):
    """A 190,000 € budget and 20 calls of 3,000 to 40,000 € (two crowdfunding platforms)."""
    from dataclasses import replace

    rng = random.Random(seed)
    experiment = replace(
        experiment_facts(tree),
        operating_cost=Decimal("150000"),
        investment_cost=Decimal("40000"),
        self_financing=Decimal("30000"),
        secured_funding=Decimal("10000"),
        secured_public_funding=Decimal("5000"),
    )
    calls = []
    for ident, call in enumerate(generate_calls(tree, 20, today, seed=seed), start=1):
        crowd = ident in (3, 11)
        calls.append(
            replace(
                call,
                id=ident,
                source_kind="crowdfunding_platform" if crowd else call.source_kind,
                aid_types=frozenset({"crowdfunding_reward" if crowd else "grant"}),
                closes_at=datetime.combine(
                    today + timedelta(days=rng.randint(20, 200)), datetime.min.time(), tzinfo=UTC
                ),
                amount_min=Decimal(rng.randint(1, 5) * 1000) if rng.random() < 0.3 else None,
                amount_max=Decimal(rng.randint(300, 4000) * 10),
                rate_min=None,
                rate_max=None if crowd else Decimal(rng.choice((30, 50, 60, 80))),
                platform_fee_rate=Decimal(rng.choice((0, 5, 8))) if crowd else None,
            )
        )
    return experiment, calls
