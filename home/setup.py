"""The staff groups of the platform and their permissions, created idempotently."""

from django.contrib.auth.models import Group, Permission

from accounts import roles

# Permissions each group needs at least; an administrator may add more, never lose these.
GROUP_PERMISSIONS: dict[str, list[tuple[str, str]]] = {
    roles.COORDINATORS: [("wagtailadmin", "access_admin")],
    roles.EDITORS: [("wagtailadmin", "access_admin")],
    roles.MODERATORS: [("wagtailadmin", "access_admin")],
}


def ensure_groups() -> dict[str, Group]:
    """Create the role groups and give them their base permissions."""
    groups = {}
    for name, perms in GROUP_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=name)
        for app_label, codename in perms:
            permission = Permission.objects.filter(
                content_type__app_label=app_label, codename=codename
            ).first()
            if permission is not None:
                group.permissions.add(permission)
        groups[name] = group
    return groups
