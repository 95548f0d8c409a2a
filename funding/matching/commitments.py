"""What the experiment's dossiers already bring: amounts granted and amounts requested that the
funders have not decided yet (pure, like the planner, which takes them into account).

Granted amounts are part of the experiment's secured funding: the dossiers area writes them
there (`refresh_secured_funding`) when a dossier is accepted or its campaign moves. They are
therefore counted once: only what the secured funding does not hold yet (a figure not refreshed)
is added to it. Pending requests are added in full: the plan does not ask again for money
already asked for.
"""

from collections.abc import Iterable
from dataclasses import dataclass, replace
from decimal import Decimal

from funding.matching.facts import (
    STAGE_ACCEPTED,
    STAGE_PENDING,
    ApplicationFacts,
    ExperimentFacts,
)

ZERO = Decimal("0")


def _total(applications: Iterable[ApplicationFacts], field: str) -> Decimal:
    return sum((getattr(a, field) for a in applications), ZERO)


@dataclass(frozen=True)
class Commitments:
    """The accepted and pending dossiers of one experiment, and how they change its facts."""

    granted: tuple[ApplicationFacts, ...] = ()
    pending: tuple[ApplicationFacts, ...] = ()
    secured: Decimal = ZERO  # the experiment's secured funding, every grant included once

    @property
    def granted_total(self) -> Decimal:
        return _total(self.granted, "secured_amount")

    @property
    def pending_total(self) -> Decimal:
        return _total(self.pending, "requested_amount")

    @property
    def call_ids(self) -> frozenset[int]:
        """Calls not to propose again: a dossier sent to them is pending or accepted."""
        return frozenset(a.call_id for a in (*self.granted, *self.pending))

    def apply(self, experiment: ExperimentFacts) -> ExperimentFacts:
        """The experiment's facts as the planner should see them: grants missing from the
        secured funding added to it, pending requests added as if secured (public ones count
        against the cap on public funding too)."""
        if not self.granted and not self.pending:
            return experiment
        public_granted = _total((a for a in self.granted if a.is_public_money), "secured_amount")
        public_pending = _total((a for a in self.pending if a.is_public_money), "requested_amount")
        public = max(experiment.secured_public_funding, public_granted) + public_pending
        return replace(
            experiment,
            secured_funding=self.secured + self.pending_total,
            secured_public_funding=public,
        )


def commitments_of(
    experiment: ExperimentFacts, applications: Iterable[ApplicationFacts]
) -> Commitments:
    """Sort the experiment's dossiers into grants and pending requests (drafts, withdrawn and
    declined dossiers bring nothing)."""
    applications = list(applications)
    granted = tuple(a for a in applications if a.stage == STAGE_ACCEPTED)
    pending = tuple(a for a in applications if a.stage == STAGE_PENDING)
    secured = max(experiment.secured_funding, _total(granted, "secured_amount"))
    return Commitments(granted=granted, pending=pending, secured=secured)
