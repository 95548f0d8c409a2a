"""The dossier workflow through its services: checklist, deadline, transitions by role, audit,
notifications, decisions, campaigns and the experiment's secured funding."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone, translation
from django.utils.translation import gettext

import funding.dossiers.services as dossiers
from accounts.models import Notification
from core.workflow import CommentRequired, ConditionsUnmet, TransitionNotPossible
from funding.catalogue.models import CALL_TIMEZONE, end_of_day
from funding.dossiers.models import ApplicationEvent, FundingApplication
from tests.dossiers.helpers import (
    closed_call,
    draft,
    prepare,
    submitted,
    under_review,
)

S = FundingApplication.State
pytestmark = pytest.mark.django_db


def test_the_checklist_lists_what_is_missing(world):
    application = draft(world)
    application.requested_amount = 0
    application.save()
    codes = [item.code for item in dossiers.checklist(application)]
    questions = application.call.requirements.filter(kind="question")
    required_docs = application.call.requirements.filter(kind="document", required=True)
    optional = application.call.requirements.get(kind="document", required=False)
    assert codes == [
        "amount",
        *[f"question-{q.pk}" for q in questions],
        *[f"document-{d.pk}" for d in required_docs],
    ]
    assert f"document-{optional.pk}" not in codes
    prepare(application, world.lead)
    assert dossiers.checklist(FundingApplication.objects.get(pk=application.pk)) == []


def test_an_incomplete_dossier_cannot_be_submitted(world):
    application = draft(world)
    with pytest.raises(ConditionsUnmet) as refused:
        dossiers.run_transition(application, "submit", by=world.lead)
    assert refused.value.status == 409 and refused.value.missing
    application.refresh_from_db()
    assert application.state == S.DRAFT and application.version_number == 0


def test_starting_twice_reopens_the_same_draft(world):
    first = draft(world)
    assert draft(world).pk == first.pk
    assert FundingApplication.objects.filter(experiment=world.experiment).count() == 1


def test_a_submission_after_the_closing_time_is_refused_and_stays_a_draft(world):
    call = closed_call(world.call_a.source.funder)
    application = prepare(draft(world, call), world.lead)
    with translation.override("en"), pytest.raises(ConditionsUnmet) as refused:
        dossiers.run_transition(application, "submit", by=world.lead)
    assert refused.value.status == 409
    assert "too late to submit" in refused.value.message
    assert "Paris time" in refused.value.message
    application.refresh_from_db()
    assert application.state == S.DRAFT
    assert not application.versions.exists()
    assert not ApplicationEvent.objects.filter(application=application).exists()


def test_the_closing_moment_is_the_calls_paris_time(world):
    """A call closing on a day closes at 23:59:59 in Paris, whatever the server's zone."""
    application = draft(world)
    closes = end_of_day(datetime.date(2027, 3, 31))
    application.call.closes_at = closes
    application.call.save()
    just_before = closes - datetime.timedelta(seconds=1)
    assert dossiers.deadline_gaps(application, now=just_before) == []
    assert [g.code for g in dossiers.deadline_gaps(application, now=closes)] == ["deadline"]
    # 23:59:59 in Paris on 31 March (summer time) is 21:59:59 UTC.
    utc = closes.astimezone(datetime.UTC)
    assert (utc.hour, utc.minute) == (21, 59)
    with translation.override("fr"):
        message = str(dossiers.deadline_gaps(application, now=closes)[0].message)
        assert "23:59" in message
    assert timezone.localtime(closes, CALL_TIMEZONE).hour == 23


