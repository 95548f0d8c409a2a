"""The funding planner: caps, rates, bounds, crowdfunding, exclusions, order, exactness, and the
worked example of docs/funding-plan.md.

Plain data, no database. The property test against a brute force is in
`test_planning_property.py`.
"""

from datetime import date
from decimal import Decimal

import pytest
from django.test import override_settings
from django.utils import translation

from funding.matching.facts import NON_MONETARY_AID_TYPES
from funding.matching.planning import (
    BEYOND_CANDIDATES,
    CLOSED,
    METHOD_MILP,
    METHOD_NO_CANDIDATE,
    METHOD_NOTHING_NEEDED,
    NO_ELIGIBLE_COST,
    NO_ROOM,
    NON_MONETARY,
    PlanningSettings,
    plan_funding,
)
from tests.matching.plain_facts import TODAY, closing, make_call, make_experiment

D = Decimal


def plan(calls, experiment=None, **planning):
    return plan_funding(
        experiment or make_experiment(),
        calls,
        today=TODAY,
        settings=PlanningSettings(**planning) if planning else None,
    )


def amounts(funding_plan) -> dict[int, Decimal]:
    return {line.call.id: line.amount for line in funding_plan.lines}


# The reference experiment: 40 000 € of operating costs, 8 000 € self-financing, 2 000 € secured:
# a need of 30 000 €.


def test_one_call_covering_the_need():
    result = plan([make_call(1)])
    assert (result.need, result.covered, result.gap) == (D(30000), D(30000), D(0))
    assert result.method == METHOD_MILP and amounts(result) == {1: D(30000)}


def test_ties_in_coverage_go_to_fewer_applications():
    calls = [
        make_call(1, amount_max=D(15000)),
        make_call(2, amount_max=D(15000)),
        make_call(3, amount_max=D(30000)),
    ]
    result = plan(calls)
    assert result.covered == D(30000)
    assert amounts(result) == {3: D(30000)}


def test_equal_plans_go_to_the_better_ranked_calls():
    calls = [make_call(ident, amount_max=D(20000)) for ident in (7, 3, 5)]
    result = plan(calls)  # two of three are needed; the first two received are preferred
    assert set(amounts(result)) == {7, 3}


def test_maximum_amount_caps_a_line_and_leaves_a_gap():
    result = plan([make_call(1, amount_max=D(12000)), make_call(2, amount_max=D(5500))])
    assert amounts(result) == {1: D(12000), 2: D(5500)}
    assert result.gap == D(12500)


def test_minimum_amount_is_respected_or_the_call_is_left_out():
    result = plan([make_call(1, amount_min=D(40000))])
    assert result.lines == () and result.method == METHOD_NO_CANDIDATE
    assert [e.reason for e in result.excluded] == [NO_ROOM]
    # With a minimum of 20 000 € and 25 000 € elsewhere, the plan may not take 5 000 € from it.
    calls = [make_call(1, amount_max=D(25000)), make_call(2, amount_min=D(20000))]
    result = plan(calls)
    assert all(line.amount >= D(20000) for line in result.lines if line.call.id == 2)
    assert result.covered == D(30000)


def test_maximum_rate_applies_to_the_eligible_costs():
    # 40 % of 40 000 € = 16 000 €.
    result = plan([make_call(1, rate_max=D(40))])
    assert amounts(result) == {1: D(16000)}


def test_minimum_rate_is_a_minimum_amount():
    # 90 % of 40 000 € = 36 000 € is more than the need: the call cannot be used.
    assert plan([make_call(1, rate_min=D(90))]).lines == ()
    # 50 % = 20 000 €: fine.
    assert amounts(plan([make_call(1, rate_min=D(50))])) == {1: D(30000)}


def test_a_call_funds_only_the_costs_of_its_types():
    experiment = make_experiment(operating_cost=D(30000), investment_cost=D(10000))  # need 30 000
    calls = [
        make_call(1, cost_types=frozenset({"investment"})),
        make_call(2, cost_types=frozenset({"investment"})),
    ]
    result = plan(calls, experiment)
    assert result.covered == D(10000)  # both together: no more than the investment costs
    assert len(result.lines) == 1
    excluded = plan([make_call(3, cost_types=frozenset({"investment"}))])
    assert [e.reason for e in excluded.excluded] == [NO_ELIGIBLE_COST]


def test_public_funding_is_capped_at_80_percent_of_the_budget():
    experiment = make_experiment(self_financing=D(0), secured_funding=D(0))  # need 40 000
    calls = [make_call(1, source_kind="region"), make_call(2, source_kind="state")]
    result = plan(calls, experiment)
    assert result.covered == D(32000) and result.gap == D(8000)
    assert result.public_cap.total == D(32000) and result.public_share == D("80.0")
    assert all(line.is_public for line in result.lines)


