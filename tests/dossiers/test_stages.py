"""Review stages: the dossier walks its funder's stages, frozen when it is taken up; who sees and
acts at each; assignments, conflicts of interest, reminders; new decisions after a decision."""

import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone, translation

import funding.dossiers.permissions as permissions
import funding.dossiers.services as dossiers
from core.workflow import CommentRequired, ConditionsUnmet
from funding.dossiers.models import (
    FundingApplication,
    ReviewAssignment,
    ReviewProcess,
)
from funding.dossiers.stage_conditions import reviews_done
from tests.dossiers.helpers import submitted
from tests.dossiers.stage_helpers import follow_preset, person

pytestmark = pytest.mark.django_db

State = FundingApplication.State


@pytest.fixture(autouse=True)
def _english():
    """The refusals are matched on their English wording."""
    with translation.override("en"):
        yield


@pytest.fixture
def committee_world(world):
    """Funder A follows « screening → external review → committee »."""
    funder = world.call_a.source.funder
    follow_preset(funder, "screening_review_committee")
    world.expert_1 = person(funder, "expert-1@example.org", "reviewer")
    world.expert_2 = person(funder, "expert-2@example.org", "reviewer")
    world.member = person(funder, "comite@example.org", "committee")
    return world


def _visible(user, application) -> bool:
    """Both forms of the funder-side rule agree (the object check and the list filter)."""
    application = FundingApplication.objects.get(pk=application.pk)
    listed = (
        FundingApplication.objects.filter(permissions.funder_side_filter(user))
        .filter(pk=application.pk)
        .exists()
    )
    assert listed == permissions.reviews_for(user, application)
    return listed


def _review(application, user, recommendation="fund"):
    application = FundingApplication.objects.get(pk=application.pk)
    criteria = dossiers.criteria_of(application, application.stage)
    return dossiers.save_review(
        application,
        by=user,
        scores={c["key"]: (4, "") for c in criteria},
        comment="Solide.",
        recommendation=recommendation,
    )


def test_the_presets_ship_with_the_platform():
    presets = {
        p.preset: [s.code for s in p.stages.all()]
        for p in ReviewProcess.objects.filter(funder=None)
    }
    assert presets == {
        "single": ["review"],
        "screening_review_committee": ["screening", "external_review", "committee"],
        "eligibility_committee": ["eligibility", "programming_committee"],
    }


def test_a_funder_without_a_process_reviews_in_one_staff_stage(world):
    application = dossiers.run_transition(submitted(world), "start_review", by=world.reviewer_a)
    assert [s.code for s in application.stages.all()] == ["review"]
    assert application.stage.entered_at is not None
    with pytest.raises(ConditionsUnmet, match="last stage"):
        dossiers.run_transition(application, "advance", by=world.reviewer_a, comment="Go")
    accepted = dossiers.run_transition(
        application, "accept", by=world.reviewer_a, granted_amount="8000"
    )
    assert accepted.granted_amount == Decimal("8000.00")
    event = accepted.events.last()
    assert (event.from_stage, event.granted_amount) == ("review", Decimal("8000.00"))
    assert accepted.stage.left_at is not None


def test_the_three_stages_end_to_end(committee_world):
    w = committee_world
    application = submitted(w)
    assert not _visible(w.expert_1, application)
    assert not _visible(w.member, application)
    application = dossiers.run_transition(application, "start_review", by=w.reviewer_a)
    assert application.stage.code == "screening"
    with pytest.raises(ConditionsUnmet, match="last stage"):
        dossiers.run_transition(application, "accept", by=w.reviewer_a, granted_amount="1")
    with pytest.raises(PermissionDenied):
        dossiers.run_transition(application, "advance", by=w.member)
    application = dossiers.run_transition(application, "advance", by=w.reviewer_a)
    assert application.stage.code == "external_review"
    assert application.events.last().to_stage == "external_review"

    # The external review needs two complete reviews, from the assigned reviewers only.
    dossiers.assign_reviewer(application, by=w.reviewer_a, reviewer=w.expert_1)
    assert _visible(w.expert_1, application) and not _visible(w.expert_2, application)
    with pytest.raises(PermissionDenied):
        _review(application, w.expert_2)
    _review(application, w.expert_1)
    with pytest.raises(ConditionsUnmet, match="1 review of the 2"):
        dossiers.run_transition(application, "advance", by=w.reviewer_a)
    with pytest.raises(ConditionsUnmet, match="does not decline"):
        dossiers.run_transition(application, "decline", by=w.reviewer_a, comment="Non")
    dossiers.assign_reviewer(
        application,
        by=w.reviewer_a,
        reviewer=w.expert_2,
        due_on=timezone.localdate() + datetime.timedelta(days=7),
    )
    _review(application, w.expert_2, "fund_with_conditions")
    application = dossiers.run_transition(application, "advance", by=w.reviewer_a)
    assert application.stage.code == "committee"

    # The committee sees the dossier once it reached its stage, and decides there.
    assert _visible(w.member, application)
    summary = dossiers.review_summary(application)
    assert dict(summary.recommendations) == {"fund": 1, "fund_with_conditions": 1}
    accepted = dossiers.run_transition(
        application, "accept", by=w.member, granted_amount="9000", conditions="Bilan à 6 mois"
    )
    assert accepted.state == State.ACCEPTED
    assert [e.to_stage for e in accepted.events.all()] == [
        "",
        "screening",
        "external_review",
        "committee",
        "",
    ]


