"""What the coordinators' dashboard lists about dossiers: those sent to a funder and waiting for
its decision (submitted, or under review), the longest waiting first.

Two queries whatever their number; the panel is registered in `funding/wagtail_hooks.py`.
"""

from dataclasses import dataclass

from funding.dossiers.models import FundingApplication

AWAITING_FUNDER = (
    FundingApplication.State.SUBMITTED,
    FundingApplication.State.UNDER_REVIEW,
)


@dataclass(frozen=True)
class DossierQueue:
    dossiers: list[FundingApplication]
    total: int


def dossiers_awaiting_funder(limit: int) -> DossierQueue:
    """Dossiers the funder has yet to decide on, the longest waiting since submission first."""
    queryset = FundingApplication.objects.filter(state__in=AWAITING_FUNDER).order_by(
        "submitted_at", "pk"
    )
    dossiers = list(queryset.select_related("experiment", "call__source__funder")[:limit])
    total = len(dossiers) if len(dossiers) < limit else queryset.count()
    return DossierQueue(dossiers, total)
