"""The staff groups of the platform and their permissions, created idempotently."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from wagtail.models import Site

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


# The address the first migration gives the default site, before anyone chose one.
PLACEHOLDER_SITE_ADDRESS = ("localhost", 80)


def ensure_default_site_address(site_url: str | None = None) -> Site | None:
    """Point the placeholder default site at ``SITE_URL``, the site's public address.

    Absolute links (canonical URLs, Open Graph, sitemap, robots.txt) come from the Wagtail site's
    hostname and port. A site an administrator configured is left alone.
    """
    site = Site.objects.filter(is_default_site=True).first()
    if site is None or (site.hostname, site.port) != PLACEHOLDER_SITE_ADDRESS:
        return site
    parts = urlsplit(site_url or settings.SITE_URL)
    if not parts.hostname:
        return site
    port = parts.port or (443 if parts.scheme == "https" else 80)
    if (parts.hostname, port) != PLACEHOLDER_SITE_ADDRESS:
        site.hostname, site.port = parts.hostname, port
        site.save(update_fields=["hostname", "port"])
    return site
