"""The workflow engine (core.workflow), through the three real workflows it runs: experiments,
dossiers and sharing posts. Their declarations must be complete; the engine checks the rule
first and once, the conditions once, writes the audit record where there is one, and keeps
what the platform runs itself out of people's hands."""

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.utils import translation

import funding.dossiers.services as dossiers
import projects.experiments.services as experiments
import projects.sharing.services as sharing
from accounts import roles
from core.diagram import initial_state, mermaid
from core.workflow import (
    BADGE_COLOURS,
    CommentRequired,
    Condition,
    ConditionsUnmet,
    ObjectChanged,
    Rule,
    TransitionNotPossible,
    UnknownTransition,
    WorkflowError,
    declaration,
    declarations,
    missing_for,
    next_steps,
    transition_names,
    transitions_for,
    workflow_for,
)
from core.workflow.forms import TransitionForm
from funding.dossiers.models import FundingApplication
from projects.experiments.admin.forms import TransitionForm as AdminTransitionForm
from projects.experiments.models import Experiment, ExperimentEvent
from projects.sharing.models import SharingPost
from tests.factories import (
    ExperimentFactory,
    OrganisationFactory,
    UserFactory,
    complete_sheet,
    member_of,
    sharing_post,
)

MODELS = [Experiment, FundingApplication, SharingPost]
S = Experiment.State


@pytest.fixture
def lead(db):
    return UserFactory(email="lead@example.org")


@pytest.fixture
def coordinator(db):
    user = UserFactory(email="coord@example.org")
    user.groups.add(Group.objects.get(name=roles.COORDINATORS))
    return user


@pytest.fixture
def experiment(lead):
    return ExperimentFactory(lead=lead)


# ---------------------------------------------------------------------- the declarations
@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_every_state_declares_its_label_colour_and_whether_it_is_terminal(model):
    for state in model.State:
        assert state.info is not None, f"{state!r} has no StateInfo"
        assert str(state.label) and str(state.label) != state.value
        assert state.badge in BADGE_COLOURS, f"{state!r}: badge {state.badge!r}"
        assert isinstance(state.terminal, bool)


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_every_transition_declares_its_label_and_rule_between_declared_states(model):
    values = set(model.State.values)
    found = declarations(model)
    assert found
    for item in found:
        assert "label" in item.custom and str(item.label), f"{item.name} has no label"
        assert isinstance(item.rule, Rule) and item.rule.who, f"{item.name} has no rule"
        assert set(item.sources) <= values and item.target in values
        for condition in (*item.conditions, *item.overridable):
            assert isinstance(condition, Condition)


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_terminal_states_are_those_no_transition_leaves(model):
    """A decision is final: only a new decision (`revises`) replaces it, in the history."""
    left = {
        source
        for item in declarations(model)
        if not item.custom.get("revises")
        for source in item.sources
    }
    for state in model.State:
        assert (state.value not in left) is state.terminal, state
    assert initial_state(model) in model.State.values


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_each_workflow_is_registered_with_its_messages(model):
    workflow = workflow_for(model)
    assert workflow.model is model
    assert "%(state)s" in str(workflow.not_possible_message)
    assert issubclass(workflow.changed_error, ObjectChanged)
    assert workflow.names == transition_names(model)


def test_transitions_are_listed_in_the_order_of_their_declaration():
    assert transition_names(Experiment) == (
        "accept_idea",
        "decline_idea",
        "formalise",
        "reopen",
        "seek_funding",
        "mark_funded",
        "launch",
        "capitalise",
        "abandon",
    )
    # `expire` is the daily run's: declared (and drawn), never run by a person.
    assert transition_names(SharingPost) == ("publish", "renew", "fulfil", "withdraw")
    assert [d.name for d in declarations(SharingPost)][-1] == "expire"


def test_state_lists_are_read_from_the_flags():
    assert Experiment.FINAL_STATES == (S.CAPITALISED, S.DECLINED, S.ABANDONED)
    assert S.where("public") == (
        S.FORMALISED,
        S.SEEKING_FUNDING,
        S.FUNDED,
        S.RUNNING,
        S.CAPITALISED,
    )
    assert S.where("funding_sought") == (S.FORMALISED, S.SEEKING_FUNDING)
    assert S.IDEA not in S.where("matching") and S.FORMALISATION in S.where("matching")
    assert FundingApplication.EDITABLE_STATES == ("draft", "changes_requested")
    assert SharingPost.FINAL_STATES == ("fulfilled", "withdrawn")


def test_the_one_open_dossier_constraint_names_the_states_that_are_not_terminal():
    constraint = next(
        c
        for c in FundingApplication._meta.constraints
        if c.name == "one_open_dossier_per_experiment_and_call"
    )
    (_lookup, states), *_rest = constraint.condition.children
    assert list(states) == list(FundingApplication.State.where("terminal", present=False))


def test_the_diagram_draws_one_edge_per_source_with_who_runs_it():
    diagram = mermaid(Experiment).splitlines()
    assert diagram[2] == "    [*] --> idea"
    abandon = [line for line in diagram if ": abandon (" in line]
    assert len(abandon) == len(S.where("terminal", present=False))
    assert "    published --> expired: expire (daily run)" in mermaid(SharingPost)


def test_a_rule_is_imported_on_first_use_and_a_platform_rule_lets_nobody_run_it(lead):
    rule = Rule("lead", "projects.experiments.permissions.leads")
    experiment = ExperimentFactory(lead=lead)
    assert rule.allows(lead, experiment) and rule(experiment, lead)  # django-fsm's order too
    assert not rule.allows(UserFactory(), experiment)
    assert not Rule("daily run", None).by_people
    assert not Rule("daily run", None).allows(lead, experiment)


