"""Benchmark of the matcher and the planner: p50/p95 time, SQL queries.

    .venv/bin/python bench/matching.py [--calls 10000] [--runs 50]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/c05 .venv/bin/python bench/matching.py

1. In memory: generates `--calls` funding calls (`CallFacts`) spread over a French territory tree
   (EU, nations, the ALCOTRA zone, regions, départements, EPCIs, communes) and one experiment in
   the Hautes-Alpes, then times `funding.matching.scoring.match_calls` (first run with cold word
   caches, then p50/p95) and `funding.matching.planning.plan_funding` on 20 candidates.
2. Against a database, when the funding models exist: a throwaway SQLite database under
   var/bench/ (with DATABASE_URL, a database named ``<name>_bench`` on that PostgreSQL server;
   the database DATABASE_URL names is never touched), migrated, filled with the same territories
   and calls; it times the query (`funding.matching.queries.call_facts`) plus the matching, and
   counts the SQL queries at a tenth of the calls and at all of them (they must be equal).
   Before `funding.models.FundingCall` and `funding.matching.queries` exist, it says it skips.

Targets: matching p95 < 200 ms, planner < 200 ms, queries not growing with the number of calls.
See bench/README.md.
"""

import argparse
import gc
import os
import random
import sys
import time
import urllib.parse
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "var" / "bench"
MATCH_TARGET_MS = 200
PLAN_TARGET_MS = 200

sys.path.insert(0, str(ROOT))

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


# ---------------------------------------------------------------------------------------------
# A territory tree (ids only) and the generated facts
# ---------------------------------------------------------------------------------------------
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


# ---------------------------------------------------------------------------------------------
# Measures
# ---------------------------------------------------------------------------------------------
def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[round(share * (len(ordered) - 1))]


@dataclass
class Timing:
    """Wall-clock and CPU milliseconds of repeated runs."""

    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)


def timed(function, runs: int) -> tuple[Timing, object]:
    """Run `function` `runs` times. Like `timeit`, the garbage collector is off while a run is
    timed and collects between runs: a full collection walks every object of the process (here
    the generated catalogue and territory tree), which measures the heap, not the matcher."""
    timing = Timing()
    result = None
    for _ in range(runs):
        result = None
        gc.collect()
        gc.disable()
        try:
            wall, cpu = time.perf_counter(), time.process_time()
            result = function()
            timing.cpu.append((time.process_time() - cpu) * 1000)
            timing.wall.append((time.perf_counter() - wall) * 1000)
        finally:
            gc.enable()
    return timing, result


def report(label: str, timing: Timing, target: float | None = None) -> bool:
    """One line: wall-clock p50/p95 (the target applies to them) and CPU p50."""
    p50, p95 = percentile(timing.wall, 0.5), percentile(timing.wall, 0.95)
    verdict = ""
    ok = True
    if target is not None:
        ok = p95 < target
        verdict = f"  target p95 < {target} ms: {'met' if ok else 'MISSED'}"
    cpu = percentile(timing.cpu, 0.5)
    print(f"{label:<40} p50 {p50:7.1f} ms  p95 {p95:7.1f} ms  cpu p50 {cpu:7.1f} ms{verdict}")
    return ok


