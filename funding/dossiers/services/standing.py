"""Where an experiment's dossiers stand, as plain rows for the funding tab and its plan
(`funding.matching.applications` reads them through the reader `funding/apps.py` registers:
the two areas do not import each other)."""

from collections.abc import Iterable
from decimal import Decimal

from funding.dossiers.models import ZERO, FundingApplication

State = FundingApplication.State

# What each state means for the plan (`funding.matching.facts` STAGE_* values): a draft asks
# nothing yet; a dossier sent and not decided holds its requested amount; an accepted one brings
# its grant; a withdrawn or declined one nothing, and its call may be applied to again.
STAGES = {
    State.DRAFT: "draft",
    State.SUBMITTED: "pending",
    State.UNDER_REVIEW: "pending",
    State.CHANGES_REQUESTED: "pending",
    State.ACCEPTED: "accepted",
    State.DECLINED: "closed",
    State.WITHDRAWN: "closed",
}


def secured_by(application: FundingApplication) -> Decimal:
    """What an accepted dossier secures: its grant, or what its crowdfunding campaign secured
    (an all-or-nothing campaign below its goal secures nothing)."""
    if application.state != State.ACCEPTED:
        return ZERO
    if application.is_crowdfunding:
        campaign = getattr(application, "campaign", None)
        return campaign.secured if campaign else ZERO
    return application.granted_amount or ZERO


def application_rows(experiment_ids: Iterable[int]) -> list[dict]:
    """One row per dossier of these experiments, newest first (one query)."""
    applications = (
        FundingApplication.objects.filter(experiment_id__in=list(experiment_ids))
        .select_related("call__source", "campaign")
        .order_by("-created_at", "-pk")
    )
    return [
        {
            "experiment_id": a.experiment_id,
            "id": a.pk,
            "call_id": a.call_id,
            "call_name": a.call.name,
            "state": a.state,
            "state_label": a.get_state_display(),
            "stage": STAGES[a.state],
            "requested_amount": a.requested_amount,
            "secured_amount": secured_by(a),
            "source_kind": a.call.source.kind,
        }
        for a in applications
    ]
