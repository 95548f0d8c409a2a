"""Reports of abuse and their handling by the coordinators, who may hide a post."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

import projects.sharing.permissions as permissions
from accounts.models import User
from accounts.notifications import Message, notify
from projects.sharing.models import Conversation, SharingPost, SharingReport
from projects.sharing.services.common import (
    SharingError,
    _coordinators,
    organisation_members,
    post_url,
    report_url,
)


def report(
    *,
    by: User,
    post: SharingPost,
    reason: str,
    details: str = "",
    conversation: Conversation | None = None,
) -> SharingReport:
    """Someone reports a post, or a conversation they take part in; the coordinators are told."""
    if conversation is not None:
        if conversation.post_id != post.pk or not permissions.can_report_conversation(
            by, conversation
        ):
            raise PermissionDenied
    elif not permissions.can_report_post(by, post):
        raise PermissionDenied
    if reason not in SharingReport.Reason.values:
        raise ValidationError(_("Choose a reason."))
    with transaction.atomic():
        created = SharingReport.objects.create(
            post=post,
            conversation=conversation,
            reporter=by,
            reason=reason,
            details=(details or "").strip(),
        )

        def compose(user: User) -> Message:
            return Message(
                title=_("Report about “%(title)s”") % {"title": post.title},
                body=str(SharingReport.Reason(reason).label),
                url=report_url(created),
            )

        notify(_coordinators(), compose)
    return created


def take_report(report_: SharingReport, *, by: User) -> SharingReport:
    """A coordinator takes charge of a report (and may then read the conversation reported)."""
    if not permissions.can_moderate_sharing(by):
        raise PermissionDenied
    with transaction.atomic():
        locked = SharingReport.objects.select_for_update().get(pk=report_.pk)
        if not locked.is_open:
            raise SharingError(_("This report is closed."))
        locked.handled_by = by
        locked.taken_at = timezone.now()
        locked.save(update_fields=["handled_by", "taken_at"])
    return locked


def close_report(
    report_: SharingReport, *, by: User, outcome: str, note: str = ""
) -> SharingReport:
    """The coordinator handling a report closes it, hiding the post or not; the person who
    reported is told."""
    if not permissions.can_moderate_sharing(by):
        raise PermissionDenied
    if outcome not in SharingReport.Outcome.values:
        raise ValidationError(_("Choose an outcome."))
    note = (note or "").strip()
    if outcome == SharingReport.Outcome.HIDDEN and not note:
        raise ValidationError(_("Say why the post is hidden: its organisation will read it."))
    with transaction.atomic():
        locked = (
            SharingReport.objects.select_for_update(of=("self",))
            .select_related("post")
            .get(pk=report_.pk)
        )
        if not locked.is_open:
            raise SharingError(_("This report is closed."))
        if locked.handled_by_id not in (None, by.pk):
            raise SharingError(_("Another coordinator handles this report: take it over first."))
        if outcome == SharingReport.Outcome.HIDDEN and not locked.post.is_hidden:
            hide_post(locked.post, by=by, reason=note)
        now = timezone.now()
        locked.handled_by = by
        locked.taken_at = locked.taken_at or now
        locked.closed_at = now
        locked.outcome = outcome
        locked.note = note
        locked.save()

        def compose(user: User) -> Message:
            return Message(
                title=_("Your report about “%(title)s” was examined")
                % {"title": locked.post.title},
                body=str(SharingReport.Outcome(outcome).label),
                url=post_url(locked.post)
                if locked.post.is_on_board()
                else reverse("projects:sharing_board"),
            )

        if locked.reporter is not None:
            notify([locked.reporter], compose)
    return locked


def hide_post(post: SharingPost, *, by: User, reason: str) -> SharingPost:
    """A coordinator takes a post off the board; its organisation is told why."""
    if not permissions.can_moderate_sharing(by):
        raise PermissionDenied
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Say why the post is hidden: its organisation will read it."))
    with transaction.atomic():
        locked = SharingPost.objects.select_for_update().get(pk=post.pk)
        locked.hidden_at = timezone.now()
        locked.hidden_by = by
        locked.hidden_reason = reason
        locked.save(update_fields=["hidden_at", "hidden_by", "hidden_reason", "updated_at"])

        def compose(user: User) -> Message:
            return Message(
                title=_("Your post “%(title)s” was hidden by the coordinators")
                % {"title": locked.title},
                body=reason,
                url=post_url(locked),
            )

        notify(organisation_members([locked.organisation_id]), compose)
    return locked


def restore_post(post: SharingPost, *, by: User) -> SharingPost:
    """A coordinator puts a hidden post back."""
    if not permissions.can_moderate_sharing(by):
        raise PermissionDenied
    with transaction.atomic():
        locked = SharingPost.objects.select_for_update().get(pk=post.pk)
        locked.hidden_at = None
        locked.hidden_by = None
        locked.hidden_reason = ""
        locked.save(update_fields=["hidden_at", "hidden_by", "hidden_reason", "updated_at"])
    return locked
