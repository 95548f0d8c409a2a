"""Moderation of pages: what the editor needs to know about the current review.

Wagtail's workflow keeps a moderator's « Request changes » as the rejected task state of a
workflow that needs changes; the edit view shows it to the editor as a banner
(`home/wagtail_hooks.py`) until the page is submitted again.
"""

from wagtail.models import Page, TaskState, WorkflowState


def pending_change_request(page: Page) -> TaskState | None:
    """The moderator's request for changes on ``page``, while it has not been resubmitted.

    The task state carries who asked (``finished_by``), when (``finished_at``) and the comment.
    Resubmitting resumes the workflow (no longer « needs changes »), cancelling ends it: either
    way there is nothing left to show.
    """
    state = (
        WorkflowState.objects.for_instance(page)
        .filter(status=WorkflowState.STATUS_NEEDS_CHANGES)
        .select_related("current_task_state__finished_by")
        .order_by("-created_at")
        .first()
    )
    if state is None or state.current_task_state is None:
        return None
    task_state = state.current_task_state
    return task_state if task_state.status == TaskState.STATUS_REJECTED else None
