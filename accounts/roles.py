"""The platform's staff roles, held as Django groups.

Project leads, partners and funder reviewers are not groups: they follow from memberships
(of an experiment, of a funder), defined in the apps that own those objects.
"""

from django.utils.translation import gettext_lazy as _

COORDINATORS = "Coordination"
EDITORS = "Rédaction"
MODERATORS = "Relecture"
# A funder's staff (`FunderMembership.Role.STAFF`) reach the Wagtail admin to edit their funder's
# review processes; `funding.dossiers.services.sync_funder_staff_group` keeps the group in step
# with the memberships (coordinators do not add people to it by hand).
FUNDER_STAFF = "Équipes des financeurs"

GROUP_LABELS = {
    COORDINATORS: _("Coordinators of the cluster"),
    EDITORS: _("Editors"),
    MODERATORS: _("Moderators"),
    FUNDER_STAFF: _("Funders' staff"),
}


def in_group(user, name: str) -> bool:
    """True if the user is active and in the named group (superusers hold every role)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    cache = getattr(user, "_group_names_cache", None)
    if cache is None:
        cache = set(user.groups.values_list("name", flat=True))
        user._group_names_cache = cache
    return name in cache


def prime_group_names(users) -> None:
    """Fill the group cache of ``users`` (from their prefetched ``groups``), so that the role
    checks above cost no query per person in a batch job."""
    for user in users:
        if getattr(user, "is_authenticated", False):
            user._group_names_cache = {group.name for group in user.groups.all()}


def is_coordinator(user) -> bool:
    return in_group(user, COORDINATORS)


def is_editor(user) -> bool:
    return in_group(user, EDITORS)


def is_moderator(user) -> bool:
    return in_group(user, MODERATORS)