def test_an_assigned_reviewer_never_decides(committee_world):
    w = committee_world
    application = dossiers.run_transition(submitted(w), "start_review", by=w.reviewer_a)
    dossiers.assign_reviewer(application, by=w.reviewer_a, reviewer=w.expert_1)
    with pytest.raises(PermissionDenied):
        dossiers.run_transition(application, "advance", by=w.expert_1)
    with pytest.raises(PermissionDenied):
        dossiers.assign_reviewer(application, by=w.expert_1, reviewer=w.expert_2)


def test_a_dossier_in_flight_keeps_its_stages_and_a_new_one_follows_the_edit(committee_world):
    w = committee_world
    in_flight = dossiers.run_transition(submitted(w), "start_review", by=w.reviewer_a)
    process = ReviewProcess.objects.get(funder=w.call_a.source.funder)
    process.stages.filter(code="screening").delete()
    process.stages.filter(code="committee").update(name="Jury", code="")
    assert [s.code for s in in_flight.stages.all()] == [
        "screening",
        "external_review",
        "committee",
    ]
    dossiers.run_transition(in_flight, "withdraw", by=w.lead)
    fresh = dossiers.run_transition(submitted(w), "start_review", by=w.reviewer_a)
    assert [s.label for s in fresh.stages.all()] == ["External review", "Jury"]


def test_a_call_may_have_its_own_process(committee_world):
    w = committee_world
    own = follow_preset(w.call_a.source.funder, "single")
    own.calls.add(w.call_a)
    assert dossiers.process_for(w.call_a) == own


def test_a_conflict_of_interest_removes_the_reviewer(
    committee_world, django_capture_on_commit_callbacks
):
    w = committee_world
    application = dossiers.run_transition(submitted(w), "start_review", by=w.reviewer_a)
    application = dossiers.run_transition(application, "advance", by=w.reviewer_a)
    dossiers.assign_reviewer(application, by=w.reviewer_a, reviewer=w.expert_1)
    _review(application, w.expert_1)
    with pytest.raises(ValidationError):
        dossiers.declare_conflict(application, by=w.expert_1, reason="  ")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        dossiers.declare_conflict(application, by=w.expert_1, reason="Je siège à son conseil.")
    assert not _visible(w.expert_1, application)
    assert not application.reviews.filter(reviewer=w.expert_1).exists()
    assert ReviewAssignment.objects.get(reviewer=w.expert_1).conflict_reason
    with pytest.raises(ValidationError, match="conflict of interest"):
        dossiers.assign_reviewer(application, by=w.reviewer_a, reviewer=w.expert_1)
    assert any(w.reviewer_a.email in m.to for m in mail.outbox)


def test_assigning_checks_who_and_when(committee_world, world):
    w = committee_world
    application = submitted(w)
    with pytest.raises(ValidationError, match="funder's people"):
        dossiers.assign_reviewer(application, by=w.reviewer_a, reviewer=w.reviewer_b)
    with pytest.raises(ValidationError, match="past"):
        dossiers.assign_reviewer(
            application,
            by=w.reviewer_a,
            reviewer=w.expert_1,
            due_on=timezone.localdate() - datetime.timedelta(days=1),
        )
    # Assigned before the review starts: at the first stage, frozen then.
    assignment = dossiers.assign_reviewer(application, by=w.reviewer_a, reviewer=w.expert_1)
    assert assignment.stage.position == 1
    with pytest.raises(ValidationError, match="already assigned"):
        dossiers.assign_reviewer(application, by=w.reviewer_a, reviewer=w.expert_1)


