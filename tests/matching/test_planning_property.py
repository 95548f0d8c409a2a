"""The funding planner against brute force: on random small instances, the planner covers as
much as the best subset of calls, with as few applications, and breaks no rule.

Plain data, no database.
"""

import itertools
import math
from datetime import date
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog

from funding.matching.facts import NON_MONETARY_AID_TYPES
from funding.matching.planning import PlanningSettings, plan_funding
from tests.matching.plain_facts import TODAY, closing, make_call, make_experiment

D = Decimal


KINDS = ("region", "eu_programme", "foundation", "solidarity_finance", "crowdfunding_platform")
AIDS = (("grant",), ("loan",), ("grant", "guarantee"), ("guarantee",), ("in_kind",))
COST_TYPE_CHOICES = ((), ("operating",), ("investment",), ("operating", "investment"))


def euros(low: int, high: int):
    """Amounts in cents turned into euros, sometimes round, sometimes not."""
    return st.one_of(
        st.integers(low // 1000, high // 1000).map(lambda n: D(n * 1000)),
        st.integers(low * 100, high * 100).map(lambda n: D(n) / 100),
    )


def optional(strategy):
    return st.one_of(st.none(), strategy)


@st.composite
def calls_strategy(draw, ident: int):
    kind = draw(st.sampled_from(KINDS))
    crowd = kind == "crowdfunding_platform"
    aid = ("crowdfunding_donation",) if crowd else draw(st.sampled_from(AIDS))
    return make_call(
        ident,
        source_kind=kind,
        aid_types=frozenset(aid),
        cost_types=frozenset(draw(st.sampled_from(COST_TYPE_CHOICES))),
        amount_min=draw(optional(euros(500, 30000))),
        amount_max=draw(optional(euros(1000, 80000))),
        rate_min=draw(optional(st.integers(5, 60).map(D))),
        rate_max=draw(optional(st.integers(20, 100).map(D))),
        platform_fee_rate=draw(optional(st.sampled_from((D(0), D(5), D("7.5"), D(8))))),
        closes_at=draw(st.sampled_from((closing(-2), closing(30), None))),
    )


@st.composite
def instances(draw):
    operating = draw(euros(0, 120000))
    investment = draw(euros(0, 60000))
    budget = operating + investment
    self_financing = draw(euros(0, 40000).filter(lambda x: x <= budget))
    secured = draw(euros(0, 40000).filter(lambda x: x <= budget - self_financing))
    secured_public = draw(st.sampled_from((D(0), secured)))
    experiment = make_experiment(
        operating_cost=operating,
        investment_cost=investment,
        self_financing=self_financing,
        secured_funding=secured,
        secured_public_funding=secured_public,
    )
    count = draw(st.integers(0, 7))
    calls = [draw(calls_strategy(ident)) for ident in range(1, count + 1)]
    return experiment, calls


def cents_floor(value: Decimal) -> int:
    return int((value * 100).to_integral_value(ROUND_FLOOR))


def cents_ceil(value: Decimal) -> int:
    return int((value * 100).to_integral_value(ROUND_CEILING))


def brute_force(experiment, calls, planning: PlanningSettings) -> tuple[int, int]:
    """Best coverage in cents and fewest applications reaching it, over every subset.

    Written from the rules, not from the planner's code: the bounds of each call, then, for
    each subset (one crowdfunding campaign at most), a linear programme over the amounts.
    Its constraint matrix (need, public cap: one laminar family; single cost types: another)
    is totally unimodular, so with whole-cent bounds its optimum is a whole number of cents.
    """
    need = cents_floor(experiment.funding_need)
    costs = {"operating": experiment.operating_cost, "investment": experiment.investment_cost}
    public_room = max(
        0,
        cents_floor(planning.public_cap_rate * experiment.cash_budget / 100)
        - cents_floor(experiment.secured_public_funding),
    )
    crowd_cap = min(D(15000), D(cents_floor(D(30) * experiment.funding_need / 100)) / 100)
    usable = []
    for call in calls:
        if not (call.aid_types - NON_MONETARY_AID_TYPES):
            continue
        if call.closes_at is not None and call.closes_at.date() < TODAY:
            continue
        funded = {t for t in (call.cost_types or costs) if costs[t] > 0}
        eligible = sum((costs[t] for t in funded), D(0))
        if not eligible:
            continue
        crowd = call.source_kind == "crowdfunding_platform"
        keep = 1 - (call.platform_fee_rate or 0) / D(100) if crowd else D(1)
        low = max(
            1,
            cents_ceil(call.amount_min * keep) if call.amount_min is not None else 0,
            cents_ceil(call.rate_min * eligible / 100) if call.rate_min is not None else 0,
        )
        high = min(
            need,
            cents_floor(eligible),
            cents_floor(call.amount_max * keep) if call.amount_max is not None else need,
            cents_floor(call.rate_max * eligible / 100) if call.rate_max is not None else need,
            cents_floor(crowd_cap * keep) if crowd else need,
            public_room if call.source_kind in ("region", "eu_programme") else need,
        )
        if low <= high:
            usable.append((call, low, high, crowd, frozenset(funded)))
    best, fewest = 0, 0
    for size in range(1, len(usable) + 1):
        for subset in itertools.combinations(usable, size):
            if sum(1 for item in subset if item[3]) > 1:
                continue
            rows, limits = [[1] * size], [need]
            rows.append(
                [1 if c.source_kind in ("region", "eu_programme") else 0 for c, *_ in subset]
            )
            limits.append(public_room)
            for kind, cost in costs.items():
                rows.append([1 if item[4] == {kind} else 0 for item in subset])
                limits.append(cents_floor(cost))
            result = linprog(
                -np.ones(size),
                A_ub=np.array(rows, dtype=float),
                b_ub=np.array(limits, dtype=float),
                bounds=[(low, high) for _c, low, high, *_ in subset],
                method="highs",
            )
            if result.status != 0:
                continue
            value = round(-result.fun)
            if value > best:
                best, fewest = value, size
            elif value == best and size < fewest:
                fewest = size
    return best, fewest


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances())
def test_planner_matches_brute_force_and_breaks_no_rule(instance):
    experiment, calls = instance
    planning = PlanningSettings()
    result = plan_funding(experiment, calls, today=TODAY, settings=planning)
    best, fewest = brute_force(experiment, calls, planning)

    assert cents_floor(result.covered) == best  # same coverage, to the cent
    assert len(result.lines) == fewest
    assert result.covered + result.gap == result.need

    budget = experiment.cash_budget
    public = sum((line.amount for line in result.lines if line.is_public), D(0))
    assert experiment.secured_public_funding + public <= max(
        D(80) * budget / 100, experiment.secured_public_funding
    )
    costs = {"operating": experiment.operating_cost, "investment": experiment.investment_cost}
    for kind, cost in costs.items():
        only = [line for line in result.lines if line.call.cost_types == {kind}]
        assert sum((line.amount for line in only), D(0)) <= cost
    crowd_lines = [line for line in result.lines if line.goal is not None]
    assert len(crowd_lines) <= 1
    for line in result.lines:
        call = line.call
        asked = line.goal if line.goal is not None else line.amount
        funded = {t for t in (call.cost_types or costs) if costs[t] > 0}
        eligible = sum((costs[t] for t in funded), D(0))
        assert line.amount > 0
        if call.amount_max is not None:
            assert asked <= call.amount_max
        if call.amount_min is not None:
            assert asked >= call.amount_min
        if call.rate_max is not None:
            assert line.amount <= call.rate_max * eligible / 100
        if call.rate_min is not None:
            assert line.amount >= call.rate_min * eligible / 100
        if line.goal is not None:
            keep = 1 - (call.platform_fee_rate or 0) / D(100)
            assert line.goal <= result.crowdfunding_cap
            assert line.goal * keep >= line.amount
            assert line.goal * keep - line.amount < D("0.01")
    deadlines = [line.deadline or date.max for line in result.lines]
    assert deadlines == sorted(deadlines)
    assert math.isfinite(float(result.public_share))
