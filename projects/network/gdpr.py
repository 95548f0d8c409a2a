"""The network's part of account deletion (see accounts/gdpr.py): memberships of organisations
are erased, since they grant the right to act for an organisation."""

from accounts.gdpr import register_eraser
from projects.network.models import OrganisationMembership


@register_eraser
def erase_memberships(user) -> None:
    OrganisationMembership.objects.filter(user=user).delete()
