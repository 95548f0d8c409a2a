"""Who acts for which organisation of the network: the one place the other areas ask.

Members of organisations (people with an `OrganisationMembership`) act on behalf of their
organisations; everyone else acts for none. An organisation's administrators manage its
members and decide on requests to join; the coordinators do so for every organisation, and alone
for one that has no administrator yet.
"""

from accounts import roles
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


# ---------------------------------------------------------------------- organisations' members
def admin_organisation_ids(user) -> frozenset[int]:
    """The organisations ``user`` administers (cached on the user object for the request)."""
    if not active(user):
        return frozenset()
    cached = getattr(user, "_admin_organisation_ids", None)
    if cached is None:
        cached = frozenset(
            OrganisationMembership.objects.filter(
                user=user, role=OrganisationMembership.Role.ADMIN
            ).values_list("organisation_id", flat=True)
        )
        user._admin_organisation_ids = cached
    return cached


def is_member_of(user, organisation) -> bool:
    return organisation.pk in organisation_ids(user)


def is_admin_of(user, organisation) -> bool:
    return organisation.pk in admin_organisation_ids(user)


def has_admin(organisation) -> bool:
    return OrganisationMembership.objects.filter(
        organisation=organisation, role=OrganisationMembership.Role.ADMIN
    ).exists()


def can_manage_members(user, organisation) -> bool:
    """Open the members page, change roles, remove members, invite: its administrators and the
    coordinators."""
    return active(user) and (is_admin_of(user, organisation) or roles.is_coordinator(user))


def can_decide_requests(user, organisation) -> bool:
    """Approve or decline requests to join: its administrators, or the coordinators (who decide
    alone for an organisation without administrators, and may step in for the others)."""
    return can_manage_members(user, organisation)


def can_ask_to_join(user, organisation) -> bool:
    """Any active signed-in person who does not act for it yet."""
    return active(user) and not is_member_of(user, organisation)


def can_create_organisation(user) -> bool:
    return active(user)


# ---------------------------------------------------------------------- identity of organisations
def can_verify_organisations(user) -> bool:
    """Marks organisations verified and withdraws it: the coordinators of the cluster."""
    return roles.is_coordinator(user)


def can_look_up_register(user) -> bool:
    """Fills an organisation's fields from the register of companies in the admin."""
    return can_verify_organisations(user)
