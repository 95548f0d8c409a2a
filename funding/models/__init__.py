"""Funding models (re-exports only): the catalogue of funders, sources and calls, its page,
the dossiers sent to calls with their review, and the weekly digest's log."""

from .catalogue import (
    AidType,
    CallRequirement,
    CostType,
    Funder,
    FundingCall,
    FundingSource,
)
from .digest import DigestDelivery, DigestOptOut
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
    "DigestDelivery",
    "DigestOptOut",
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
