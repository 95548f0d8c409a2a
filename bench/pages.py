"""Benchmark of the public pages: requests per second and p95 latency, cold and warm cache.

    .venv/bin/python bench/pages.py [--seconds 5] [--concurrency 4] [--organisations 1000]

Builds a throwaway database under var/bench/ (SQLite; with DATABASE_URL, a database named
``<name>_bench`` on that PostgreSQL server), migrates, loads the demo, adds generated
organisations until the directory holds 1,000, then serves the site with gunicorn (2 workers,
config.settings.bench: DEBUG off, local files) twice: with the page cache off (cold) and on
(warm). A small threaded load generator measures each page; SQL queries per uncached page are
counted in-process through Django's test client. See bench/README.md.
"""

import argparse
import http.client
import os
import random
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "var" / "bench"
DEMO_PASSWORD = "bench-demo-password"  # noqa: S105
QUERY_TARGET = 15
SPEED_UP_TARGET = 20

sys.path.insert(0, str(ROOT))


@dataclass
class Target:
    """A page to measure: its label, address, and what was measured."""

    label: str
    url: str
    queries: int | None = None
    results: dict[str, "Run"] = field(default_factory=dict)


@dataclass
class Run:
    """One load run against one address."""

    latencies: list[float]
    seconds: float
    errors: int
    hits: int

    @property
    def rps(self) -> float:
        return len(self.latencies) / self.seconds if self.seconds else 0.0

    @property
    def p95_ms(self) -> float:
        ordered = sorted(self.latencies)
        return ordered[int(0.95 * (len(ordered) - 1))] * 1000 if ordered else float("nan")


# ---------------------------------------------------------------------------------------------
# Database
# ---------------------------------------------------------------------------------------------
def prepare_database() -> str:
    """A fresh, empty database; returns its URL (for the settings and gunicorn)."""
    shutil.rmtree(BENCH_DIR / "media", ignore_errors=True)
    (BENCH_DIR / "static").mkdir(parents=True, exist_ok=True)
    source = os.environ.get("DATABASE_URL", "")
    if not source:
        for suffix in ("", "-wal", "-shm"):
            (BENCH_DIR / f"bench.sqlite3{suffix}").unlink(missing_ok=True)
        return f"sqlite:///{BENCH_DIR / 'bench.sqlite3'}"
    import psycopg

    parts = urllib.parse.urlsplit(source)
    name = parts.path.lstrip("/") + "_bench"
    admin_url = urllib.parse.urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')
    return urllib.parse.urlunsplit(parts._replace(path=f"/{name}"))


def build_site(organisations: int) -> None:
    """Migrate, load the demo and fill the directory up to ``organisations``."""
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0, interactive=False)
    from home.demo import load_all

    load_all(DEMO_PASSWORD, reset_password=True)
    add_organisations(organisations)


def add_organisations(total: int) -> None:
    """Generated organisations (French canonical rows) until the directory holds ``total``."""
    from wagtail.models import Locale

    from projects.network.models import Organisation, Territory, Theme

    french = Locale.get_default()
    existing = Organisation.objects.canonical().count()
    missing = max(0, total - existing)
    if not missing:
        return
    rng = random.Random(5)
    communes = list(Territory.objects.filter(kind=Territory.Kind.COMMUNE))
    themes = list(Theme.objects.canonical())
    legal_forms = [value for value, _label in Organisation.LegalForm.choices]
    organisations = []
    for number in range(1, missing + 1):
        commune = rng.choice(communes)
        organisations.append(
            Organisation(
                locale=french,
                name=f"Structure de démonstration {number:04d}",
                slug=f"structure-de-demonstration-{number:04d}",
                kind=rng.choice([Organisation.Kind.ENTERPRISE, Organisation.Kind.INSTITUTION]),
                legal_form=rng.choice(legal_forms),
                description=(
                    f"Structure générée pour le banc d'essai, installée à {commune.name}, qui "
                    "mutualise des locaux, du matériel et des compétences avec ses voisines."
                ),
                commune=commune,
                latitude=commune.latitude,
                longitude=commune.longitude,
                is_active_member=rng.random() < 0.3,
            )
        )
    created = Organisation.objects.bulk_create(organisations, batch_size=500)
    Through = Organisation.themes.through
    Through.objects.bulk_create(
        [
            Through(organisation_id=organisation.pk, theme_id=theme.pk)
            for organisation in created
            for theme in rng.sample(themes, rng.randint(1, 2))
        ],
        batch_size=1000,
    )
    Places = Organisation.territories.through
    Places.objects.bulk_create(
        [
            Places(organisation_id=organisation.pk, territory_id=organisation.commune_id)
            for organisation in created
        ],
        batch_size=1000,
    )


# ---------------------------------------------------------------------------------------------
# Pages to measure
# ---------------------------------------------------------------------------------------------
def _first_live_french_page(model_name: str):
    from wagtail.models import Locale, get_page_models

    models = [model for model in get_page_models() if model.__name__ == model_name]
    if not models:
        return None
    french = Locale.get_default()
    return models[0].objects.live().filter(locale=french).order_by("path").first()


def resolve_targets() -> tuple[list[Target], list[str]]:
    """The French home page, a guide (else a standard page), the directory when it exists."""
    from home.models import HomePage, StandardPage

    notes = []
    home = HomePage.objects.live().get(locale__language_code="fr")
    targets = [Target("home", home.url)]
    guide = _first_live_french_page("GuidePage")
    if guide is None:
        notes.append("no GuidePage in this build: measuring a standard page instead")
        guide = StandardPage.objects.live().filter(locale__language_code="fr").first()
        targets.append(Target("standard page", guide.url))
    else:
        targets.append(Target("guide", guide.url))
    directory = _first_live_french_page("OrganisationDirectoryPage")
    if directory is None:
        notes.append("no OrganisationDirectoryPage in this build: directory skipped")
    else:
        targets.append(Target("directory", directory.url))
    return targets, notes


