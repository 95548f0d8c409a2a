"""The funding plan: which calls to apply to, for how much, to cover an experiment's need.

`plan_funding(experiment, calls, today=..., applications=...)` is a pure function over the facts
of `funding.matching.facts`. It chooses amounts for the candidate calls (best first, usually the
matches of `funding.matching.scoring`) that cover as much of the funding need as possible, then,
among the plans covering that much, one with the fewest applications. Rules respected:

- each call's minimum and maximum amount, and its minimum and maximum co-financing rate applied
  to the eligible costs (the costs of the types it funds);
- money given to calls funding a single cost type never exceeds that type's costs;
- a cap on total public funding, secured public funding included (default 80 % of the eligible
  costs: `CalculatedPublicCap`);
- one crowdfunding campaign at most, with a realistic goal (default: the smaller of 15,000 € and
  30 % of the need); a goal G brings G x (1 - platform fee);
- only aid that brings money, no call already closed, no call the experiment's pending or
  accepted dossiers already ask (their amounts reduce the need: `funding.matching.commitments`).

It is exact: a mixed-integer linear programme solved by HiGHS through `scipy.optimize.milp`, in
integer cents, in two phases (maximum coverage, then fewest applications). `docs/funding-plan.md`
describes the formulation, its tolerances and a worked example.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from zoneinfo import ZoneInfo

import numpy as np
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from scipy.optimize import Bounds, LinearConstraint, milp

from funding.matching.commitments import Commitments, commitments_of
from funding.matching.facts import COST_TYPES, ApplicationFacts, CallFacts, ExperimentFacts
from funding.matching.scoring import closing_date
from funding.matching.wording import day, plan_summary

HUNDRED = Decimal("100")
CENT = Decimal("0.01")

# FundingPlan.method values.
METHOD_MILP = "milp"  # two-phase mixed-integer programme (HiGHS)
METHOD_NOTHING_NEEDED = "nothing_needed"  # the need is zero: no application to make
METHOD_NO_CANDIDATE = "no_candidate"  # no call can bring money to this budget

# ExcludedCall.reason values.
NON_MONETARY = "non_monetary"
CLOSED = "closed"
NO_ELIGIBLE_COST = "no_eligible_cost"
NO_ROOM = "no_room"
BEYOND_CANDIDATES = "beyond_candidates"
APPLIED = "applied"


class PlanningError(RuntimeError):
    """The solver did not return a usable plan (a bug or a solver failure, never bad input)."""


@dataclass(frozen=True)
class PlanningSettings:
    """Tunables of the planner (docs/funding-plan.md, "The rules"); `from_settings()` reads
    overrides from `FUNDING_PLANNING`. Public cap and crowdfunding share in percent; two
    campaigns for one project would split the same donors; 20 candidates solve in tens of
    milliseconds; `time_limit` in seconds per solver phase."""

    public_cap_rate: Decimal = Decimal("80")
    crowdfunding_cap_amount: Decimal | None = Decimal("15000")
    crowdfunding_cap_share: Decimal | None = Decimal("30")
    max_crowdfunding_campaigns: int = 1
    max_candidates: int = 20
    time_limit: float = 10.0
    timezone: str = "Europe/Paris"

    @classmethod
    def from_settings(cls) -> "PlanningSettings":
        """The defaults, overridden by the `FUNDING_PLANNING` dict of the Django settings."""
        from django.conf import settings

        overrides = dict(getattr(settings, "FUNDING_PLANNING", {}))
        for name in ("public_cap_rate", "crowdfunding_cap_amount", "crowdfunding_cap_share"):
            if overrides.get(name) is not None:
                overrides[name] = Decimal(str(overrides[name]))
        return cls(**overrides)


@dataclass(frozen=True)
class CalculatedPublicCap:
    """The cap on public funding of one experiment and how it is computed."""

    rate: Decimal  # percent of the eligible costs
    eligible_costs: Decimal
    secured_public: Decimal

    @property
    def total(self) -> Decimal:
        """All public money the experiment may receive."""
        return (self.rate * self.eligible_costs / HUNDRED).quantize(CENT, ROUND_FLOOR)

    @property
    def available(self) -> Decimal:
        """What the plan may still ask from public sources."""
        return max(self.total - self.secured_public, Decimal("0"))


@dataclass(frozen=True)
class PlanLine:
    """One application of the plan: the call, what it brings, and its deadline."""

    call: CallFacts
    amount: Decimal  # what the line brings to the budget
    deadline: date | None  # closing date; None for ongoing calls
    goal: Decimal | None = None  # crowdfunding: the goal to announce (platform fee included)

    @property
    def is_public(self) -> bool:
        return self.call.is_public_money


@dataclass(frozen=True)
class ExcludedCall:
    """A candidate call the planner could not use, and why."""

    call: CallFacts
    reason: str
    deadline: date | None = None

    @property
    def message(self) -> str:
        """Why the call is not in the plan (a lazy string, in the active language)."""
        if self.reason == CLOSED:
            return format_lazy(_("closed on {date}"), date=day(self.deadline))
        return _EXCLUSION_MESSAGES[self.reason]


_EXCLUSION_MESSAGES = {
    NON_MONETARY: _("brings no money (guarantee, in-kind or engineering support)"),
    NO_ELIGIBLE_COST: _("the budget has none of the costs it funds"),
    NO_ROOM: _("its minimum is more than the budget and the caps leave room for"),
    BEYOND_CANDIDATES: _("lower ranked than the calls the plan considers"),
    APPLIED: _("a dossier sent to it is pending or was accepted"),
}


@dataclass(frozen=True)
class FundingPlan:
    """A proposed funding plan: lines in deadline order, what they cover, what remains."""

    need: Decimal
    covered: Decimal
    gap: Decimal
    public_share: Decimal  # public funding (secured and planned) in percent of the cash budget
    lines: tuple[PlanLine, ...]
    method: str  # METHOD_* value
    public_cap: CalculatedPublicCap
    public_amount: Decimal  # public funding, secured and planned
    crowdfunding_cap: Decimal | None  # the largest crowdfunding goal allowed
    excluded: tuple[ExcludedCall, ...] = field(default=())
    commitments: Commitments = field(default_factory=Commitments)

    @property
    def applications(self) -> int:
        return len(self.lines)

    @property
    def summary(self) -> str:
        """One sentence for the page (a lazy string)."""
        return plan_summary(self.covered, self.need, self.applications, self.gap)


# Candidates: each call turned into bounds, in integer cents ----------------------------------
@dataclass(frozen=True, slots=True)
class Candidate:
    """A call the solver may use: the money it may bring, in cents, and its groups."""

    call: CallFacts
    index: int  # preference order among candidates (0 = best)
    lower: int  # the least it brings when selected (at least one cent)
    upper: int  # the most it may bring
    keep: Decimal  # share of the goal that reaches the budget (1 - platform fee)
    is_public: bool
    is_crowdfunding: bool
    cost_types: frozenset[str]  # the budget's cost types it funds
    deadline: date | None


def cents_floor(value: Decimal) -> int:
    return int((value * HUNDRED).to_integral_value(ROUND_FLOOR))


def cents_ceil(value: Decimal) -> int:
    return int((value * HUNDRED).to_integral_value(ROUND_CEILING))


def crowdfunding_cap(experiment: ExperimentFacts, settings: PlanningSettings) -> Decimal | None:
    """The largest crowdfunding goal the plan proposes (None: unlimited)."""
    limits = []
    if settings.crowdfunding_cap_amount is not None:
        limits.append(settings.crowdfunding_cap_amount)
    if settings.crowdfunding_cap_share is not None:
        share = settings.crowdfunding_cap_share * experiment.funding_need / HUNDRED
        limits.append(share.quantize(CENT, ROUND_FLOOR))
    return min(limits) if limits else None


def public_cap(experiment: ExperimentFacts, settings: PlanningSettings) -> CalculatedPublicCap:
    return CalculatedPublicCap(
        rate=settings.public_cap_rate,
        eligible_costs=experiment.cash_budget,
        secured_public=experiment.secured_public_funding,
    )


def candidates(
    experiment: ExperimentFacts,
    calls: Iterable[CallFacts],
    *,
    today: date,
    settings: PlanningSettings,
) -> tuple[list[Candidate], list[ExcludedCall]]:
    """The calls the solver may use, with their bounds, and the calls it may not, with why."""
    tz = ZoneInfo(settings.timezone)
    need = cents_floor(experiment.funding_need)
    cost_by_type = {
        "operating": experiment.operating_cost,
        "investment": experiment.investment_cost,
    }
    budget_types = frozenset(kind for kind, cost in cost_by_type.items() if cost > 0)
    public_room = cents_floor(public_cap(experiment, settings).available)
    crowd_cap = crowdfunding_cap(experiment, settings)
    kept: list[Candidate] = []
    excluded: list[ExcludedCall] = []
    for call in calls:
        deadline = closing_date(call.closes_at, tz)
        if not call.brings_money:
            excluded.append(ExcludedCall(call, NON_MONETARY))
            continue
        if deadline is not None and deadline < today:
            excluded.append(ExcludedCall(call, CLOSED, deadline))
            continue
        funded = (call.cost_types or frozenset(COST_TYPES)) & budget_types
        eligible = sum((cost_by_type[kind] for kind in funded), Decimal("0"))
        if eligible <= 0:
            excluded.append(ExcludedCall(call, NO_ELIGIBLE_COST))
            continue
        keep = Decimal("1")
        crowd = call.is_crowdfunding
        if crowd and call.platform_fee_rate:
            keep = 1 - call.platform_fee_rate / HUNDRED
        uppers = [need, cents_floor(eligible)]
        lowers = [1]
        if call.amount_max is not None:
            uppers.append(cents_floor(call.amount_max * keep))
        if call.amount_min is not None:
            lowers.append(cents_ceil(call.amount_min * keep))
        if call.rate_max is not None:
            uppers.append(cents_floor(call.rate_max * eligible / HUNDRED))
        if call.rate_min is not None:
            lowers.append(cents_ceil(call.rate_min * eligible / HUNDRED))
        if crowd and crowd_cap is not None:
            uppers.append(cents_floor(crowd_cap * keep))
        if call.is_public_money:
            uppers.append(public_room)
        lower, upper = max(lowers), min(uppers)
        if keep <= 0 or upper < lower:
            excluded.append(ExcludedCall(call, NO_ROOM))
            continue
        if len(kept) >= settings.max_candidates:
            excluded.append(ExcludedCall(call, BEYOND_CANDIDATES))
            continue
        kept.append(
            Candidate(
                call=call,
                index=len(kept),
                lower=lower,
                upper=upper,
                keep=keep,
                is_public=call.is_public_money,
                is_crowdfunding=crowd,
                cost_types=funded,
                deadline=deadline,
            )
        )
    return kept, excluded


# The programme --------------------------------------------------------------------------------
def plan_funding(
    experiment: ExperimentFacts,
    calls: Iterable[CallFacts],
    *,
    today: date,
    settings: PlanningSettings | None = None,
    applications: Iterable[ApplicationFacts] = (),
) -> FundingPlan:
    """The plan covering as much of the experiment's need as the calls allow, with as few
    applications as possible. `calls` come best first: beyond `max_candidates`, the first
    ones are kept. The experiment's dossiers (`applications`) count as the commitments say."""
    settings = settings or PlanningSettings()
    commitments = commitments_of(experiment, applications)
    experiment = commitments.apply(experiment)
    calls = list(calls)
    applied = [c for c in calls if c.id in commitments.call_ids]
    calls = [c for c in calls if c.id not in commitments.call_ids]
    need = experiment.funding_need.quantize(CENT, ROUND_FLOOR)
    cap = public_cap(experiment, settings)
    pool, excluded = candidates(experiment, calls, today=today, settings=settings)
    excluded = [ExcludedCall(c, APPLIED) for c in applied] + excluded
    if need <= 0:
        method, amounts = METHOD_NOTHING_NEEDED, {}
    elif not pool:
        method, amounts = METHOD_NO_CANDIDATE, {}
    else:
        method, amounts = METHOD_MILP, solve(experiment, pool, settings)
    lines = []
    for candidate in pool:
        cents = amounts.get(candidate.index, 0)
        if cents <= 0:
            continue
        amount = (Decimal(cents) / HUNDRED).quantize(CENT)
        goal = None
        if candidate.is_crowdfunding:
            goal = (amount / candidate.keep).quantize(CENT, ROUND_CEILING)
        lines.append(PlanLine(candidate.call, amount, candidate.deadline, goal))
    lines.sort(key=lambda line: (line.deadline or date.max, line.call.id))
    covered = sum((line.amount for line in lines), Decimal("0.00"))
    public_amount = experiment.secured_public_funding + sum(
        (line.amount for line in lines if line.is_public), Decimal("0")
    )
    budget = experiment.cash_budget
    share = (public_amount * HUNDRED / budget).quantize(Decimal("0.1")) if budget else Decimal(0)
    return FundingPlan(
        need=need,
        covered=covered,
        gap=need - covered,
        public_share=share,
        lines=tuple(lines),
        method=method,
        public_cap=cap,
        public_amount=public_amount,
        crowdfunding_cap=crowdfunding_cap(experiment, settings),
        excluded=tuple(excluded),
        commitments=commitments,
    )


