"""Two reviewers deciding on one dossier at the same moment: one decision, one clear refusal.

Runs on PostgreSQL, where the service's SELECT … FOR UPDATE row lock is real (CI uses it).
"""

import threading

import pytest
from django.db import connection, connections

import funding.dossiers.services as dossiers
from funding.dossiers.models import ApplicationEvent, FundingApplication
from tests.dossiers.helpers import under_review

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def on_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL: run with DATABASE_URL (as .ci/run does)")


def _race(application, attempts):
    barrier = threading.Barrier(len(attempts))
    outcomes = []

    def attempt(name, user, comment):
        try:
            barrier.wait(timeout=10)
            dossiers.run_transition(
                application, name, by=user, comment=comment, expected_state="under_review"
            )
            outcomes.append(("won", name))
        except dossiers.WorkflowError as refused:
            outcomes.append(("refused", refused.message, refused.status))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=attempt, args=a) for a in attempts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return outcomes


def test_two_reviewers_deciding_at_once_give_one_decision(on_postgresql, world):
    application = under_review(world)
    outcomes = _race(
        application,
        [
            ("accept", world.reviewer_a, ""),
            ("decline", world.reviewer_a2, "Le budget n'est pas réaliste."),
        ],
    )
    kinds = sorted(outcome[0] for outcome in outcomes)
    assert kinds == ["refused", "won"], outcomes
    refusal = next(o for o in outcomes if o[0] == "refused")
    assert refusal[2] == 409
    assert "reload" in refusal[1] or "rechargez" in refusal[1]
    winner = next(o[1] for o in outcomes if o[0] == "won")
    application = FundingApplication.objects.get(pk=application.pk)
    assert application.state == {"accept": "accepted", "decline": "declined"}[winner]
    decisions = ApplicationEvent.objects.filter(
        application=application, transition__in=["accept", "decline"]
    )
    assert decisions.count() == 1


def test_the_same_decision_twice_applies_once(on_postgresql, world):
    application = under_review(world)
    outcomes = _race(
        application, [("accept", world.reviewer_a, ""), ("accept", world.reviewer_a2, "")]
    )
    assert sorted(o[0] for o in outcomes) == ["refused", "won"]
    assert (
        ApplicationEvent.objects.filter(application=application, transition="accept").count() == 1
    )
    world.experiment.refresh_from_db()
    assert world.experiment.secured_funding == application.requested_amount


def test_two_people_moving_a_dossier_on_at_once_move_it_one_stage(on_postgresql, world):
    """`advance` keeps the state: the stage each saw is what refuses the second click."""
    from tests.dossiers.stage_helpers import follow_preset

    follow_preset(world.call_a.source.funder, "screening_review_committee")
    application = under_review(world)
    seen = application.stage_id
    barrier = threading.Barrier(2)
    outcomes = []

    def attempt(user):
        try:
            barrier.wait(timeout=10)
            dossiers.run_transition(
                application,
                "advance",
                by=user,
                comment="Les expertises suivront.",
                expected_state="under_review",
                expected_stage=seen,
            )
            outcomes.append("won")
        except dossiers.WorkflowError as refused:
            outcomes.append(refused.status)
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=attempt, args=(u,)) for u in (world.reviewer_a, world.reviewer_a2)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes, key=str) == [409, "won"], outcomes
    application = FundingApplication.objects.get(pk=application.pk)
    assert application.stage.code == "external_review"
    assert (
        ApplicationEvent.objects.filter(application=application, transition="advance").count() == 1
    )
