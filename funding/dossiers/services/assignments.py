"""Reviewers assigned to a dossier: assign with a due date, remove, declare a conflict of
interest, and the reminders of the reviews still due.

The funder's staff assign people of their funder (any role) to the dossier's current stage (its
first stage when the dossier is not taken up yet). A reviewer sees only the dossiers assigned to
them; one who declares a conflict of interest leaves the dossier at once: their assignment stays
as the record of it, their reviews of the dossier are removed, the staff are told.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

import funding.dossiers.permissions as permissions
from accounts.models import User
from accounts.notifications import Message, notify
from core.workflow import TransitionNotPossible
from funding.dossiers.models import FunderMembership, FundingApplication, ReviewAssignment
from funding.dossiers.services.people import funder_url, staff_of
from funding.dossiers.services.stages import freeze_stages

# A reminder goes out when the due date is this close, then every day once it has passed.
REMINDER_LEAD = datetime.timedelta(days=3)


def _locked(application: FundingApplication) -> FundingApplication:
    return FundingApplication.objects.select_for_update().get(pk=application.pk)


def assignable_people(application: FundingApplication):
    """The funder's people the staff may assign (everyone of the funder but themselves is
    fine: staff may assign another staff member)."""
    return (
        User.objects.filter(
            funder_memberships__funder_id=application.funder_id,
            is_active=True,
        )
        .distinct()
        .order_by("full_name", "email")
    )


def assign_reviewer(
    application: FundingApplication,
    *,
    by: User,
    reviewer: User,
    due_on: datetime.date | None = None,
) -> ReviewAssignment:
    """Assign ``reviewer`` to the dossier's current stage, with an optional due date."""
    if not permissions.can_assign(by, application):
        raise PermissionDenied
    if not FunderMembership.objects.filter(user=reviewer, funder_id=application.funder_id).exists():
        raise ValidationError(_("Only the funder's people can review its dossiers."))
    if due_on is not None and due_on < timezone.localdate():
        raise ValidationError(_("The due date cannot be in the past."))
    with transaction.atomic():
        locked = _locked(application)
        if locked.state not in {"submitted", "under_review"}:
            raise TransitionNotPossible(
                _("Reviewers are assigned before the decision (the dossier is now “%(state)s”).")
                % {"state": locked.get_state_display()}
            )
        stages = freeze_stages(locked)
        stage = next((s for s in stages if s.pk == locked.stage_id), stages[0])
        previous = ReviewAssignment.objects.filter(stage=stage, reviewer=reviewer).first()
        if previous is not None and not previous.active:
            raise ValidationError(
                _("%(name)s declared a conflict of interest with this dossier.")
                % {"name": reviewer.get_full_name()}
            )
        if previous is not None:
            raise ValidationError(
                _("%(name)s is already assigned at this stage.")
                % {"name": reviewer.get_full_name()}
            )
        try:
            with transaction.atomic():
                assignment = ReviewAssignment.objects.create(
                    application=locked,
                    stage=stage,
                    reviewer=reviewer,
                    due_on=due_on,
                    assigned_by=by,
                )
        except IntegrityError:
            raise ValidationError(_("This person is already assigned at this stage.")) from None

        def compose(user: User) -> Message:
            body = _("You are asked to review this dossier.")
            if due_on:
                body += " " + _("Your review is due on %(date)s.") % {
                    "date": date_format(due_on, "DATE_FORMAT")
                }
            return Message(
                title=_("Dossier to review: “%(experiment)s”")
                % {"experiment": application.experiment.title},
                body=body,
                url=funder_url(application),
            )

        if reviewer.pk != by.pk:
            notify([reviewer], compose)
    return assignment


def remove_assignment(assignment: ReviewAssignment, *, by: User) -> None:
    """The staff take a reviewer off a dossier (their review, if any, stays in the history)."""
    application = assignment.application
    if not permissions.can_assign(by, application):
        raise PermissionDenied
    if not assignment.active:
        raise ValidationError(_("This reviewer already left the dossier."))
    assignment.delete()


def declare_conflict(application: FundingApplication, *, by: User, reason: str) -> None:
    """The reviewer leaves the dossier for a conflict of interest (its reason is required)."""
    if not permissions.can_declare_conflict(by, application):
        raise PermissionDenied
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Say briefly what the conflict of interest is."))
    now = timezone.now()
    with transaction.atomic():
        _locked(application)
        ReviewAssignment.objects.filter(
            application=application, reviewer=by, conflict_declared_at__isnull=True
        ).update(conflict_declared_at=now, conflict_reason=reason)
        application.reviews.filter(reviewer=by).delete()

        def compose(user: User) -> Message:
            return Message(
                title=_("Conflict of interest on “%(experiment)s”")
                % {"experiment": application.experiment.title},
                body=_("%(name)s left the dossier: %(reason)s")
                % {"name": by.get_full_name(), "reason": reason},
                url=funder_url(application),
            )

        notify([u for u in staff_of(application) if u.pk != by.pk], compose)


def due_assignments(today: datetime.date):
    """Active assignments at the dossier's current stage, under review, whose review is not
    complete, due within `REMINDER_LEAD` or overdue, not reminded today."""
    return (
        ReviewAssignment.objects.filter(
            conflict_declared_at__isnull=True,
            due_on__isnull=False,
            due_on__lte=today + REMINDER_LEAD,
            application__state="under_review",
        )
        .exclude(reminded_on=today)
        .select_related("application__experiment", "stage", "reviewer")
        .prefetch_related("stage__reviews")
    )


def send_review_reminders(today: datetime.date | None = None) -> int:
    """Remind the reviewers whose review is due soon or late; returns how many were sent."""
    today = today or timezone.localdate()
    sent = 0
    for assignment in due_assignments(today):
        application = assignment.application
        if application.stage_id != assignment.stage_id:
            continue
        if any(
            r.reviewer_id == assignment.reviewer_id and r.complete
            for r in assignment.stage.reviews.all()
        ):
            continue

        def compose(user: User, assignment=assignment, application=application) -> Message:
            late = assignment.due_on < today
            return Message(
                title=(
                    _("Late review: “%(experiment)s”")
                    if late
                    else _("Review due soon: “%(experiment)s”")
                )
                % {"experiment": application.experiment.title},
                body=_("Your review is due on %(date)s.")
                % {"date": date_format(assignment.due_on, "DATE_FORMAT")},
                url=funder_url(application),
            )

        notify([assignment.reviewer], compose)
        ReviewAssignment.objects.filter(pk=assignment.pk).update(reminded_on=today)
        sent += 1
    return sent
