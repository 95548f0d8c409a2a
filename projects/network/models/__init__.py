"""The cooperation network: themes, territories, organisations and working groups.

One module per entity (`themes`, `territories`, `organisations`, `requests`, `working_groups`)
and what they share (`common`). Import from `projects.network.models`: migrations name
`projects.network.models.canonical_only`.
"""

from projects.network.models.common import COUNTRY_HELP, canonical_only, free_slug
from projects.network.models.organisations import (
    Organisation,
    OrganisationMembership,
    OrganisationQuerySet,
)
from projects.network.models.requests import MembershipRequest, MembershipRequestQuerySet
from projects.network.models.territories import Territory, TerritoryQuerySet
from projects.network.models.themes import Theme
from projects.network.models.working_groups import WorkingGroup

__all__ = [
    "COUNTRY_HELP",
    "MembershipRequest",
    "MembershipRequestQuerySet",
    "Organisation",
    "OrganisationMembership",
    "OrganisationQuerySet",
    "Territory",
    "TerritoryQuerySet",
    "Theme",
    "WorkingGroup",
    "canonical_only",
    "free_slug",
]