def solve(
    experiment: ExperimentFacts, pool: list[Candidate], settings: PlanningSettings
) -> dict[int, int]:
    """Amounts in cents by candidate index: phase 1 maximises the coverage, phase 2 minimises
    the number of applications keeping that coverage, phase 3 fixes the chosen calls and
    maximises their amounts again (an LP whose optimum is integral; it removes the solver's
    rounding noise)."""
    n = len(pool)
    rows, lows, highs = _shared_constraints(experiment, pool, settings)
    upper = np.array([c.upper for c in pool], dtype=float)
    lower = np.array([c.lower for c in pool], dtype=float)
    # Linking: lower·y ≤ b ≤ upper·y.
    identity = np.eye(n)
    rows.append(np.hstack([identity, -np.diag(upper)]))
    lows.append(np.full(n, -np.inf))
    highs.append(np.zeros(n))
    rows.append(np.hstack([identity, -np.diag(lower)]))
    lows.append(np.zeros(n))
    highs.append(np.full(n, np.inf))
    matrix = np.vstack(rows)
    bounds = Bounds(np.zeros(2 * n), np.concatenate([upper, np.ones(n)]))
    integrality = np.ones(2 * n)
    options = {"mip_rel_gap": 0.0, "time_limit": settings.time_limit}

    # Phase 1: maximum coverage.
    objective = np.concatenate([-np.ones(n), np.zeros(n)])
    constraints = [LinearConstraint(matrix, np.concatenate(lows), np.concatenate(highs))]
    first = milp(
        objective, integrality=integrality, bounds=bounds, constraints=constraints, options=options
    )
    if first.x is None:
        raise PlanningError(f"phase 1: {first.message}")
    best = round(-first.fun)

    # Phase 2: fewest applications covering `best` cents. Coverage is a whole number of cents,
    # so "≥ best - ½ cent" means "≥ best" without asking the solver for an exact equality.
    # The small increasing weights break ties in favour of the better ranked calls; they sum to
    # less than one, so they never trade an application for a better rank.
    tie_break = np.arange(1, n + 1) / (n * (n + 1))
    objective = np.concatenate([np.zeros(n), 1 + tie_break])
    coverage = LinearConstraint(np.concatenate([np.ones(n), np.zeros(n)]), best - 0.5, np.inf)
    second = milp(
        objective,
        integrality=integrality,
        bounds=bounds,
        constraints=[*constraints, coverage],
        options=options,
    )
    chosen = first.x if second.x is None else second.x
    selected = [c for c in pool if chosen[n + c.index] > 0.5]

    # Phase 3: the amounts of the chosen calls.
    amounts = _amounts(experiment, selected, settings)
    _check(experiment, pool, amounts, settings)
    return amounts


