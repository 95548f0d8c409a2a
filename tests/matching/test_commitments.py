"""The plan counts the experiment's dossiers: requests pending and grants reduce the need, each
counted once, and the calls they went to are not proposed again. Plain data, no database."""

from decimal import Decimal

import pytest
from django.utils import translation

from funding.matching.applications import current_by_call
from funding.matching.commitments import commitments_of
from funding.matching.facts import (
    STAGE_ACCEPTED,
    STAGE_CLOSED,
    STAGE_DRAFT,
    STAGE_PENDING,
    ApplicationFacts,
)
from funding.matching.planning import APPLIED, plan_funding
from tests.matching.plain_facts import TODAY, make_call, make_experiment

D = Decimal

# The reference experiment: 40 000 € of operating costs, 8 000 € self-financing, 2 000 € secured:
# a need of 30 000 €.


def dossier(ident: int, call_id: int, stage: str, requested="0", secured="0", **fields):
    state = {"pending": "submitted", "closed": "withdrawn"}.get(stage, stage)
    return ApplicationFacts(
        id=ident,
        call_id=call_id,
        call_name=f"Appel {call_id}",
        state=fields.pop("state", state),
        state_label=state,
        stage=stage,
        requested_amount=D(requested),
        secured_amount=D(secured),
        source_kind=fields.pop("source_kind", "foundation"),
    )


def plan(calls, applications, experiment=None):
    return plan_funding(
        experiment or make_experiment(), calls, today=TODAY, applications=applications
    )


def test_pending_requests_reduce_the_need_and_are_not_asked_again():
    calls = [make_call(1, amount_max=D(20000)), make_call(2)]
    result = plan(calls, [dossier(10, 1, STAGE_PENDING, requested="12000")])
    assert result.commitments.pending_total == D(12000)
    assert result.need == D(18000)  # 30 000 - 12 000
    assert [line.call.id for line in result.lines] == [2]
    assert result.covered == D(18000)
    assert [(e.call.id, e.reason) for e in result.excluded] == [(1, APPLIED)]
    with translation.override("en"):
        assert "pending" in str(result.excluded[0].message)


@pytest.mark.parametrize("secured", ["2000", "7000"])
def test_a_grant_already_in_the_secured_funding_is_counted_once(secured):
    # The experiment's 2 000 € of secured funding is the grant of its accepted dossier (the
    # dossiers area writes it there): the need stays 30 000 €, not 28 000 €. If the secured
    # figure holds more (7 000 €), the grant is part of it too.
    experiment = make_experiment(secured_funding=D(secured))
    result = plan(
        [make_call(1), make_call(2)], [dossier(10, 1, STAGE_ACCEPTED, secured="2000")], experiment
    )
    assert result.commitments.granted_total == D(2000)
    assert result.commitments.secured == D(secured)
    assert result.need == D(40000 - 8000) - D(secured)
    assert 1 not in {line.call.id for line in result.lines}


def test_a_grant_not_yet_in_the_secured_funding_counts_for_what_is_missing():
    experiment = make_experiment(secured_funding=D(2000))
    result = plan([make_call(2)], [dossier(10, 1, STAGE_ACCEPTED, secured="5000")], experiment)
    assert result.commitments.secured == D(5000)
    assert result.need == D(27000)  # 40 000 - 8 000 - max(2 000, 5 000)


def test_drafts_and_closed_dossiers_bring_nothing_and_their_calls_stay_open():
    applications = [
        dossier(10, 1, STAGE_DRAFT, requested="9000"),
        dossier(11, 2, STAGE_CLOSED, requested="9000"),
        dossier(12, 2, STAGE_CLOSED, requested="5000", state="declined"),
    ]
    calls = [make_call(1, amount_max=D(15000)), make_call(2, amount_max=D(15000))]
    result = plan(calls, applications)
    assert result.need == D(30000)
    assert {line.call.id for line in result.lines} == {1, 2}
    assert result.excluded == ()


def test_public_requests_pending_count_against_the_cap_on_public_funding():
    # Cap: 80 % of 40 000 € = 32 000 €, of which 20 000 € are asked already from the region.
    applications = [dossier(10, 9, STAGE_PENDING, requested="20000", source_kind="region")]
    experiment = make_experiment(self_financing=D(0), secured_funding=D(0))
    result = plan([make_call(1, source_kind="state")], applications, experiment)
    assert result.need == D(20000)
    assert result.covered == D(12000)  # the public room left: 32 000 - 20 000
    assert result.public_amount == D(32000)


def test_the_dossier_shown_for_each_call():
    # Newest first: a withdrawn dossier, then the draft started again for the same call.
    newest_first = [
        dossier(3, 1, STAGE_CLOSED),
        dossier(2, 1, STAGE_DRAFT),
        dossier(1, 2, STAGE_CLOSED),
    ]
    shown = current_by_call(newest_first)
    assert shown[1].id == 2 and shown[1].blocks_new_dossier
    assert shown[2].id == 1 and not shown[2].blocks_new_dossier


def test_no_dossier_no_change():
    experiment = make_experiment()
    commitments = commitments_of(experiment, [])
    assert commitments.apply(experiment) is experiment
    assert plan([make_call(1)], []).need == D(30000)
