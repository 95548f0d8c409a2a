"""Funding dossiers: an experiment's application to one call, its frozen versions, its review
(re-exports; migrations name the callables they reference here too).

A `FundingApplication` (the UI's « dossier ») links an experiment to a canonical call. The lead
answers the call's questions and uploads its required documents, then submits: the submission
freezes a numbered `ApplicationVersion` (a JSON snapshot, copies of the documents and a PDF) that
later edits of the experiment never change. Reviewers belong to the funder of the call's source
(`FunderMembership`) and score the dossier on the call's criteria (`CallCriterion`).

`dossier.py` declares the workflow; `contents.py` holds answers, documents, versions, messages
and notes; `reviewing.py` the funders' people, criteria, assignments and reviews; `stages.py`
the review stages; `campaigns.py` what follows an acceptance and the reminders.
"""

from core.workflow.models import AuditRecord, AuditRecordError
from funding.dossiers.models.campaigns import Campaign, ReminderSent
from funding.dossiers.models.contents import (
    ApplicationAnswer,
    ApplicationDocument,
    ApplicationMessage,
    ApplicationNote,
    ApplicationVersion,
    VersionDocument,
    application_document_path,
    version_document_path,
    version_pdf_path,
)
from funding.dossiers.models.dossier import (
    ZERO,
    ApplicationEvent,
    FundingApplication,
    FundingApplicationQuerySet,
)
from funding.dossiers.models.reviewing import (
    MAX_SCORE,
    CallCriterion,
    FunderMembership,
    Review,
    ReviewAssignment,
    ReviewScore,
)
from funding.dossiers.models.stages import (
    STAGE_NAMES,
    Actors,
    DossierStage,
    ReviewProcess,
    ReviewStage,
    parse_criteria,
)

__all__ = [
    "MAX_SCORE",
    "STAGE_NAMES",
    "ZERO",
    "Actors",
    "ApplicationAnswer",
    "ApplicationDocument",
    "ApplicationEvent",
    "ApplicationMessage",
    "ApplicationNote",
    "ApplicationVersion",
    "AuditRecord",
    "AuditRecordError",
    "CallCriterion",
    "Campaign",
    "DossierStage",
    "FunderMembership",
    "FundingApplication",
    "FundingApplicationQuerySet",
    "ReminderSent",
    "Review",
    "ReviewAssignment",
    "ReviewProcess",
    "ReviewScore",
    "ReviewStage",
    "VersionDocument",
    "application_document_path",
    "parse_criteria",
    "version_document_path",
    "version_pdf_path",
]