def test_the_full_path_with_changes_requested(world):
    application = submitted(world)
    assert application.state == S.SUBMITTED and application.version_number == 1
    application = dossiers.run_transition(application, "start_review", by=world.reviewer_a)
    with pytest.raises(CommentRequired):
        dossiers.run_transition(application, "request_changes", by=world.reviewer_a)
    application = dossiers.run_transition(
        application, "request_changes", by=world.reviewer_a, comment="Précisez le budget."
    )
    assert application.state == S.CHANGES_REQUESTED
    dossiers.save_answers(application, by=world.lead, requested_amount=Decimal("9000"))
    application = dossiers.run_transition(application, "resubmit", by=world.lead)
    assert application.state == S.SUBMITTED and application.version_number == 2
    assert list(application.versions.values_list("number", flat=True)) == [1, 2]
    application = dossiers.run_transition(application, "start_review", by=world.reviewer_a2)
    application = dossiers.run_transition(
        application, "accept", by=world.reviewer_a, granted_amount="8000", conditions="Bilan à 1 an"
    )
    assert application.state == S.ACCEPTED
    assert application.granted_amount == Decimal("8000.00")
    events = list(application.events.values_list("transition", "from_state", "to_state"))
    assert events == [
        ("submit", "draft", "submitted"),
        ("start_review", "submitted", "under_review"),
        ("request_changes", "under_review", "changes_requested"),
        ("resubmit", "changes_requested", "submitted"),
        ("start_review", "submitted", "under_review"),
        ("accept", "under_review", "accepted"),
    ]
    assert application.events.get(transition="request_changes").actor == world.reviewer_a
    world.experiment.refresh_from_db()
    assert world.experiment.secured_funding == Decimal("8000.00")


@pytest.mark.parametrize(
    ("name", "role"),
    [
        ("submit", "contributor"),
        ("submit", "coordinator"),
        ("submit", "reviewer_a"),
        ("submit", "other"),
    ],
)
def test_only_the_lead_submits(world, name, role):
    application = prepare(draft(world), world.lead)
    with pytest.raises(PermissionDenied):
        dossiers.run_transition(application, name, by=world.user(role))
    assert FundingApplication.objects.get(pk=application.pk).state == S.DRAFT


@pytest.mark.parametrize("role", ["lead", "coordinator", "reviewer_b", "other", "contributor"])
def test_only_the_funders_reviewers_review(world, role):
    application = submitted(world)
    with pytest.raises(PermissionDenied):
        dossiers.run_transition(application, "start_review", by=world.user(role))


def test_reviewers_never_act_on_drafts(world):
    application = prepare(draft(world), world.lead)
    with pytest.raises(PermissionDenied):
        dossiers.run_transition(application, "start_review", by=world.reviewer_a)


def test_the_granted_amount_is_at_most_the_requested_one(world):
    application = under_review(world)
    with pytest.raises(dossiers.InvalidDecision) as refused:
        dossiers.run_transition(application, "accept", by=world.reviewer_a, granted_amount="10001")
    assert refused.value.status == 400
    assert FundingApplication.objects.get(pk=application.pk).state == S.UNDER_REVIEW


def test_declining_needs_a_reason_and_keeps_it(world):
    application = under_review(world)
    with pytest.raises(CommentRequired):
        dossiers.run_transition(application, "decline", by=world.reviewer_a)
    application = dossiers.run_transition(
        application, "decline", by=world.reviewer_a, comment="Hors du champ de l'appel."
    )
    assert application.state == S.DECLINED
    assert application.decision_reason == "Hors du champ de l'appel."
    world.experiment.refresh_from_db()
    assert world.experiment.secured_funding == 0


@pytest.mark.parametrize("before", ["draft", "submitted", "under_review", "changes_requested"])
def test_the_lead_withdraws_before_any_decision(world, before):
    application = draft(world) if before == "draft" else submitted(world)
    if before in ("under_review", "changes_requested"):
        application = dossiers.run_transition(application, "start_review", by=world.reviewer_a)
    if before == "changes_requested":
        application = dossiers.run_transition(
            application, "request_changes", by=world.reviewer_a, comment="Un devis, svp."
        )
    application = dossiers.run_transition(application, "withdraw", by=world.lead)
    assert application.state == S.WITHDRAWN


def test_no_withdrawal_after_a_decision(world):
    application = dossiers.run_transition(under_review(world), "accept", by=world.reviewer_a)
    with pytest.raises(TransitionNotPossible) as refused:
        dossiers.run_transition(application, "withdraw", by=world.lead)
    assert refused.value.status == 409


def test_a_stale_expected_state_is_refused(world):
    application = under_review(world)
    with pytest.raises(dossiers.DossierChanged) as refused:
        dossiers.run_transition(
            application, "accept", by=world.reviewer_a, expected_state="submitted"
        )
    assert refused.value.status == 409


