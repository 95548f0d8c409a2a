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
import ast
import datetime
import itertools
import os
import random
import re
import statistics
import subprocess
import sys
import time
from collections import Counter
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


# Words the queries never start with: nobody searches for « pour » or « avec ».
STOP_WORDS = frozenset(
    """avec dans pour plus sont vous votre vos nous notre nos leur leurs cette ces elle elles
    être avoir fait faire mais comme tout tous toute toutes aussi peut sans sous entre depuis
    chaque autre autres même très""".split()  # noqa: SIM905 (a sentence is easier to read)
)


# A sentence of the demo content holding one of these is French (not Italian nor English).
FRENCH_MARKERS = frozenset({"les", "des", "une", "est", "aux", "du"})


class Vocabulary:
    """Words to write documents and queries with.

    ``natural``: the French words of the site's catalogue and demo content, drawn with Zipf's
    law (the n-th most frequent word n times rarer than the first), as in real text: a few words
    are in most documents, most words in few. ``dense``: 80 words of the domain drawn uniformly,
    each in about 70 % of the documents, so that every query matches most of the index (the
    worst case for the facet counts).
    """

    def __init__(self, corpus: str) -> None:
        self.corpus = corpus
        if corpus == "dense":
            self.words, self.weights = WORDS, None
            self.query_words, self.query_weights = WORDS, None
            return
        counts = french_words()
        ranked = [word for word, _n in counts.most_common()]
        self.words = ranked
        self.weights = list(itertools.accumulate(1 / (rank + 2.7) for rank in range(len(ranked))))
        content = [
            (word, weight)
            for word, weight in zip(ranked, _increments(self.weights), strict=True)
            if word not in STOP_WORDS
        ]
        self.query_words = [word for word, _w in content]
        self.query_weights = list(itertools.accumulate(weight for _w, weight in content))

    def text(self, rng: random.Random, count: int) -> str:
        return " ".join(rng.choices(self.words, cum_weights=self.weights, k=count))

    def query(self, rng: random.Random, count: int) -> str:
        found: list[str] = []
        while len(found) < count:
            (word,) = rng.choices(self.query_words, cum_weights=self.query_weights)
            if word not in found:
                found.append(word)
        return " ".join(found)


def _increments(cumulative: list[float]) -> list[float]:
    return [b - a for a, b in zip([0.0, *cumulative], cumulative, strict=False)]


def french_words() -> Counter:
    """The French words (four letters or more) of the site's catalogue and of the French
    sentences of the demo content."""
    import polib

    pattern = re.compile(r"[a-zàâäçéèêëîïôöùûüœ]{4,}")
    counts: Counter = Counter()
    for entry in polib.pofile(str(ROOT / "site/locale/fr/LC_MESSAGES/django.po")):
        counts.update(pattern.findall(entry.msgstr.lower()))
    for path in sorted((ROOT / "home/demo").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                words = node.value.lower().split()
                if FRENCH_MARKERS.intersection(words):
                    counts.update(pattern.findall(node.value.lower()))
    return counts


def documents(count: int, vocabulary: Vocabulary, seed: int = 5):
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
            title=vocabulary.text(rng, rng.randint(3, 7)).capitalize(),
            url=f"/fr/bench/{n + 1}/",
            body=vocabulary.text(rng, rng.randint(40, 160)),
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


def queries(count: int, documents_count: int, vocabulary: Vocabulary, seed: int = 7):
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
            text=vocabulary.query(rng, rng.randint(1, 2)),
            language="fr",
            experiment_ids=visible,
            now=datetime.datetime(2026, 6, 1, tzinfo=datetime.UTC),
            **criteria,
        )


def measure(backend, label: str, count: int, query_count: int, corpus: str) -> None:
    vocabulary = Vocabulary(corpus)
    started = time.perf_counter()
    indexed = backend.rebuild(documents(count, vocabulary))
    build = time.perf_counter() - started
    for query in queries(10, count, vocabulary, seed=1):  # warm-up
        backend.search(query)
    latencies = []
    totals = []
    for query in queries(query_count, count, vocabulary):
        started = time.perf_counter()
        results = backend.search(query)
        latencies.append((time.perf_counter() - started) * 1000)
        totals.append(results.total)
    latencies.sort()
    p95 = latencies[int(len(latencies) * 0.95) - 1]
    print(
        f"{label:<14} {corpus:<8} {indexed:>7} docs  build {build:6.1f} s  "
        f"{indexed / build:8.0f} docs/s  "
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
            for corpus in args.corpus:
                measure(backend, "elasticsearch", args.documents, args.queries, corpus)
        finally:
            client.indices.delete(index="c05-bench-search-*", ignore_unavailable=True)
        return
    from search.backends.database import DatabaseBackend

    for corpus in args.corpus:
        measure(DatabaseBackend(), connection.vendor, args.documents, args.queries, corpus)


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
            *[item for corpus in args.corpus for item in ("--corpus", corpus)],
        ],
        env=env,
        check=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument(
        "--corpus",
        action="append",
        choices=["natural", "dense"],
        help="natural (Zipf over the site's French words) and/or dense (every query matches "
        "most documents); both by default",
    )
    parser.add_argument("--child", dest="engine", default="")
    args = parser.parse_args()
    args.corpus = args.corpus or ["natural", "dense"]
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