def test_reminders_go_once_a_day_until_the_review_is_complete(committee_world):
    w = committee_world
    application = dossiers.run_transition(submitted(w), "start_review", by=w.reviewer_a)
    application = dossiers.run_transition(application, "advance", by=w.reviewer_a)
    today = timezone.localdate()
    dossiers.assign_reviewer(
        application, by=w.reviewer_a, reviewer=w.expert_1, due_on=today + datetime.timedelta(2)
    )
    dossiers.assign_reviewer(
        application, by=w.reviewer_a, reviewer=w.expert_2, due_on=today + datetime.timedelta(30)
    )
    assert dossiers.send_review_reminders(today) == 1
    assert dossiers.send_review_reminders(today) == 0
    assert dossiers.send_review_reminders(today + datetime.timedelta(1)) == 1
    _review(application, w.expert_1)
    assert dossiers.send_review_reminders(today + datetime.timedelta(2)) == 0


def test_changes_asked_at_a_stage_bring_the_dossier_back_to_it(committee_world):
    w = committee_world
    application = dossiers.run_transition(submitted(w), "start_review", by=w.reviewer_a)
    application = dossiers.run_transition(application, "advance", by=w.reviewer_a)
    application = dossiers.run_transition(
        application, "request_changes", by=w.reviewer_a, comment="Précisez le budget."
    )
    application = dossiers.run_transition(application, "resubmit", by=w.lead)
    application = dossiers.run_transition(application, "start_review", by=w.reviewer_a)
    assert application.stage.code == "external_review"


def test_a_decision_is_replaced_by_a_new_one_in_the_history(world):
    application = dossiers.run_transition(submitted(world), "start_review", by=world.reviewer_a)
    application = dossiers.run_transition(
        application, "accept", by=world.reviewer_a, granted_amount="6000"
    )
    with pytest.raises(CommentRequired):
        dossiers.run_transition(
            application, "revise_accept", by=world.reviewer_a, granted_amount="7000"
        )
    application = dossiers.run_transition(
        application,
        "revise_accept",
        by=world.reviewer_a,
        granted_amount="7000",
        comment="Budget révisé en comité.",
    )
    assert application.granted_amount == Decimal("7000.00")
    application = dossiers.run_transition(
        application, "revise_decline", by=world.reviewer_a, comment="Projet abandonné."
    )
    assert (application.state, application.granted_amount) == (State.DECLINED, None)
    amounts = [e.granted_amount for e in application.events.filter(granted_amount__isnull=False)]
    assert amounts == [Decimal("6000.00"), Decimal("7000.00")]
    with pytest.raises(PermissionDenied):
        dossiers.run_transition(
            application, "revise_accept", by=world.lead, comment="x", granted_amount="1"
        )


def test_only_staff_share_a_review_comment(world):
    application = dossiers.run_transition(submitted(world), "start_review", by=world.reviewer_a)
    review = _review(application, world.reviewer_a)
    with pytest.raises(PermissionDenied):
        dossiers.share_review_comment(review, by=world.lead)
    shared = dossiers.share_review_comment(review, by=world.reviewer_a2)
    assert shared.shared_at is not None and shared.shared_by == world.reviewer_a2


def test_the_history_names_the_stage_entered(client, committee_world):
    w = committee_world
    application = dossiers.run_transition(submitted(w), "start_review", by=w.reviewer_a)
    dossiers.run_transition(application, "advance", by=w.reviewer_a)
    client.force_login(w.reviewer_a)
    page = client.get(reverse("funding:review_dossier", kwargs={"pk": application.pk}))
    html = page.content.decode()
    item = html[html.index('<li data-transition="advance"') :]
    assert "External review" in item[: item.index("</li>")]


def test_the_reviews_still_missing_are_counted_in_the_right_form(committee_world):
    w = committee_world
    application = dossiers.run_transition(submitted(w), "start_review", by=w.reviewer_a)
    application = dossiers.run_transition(application, "advance", by=w.reviewer_a)
    dossiers.assign_reviewer(application, by=w.reviewer_a, reviewer=w.expert_1)
    _review(application, w.expert_1)
    application = FundingApplication.objects.get(pk=application.pk)
    with translation.override("fr"):
        (missing,) = reviews_done(application)
        assert str(missing.message).startswith("1 évaluation sur les 2 ")