def _shared_constraints(
    experiment: ExperimentFacts, pool: list[Candidate], settings: PlanningSettings
) -> tuple[list[np.ndarray], list[np.ndarray], list[np.ndarray]]:
    """Rows over [b, y] (b: cents brought, y: selected): need, public cap, cost types,
    crowdfunding goal and campaigns."""
    n = len(pool)
    rows: list[np.ndarray] = []
    lows: list[np.ndarray] = []
    highs: list[np.ndarray] = []

    def add(coefficients_b, coefficients_y, high):
        rows.append(np.concatenate([coefficients_b, coefficients_y])[None, :])
        lows.append(np.array([-np.inf]))
        highs.append(np.array([float(high)]))

    zeros = np.zeros(n)
    add(np.ones(n), zeros, cents_floor(experiment.funding_need))
    public = np.array([1.0 if c.is_public else 0.0 for c in pool])
    if public.any():
        add(public, zeros, cents_floor(public_cap(experiment, settings).available))
    costs = {"operating": experiment.operating_cost, "investment": experiment.investment_cost}
    for kind, cost in costs.items():
        only = np.array([1.0 if c.cost_types == {kind} else 0.0 for c in pool])
        if only.any():
            add(only, zeros, cents_floor(cost))
    crowd = np.array([1.0 if c.is_crowdfunding else 0.0 for c in pool])
    if crowd.any():
        add(zeros, crowd, settings.max_crowdfunding_campaigns)
        cap = crowdfunding_cap(experiment, settings)
        if cap is not None:
            goals = np.array([float(1 / c.keep) if c.is_crowdfunding else 0.0 for c in pool])
            add(goals, zeros, cents_floor(cap))
    return rows, lows, highs