def test_the_role_is_checked_before_the_state_the_user_saw(world):
    application = under_review(world)
    with pytest.raises(PermissionDenied):
        dossiers.run_transition(
            application, "accept", by=world.reviewer_b, expected_state="submitted"
        )


def test_a_dossier_is_changed_only_while_a_draft_or_when_changes_are_asked(world):
    application = submitted(world)
    with pytest.raises(TransitionNotPossible):
        dossiers.save_answers(application, by=world.lead, requested_amount=Decimal("1"))
    with pytest.raises(PermissionDenied):
        dossiers.save_answers(draft(world, world.call_b), by=world.reviewer_b, answers={})


def test_submission_notifies_the_funders_reviewers_only(world):
    Notification.objects.all().delete()
    submitted(world)
    recipients = set(Notification.objects.values_list("recipient__email", flat=True))
    assert recipients == {world.reviewer_a.email, world.reviewer_a2.email}
    url = Notification.objects.filter(recipient=world.reviewer_a).get().url
    assert url == dossiers.funder_url(FundingApplication.objects.get(experiment=world.experiment))


def test_decisions_notify_the_lead_and_the_coordinators(world):
    application = under_review(world)
    Notification.objects.all().delete()
    dossiers.run_transition(
        application, "request_changes", by=world.reviewer_a, comment="Précisez le calendrier."
    )
    recipients = set(Notification.objects.values_list("recipient__email", flat=True))
    assert {world.lead.email, world.coordinator.email, world.contributor.email} <= recipients
    assert world.reviewer_a.email not in recipients and world.reviewer_b.email not in recipients
    note = Notification.objects.get(recipient=world.lead)
    assert note.url == dossiers.lead_url(application)
    assert "Précisez le calendrier." in note.body


def test_messages_reach_the_other_side(world):
    application = submitted(world)
    Notification.objects.all().delete()
    dossiers.post_message(application, by=world.reviewer_a, body="Pouvez-vous préciser ?")
    assert set(Notification.objects.values_list("recipient__email", flat=True)) == {
        world.lead.email,
        world.contributor.email,
    }
    Notification.objects.all().delete()
    message = dossiers.post_message(application, by=world.lead, body="Oui, voici.")
    assert not message.from_funder
    assert set(Notification.objects.values_list("recipient__email", flat=True)) == {
        world.reviewer_a.email,
        world.reviewer_a2.email,
    }
    with pytest.raises(PermissionDenied):
        dossiers.post_message(application, by=world.reviewer_b, body="Bonjour")


def test_notes_stay_with_the_funder(world):
    application = submitted(world)
    dossiers.add_note(application, by=world.reviewer_a, body="Projet à suivre.")
    for role in ("lead", "coordinator", "reviewer_b"):
        with pytest.raises(PermissionDenied):
            dossiers.add_note(application, by=world.user(role), body="?")


def test_scores_and_the_weighted_average(world):
    application = under_review(world)
    useful, feasible = application.call.criteria.order_by("pk")  # weights 3 and 1
    dossiers.save_review(
        application,
        by=world.reviewer_a,
        scores={f"call-{useful.pk}": (4, "Bien"), f"call-{feasible.pk}": (2, "")},
    )
    dossiers.save_review(
        application,
        by=world.reviewer_a2,
        scores={f"call-{useful.pk}": (5, ""), f"call-{feasible.pk}": (1, "")},
    )
    summary = dossiers.review_summary(application)
    # (4·3 + 2·1 + 5·3 + 1·1) / (3 + 1 + 3 + 1) = 30 / 8
    assert summary.weighted_average == Decimal("3.75")
    assert summary.reviewers == 2
    assert [c.average for c in summary.criteria] == [Decimal("4.5"), Decimal("1.5")]
    # Scoring again replaces one's own scores.
    dossiers.save_review(
        application,
        by=world.reviewer_a,
        scores={f"call-{useful.pk}": (0, ""), f"call-{feasible.pk}": (0, "")},
    )
    assert dossiers.review_summary(application).weighted_average == Decimal("2.00")