def count_queries(targets: list[Target]) -> None:
    """SQL queries of an uncached anonymous request, once Wagtail's own caches are warm."""
    from django.db import connection
    from django.test import Client, override_settings
    from django.test.utils import CaptureQueriesContext

    with override_settings(PAGE_CACHE_SECONDS=0):
        client = Client()
        for target in targets:
            client.get(target.url)  # renditions, site root paths: first-request work
            with CaptureQueriesContext(connection) as queries:
                response = client.get(target.url)
            assert response.status_code == 200, (target.url, response.status_code)
            target.queries = len(queries)


# ---------------------------------------------------------------------------------------------
# Server and load
# ---------------------------------------------------------------------------------------------
def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(database_url: str, port: int, cache_seconds: int) -> subprocess.Popen:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.bench",
        "BENCH_DATABASE_URL": database_url,
        "PAGE_CACHE_SECONDS": str(cache_seconds),
    }
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "config.wsgi:application",
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            status, _hit = fetch(port, "/robots.txt")
            if status == 200:
                return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("gunicorn did not start within 60 s")


def stop_server(server: subprocess.Popen) -> None:
    server.terminate()
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def fetch(port: int, url: str) -> tuple[int, bool]:
    """One request on a new connection (gunicorn's sync workers close each one)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", url, headers={"Host": "127.0.0.1"})
        response = connection.getresponse()
        response.read()
        return response.status, response.getheader("X-Cache") == "HIT"
    finally:
        connection.close()


def load(port: int, url: str, seconds: float, concurrency: int) -> Run:
    """``concurrency`` threads requesting ``url`` back to back for ``seconds``."""
    latencies: list[float] = []
    counters = {"errors": 0, "hits": 0}
    lock = threading.Lock()
    stop_at = time.perf_counter() + seconds

    def worker() -> None:
        mine, errors, hits = [], 0, 0
        while time.perf_counter() < stop_at:
            start = time.perf_counter()
            try:
                status, hit = fetch(port, url)
            except OSError:
                errors += 1
                continue
            mine.append(time.perf_counter() - start)
            errors += status != 200
            hits += hit
        with lock:
            latencies.extend(mine)
            counters["errors"] += errors
            counters["hits"] += hits

    started = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return Run(latencies, time.perf_counter() - started, counters["errors"], counters["hits"])


def measure(database_url: str, targets, mode: str, cache_seconds: int, args) -> None:
    port = free_port()
    server = start_server(database_url, port, cache_seconds)
    try:
        for target in targets:
            for _ in range(20):  # both workers render once (and fill their cache when on)
                fetch(port, target.url)
            target.results[mode] = load(port, target.url, args.seconds, args.concurrency)
    finally:
        stop_server(server)


# ---------------------------------------------------------------------------------------------
# Report
# ---------------------------------------------------------------------------------------------
def report(targets: list[Target], notes: list[str]) -> bool:
    from projects.network.models import Organisation

    print()
    print(f"Directory: {Organisation.objects.canonical().count()} organisations")
    for note in notes:
        print(f"Note: {note}")
    header = (
        f"{'page':<15} {'address':<28} {'queries':>7} {'cold rps':>9} {'cold p95':>9} "
        f"{'warm rps':>9} {'warm p95':>9} {'hits':>6} {'speed-up':>9}"
    )
    print()
    print(header)
    print("-" * len(header))
    ok = True
    for target in targets:
        cold, warm = target.results["cold"], target.results["warm"]
        speed_up = warm.rps / cold.rps if cold.rps else float("inf")
        hit_rate = warm.hits / len(warm.latencies) if warm.latencies else 0
        print(
            f"{target.label:<15} {target.url:<28} {target.queries:>7} {cold.rps:>9.1f} "
            f"{cold.p95_ms:>6.1f} ms {warm.rps:>9.1f} {warm.p95_ms:>6.1f} ms "
            f"{hit_rate:>6.0%} {speed_up:>8.1f}x"
        )
        errors = cold.errors + warm.errors
        if errors:
            print(f"  {errors} failed requests")
            ok = False
        ok &= target.queries <= QUERY_TARGET and speed_up >= SPEED_UP_TARGET
    print()
    print(
        f"Targets: uncached pages at most {QUERY_TARGET} queries, warm cache at least "
        f"{SPEED_UP_TARGET}x the uncached requests per second: {'met' if ok else 'NOT MET'}"
    )
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=5.0, help="load per page and mode")
    parser.add_argument("--concurrency", type=int, default=4, help="client threads")
    parser.add_argument("--organisations", type=int, default=1000, help="directory size")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args()

    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.bench"
    database_url = prepare_database()
    os.environ["BENCH_DATABASE_URL"] = database_url
    print(f"Building the site in {database_url} …", flush=True)
    build_site(args.organisations)
    targets, notes = resolve_targets()
    count_queries(targets)
    # Release the database before the servers use it (SQLite locks, PostgreSQL connections).
    from django.db import connections

    connections.close_all()
    print("Measuring with the page cache off (cold) …", flush=True)
    measure(database_url, targets, "cold", 0, args)
    print("Measuring with the page cache on (warm) …", flush=True)
    measure(database_url, targets, "warm", 600, args)
    ok = report(targets, notes)
    return 0 if ok or not args.strict else 1


if __name__ == "__main__":
    sys.exit(main())
