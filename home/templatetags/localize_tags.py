"""The review panel of wagtail-localize's translation editor (home/localize)."""

from urllib.parse import urlencode

from django import template
from django.urls import reverse
from wagtail.admin.utils import get_user_display_name
from wagtail.models import Page, WorkflowState

from home.localize import permissions, services

register = template.Library()


@register.inclusion_tag("home/admin/translation_review.html", takes_context=True)
def translation_review(context, translation, instance) -> dict:
    """What changed in the source since the last sync, and the review of a translated page:
    submit it, or (moderators) approve it or request changes."""
    request = context["request"]
    user = request.user
    panel: dict = {"request": request, "translation": translation}
    change = services.source_change(translation)
    if change is not None:
        panel["change"] = change
        panel["source_language"] = translation.source.locale.get_display_name()
        synced, current = change.synced_revision, change.current_revision
        if synced is not None and current is not None and synced.pk != current.pk:
            panel["compare_url"] = reverse(
                "wagtailadmin_pages:revisions_compare",
                args=[change.page.pk, synced.pk, current.pk],
            )
        if permissions.can_sync(user, change.page):
            panel["sync_url"] = (
                reverse("wagtail_localize:update_translations", args=[translation.source_id])
                + "?"
                + urlencode({"next": request.get_full_path()})
            )
    if isinstance(instance, Page) and (workflow := instance.get_workflow()) is not None:
        state = instance.current_workflow_state
        panel.update(
            review_url=reverse("translation_review", args=[translation.pk]),
            workflow=workflow,
            state=state,
            in_review=state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS,
            submitted_by=get_user_display_name(state.requested_by) if state else "",
            needs_changes=state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES,
            can_submit=permissions.can_submit_for_review(user, instance),
            actions=_review_buttons(user, instance),
        )
    return panel


def _review_buttons(user, page: Page) -> list[tuple[str, str]]:
    """(action, label) for each workflow action, approval first; the panel has one comment
    field for all, so Wagtail's "Approve" and "Approve with comment" make one button."""
    labels: dict[str, str] = {}
    for name, label, _asks_comment in permissions.review_actions(user, page):
        labels.setdefault(name, label)
    return sorted(labels.items(), key=lambda item: item[0] != services.APPROVE)
