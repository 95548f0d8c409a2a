"""Funding models (re-exports only): the catalogue of funders, sources and calls, its page."""

from .catalogue import (
    AidType,
    CallRequirement,
    CostType,
    Funder,
    FundingCall,
    FundingSource,
)
from .pages import FundingCatalogPage

__all__ = [
    "AidType",
    "CallRequirement",
    "CostType",
    "Funder",
    "FundingCall",
    "FundingCatalogPage",
    "FundingSource",
]
