"""The embedded default (SQLite in a file) queues concurrent writers instead of failing.

Twenty people fire the same transition at one experiment at the same moment, through a real
threaded server on its own SQLite file (as `make run` serves it): exactly one succeeds, the
nineteen others are told the experiment changed (409), and none gets « database is locked » (a
500). In SQLite's default DEFERRED mode, a transaction that reads before it writes cannot wait for
the write lock and fails at once; `transaction_mode: IMMEDIATE` (config/settings/parts/services.py)
makes it wait for its turn.

The test builds its database with `migrate` in a subprocess (about half a minute): pytest's own
test database is in memory, where SQLite's locking is not what a deployment meets.
"""

import json
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ATTEMPTS = 20

SETUP = """
from django.contrib.auth.models import Group
from rest_framework.authtoken.models import Token
from accounts import roles
from tests.factories import ExperimentFactory, UserFactory

coordinator = UserFactory(email="race-coordinator@example.org")
coordinator.groups.add(Group.objects.get(name=roles.COORDINATORS))
experiment = ExperimentFactory(lead=UserFactory(email="race-lead@example.org"))
assert experiment.state == "idea", experiment.state
print("RACE", experiment.pk, Token.objects.create(user=coordinator).key)
"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _environment(database: Path) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"REDIS_URL", "DATABASE_REPLICA_URL", "ELASTICSEARCH_URL"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.test",
        DATABASE_URL=f"sqlite:///{database}",
        PYTHONUNBUFFERED="1",
    )
    return env


def _manage(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def _wait_for(url: str, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert server.poll() is None, server.stderr.read()[-3000:]
        try:
            with urllib.request.urlopen(url, timeout=2):  # noqa: S310 (local test server)
                return
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.2)
    pytest.fail(f"the server did not answer on {url}")


def _post(url: str, token: str, body: dict) -> int:
    request = urllib.request.Request(  # noqa: S310 (local test server)
        url,
        data=json.dumps(body).encode(),
        method="POST",
        headers={
            "Authorization": f"Token {token}",
            "Content-Type": "application/json",
            "Accept-Language": "en",
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310
            return response.status
    except urllib.error.HTTPError as refused:
        return refused.code


@pytest.fixture
def race_server(tmp_path):
    database = tmp_path / "race.sqlite3"
    env = _environment(database)
    _manage(env, "migrate", "--no-input", "-v", "0")
    line = next(
        row for row in _manage(env, "shell", "-c", SETUP).splitlines() if row.startswith("RACE")
    )
    _label, pk, token = line.split()
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        _wait_for(f"{base}/healthz", server)
        yield base, int(pk), token, database
    finally:
        server.terminate()
        server.wait(timeout=30)
        server.stderr.close()


def test_twenty_simultaneous_transitions_one_wins_nineteen_are_refused(race_server):
    base, pk, token, database = race_server
    url = f"{base}/api/v1/experiments/{pk}/transitions/accept_idea/"
    barrier = threading.Barrier(ATTEMPTS)
    statuses: list[int] = []

    def attempt() -> None:
        barrier.wait(timeout=30)
        statuses.append(_post(url, token, {"expected_state": "idea", "comment": ""}))

    threads = [threading.Thread(target=attempt) for _ in range(ATTEMPTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert Counter(statuses) == Counter({200: 1, 409: ATTEMPTS - 1}), Counter(statuses)
    # The winner's transition is recorded once, in the file the server wrote.
    import sqlite3

    with sqlite3.connect(database) as db:
        state = db.execute("SELECT state FROM projects_experiment WHERE id = ?", (pk,)).fetchone()[
            0
        ]
        events = db.execute(
            "SELECT COUNT(*) FROM projects_experimentevent WHERE experiment_id = ?", (pk,)
        ).fetchone()[0]
    assert (state, events) == ("formalisation", 1)
