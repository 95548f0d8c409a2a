"""The cooperation network and the experiment workflow (re-exports only)."""

from .taxonomy import (
    Organisation,
    OrganisationMembership,
    Territory,
    Theme,
    WorkingGroup,
)

__all__ = [
    "Organisation",
    "OrganisationMembership",
    "Territory",
    "Theme",
    "WorkingGroup",
]
