"""Business events of funding dossiers: prepare, submit, review, decide, track a campaign
(re-exported for the pages, the API, the commands and the demo).

Same guarantees as every workflow of the platform: a service never receives the web request;
transitions run through the engine (`core.workflow`), which locks the dossier's row, checks the
declared rule once, runs the transition, saves, writes the audit record and notifies the people
concerned in one transaction. Errors are `core.workflow.WorkflowError`s, so that pages and the
API answer them alike (409 for "not possible now").

`preparing.py`: the draft, answers and documents; `workflow.py`: the transitions; `reviewing.py`:
messages, notes and scores; `campaigns.py`: secured funding, campaigns and reminders;
`people.py`: who hears about a dossier and its addresses; `processes.py`: copies of review
processes and the admin access of the funders' staff.
"""

from core.workflow import WorkflowError
from funding.dossiers.conditions import (
    checklist,
    closing_moment,
    deadline_gaps,
    requirements_of,
)
from funding.dossiers.models import FundingApplication
from funding.dossiers.services.assignments import (
    assign_reviewer,
    assignable_people,
    declare_conflict,
    remove_assignment,
    send_review_reminders,
)
from funding.dossiers.services.campaigns import (
    REMINDERS,
    refresh_secured_funding,
    secured_funding_of,
    send_reminders,
    update_campaign,
)
from funding.dossiers.services.people import (
    experiment_people,
    funder_url,
    lead_url,
    reviewers_of,
)
from funding.dossiers.services.preparing import (
    add_document,
    outside_lead_organisation_message,
    remove_document,
    reuse_document,
    save_answers,
    start_application,
)
from funding.dossiers.services.processes import (
    copy_review_process,
    sync_funder_staff_group,
)
from funding.dossiers.services.reviewing import (
    CriterionSummary,
    ReviewSummary,
    add_note,
    post_message,
    review_summary,
    save_review,
    share_review_comment,
)
from funding.dossiers.services.stages import (
    criteria_of,
    freeze_stages,
    process_for,
    stage_label,
)
from funding.dossiers.services.standing import application_rows, secured_by
from funding.dossiers.services.workflow import (
    FUNDER_TRANSITIONS,
    LEAD_TRANSITIONS,
    MONEY_TRANSITIONS,
    WORKFLOW,
    DossierChanged,
    InvalidDecision,
    run_transition,
    transitions_for,
)


def diagrams() -> dict[str, str]:
    """The dossier workflow for docs/workflow.md (`WORKFLOW_DIAGRAMS` setting)."""
    from core.diagram import mermaid

    return {"dossier": mermaid(FundingApplication)}


__all__ = [
    "FUNDER_TRANSITIONS",
    "LEAD_TRANSITIONS",
    "MONEY_TRANSITIONS",
    "REMINDERS",
    "WORKFLOW",
    "CriterionSummary",
    "DossierChanged",
    "InvalidDecision",
    "ReviewSummary",
    "WorkflowError",
    "add_document",
    "add_note",
    "application_rows",
    "assign_reviewer",
    "assignable_people",
    "checklist",
    "closing_moment",
    "copy_review_process",
    "criteria_of",
    "deadline_gaps",
    "declare_conflict",
    "diagrams",
    "experiment_people",
    "freeze_stages",
    "funder_url",
    "lead_url",
    "outside_lead_organisation_message",
    "post_message",
    "process_for",
    "refresh_secured_funding",
    "remove_assignment",
    "remove_document",
    "requirements_of",
    "reuse_document",
    "review_summary",
    "reviewers_of",
    "run_transition",
    "save_answers",
    "save_review",
    "secured_by",
    "secured_funding_of",
    "send_reminders",
    "send_review_reminders",
    "share_review_comment",
    "stage_label",
    "start_application",
    "sync_funder_staff_group",
    "transitions_for",
    "update_campaign",
]
