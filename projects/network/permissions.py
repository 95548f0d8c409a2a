"""Who acts for which organisation of the network: the one place the other areas ask.

Members of organisations (people with an `OrganisationMembership`) act on behalf of their
organisations; everyone else acts for none.
"""

from accounts.roles import is_coordinator
from projects.network.models import OrganisationMembership


def active(user) -> bool:
    return getattr(user, "is_authenticated", False) and user.is_active


def organisation_ids(user) -> frozenset[int]:
    """The organisations ``user`` acts for (cached on the user object for the request)."""
    if not active(user):
        return frozenset()
    cached = getattr(user, "_sharing_organisation_ids", None)
    if cached is None:
        cached = frozenset(
            OrganisationMembership.objects.filter(user=user).values_list(
                "organisation_id", flat=True
            )
        )
        user._sharing_organisation_ids = cached
    return cached


def is_organisation_member(user) -> bool:
    """Acts on behalf of at least one organisation of the directory."""
    return bool(organisation_ids(user))


# ---------------------------------------------------------------------- identity of organisations
def can_verify_organisations(user) -> bool:
    """Marks organisations verified and withdraws it: the coordinators of the cluster."""
    return is_coordinator(user)


def can_look_up_register(user) -> bool:
    """Fills an organisation's fields from the register of companies in the admin."""
    return can_verify_organisations(user)
