"""Funding models (re-exports only): the catalogue of funders, sources and calls, its page,
and the dossiers sent to calls with their review."""

from .catalogue import (
    AidType,
    CallRequirement,
    CostType,
    Funder,
    FundingCall,
    FundingSource,
)
from .dossiers import (
    ApplicationAnswer,
    ApplicationDocument,
    ApplicationEvent,
    ApplicationMessage,
    ApplicationNote,
    ApplicationVersion,
    CallCriterion,
    Campaign,
    FunderMembership,
    FundingApplication,
    ReminderSent,
    Review,
    ReviewScore,
    VersionDocument,
)
from .pages import FundingCatalogPage

__all__ = [
    "AidType",
    "ApplicationAnswer",
    "ApplicationDocument",
    "ApplicationEvent",
    "ApplicationMessage",
    "ApplicationNote",
    "ApplicationVersion",
    "CallCriterion",
    "CallRequirement",
    "Campaign",
    "CostType",
    "Funder",
    "FunderMembership",
    "FundingApplication",
    "FundingCall",
    "FundingCatalogPage",
    "FundingSource",
    "ReminderSent",
    "Review",
    "ReviewScore",
    "VersionDocument",
]
