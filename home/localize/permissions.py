"""Who may translate, sync and moderate what: asked by every view of `home.localize`.

wagtail-localize asks one thing, the "Can submit translation" permission, and nothing about the
object; here the object's own rights count too: translating a page needs the right to edit it,
translating a snippet the right to add rows of its model (the funding catalogue's policy says
coordinators only), and syncing with "Publish immediately" the right to publish every
translation it would publish.
"""

from collections.abc import Iterable

from django.db.models import Model
from wagtail.models import DraftStateMixin, Page
from wagtail.permission_policies import ModelPermissionPolicy

from accounts import roles

SUBMIT_TRANSLATION = "wagtail_localize.submit_translation"


def _policy(instance: Model):
    viewset = getattr(type(instance), "snippet_viewset", None)
    if viewset is not None:
        return viewset.permission_policy
    return ModelPermissionPolicy(type(instance))


def can_translate(user, instance: Model) -> bool:
    """Start translations of ``instance`` (a page or a snippet) into other languages."""
    if not user.is_active or not user.has_perm(SUBMIT_TRANSLATION):
        return False
    if isinstance(instance, Page):
        return instance.permissions_for_user(user).can_edit()
    return _policy(instance).user_has_permission(user, "add")


def can_sync(user, instance: Model) -> bool:
    """Update the translations of ``instance`` from its current content."""
    if not user.is_active or not user.has_perm(SUBMIT_TRANSLATION):
        return False
    if isinstance(instance, Page):
        return instance.permissions_for_user(user).can_edit()
    return _policy(instance).user_has_permission(user, "change")


def can_publish(user, instance: Model) -> bool:
    """Make what a translation holds visible to visitors at once."""
    if isinstance(instance, Page):
        return instance.permissions_for_user(user).can_publish()
    action = "publish" if isinstance(instance, DraftStateMixin) else "change"
    return _policy(instance).user_has_permission(user, action)


def can_publish_all(user, instances: Iterable[Model]) -> bool:
    return all(can_publish(user, instance) for instance in instances)


def can_submit_for_review(user, page: Page) -> bool:
    """Send a translated page to the moderation workflow (or back to it after changes)."""
    permissions = page.permissions_for_user(user)
    return permissions.can_edit() and permissions.can_submit_for_moderation()


def review_actions(user, page: Page) -> list[tuple[str, str, bool]]:
    """The workflow actions ``user`` may take on ``page`` now: (name, label, asks a comment)."""
    task_state = page.current_workflow_task_state
    if task_state is None:
        return []
    return list(task_state.task.specific.get_actions(page, user))


def can_list_untranslated(user) -> bool:
    """See what of the directory and the catalogue is not translated yet: the coordinators
    (and superusers), who keep both."""
    return roles.is_coordinator(user)
