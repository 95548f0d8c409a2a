"""The experiment workflow through its services: roles, conditions, audit, notifications."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied

from accounts.models import Notification
from core.workflow import (
    CommentRequired,
    ConditionsUnmet,
    TransitionNotPossible,
    UnknownTransition,
)
from projects.experiments.models import AuditRecordError, Experiment, ExperimentEvent
from projects.experiments.services import ExperimentChanged, run_transition, transitions_for
from tests.experiments.conftest import ROLES
from tests.factories import advance, complete_sheet

S = Experiment.State

# transition → (state it starts from, roles allowed to run it)
MATRIX = {
    "accept_idea": (S.IDEA, {"coordinator"}),
    "decline_idea": (S.IDEA, {"coordinator"}),
    "formalise": (S.FORMALISATION, {"lead"}),
    "reopen": (S.FORMALISED, {"coordinator"}),
    "seek_funding": (S.FORMALISED, {"lead", "coordinator"}),
    "mark_funded": (S.SEEKING_FUNDING, {"coordinator"}),
    "launch": (S.FUNDED, {"lead"}),
    "capitalise": (S.RUNNING, {"lead"}),
    "abandon": (S.RUNNING, {"lead", "coordinator"}),
}


def _ready(people, state):
    experiment = advance(
        people["experiment"], state, lead=people["lead"], coordinator=people["coordinator"]
    )
    if state == S.FORMALISATION:
        complete_sheet(experiment) if not experiment.partner_links.exists() else None
    if state == S.RUNNING:
        experiment.capitalisation_worked = "x"
        experiment.capitalisation_did_not_work = "y"
        experiment.capitalisation_advice = "z"
        experiment.save()
    return experiment


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", list(MATRIX))
def test_role_matrix_for_every_transition(people, name, role):
    state, allowed = MATRIX[name]
    experiment = _ready(people, state)
    user = people[role]
    comment = "Une raison." if name in {"decline_idea", "reopen", "abandon", "mark_funded"} else ""
    if role in allowed:
        result = run_transition(experiment, name, by=user, comment=comment)
        assert result.state == getattr(Experiment, name)._django_fsm.get_transition(state).target
        assert ExperimentEvent.objects.filter(experiment=experiment, transition=name).exists()
    else:
        with pytest.raises(PermissionDenied):
            run_transition(experiment, name, by=user, comment=comment)
        experiment.refresh_from_db()
        assert experiment.state == state
    info = {t.name: t for t in transitions_for(experiment, user)}
    if role not in allowed:
        assert not info[name].allowed


@pytest.mark.django_db
def test_formalise_lists_what_is_missing_before_trying(people):
    experiment = advance(
        people["experiment"],
        S.FORMALISATION,
        lead=people["lead"],
        coordinator=people["coordinator"],
    )
    info = {t.name: t for t in transitions_for(experiment, people["lead"])}["formalise"]
    codes = {r.code for r in info.missing}
    assert codes == {
        "partners",
        "themes",
        "territories",
        "description",
        "objectives",
        "budget",
        "start_date",
    }
    assert not info.allowed
    with pytest.raises(ConditionsUnmet) as refused:
        run_transition(experiment, "formalise", by=people["lead"])
    assert {r.code for r in refused.value.missing} == codes
    complete_sheet(experiment)
    experiment.description = "trop court"
    experiment.save()
    with pytest.raises(ConditionsUnmet) as refused:
        run_transition(experiment, "formalise", by=people["lead"])
    assert [r.code for r in refused.value.missing] == ["description"]
    assert "(10 so far)" in str(refused.value.missing[0].message) or "10" in str(
        refused.value.missing[0].message
    )


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["decline_idea", "abandon"])
def test_comment_required(people, name):
    with pytest.raises(CommentRequired):
        run_transition(people["experiment"], name, by=people["coordinator"], comment="  ")
    people["experiment"].refresh_from_db()
    assert people["experiment"].state == S.IDEA


@pytest.mark.django_db
def test_mark_funded_needs_coverage_or_an_override_comment(people):
    experiment = advance(
        people["experiment"],
        S.SEEKING_FUNDING,
        lead=people["lead"],
        coordinator=people["coordinator"],
    )
    with pytest.raises(ConditionsUnmet) as refused:
        run_transition(experiment, "mark_funded", by=people["coordinator"])
    assert refused.value.missing[0].code == "funding"
    # Self-financing covering the cash budget makes it possible without a comment.
    experiment.self_financing = experiment.budget_total
    experiment.save()
    assert run_transition(experiment, "mark_funded", by=people["coordinator"]).state == S.FUNDED


@pytest.mark.django_db
def test_secured_funding_counts_toward_the_budget(people):
    from projects.experiments.services import record_secured_funding

    experiment = advance(
        people["experiment"],
        S.SEEKING_FUNDING,
        lead=people["lead"],
        coordinator=people["coordinator"],
    )
    record_secured_funding(experiment, experiment.budget_total)
    experiment.refresh_from_db()
    assert experiment.missing_for("mark_funded") == []


@pytest.mark.django_db
def test_transition_from_the_wrong_state_is_refused(people):
    with pytest.raises(TransitionNotPossible):
        run_transition(people["experiment"], "launch", by=people["lead"])
    with pytest.raises(UnknownTransition):
        run_transition(people["experiment"], "explode", by=people["coordinator"])


@pytest.mark.django_db
def test_a_stale_view_is_refused(people):
    experiment = people["experiment"]
    run_transition(experiment, "accept_idea", by=people["coordinator"], expected_state="idea")
    with pytest.raises(ExperimentChanged):
        run_transition(
            experiment, "abandon", by=people["coordinator"], comment="x", expected_state="idea"
        )


@pytest.mark.django_db
def test_the_role_is_checked_before_the_state_the_user_saw(people):
    experiment = people["experiment"]
    run_transition(experiment, "accept_idea", by=people["coordinator"], expected_state="idea")
    with pytest.raises(PermissionDenied):
        run_transition(
            experiment, "abandon", by=people["other"], comment="x", expected_state="idea"
        )


@pytest.mark.django_db
def test_audit_record_says_who_when_from_to_and_cannot_change(people):
    run_transition(
        people["experiment"], "decline_idea", by=people["coordinator"], comment="Hors champ"
    )
    event = ExperimentEvent.objects.get(experiment=people["experiment"])
    assert (event.actor, event.from_state, event.to_state, event.comment) == (
        people["coordinator"],
        "idea",
        "declined",
        "Hors champ",
    )
    assert event.created_at is not None
    event.comment = "changed"
    with pytest.raises(AuditRecordError):
        event.save()
    with pytest.raises(AuditRecordError):
        event.delete()


@pytest.mark.django_db
def test_transition_notifies_members_and_coordinators(people, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        run_transition(people["experiment"], "accept_idea", by=people["coordinator"])
    notified = set(Notification.objects.values_list("recipient__email", flat=True))
    assert {"lead@example.org", "partner@example.org"} <= notified
    assert "coord@example.org" not in notified  # the actor is not told what they just did
    assert "other@example.org" not in notified
    assert "coordination@example.org" in notified  # the demo coordinator
    outbox = {m.to[0]: m for m in mail.outbox}
    assert "lead@example.org" in outbox and "partner@example.org" in outbox
    assert "Formalisation" in outbox["lead@example.org"].subject
    assert "/fr/" in outbox["lead@example.org"].body


@pytest.mark.django_db
def test_a_title_with_a_line_break_still_reaches_everyone(
    people, django_capture_on_commit_callbacks
):
    """The API accepts a title with a line break; Django refuses such a subject and the e-mail
    was silently never sent."""
    people["experiment"].title = "Un atelier\npartagé"
    people["experiment"].save(update_fields=["title"])
    with django_capture_on_commit_callbacks(execute=True):
        run_transition(people["experiment"], "accept_idea", by=people["coordinator"])
    outbox = {m.to[0]: m for m in mail.outbox}
    assert "lead@example.org" in outbox
    assert "Un atelier partagé" in outbox["lead@example.org"].subject
    assert "\n" not in outbox["lead@example.org"].subject


@pytest.mark.django_db
def test_notifications_use_each_recipients_language(people, django_capture_on_commit_callbacks):
    people["partner"].language = "it"
    people["partner"].save()
    with django_capture_on_commit_callbacks(execute=True):
        run_transition(people["experiment"], "accept_idea", by=people["coordinator"])
    partner_mail = next(m for m in mail.outbox if m.to == ["partner@example.org"])
    assert "Formalizzazione" in partner_mail.subject
    assert "/it/" in partner_mail.body


@pytest.mark.django_db
def test_no_email_when_the_transaction_fails(people, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        run_transition(people["experiment"], "accept_idea", by=people["coordinator"])
    # One notification callback (the search index's own update is scheduled beside it).
    notifications = [c for c in callbacks if c.__module__ != "search.sync"]
    assert mail.outbox == [] and len(notifications) == 1


def test_workflow_diagram_is_up_to_date():
    from core.diagram import current_section, diagrams, docs_path

    text = docs_path().read_text(encoding="utf-8")
    for name, content in diagrams().items():
        assert current_section(text, name) == content, "run `python manage.py workflow_diagram`"
