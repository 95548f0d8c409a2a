"""Funding models (re-exports only): the catalogue of funders, sources and calls, its page,
the dossiers sent to calls with their review, and the weekly digest's log."""

from funding.catalogue.models import (
    AidType,
    CallRequirement,
    CostType,
    Funder,
    FundingCall,
    FundingSource,
)
from funding.catalogue.pages import FundingCatalogPage
from funding.dossiers.models import (
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
from funding.matching.models import CallWatch, DigestDelivery, DigestOptOut

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
    "CallWatch",
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
