"""The cooperation network and the experiment workflow (re-exports only)."""

from .experiments import (
    AuditRecordError,
    BudgetLine,
    Experiment,
    ExperimentComment,
    ExperimentDocument,
    ExperimentEvent,
    ExperimentMember,
    ExperimentPartner,
    Invitation,
    Milestone,
    Requirement,
)
from .taxonomy import (
    Organisation,
    OrganisationMembership,
    Territory,
    Theme,
    WorkingGroup,
)

__all__ = [
    "AuditRecordError",
    "BudgetLine",
    "Experiment",
    "ExperimentComment",
    "ExperimentDocument",
    "ExperimentEvent",
    "ExperimentMember",
    "ExperimentPartner",
    "Invitation",
    "Milestone",
    "Organisation",
    "OrganisationMembership",
    "Requirement",
    "Territory",
    "Theme",
    "WorkingGroup",
]