def test_secured_public_funding_counts_against_the_cap():
    experiment = make_experiment(
        self_financing=D(0),
        secured_funding=D(10000),
        secured_public_funding=D(10000),
    )  # need 30 000; public room 32 000 - 10 000
    result = plan([make_call(1, source_kind="region"), make_call(2)], experiment)
    public = sum(line.amount for line in result.lines if line.is_public)
    assert public <= D(22000)
    assert result.public_cap.available == D(22000)
    assert result.covered == D(30000)  # the foundation covers the rest
    assert result.public_share <= D(80)


def test_public_cap_rate_is_configurable():
    experiment = make_experiment(self_financing=D(0), secured_funding=D(0))
    result = plan([make_call(1, source_kind="region")], experiment, public_cap_rate=D(50))
    assert result.covered == D(20000) and result.public_share == D("50.0")


def test_crowdfunding_goal_is_capped_and_net_of_the_platform_fee():
    experiment = make_experiment(operating_cost=D(110000))  # need 100 000
    ulule = make_call(
        1,
        source_kind="crowdfunding_platform",
        aid_types=frozenset({"crowdfunding_reward"}),
        platform_fee_rate=D(8),
    )
    result = plan([ulule], experiment)
    (line,) = result.lines
    assert result.crowdfunding_cap == D(15000)
    assert line.goal == D(15000) and line.amount == D(13800)


def test_crowdfunding_cap_as_a_share_of_the_need():
    helloasso = make_call(
        1, source_kind="crowdfunding_platform", aid_types=frozenset({"crowdfunding_donation"})
    )
    result = plan([helloasso])  # need 30 000: 30 % is 9 000, below 15 000
    assert amounts(result) == {1: D(9000)} and result.lines[0].goal == D(9000)
    result = plan([helloasso], crowdfunding_cap_share=None, crowdfunding_cap_amount=D(12000))
    assert amounts(result) == {1: D(12000)}


def test_one_crowdfunding_campaign_at_a_time():
    calls = [
        make_call(
            ident,
            source_kind="crowdfunding_platform",
            amount_max=D(5000),
            aid_types=frozenset({"crowdfunding_donation"}),
        )
        for ident in (1, 2)
    ]
    assert plan(calls).covered == D(5000) and len(plan(calls).lines) == 1
    # Two campaigns allowed: their goals together stay within the cap (30 % of 30 000 €).
    two = plan(calls, max_crowdfunding_campaigns=2)
    assert len(two.lines) == 2 and two.covered == D(9000)


def test_crowdfunding_goal_respects_the_platforms_maximum():
    call = make_call(
        1,
        source_kind="crowdfunding_platform",
        platform_fee_rate=D(5),
        aid_types=frozenset({"crowdfunding_reward"}),
        amount_max=D(4000),
    )
    (line,) = plan([call]).lines
    assert line.goal == D(4000) and line.amount == D(3800)


@pytest.mark.parametrize("aid", sorted(NON_MONETARY_AID_TYPES))
def test_non_monetary_aid_is_not_planned(aid):
    result = plan([make_call(1, aid_types=frozenset({aid})), make_call(2, amount_max=D(1000))])
    assert amounts(result) == {2: D(1000)}
    assert [(e.call.id, e.reason) for e in result.excluded] == [(1, NON_MONETARY)]
    with translation.override("en"):
        assert "brings no money" in str(result.excluded[0].message)


def test_closed_calls_are_excluded():
    result = plan([make_call(1, closes_at=closing(-1))])
    assert result.lines == () and result.excluded[0].reason == CLOSED
    with translation.override("fr"):
        assert str(result.excluded[0].message) == "clôturé le 14 janvier 2026"


def test_lines_come_in_deadline_order_ongoing_last():
    calls = [
        make_call(1, amount_max=D(5000), closes_at=None, recurrence="ongoing"),
        make_call(2, amount_max=D(5000), closes_at=closing(90)),
        make_call(3, amount_max=D(5000), closes_at=closing(20)),
        make_call(4, amount_max=D(5000), closes_at=closing(45)),
    ]
    result = plan(calls)
    assert [line.call.id for line in result.lines] == [3, 4, 2, 1]
    assert [line.deadline for line in result.lines] == [
        date(2026, 2, 4),
        date(2026, 3, 1),
        date(2026, 4, 15),
        None,
    ]