def test_a_condition_with_one_message_fills_it_in_the_active_language():
    condition = Condition(
        lambda post: False,
        code="renewable",
        message=declaration(SharingPost, "renew").conditions[0].message,
        params={"days": 30},
    )
    with translation.override("fr"):
        (missing,) = condition.missing(object())
    assert missing.code == "renewable" and "30" in missing.message
    assert missing.message != "A post can be renewed in the 30 days before it expires."


# ---------------------------------------------------------------------- running
@pytest.mark.django_db
def test_the_rule_comes_first_whatever_the_state(experiment, lead, coordinator):
    # The lead may not accept an idea (a coordinator's step): refused for the role, before
    # anything about the state is said.
    with pytest.raises(PermissionDenied):
        experiments.run_transition(experiment, "accept_idea", by=lead)
    with pytest.raises(PermissionDenied):
        experiments.run_transition(experiment, "launch", by=coordinator)
    with pytest.raises(TransitionNotPossible):
        experiments.run_transition(experiment, "launch", by=lead)
    with pytest.raises(UnknownTransition) as unknown:
        experiments.run_transition(experiment, "explode", by=coordinator)
    assert unknown.value.status == 404


@pytest.mark.django_db
def test_conditions_are_checked_once_per_run(experiment, lead, coordinator, monkeypatch):
    experiment = experiments.run_transition(experiment, "accept_idea", by=coordinator)
    complete_sheet(experiment)
    condition = declaration(Experiment, "formalise").conditions[0]
    calls = []
    check = condition.check

    def counted(instance):
        calls.append(instance.pk)
        return check(instance)

    monkeypatch.setattr(condition, "check", counted)
    experiment = experiments.run_transition(experiment, "formalise", by=lead)
    assert experiment.state == S.FORMALISED
    assert calls == [experiment.pk]  # the engine's check; the FSM method trusts it


@pytest.mark.django_db
def test_the_audit_record_says_who_from_to_and_why(experiment, coordinator):
    experiments.run_transition(experiment, "decline_idea", by=coordinator, comment=" Hors champ. ")
    event = ExperimentEvent.objects.get(experiment=experiment)
    assert (event.actor, event.transition, event.from_state, event.to_state, event.comment) == (
        coordinator,
        "decline_idea",
        "idea",
        "declined",
        "Hors champ.",
    )


@pytest.mark.django_db
def test_a_comment_overrides_only_the_conditions_declared_overridable(lead, coordinator):
    from tests.factories import advance

    experiment = advance(
        ExperimentFactory(lead=lead), "seeking_funding", lead=lead, coordinator=coordinator
    )
    Experiment.objects.filter(pk=experiment.pk).update(self_financing=0)
    experiment.refresh_from_db()
    info = {t.name: t for t in transitions_for(experiment, coordinator)}["mark_funded"]
    assert info.missing and info.override and info.comment_required and info.allowed
    leads_view = {t.name: t for t in transitions_for(experiment, lead)}["mark_funded"]
    assert leads_view.missing and not leads_view.override and not leads_view.allowed
    with pytest.raises(ConditionsUnmet):
        experiments.run_transition(experiment, "mark_funded", by=coordinator)
    funded = experiments.run_transition(
        experiment, "mark_funded", by=coordinator, comment="Accord oral de la région."
    )
    assert funded.state == S.FUNDED
    assert missing_for(funded, "unknown") == []


@pytest.mark.django_db
def test_next_steps_are_what_the_way_forward_still_needs(experiment, coordinator):
    assert next_steps(experiment) == []  # an idea: the coordinators decide, nothing to fill
    experiments.run_transition(experiment, "accept_idea", by=coordinator)
    experiment.refresh_from_db()
    assert [r.code for r in next_steps(experiment)] == [
        r.code for r in experiment.formalisation_gaps()
    ]
    with pytest.raises(CommentRequired) as refused:
        experiments.run_transition(experiment, "abandon", by=coordinator)
    assert refused.value.status == 400


@pytest.mark.django_db
def test_the_daily_runs_transition_is_no_action_for_people():
    organisation = OrganisationFactory()
    author = member_of(organisation)
    post = sharing_post(author, organisation)
    assert "expire" not in [t.name for t in sharing.WORKFLOW.transitions_for(post, author)]
    with pytest.raises(UnknownTransition):
        sharing.run_post_transition(post, "expire", by=author)
    assert issubclass(sharing.SharingError, WorkflowError)
    # Posts keep no audit record: the engine writes none.
    assert sharing.WORKFLOW.record(post, "fulfil", by=author, from_state="x", comment="") is None


def test_each_workflow_names_its_changed_error_for_the_api():
    assert experiments.ExperimentChanged.__name__ == "ExperimentChanged"
    assert dossiers.DossierChanged.__name__ == "DossierChanged"
    assert issubclass(dossiers.InvalidDecision, WorkflowError)
    assert dossiers.LEAD_TRANSITIONS == ("submit", "resubmit", "withdraw")
    assert dossiers.FUNDER_TRANSITIONS == (
        "start_review",
        "revise_accept",
        "revise_decline",
        "advance",
        "request_changes",
        "accept",
        "decline",
    )


def test_workflow_for_a_model_without_one_is_a_lookup_error():
    with pytest.raises(LookupError):
        workflow_for(ExperimentEvent)


# ---------------------------------------------------------------------- the form
def test_the_form_requires_a_comment_when_the_declaration_does():
    assert not TransitionForm({"expected_state": "idea"}, comment_required=True).is_valid()
    assert TransitionForm({"expected_state": "idea"}).is_valid()
    admin = AdminTransitionForm(
        {"expected_state": "nowhere", "comment": "x"}, comment_required=True
    )
    assert not admin.is_valid() and "expected_state" in admin.errors
    assert admin.fields["comment"].widget.attrs["rows"] == 5
