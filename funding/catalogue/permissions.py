"""Who may do what with the funding catalogue: the one place the admin and the views ask.

Coordinators of the cluster (and superusers) keep the catalogue of funders, sources and calls;
editors and moderators publish editorial pages, never funding rules. Everyone, signed in or not,
reads the catalogue.
"""

from accounts import roles


def can_manage_catalogue(user) -> bool:
    """Add, change, delete and translate funders, sources and calls in the admin."""
    return roles.is_coordinator(user)


def can_view_catalogue(user) -> bool:
    """Read the public catalogue and its API: everyone."""
    return True
