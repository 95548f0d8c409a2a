"""The cooperation network, the experiment workflow and the sharing board (re-exports only)."""

from projects.experiments.models import (
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
from projects.network.models import (
    MembershipRequest,
    Organisation,
    OrganisationMembership,
    Territory,
    Theme,
    WorkingGroup,
)
from projects.sharing.models import (
    Conversation,
    ConversationMessage,
    ConversationReadMark,
    SharingMatch,
    SharingPhoto,
    SharingPost,
    SharingReport,
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
    "MembershipRequest",
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
