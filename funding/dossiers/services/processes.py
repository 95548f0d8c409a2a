"""How a funder reviews, as its staff keep it in the admin: copying a review process (a shipped
preset, usually) for a funder, and the admin access that staff membership brings.

A funder's staff reach the Wagtail admin through the « Funders' staff » group
(`accounts.roles.FUNDER_STAFF`); `sync_funder_staff_group` puts a person in it while they are
staff of at least one funder and takes them out otherwise. It runs whenever a `FunderMembership`
is saved or deleted (`funding.dossiers.signals`), so the group never needs editing by hand.
"""

from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

import funding.dossiers.permissions as permissions
from accounts import roles
from accounts.models import User
from funding.catalogue.models import Funder
from funding.dossiers.models import FunderMembership, ReviewProcess, ReviewStage


def copy_review_process(
    process: ReviewProcess, *, funder: Funder, name: str, by: User
) -> ReviewProcess:
    """A new process of ``funder`` with a copy of the stages of ``process`` (a preset, or
    another process ``by`` may read), for every call of the funder until its staff narrow it."""
    if not permissions.can_view_review_process(by, process):
        raise PermissionDenied
    copy = ReviewProcess(funder=funder, name=(name or "").strip(), language=process.language)
    if not permissions.can_edit_review_process(by, copy):
        raise PermissionDenied
    if not copy.name:
        raise ValidationError({"name": _("Give the new process a name.")})
    with transaction.atomic():
        copy.save()
        ReviewStage.objects.bulk_create(
            ReviewStage(
                process=copy,
                sort_order=order,
                **{field: getattr(stage, field) for field in ReviewStage.RULES},
            )
            for order, stage in enumerate(process.stages.all())
        )
    return copy


def funder_staff_group() -> Group:
    """The « Funders' staff » group, with its access to the admin (made here if the groups were
    not set up yet: `home.setup.ensure_groups` adds the rest of its permissions)."""
    group, created = Group.objects.get_or_create(name=roles.FUNDER_STAFF)
    if created:
        access = Permission.objects.filter(
            content_type__app_label="wagtailadmin", codename="access_admin"
        ).first()
        if access is not None:
            group.permissions.add(access)
    return group


def sync_funder_staff_group(user: User) -> bool:
    """Put ``user`` in the « Funders' staff » group while they are staff of a funder, take them
    out otherwise; returns whether they are in it."""
    is_staff = FunderMembership.objects.filter(user=user, role=FunderMembership.Role.STAFF).exists()
    group = funder_staff_group()
    if is_staff:
        user.groups.add(group)
    else:
        user.groups.remove(group)
    # The request's caches of roles and groups no longer hold.
    for cache in ("_group_names_cache", "_funder_roles"):
        if hasattr(user, cache):
            delattr(user, cache)
    return is_staff
