"""The stacked coverage bar of a funding plan: what covers the cash budget, in order."""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from funding.matching.facts import ExperimentFacts
from funding.matching.planning import FundingPlan

HUNDRED = Decimal(100)


@dataclass(frozen=True)
class Segment:
    label: str
    amount: Decimal
    kind: str  # self, secured, public, private, crowdfunding, gap
    start: Decimal  # percent of the cash budget where the segment starts
    width: Decimal  # percent of the cash budget


def coverage_segments(experiment: ExperimentFacts, plan: FundingPlan) -> list[Segment]:
    """Self-financing, secured funding, requests pending, each plan line, then the gap, as
    shares of the cash budget (for an SVG bar; the same figures are listed in text beside it)."""
    budget = experiment.cash_budget
    if budget <= 0:
        return []
    commitments = plan.commitments
    parts: list[tuple[str, Decimal, str]] = [
        (str(_("Self-financing")), experiment.self_financing, "self"),
        (
            str(_("Secured funding")),
            max(experiment.secured_funding, commitments.secured),
            "secured",
        ),
        (str(_("Requested, pending")), commitments.pending_total, "pending"),
    ]
    for line in plan.lines:
        kind = (
            "crowdfunding"
            if line.call.is_crowdfunding
            else ("public" if line.is_public else "private")
        )
        parts.append((line.call.name, line.amount, kind))
    parts.append((str(_("Still to find")), plan.gap, "gap"))
    segments, start = [], Decimal(0)
    for label, amount, kind in parts:
        if amount <= 0:
            continue
        width = min(amount * HUNDRED / budget, HUNDRED - start)
        if width <= 0:
            continue
        segments.append(
            Segment(
                label=label,
                amount=amount,
                kind=kind,
                start=start,
                width=width.quantize(Decimal("0.01")),
            )
        )
        start += width
    return segments
