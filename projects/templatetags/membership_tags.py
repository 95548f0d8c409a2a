"""What the directory page of an organisation offers a signed-in visitor: ask to join (or the
pending request), or manage the members (`projects.network.permissions` decides)."""

from django import template

import projects.network.permissions as permissions
from projects.network.models import MembershipRequest

register = template.Library()


@register.simple_tag
def membership_state(user, organisation) -> dict:
    """``{"member", "can_manage", "pending", "can_ask"}`` for ``user`` and ``organisation``."""
    if not permissions.active(user):
        return {}
    member = permissions.is_member_of(user, organisation)
    pending = (
        not member
        and MembershipRequest.objects.pending()
        .filter(user=user, organisation=organisation)
        .exists()
    )
    return {
        "member": member,
        "can_manage": permissions.can_manage_members(user, organisation),
        "pending": pending,
        "can_ask": not member and not pending and permissions.can_ask_to_join(user, organisation),
    }