def test_zero_need_plans_nothing():
    experiment = make_experiment(self_financing=D(38000))
    result = plan([make_call(1)], experiment)
    assert result.method == METHOD_NOTHING_NEEDED
    assert (result.need, result.covered, result.gap, result.lines) == (D(0), D(0), D(0), ())


def test_nothing_eligible_leaves_the_whole_need_as_gap():
    result = plan([make_call(1, aid_types=frozenset({"guarantee"}))])
    assert result.method == METHOD_NO_CANDIDATE
    assert result.gap == result.need == D(30000) and result.covered == D(0)
    assert plan([]).gap == D(30000)


def test_only_the_first_twenty_candidates_are_considered():
    calls = [make_call(ident, amount_max=D(1000)) for ident in range(1, 26)]
    result = plan(calls)
    assert len(result.lines) == 20 and result.covered == D(20000)
    assert [e.call.id for e in result.excluded if e.reason == BEYOND_CANDIDATES] == [
        21,
        22,
        23,
        24,
        25,
    ]


def test_cents_are_exact():
    experiment = make_experiment(
        operating_cost=D("10000.33"), self_financing=D(0), secured_funding=D(0)
    )
    calls = [make_call(1, amount_max=D("3333.33")), make_call(2, amount_max=D("6667.01"))]
    result = plan(calls, experiment)
    assert result.covered == D("10000.33") and result.gap == D(0)
    assert sorted(amounts(result).values()) == [D("3333.33"), D("6667.00")] or sorted(
        amounts(result).values()
    ) == [D("3333.32"), D("6667.01")]


def test_settings_from_django_settings():
    with override_settings(FUNDING_PLANNING={"public_cap_rate": 70, "max_candidates": 5}):
        planning = PlanningSettings.from_settings()
    assert planning.public_cap_rate == D(70) and planning.max_candidates == 5
    assert PlanningSettings.from_settings() == PlanningSettings()


def test_summary_renders():
    result = plan([make_call(1, amount_max=D(10000))])
    with translation.override("en"):
        assert str(result.summary) == (
            "10,000\u00a0€ of 30,000\u00a0€ covered by 1 application; 20,000\u00a0€ still to find"
        )


def test_worked_example_of_the_documentation():
    """docs/funding-plan.md, "Worked example"."""
    experiment = make_experiment(
        operating_cost=D(48000),
        investment_cost=D(12000),
        self_financing=D(9000),
        secured_funding=D(3000),
        secured_public_funding=D(3000),
    )
    both = frozenset({"operating", "investment"})
    operating = frozenset({"operating"})
    leader = make_call(
        1,
        source_kind="eu_programme",
        cost_types=both,
        amount_min=D(5000),
        amount_max=D(30000),
        rate_max=D(60),
        closes_at=closing(75),
    )
    fdva = make_call(
        2, source_kind="state", cost_types=operating, amount_max=D(15000), closes_at=closing(40)
    )
    fondation = make_call(3, cost_types=operating, amount_max=D(12000), closes_at=closing(60))
    france_active = make_call(
        4,
        source_kind="solidarity_finance",
        amount_max=D(20000),
        cost_types=frozenset({"investment"}),
        closes_at=None,
    )
    helloasso = make_call(
        5,
        source_kind="crowdfunding_platform",
        cost_types=both,
        aid_types=frozenset({"crowdfunding_donation"}),
        closes_at=None,
    )
    ulule = make_call(
        6,
        source_kind="crowdfunding_platform",
        cost_types=both,
        aid_types=frozenset({"crowdfunding_reward"}),
        platform_fee_rate=D(8),
        closes_at=None,
    )
    dla = make_call(7, source_kind="state", aid_types=frozenset({"engineering"}), closes_at=None)
    region = make_call(8, source_kind="region", amount_max=D(25000), closes_at=closing(-5))
    calls = [leader, fdva, fondation, france_active, helloasso, ulule, dla, region]

    result = plan(calls, experiment)

    assert (result.need, result.covered, result.gap) == (D(48000), D(48000), D(0))
    assert result.public_cap.available == D(45000) and result.crowdfunding_cap == D(14400)
    assert [(line.call.id, line.amount, line.deadline) for line in result.lines] == [
        (2, D(15000), date(2026, 2, 24)),
        (3, D(12000), date(2026, 3, 16)),
        (1, D(21000), date(2026, 3, 31)),
    ]
    assert result.public_amount == D(39000) and result.public_share == D("65.0")
    assert [(e.call.id, e.reason) for e in result.excluded] == [(7, NON_MONETARY), (8, CLOSED)]

    without_fondation = plan([c for c in calls if c is not fondation], experiment)
    assert amounts(without_fondation) == {1: D(21000), 2: D(15000), 4: D(12000)}
