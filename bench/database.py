"""The matching benchmark's throwaway database (bench/matching.py): created, filled with the
synthetic territories and calls, and queried as the site does."""

import os
import urllib.parse
from pathlib import Path

from bench.synthetic import SOURCE_KINDS, Tree

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "var" / "bench"


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
    _analyze()


def _analyze() -> None:
    """Refresh the planner's statistics after a bulk load, as autovacuum does within a minute
    on a live server: without them PostgreSQL plans for an empty catalogue."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
