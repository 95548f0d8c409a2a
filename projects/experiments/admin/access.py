"""Who reaches the coordinators' pipeline in the admin, and the plain 403 of everyone else.

Wagtail admits anyone with admin access (editors and moderators too) and turns PermissionDenied
into a redirect to the dashboard; the pipeline's views (and the funding matrix) answer a plain
403 instead, so that a refusal is a refusal.
"""

from collections.abc import Callable
from functools import wraps

from django.db.models import Q
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from wagtail.permission_policies.base import BasePermissionPolicy

import projects.experiments.permissions as permissions
from accounts import roles
from accounts.models import User


class PipelinePermissionPolicy(BasePermissionPolicy):
    """What the admin lets a user do with experiments, answered by
    `projects.experiments.permissions`.

    Coordinators view and change experiments; nobody adds or deletes them here (ideas are
    proposed by their leads, and experiments end through the workflow, keeping their audit).
    """

    actions = frozenset({"view", "change"})

    def user_has_permission(self, user, action) -> bool:
        return action in self.actions and permissions.can_steer_pipeline(user)

    def user_has_any_permission(self, user, actions) -> bool:
        return any(self.user_has_permission(user, action) for action in actions)

    def user_has_permission_for_instance(self, user, action, instance) -> bool:
        if action == "change":
            return permissions.can_steer_pipeline(user) and permissions.can_edit(user, instance)
        return self.user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        if not self.actions & set(actions):
            return User.objects.none()
        return User.objects.filter(
            Q(is_superuser=True) | Q(groups__name=roles.COORDINATORS), is_active=True
        ).distinct()


def forbidden(request, message: str = "") -> TemplateResponse:
    """The admin's 403 page (Wagtail itself would redirect to the dashboard)."""
    return TemplateResponse(
        request,
        "projects/admin/forbidden.html",
        {
            "page_title": _("Access denied"),
            "header_title": _("Access denied"),
            "message": message or _("This part of the admin is for the coordinators."),
        },
        status=403,
    )


def pipeline_access(view_func: Callable) -> Callable:
    """Let only the people who steer the pipeline reach a view; 403 for everyone else."""

    @wraps(view_func)
    def wrapped(request, *args, **kwargs):
        if not permissions.can_steer_pipeline(request.user):
            return forbidden(request)
        return view_func(request, *args, **kwargs)

    return wrapped
