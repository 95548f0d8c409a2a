"""Benchmark of the site search: index build throughput and query latency (p50/p95).

    .venv/bin/python bench/search.py [--documents 10000] [--queries 300]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/c05 .venv/bin/python bench/search.py
    ELASTICSEARCH_URL=http://127.0.0.1:9200 .venv/bin/python bench/search.py

Generates ``--documents`` mixed documents (pages, organisations, calls, sharing posts,
experiments; French words, themes, territories, states, dates) and indexes them with the
database backend in a throwaway database: SQLite under var/bench/, and PostgreSQL when
DATABASE_URL names one (a database ``<name>_searchbench``, dropped and recreated; the database
DATABASE_URL names is never touched). With ELASTICSEARCH_URL, the same documents go to a
throwaway Elasticsearch index. Then runs ``--queries`` searches of one or two words, a third of
them with a facet selected, as the search page does (a page of 20 with every facet count), and
prints the throughput and the latencies. Target: p95 under 50 ms on the database backends.
"""

import argparse
import datetime
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

WORDS = [
    "trésorerie",
    "mutualisation",
    "locaux",
    "matériel",
    "véhicule",
    "emploi",
    "formation",
    "compétences",
    "communication",
    "coopération",
    "association",
    "coopérative",
    "structure",
    "territoire",
    "montagne",
    "financement",
    "mécénat",
    "fondation",
    "subvention",
    "projet",
    "européen",
    "alimentation",
    "circuit",
    "court",
    "habitants",
    "service",
    "proximité",
    "mobilité",
    "numérique",
    "culture",
    "sport",
    "santé",
    "jeunesse",
    "insertion",
    "agriculture",
    "énergie",
    "logement",
    "tourisme",
    "solidarité",
    "économie",
    "sociale",
    "réseau",
    "partenaire",
    "groupement",
    "employeurs",
    "salle",
    "cuisine",
    "atelier",
    "camion",
    "minibus",
    "comptabilité",
    "juridique",
]
THEMES = [f"theme-{n}" for n in range(1, 7)]
TERRITORIES = [f"commune-{n}" for n in range(60)] + ["hautes-alpes", "paca", "france"]
KINDS = ["page", "organisation", "call", "sharing", "experiment"]
STATES = ["idea", "formalised", "seeking_funding", "funded", "running", "capitalised"]


def documents(count: int, seed: int = 5):
    from search.documents import Document

    rng = random.Random(seed)
    now = datetime.datetime(2026, 6, 1, tzinfo=datetime.UTC)
    for n in range(count):
        kind = KINDS[n % len(KINDS)]
        commune = rng.choice(TERRITORIES[:60])
        yield Document(
            kind=kind,
            object_id=n + 1,
            language="fr",
            title=" ".join(rng.choices(WORDS, k=rng.randint(3, 7))).capitalize(),
            url=f"/fr/bench/{n + 1}/",
            body=" ".join(rng.choices(WORDS, k=rng.randint(40, 160))),
            themes=tuple(rng.sample(THEMES, rng.randint(0, 2))),
            territories=(commune, "hautes-alpes", "paca", "france"),
            state=rng.choice(STATES) if kind == "experiment" else "",
            closes_at=now + datetime.timedelta(days=rng.randint(-60, 120))
            if kind == "call"
            else None,
            expires_on=(now + datetime.timedelta(days=rng.randint(-10, 90))).date()
            if kind == "sharing"
            else None,
        )


def queries(count: int, documents_count: int, seed: int = 7):
    from search.documents import SearchQuery

    rng = random.Random(seed)
    visible = frozenset(range(5, documents_count + 1, 10))  # a tenth of the experiments
    for n in range(count):
        criteria = {}
        if n % 3 == 1:
            criteria["themes"] = frozenset({rng.choice(THEMES)})
        elif n % 3 == 2:
            criteria["types"] = frozenset({rng.choice(KINDS)})
        yield SearchQuery(
            text=" ".join(rng.sample(WORDS, rng.randint(1, 2))),
            language="fr",
            experiment_ids=visible,
            now=datetime.datetime(2026, 6, 1, tzinfo=datetime.UTC),
            **criteria,
        )


def measure(backend, label: str, count: int, query_count: int) -> None:
    started = time.perf_counter()
    indexed = backend.rebuild(documents(count))
    build = time.perf_counter() - started
    for query in queries(10, count, seed=1):  # warm-up
        backend.search(query)
    latencies = []
    totals = []
    for query in queries(query_count, count):
        started = time.perf_counter()
        results = backend.search(query)
        latencies.append((time.perf_counter() - started) * 1000)
        totals.append(results.total)
    latencies.sort()
    p95 = latencies[int(len(latencies) * 0.95) - 1]
    print(
        f"{label:<14} {indexed:>7} docs  build {build:6.1f} s  {indexed / build:8.0f} docs/s  "
        f"query p50 {statistics.median(latencies):6.1f} ms  p95 {p95:6.1f} ms  "
        f"(median {statistics.median(totals):.0f} results)"
    )


def child(args) -> None:
    """Runs in a process whose DATABASE_URL is the throwaway database."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    if args.engine == "elasticsearch":
        from elasticsearch import Elasticsearch

        from search.backends.elastic import ElasticsearchBackend

        client = Elasticsearch(os.environ["ELASTICSEARCH_URL"], request_timeout=120)
        backend = ElasticsearchBackend(client, "c05-bench-search")
        try:
            measure(backend, "elasticsearch", args.documents, args.queries)
        finally:
            client.indices.delete(index="c05-bench-search-*", ignore_unavailable=True)
        return
    from search.backends.database import DatabaseBackend

    measure(DatabaseBackend(), connection.vendor, args.documents, args.queries)


def run_child(engine: str, database_url: str, args) -> None:
    env = {**os.environ, "DATABASE_URL": database_url, "PYTHONPATH": str(ROOT)}
    if engine != "elasticsearch":
        env.pop("ELASTICSEARCH_URL", None)
    subprocess.run(
        [
            sys.executable,
            __file__,
            "--child",
            engine,
            "--documents",
            str(args.documents),
            "--queries",
            str(args.queries),
        ],
        env=env,
        check=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--child", dest="engine", default="")
    args = parser.parse_args()
    if args.engine:
        child(args)
        return
    bench_dir = ROOT / "var" / "bench"
    bench_dir.mkdir(parents=True, exist_ok=True)
    sqlite_file = bench_dir / "search.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{sqlite_file}{suffix}").unlink(missing_ok=True)
    run_child("sqlite", f"sqlite:///{sqlite_file}", args)
    database_url = os.environ.get("DATABASE_URL", "")
    if database_url.startswith(("postgres://", "postgresql://")):
        base, _, name = database_url.rpartition("/")
        bench_name = f"{name.split('?')[0]}_searchbench"
        maintenance = f"{base}/postgres"
        import psycopg

        with psycopg.connect(maintenance, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{bench_name}"')
            connection.execute(f'CREATE DATABASE "{bench_name}"')
        run_child("postgresql", f"{base}/{bench_name}", args)
    if os.environ.get("ELASTICSEARCH_URL"):
        run_child("elasticsearch", f"sqlite:///{sqlite_file}", args)


if __name__ == "__main__":
    main()