@pytest.mark.parametrize("score", [-1, 6])
def test_scores_go_from_0_to_5(world, score):
    application = under_review(world)
    criterion = application.call.criteria.first()
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        dossiers.save_review(
            application, by=world.reviewer_a, scores={f"call-{criterion.pk}": (score, "")}
        )


def test_scores_are_given_under_review_only(world):
    application = submitted(world)
    criterion = application.call.criteria.first()
    with pytest.raises(TransitionNotPossible):
        dossiers.save_review(
            application, by=world.reviewer_a, scores={f"call-{criterion.pk}": (3, "")}
        )
    with pytest.raises(PermissionDenied):
        dossiers.save_review(
            application, by=world.reviewer_b, scores={f"call-{criterion.pk}": (3, "")}
        )


def _crowdfunding(world, *, all_or_nothing: bool):
    call = world.call_a
    call.aid_types = ["crowdfunding_reward"]
    call.all_or_nothing = all_or_nothing
    call.save()
    return dossiers.run_transition(under_review(world), "accept", by=world.reviewer_a)


@pytest.mark.parametrize(
    ("all_or_nothing", "pledged", "secured"),
    [
        (True, "4000", "0.00"),
        (True, "5000", "5000.00"),
        (True, "6500", "6500.00"),
        (False, "4000", "4000.00"),
    ],
)
def test_campaigns_secure_funding_unless_all_or_nothing_below_goal(
    world, all_or_nothing, pledged, secured
):
    application = _crowdfunding(world, all_or_nothing=all_or_nothing)
    world.experiment.refresh_from_db()
    assert world.experiment.secured_funding == 0  # accepted, no campaign yet
    dossiers.update_campaign(
        application,
        by=world.lead,
        goal=Decimal("5000"),
        pledged=Decimal(pledged),
        ends_on=datetime.date(2027, 6, 1),
    )
    world.experiment.refresh_from_db()
    assert world.experiment.secured_funding == Decimal(secured)


def test_the_platforms_reviewer_updates_the_campaign_too(world):
    application = _crowdfunding(world, all_or_nothing=False)
    dossiers.update_campaign(
        application,
        by=world.reviewer_a,
        goal=Decimal("3000"),
        pledged=Decimal("1200"),
        ends_on=datetime.date(2027, 6, 1),
    )
    for role in ("reviewer_b", "contributor", "other"):
        with pytest.raises(PermissionDenied):
            dossiers.update_campaign(
                application,
                by=world.user(role),
                goal=Decimal("3000"),
                pledged=Decimal("1"),
                ends_on=datetime.date(2027, 6, 1),
            )


def test_accepted_amounts_add_up_and_let_the_experiment_be_marked_funded(world):
    from tests.factories import advance

    advance(world.experiment, "seeking_funding", lead=world.lead, coordinator=world.coordinator)
    world.experiment.refresh_from_db()
    assert world.experiment.missing_for("mark_funded")
    first = dossiers.run_transition(under_review(world), "accept", by=world.reviewer_a)
    second = dossiers.run_transition(
        under_review(world, world.call_b), "accept", by=world.reviewer_b, granted_amount="10000"
    )
    world.experiment.refresh_from_db()
    assert world.experiment.secured_funding == first.granted_amount + second.granted_amount
    assert world.experiment.missing_for("mark_funded") == []


def test_the_diagram_lists_every_transition():
    diagram = dossiers.diagrams()["dossier"]
    for name in dossiers.WORKFLOW.names:
        assert name in diagram
    assert "draft --> submitted: submit (lead)" in diagram


def test_labels_are_translated_in_french():
    with translation.override("fr"):
        assert dossiers.WORKFLOW.label("submit") == gettext("Send the dossier to the funder")


def test_notification_links_are_in_each_recipients_language(world):
    world.reviewer_a2.language = "it"
    world.reviewer_a2.save()
    application = submitted(world)
    link = Notification.objects.get(recipient=world.reviewer_a2).url
    with translation.override("it"):
        assert link == dossiers.funder_url(application)
    assert link.startswith("/it/")
    assert Notification.objects.get(recipient=world.reviewer_a).url.startswith("/fr/")
