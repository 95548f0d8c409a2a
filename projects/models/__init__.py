"""The cooperation network, the experiment workflow and the sharing board (re-exports only)."""

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
from .sharing import (
    Conversation,
    ConversationMessage,
    ConversationReadMark,
    SharingMatch,
    SharingPhoto,
    SharingPost,
    SharingReport,
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
    "Conversation",
    "ConversationMessage",
    "ConversationReadMark",
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
    "SharingMatch",
    "SharingPhoto",
    "SharingPost",
    "SharingReport",
    "Territory",
    "Theme",
    "WorkingGroup",
]
