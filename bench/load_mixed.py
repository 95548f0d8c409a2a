"""Signed-in leads submit workflow transitions through the API while visitors browse; then the
audit log (ExperimentEvent) shows whether any transition was lost or recorded twice.

    DJANGO_SETTINGS_MODULE=config.settings.bench BENCH_DATABASE_URL=… \\
        .venv/bin/python bench/load_mixed.py --base http://127.0.0.1:8001 [--leads 16]

Run by bench/load.sh against its gunicorn server (visitors are its wrk run, in parallel). It:

1. creates ``--leads`` leads with an API token, each leading ``--per-lead`` experiments whose
   formalisation sheet is complete, accepted by the demo coordinator (state: formalisation);
2. for every experiment, sends each of ``formalise`` then ``seek_funding`` from two threads at
   once (``--duplicates``): the same click sent twice, the race a double submit makes;
3. counts, per experiment, the events of each transition in the audit log.

Expected: one event per experiment and transition (never two), as many events as 200 answers,
the other copies answered 409 (already done), no other status. Prints one summary line and
exits 1 otherwise.
"""

import argparse
import datetime
import json
import os
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.bench")

STEPS = ("formalise", "seek_funding")


def prepare(leads: int, per_lead: int, tag: str) -> list[tuple[str, list[int]]]:
    """Leads with tokens and experiments in formalisation; returns (token, experiment ids)."""
    import django

    django.setup()
    from rest_framework.authtoken.models import Token

    from accounts.models import User
    from projects.experiments import services
    from projects.experiments.models import (
        BudgetLine,
        Experiment,
        ExperimentMember,
        ExperimentPartner,
    )
    from projects.network.models import Organisation, Territory, Theme

    coordinator = User.objects.get(email="coordination@example.org")
    organisations = list(Organisation.objects.order_by("pk")[:2])
    theme = Theme.objects.canonical().first()
    territory = Territory.objects.get(slug="gap")
    prepared = []
    for n in range(leads):
        lead = User.objects.create_user(
            email=f"load-{tag}-{n}@example.org", full_name=f"Lead {n}", password=None
        )
        token = Token.objects.create(user=lead).key
        ids = []
        for m in range(per_lead):
            experiment = Experiment.objects.create(
                title=f"Charge {tag} {n}-{m}",
                summary="Expérimentation créée par bench/load_mixed.py.",
                description="Une description détaillée de la coopération. " * 10,
                objectives="Mutualiser des moyens entre structures.",
                start_date=datetime.date.today() + datetime.timedelta(days=60),
                lead_organisation=organisations[0],
            )
            ExperimentMember.objects.create(
                experiment=experiment,
                user=lead,
                role=ExperimentMember.Role.LEAD,
                organisation=organisations[0],
            )
            experiment.themes.set([theme])
            experiment.territories.set([territory])
            ExperimentPartner.objects.create(experiment=experiment, organisation=organisations[1])
            BudgetLine.objects.create(experiment=experiment, label="Coordination", amount=12000)
            services.run_transition(experiment, "accept_idea", by=coordinator)
            ids.append(experiment.pk)
        prepared.append((token, ids))
    return prepared


def post_transition(base: str, token: str, experiment_id: int, name: str) -> int:
    request = urllib.request.Request(
        f"{base}/api/v1/experiments/{experiment_id}/transitions/{name}/",
        data=b"{}",
        method="POST",
        headers={
            "Authorization": f"Token {token}",
            "Content-Type": "application/json",
            "Accept-Language": "fr",
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as answer:
            return answer.status
    except urllib.error.HTTPError as error:
        error.close()
        return error.code
    except OSError:
        return 0  # connection failed


def run_lead(base: str, token: str, ids: list[int], duplicates: int, statuses: Counter) -> None:
    lock = threading.Lock()
    with ThreadPoolExecutor(max_workers=duplicates) as pool:
        for experiment_id in ids:
            for name in STEPS:
                copies = [
                    pool.submit(post_transition, base, token, experiment_id, name)
                    for _ in range(duplicates)
                ]
                answers = [copy.result() for copy in copies]
                with lock:
                    statuses.update((name, status) for status in answers)


def count_events(ids: list[int]) -> tuple[Counter, Counter]:
    from projects.experiments.models import ExperimentEvent

    per_pair = Counter(
        ExperimentEvent.objects.filter(experiment_id__in=ids, transition__in=STEPS).values_list(
            "experiment_id", "transition"
        )
    )
    per_step = Counter(transition for _, transition in per_pair.elements())
    return per_pair, per_step


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", required=True, help="The server, e.g. http://127.0.0.1:8001")
    parser.add_argument("--leads", type=int, default=16)
    parser.add_argument("--per-lead", type=int, default=4)
    parser.add_argument("--duplicates", type=int, default=2, help="copies of each request")
    args = parser.parse_args()

    tag = uuid.uuid4().hex[:6]
    prepared = prepare(args.leads, args.per_lead, tag)
    ids = [experiment_id for _, group in prepared for experiment_id in group]
    statuses: Counter = Counter()
    started = time.perf_counter()
    threads = [
        threading.Thread(target=run_lead, args=(args.base, token, group, args.duplicates, statuses))
        for token, group in prepared
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started

    per_pair, per_step = count_events(ids)
    expected = len(ids)
    ok = {step: statuses[(step, 200)] for step in STEPS}
    conflicts = sum(statuses[(step, 409)] for step in STEPS)
    other = sum(n for (_, status), n in statuses.items() if status not in (200, 409))
    lost = sum(max(ok[step] - per_step[step], 0) for step in STEPS) + sum(
        max(expected - per_step[step], 0) for step in STEPS
    )
    duplicated = sum(1 for n in per_pair.values() if n > 1)
    summary = {
        "experiments": expected,
        "requests": sum(statuses.values()),
        "seconds": round(elapsed, 1),
        "ok": sum(ok.values()),
        "conflict_409": conflicts,
        "other_status": other,
        "events": sum(per_step.values()),
        "expected_events": expected * len(STEPS),
        "lost": lost,
        "duplicated": duplicated,
    }
    print("TRANSITIONS " + " ".join(f"{key}={value}" for key, value in summary.items()))
    print(json.dumps(dict(sorted((f"{s}:{c}", n) for (s, c), n in statuses.items()))))
    healthy = lost == 0 and duplicated == 0 and other == 0
    healthy = healthy and summary["events"] == summary["expected_events"] == summary["ok"]
    return 0 if healthy else 1


if __name__ == "__main__":
    sys.exit(main())