def _amounts(
    experiment: ExperimentFacts, selected: list[Candidate], settings: PlanningSettings
) -> dict[int, int]:
    """Maximum coverage with the selected calls, each between its lower and upper bound."""
    if not selected:
        return {}
    rows, lows, highs = _shared_constraints(experiment, selected, settings)
    k = len(selected)
    matrix = np.vstack(rows)[:, :k]  # y is fixed to 1: its columns only shift the bounds
    shift = np.vstack(rows)[:, k:].sum(axis=1)
    high = np.concatenate(highs) - shift
    bounds = Bounds([c.lower for c in selected], [c.upper for c in selected])
    result = milp(
        -np.ones(k),
        integrality=np.ones(k),
        bounds=bounds,
        constraints=[LinearConstraint(matrix, np.concatenate(lows), high)],
        options={"mip_rel_gap": 0.0, "time_limit": settings.time_limit},
    )
    if result.x is None:
        raise PlanningError(f"phase 3: {result.message}")
    return {c.index: round(value) for c, value in zip(selected, result.x, strict=True)}


def _check(
    experiment: ExperimentFacts,
    pool: list[Candidate],
    amounts: dict[int, int],
    settings: PlanningSettings,
) -> None:
    """Every rule, checked again in exact arithmetic on the rounded amounts."""
    chosen = [(c, amounts[c.index]) for c in pool if amounts.get(c.index, 0) > 0]
    problems = []
    if sum(cents for _c, cents in chosen) > cents_floor(experiment.funding_need):
        problems.append("need exceeded")
    public_room = cents_floor(public_cap(experiment, settings).available)
    if sum(cents for c, cents in chosen if c.is_public) > public_room:
        problems.append("public cap exceeded")
    for c, cents in chosen:
        if not c.lower <= cents <= c.upper:
            problems.append(f"call {c.call.id}: {cents} outside [{c.lower}, {c.upper}]")
    for kind, cost in (
        ("operating", experiment.operating_cost),
        ("investment", experiment.investment_cost),
    ):
        if sum(cents for c, cents in chosen if c.cost_types == {kind}) > cents_floor(cost):
            problems.append(f"{kind} costs exceeded")
    crowd = [(c, cents) for c, cents in chosen if c.is_crowdfunding]
    if len(crowd) > settings.max_crowdfunding_campaigns:
        problems.append("too many crowdfunding campaigns")
    cap = crowdfunding_cap(experiment, settings)
    if cap is not None and sum(Decimal(cents) / c.keep for c, cents in crowd) > cap * HUNDRED:
        problems.append("crowdfunding goal above the cap")
    if problems:
        raise PlanningError("; ".join(problems))