def bench_memory(calls_count: int, runs: int) -> bool:
    from funding.matching.planning import plan_funding
    from funding.matching.scoring import match_calls, terms

    today = date.today()
    tree = build_tree()
    calls = generate_calls(tree, calls_count, today)
    experiment = experiment_facts(tree)
    print(f"In memory: {calls_count:,} calls, {len(tree.rank):,} territories\n")

    terms.cache_clear()
    cold, result = timed(lambda: match_calls(experiment, calls, today=today), 1)
    print(
        f"{'match_calls, cold word cache (1st run)':<40} {cold.wall[0]:7.1f} ms  "
        f"({len(result.matches)} matches, {len(result.near_misses)} near misses)"
    )
    durations, result = timed(lambda: match_calls(experiment, calls, today=today), runs)
    ok = report(f"match_calls ({runs} runs)", durations, MATCH_TARGET_MS)

    plan_runs = max(5, runs // 2)
    candidates = [match.call for match in result.matches if match.call.brings_money][:20]
    timing, plan = timed(lambda: plan_funding(experiment, candidates, today=today), plan_runs)
    ok &= report(f"plan_funding, top {len(candidates)} matches", timing, PLAN_TARGET_MS)
    describe(plan)

    # A harder instance: no call covers the need alone, caps and rates bind.
    large, hard = hard_planning_instance(tree, today)
    timing, plan = timed(lambda: plan_funding(large, hard, today=today), plan_runs)
    ok &= report(f"plan_funding, {len(hard)} small calls", timing, PLAN_TARGET_MS)
    describe(plan)
    return ok


def describe(plan) -> None:
    print(
        f"{'':<40} need {plan.need} €, covered {plan.covered} € by {len(plan.lines)} "
        f"applications, gap {plan.gap} €, public {plan.public_share} %"
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


# ---------------------------------------------------------------------------------------------
# Database
# ---------------------------------------------------------------------------------------------
def database_url() -> str:
    """The throwaway database's URL (created by `create_database`)."""
    source = os.environ.get("DATABASE_URL", "")
    if not source:
        return f"sqlite:///{BENCH_DIR / 'matching.sqlite3'}"
    parts = urllib.parse.urlsplit(source)
    return urllib.parse.urlunsplit(parts._replace(path=f"/{parts.path.lstrip('/')}_bench"))


def create_database(url: str) -> None:
    """Delete and recreate the throwaway database (never the one DATABASE_URL names)."""
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    if url.startswith("sqlite:"):
        for suffix in ("", "-wal", "-shm"):
            (BENCH_DIR / f"matching.sqlite3{suffix}").unlink(missing_ok=True)
        return
    import psycopg

    parts = urllib.parse.urlsplit(url)
    name = parts.path.lstrip("/")
    admin_url = urllib.parse.urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')


def database_missing_parts() -> str | None:
    """Why the database part cannot run in this build, or None."""
    import importlib

    try:
        models = importlib.import_module("funding.models")
    except ImportError:
        return "funding.models does not exist yet"
    if not hasattr(models, "FundingCall"):
        return "funding.models.FundingCall does not exist yet"
    try:
        queries = importlib.import_module("funding.matching.queries")
    except ImportError:
        return "funding.matching.queries does not exist yet"
    if not hasattr(queries, "call_facts"):
        return "funding.matching.queries.call_facts does not exist yet"
    return None


def save_territories(tree: Tree) -> dict[int, int]:
    """The generated tree as Territory rows (closure included); generated id → row id."""
    from projects.network.models import Territory

    kinds = {
        9: Territory.Kind.EU,
        8: Territory.Kind.NATION,
        7: Territory.Kind.CROSS_BORDER,
        6: Territory.Kind.MASSIF,
        5: Territory.Kind.REGION,
        4: Territory.Kind.DEPARTEMENT,
        2: Territory.Kind.EPCI,
        1: Territory.Kind.COMMUNE,
    }
    rows = Territory.objects.bulk_create(
        [
            Territory(
                name=tree.names[ident],
                slug=f"bench-{ident}",
                kind=kinds[tree.rank[ident]],
                rank=tree.rank[ident],
            )
            for ident in tree.rank
        ],
        batch_size=2000,
    )
    ids = {ident: row.pk for ident, row in zip(tree.rank, rows, strict=True)}
    Parents = Territory.parents.through
    Parents.objects.bulk_create(
        [
            Parents(from_territory_id=ids[child], to_territory_id=ids[parent])
            for child, parents in tree.parents.items()
            for parent in parents
        ],
        batch_size=5000,
    )
    Ancestors = Territory.ancestors.through
    Ancestors.objects.bulk_create(
        [
            Ancestors(from_territory_id=ids[child], to_territory_id=ids[ancestor])
            for child in tree.rank
            for ancestor in tree.ancestors(child)
        ],
        batch_size=5000,
    )
    return ids


def save_calls(facts: list, territory_ids: dict[int, int], theme_ids: dict[int, int]) -> None:
    """Generated calls as canonical (French) FundingCall rows, one funder and source per kind."""
    from wagtail.models import Locale

    from funding.catalogue.models import Funder, FundingCall, FundingSource

    locale = Locale.get_default()
    funder, _ = Funder.objects.get_or_create(
        locale=locale, slug="banc-d-essai", defaults={"name": "Financeur du banc d'essai"}
    )
    sources = {}
    for kind, _weight in SOURCE_KINDS:
        sources[kind], _ = FundingSource.objects.get_or_create(
            locale=locale,
            funder=funder,
            slug=f"source-{kind}",
            defaults={"name": f"Source {kind}", "kind": kind},
        )
    rows = FundingCall.objects.bulk_create(
        [
            FundingCall(
                locale=locale,
                source=sources[call.source_kind],
                name=call.name,
                slug=f"appel-{call.id}",
                summary=call.text,
                territory_id=territory_ids.get(call.territory_id),
                eligible_legal_forms=sorted(call.eligible_legal_forms),
                aid_types=sorted(call.aid_types),
                cost_types=sorted(call.cost_types),
                recurrence=call.recurrence,
                opens_on=call.opens_on,
                closes_at=call.closes_at,
                amount_min=call.amount_min,
                amount_max=call.amount_max,
                rate_min=call.rate_min,
                rate_max=call.rate_max,
                min_self_financing_rate=call.min_self_financing_rate,
                min_partners=call.min_partners,
                required_countries=sorted(call.required_countries),
                platform_fee_rate=call.platform_fee_rate,
                all_or_nothing=call.all_or_nothing,
            )
            for call in facts
        ],
        batch_size=1000,
    )
    Themes = FundingCall.themes.through
    Themes.objects.bulk_create(
        [
            Themes(fundingcall_id=row.pk, theme_id=theme_ids[theme])
            for row, call in zip(rows, facts, strict=True)
            for theme in call.theme_ids
        ],
        batch_size=5000,
    )


def candidate_queryset(experiment, today: date):
    """Calls worth evaluating: on a territory the experiment touches (or anywhere), not closed
    (recurring calls stay: a closed session is a near miss)."""
    from django.db.models import Q

    from funding.catalogue.models import FundingCall

    territories = (
        experiment.territory_ids
        | experiment.territory_ancestor_ids
        | experiment.territory_descendant_ids
    )
    start = datetime.combine(today, datetime.min.time(), tzinfo=UTC)
    return FundingCall.objects.filter(
        Q(territory__isnull=True) | Q(territory_id__in=territories),
        Q(closes_at__isnull=True) | Q(closes_at__gte=start) | Q(recurrence="recurring"),
    )


def bench_database(calls_count: int, runs: int) -> bool:
    """Query + matching against a real database, and the query count at two sizes."""
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from funding.matching.queries import call_facts
    from funding.matching.scoring import match_calls
    from projects.network.models import Theme

    create_database(os.environ["BENCH_DATABASE_URL"])
    print("\nDatabase:", connection.vendor, connection.settings_dict["NAME"])
    call_command("migrate", verbosity=0, interactive=False)
    today = date.today()
    tree = build_tree()
    territory_ids = save_territories(tree)
    themes = list(Theme.objects.canonical().order_by("number", "pk"))
    if len(themes) < 6:
        from wagtail.models import Locale

        locale = Locale.get_default()
        for number in range(len(themes) + 1, 7):
            themes.append(
                Theme.objects.create(
                    locale=locale, number=number, name=f"Thème {number}", slug=f"theme-{number}"
                )
            )
    theme_ids = {number + 1: theme.pk for number, theme in enumerate(themes[:6])}
    generated = generate_calls(tree, calls_count, today)
    memory_experiment = experiment_facts(tree)
    experiment = memory_experiment.__class__(
        **{
            **memory_experiment.__dict__,
            "theme_ids": frozenset(theme_ids[t] for t in memory_experiment.theme_ids),
            "territory_ids": frozenset(territory_ids[t] for t in memory_experiment.territory_ids),
            "territory_ancestor_ids": frozenset(
                territory_ids[t] for t in memory_experiment.territory_ancestor_ids
            ),
            "territory_descendant_ids": frozenset(
                territory_ids[t] for t in memory_experiment.territory_descendant_ids
            ),
        }
    )

    def run():
        facts = call_facts(candidate_queryset(experiment, today))
        return match_calls(experiment, facts, today=today)

    ok = True
    counts = []
    tenth = max(1, calls_count // 10)
    save_calls(generated[:tenth], territory_ids, theme_ids)
    for size, batch in ((tenth, None), (calls_count, generated[tenth:])):
        if batch:
            save_calls(batch, territory_ids, theme_ids)
        with CaptureQueriesContext(connection) as queries:
            result = run()
        counts.append(len(queries))
        print(
            f"{size:>7,} calls: {len(queries)} SQL queries, {len(result.matches)} matches, "
            f"{len(result.near_misses)} near misses"
        )
    timing, facts = timed(lambda: call_facts(candidate_queryset(experiment, today)), runs)
    report(f"call_facts: query, {len(facts):,} rows", timing)
    timing, _ = timed(run, runs)
    ok &= report(f"query + match_calls ({calls_count:,} calls)", timing, MATCH_TARGET_MS)
    constant = counts[0] == counts[1]
    print(f"queries constant with the number of calls: {'yes' if constant else 'NO'}")
    return ok and constant


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--calls", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    arguments = parser.parse_args()

    # The in-memory part needs settings (translations, no database); the database part uses the
    # throwaway database, configured before Django starts.
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.bench"
    os.environ["BENCH_DATABASE_URL"] = database_url()
    import django

    django.setup()
    ok = bench_memory(arguments.calls, arguments.runs)
    missing = database_missing_parts()
    if missing:
        print(f"\nDatabase measurement skipped: {missing}.")
    else:
        try:
            ok &= bench_database(arguments.calls, max(10, arguments.runs // 2))
        except Exception as error:  # the models may still differ from what this script writes
            print(f"\nDatabase measurement failed: {type(error).__name__}: {error}")
            ok = False
    return 0 if ok or not arguments.strict else 1


if __name__ == "__main__":
    sys.exit(main())
