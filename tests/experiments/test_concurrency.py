"""Two simultaneous transitions on one experiment: exactly one wins, the other is told to reload.

Runs on PostgreSQL, where the service's SELECT … FOR UPDATE row lock is real (CI uses it).
"""

import threading

import pytest
from django.contrib.auth.models import Group
from django.db import connection, connections

from accounts import roles
from projects.experiments.models import Experiment, ExperimentEvent
from projects.experiments.services import ExperimentChanged, run_transition
from tests.factories import ExperimentFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def on_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL: run with DATABASE_URL (as .ci/run does)")


def _race(experiment, attempts):
    barrier = threading.Barrier(len(attempts))
    outcomes = []

    def attempt(name, user, comment):
        try:
            barrier.wait(timeout=10)
            run_transition(experiment, name, by=user, comment=comment, expected_state="idea")
            outcomes.append(("won", name))
        except ExperimentChanged as refused:
            outcomes.append(("refused", refused.message))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=attempt, args=a) for a in attempts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return outcomes


def test_one_winner_and_one_clear_refusal(on_postgresql):
    coordinator = UserFactory(email="c1@example.org")
    other_coordinator = UserFactory(email="c2@example.org")
    group = Group.objects.get(name=roles.COORDINATORS)
    coordinator.groups.add(group)
    other_coordinator.groups.add(group)
    experiment = ExperimentFactory(lead=UserFactory(email="lead-race@example.org"))
    outcomes = _race(
        experiment,
        [
            ("accept_idea", coordinator, ""),
            ("decline_idea", other_coordinator, "Hors champ du cluster"),
        ],
    )
    kinds = sorted(kind for kind, _ in outcomes)
    assert kinds == ["refused", "won"], outcomes
    refusal = next(detail for kind, detail in outcomes if kind == "refused")
    assert "reload" in refusal or "rechargez" in refusal
    winner = next(detail for kind, detail in outcomes if kind == "won")
    experiment.refresh_from_db()
    expected = {"accept_idea": "formalisation", "decline_idea": "declined"}[winner]
    assert experiment.state == expected
    assert ExperimentEvent.objects.filter(experiment=experiment).count() == 1


def test_the_same_transition_twice_applies_once(on_postgresql):
    coordinator = UserFactory(email="c3@example.org")
    coordinator.groups.add(Group.objects.get(name=roles.COORDINATORS))
    experiment = ExperimentFactory(lead=UserFactory(email="lead-race2@example.org"))
    outcomes = _race(
        experiment, [("accept_idea", coordinator, ""), ("accept_idea", coordinator, "")]
    )
    assert sorted(kind for kind, _ in outcomes) == ["refused", "won"]
    assert Experiment.objects.get(pk=experiment.pk).state == "formalisation"
    assert ExperimentEvent.objects.filter(experiment=experiment).count() == 1
