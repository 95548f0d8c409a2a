"""Cooperation experiments, their workflow and what belongs to them (re-exports).

The workflow is declared in `experiment.py`; the people of an experiment in `people.py`; its
milestones, documents, feed and audit trail in `records.py`. Code imports models from here;
migrations name the callables they reference here too (`private_storage`, `document_path`…).
"""

from core.workflow.declarations import Requirement
from core.workflow.models import AuditRecord, AuditRecordError
from projects.experiments.models.experiment import (
    ZERO,
    BudgetLine,
    Experiment,
    ExperimentQuerySet,
    private_storage,
)
from projects.experiments.models.people import (
    ExperimentMember,
    ExperimentPartner,
    Invitation,
    accepted_partners,
    default_invitation_expiry,
    new_token,
)
from projects.experiments.models.records import (
    ExperimentComment,
    ExperimentDocument,
    ExperimentEvent,
    Milestone,
    document_path,
)

__all__ = [
    "ZERO",
    "AuditRecord",
    "AuditRecordError",
    "BudgetLine",
    "Experiment",
    "ExperimentComment",
    "ExperimentDocument",
    "ExperimentEvent",
    "ExperimentMember",
    "ExperimentPartner",
    "ExperimentQuerySet",
    "Invitation",
    "Milestone",
    "Requirement",
    "accepted_partners",
    "default_invitation_expiry",
    "document_path",
    "new_token",
    "private_storage",
]
