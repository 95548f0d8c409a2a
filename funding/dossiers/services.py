"""Business events of funding dossiers: prepare, submit, review, decide, track a campaign.

Same guarantees as the experiment workflow (`projects.experiments.services`): a service never
receives the web request; transitions lock the dossier's row, check the permission themselves, run
the transition, save, write the audit record and notify the people concerned in one transaction.
Errors are `projects.experiments.services.WorkflowError`s, so that pages and the API answer them
alike (409 for "not possible now").
"""

from __future__ import annotations

import contextlib
import datetime
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django_fsm import can_proceed

import funding.dossiers.permissions as permissions
import funding.dossiers.snapshots as snapshots
import projects.experiments.services as experiment_services
from accounts import roles
from accounts.models import User
from accounts.notifications import Message, notify
from core.documents import check_upload
from funding.catalogue.models import CALL_TIMEZONE, CallRequirement, FundingCall
from funding.dossiers.models import (
    MAX_SCORE,
    ZERO,
    ApplicationAnswer,
    ApplicationDocument,
    ApplicationEvent,
    ApplicationMessage,
    ApplicationNote,
    ApplicationVersion,
    Campaign,
    FundingApplication,
    ReminderSent,
    Review,
    ReviewScore,
    VersionDocument,
)
from projects.experiments.models import Experiment, Requirement
from projects.experiments.services import (
    CommentRequired,
    ConditionsUnmet,
    TransitionNotPossible,
    UnknownTransition,
    WorkflowError,
)

State = FundingApplication.State

# Transitions in the order the UI lists them.
TRANSITIONS = (
    "submit",
    "start_review",
    "request_changes",
    "resubmit",
    "accept",
    "decline",
    "withdraw",
)

TRANSITION_LABELS = {
    "submit": gettext_lazy("Submit the dossier"),
    "start_review": gettext_lazy("Start the review"),
    "request_changes": pgettext_lazy("dossier transition", "Request changes"),
    "resubmit": gettext_lazy("Submit the changed dossier"),
    "accept": gettext_lazy("Accept"),
    "decline": gettext_lazy("Decline"),
    "withdraw": gettext_lazy("Withdraw the dossier"),
}

# Submitting creates a frozen version.
VERSIONING = {"submit", "resubmit"}


class DossierChanged(WorkflowError):
    """Someone changed the dossier since the user loaded it."""


class InvalidDecision(WorkflowError):
    """The decision's figures are wrong (granted amount above the request…)."""

    status = 400


class DocumentStorageError(Exception):
    """The file could not be stored; nothing was changed."""


# ---------------------------------------------------------------------- reading
def requirements_of(application: FundingApplication) -> list[CallRequirement]:
    """The call's questions and documents (prefetched ones when present)."""
    return list(application.call.requirements.all())


def closing_moment(call: FundingCall) -> datetime.datetime | None:
    """The call's closing moment (stored aware; shown and compared in Paris time)."""
    return dict(call.deadlines()).get("closing")


def deadline_gaps(
    application: FundingApplication, now: datetime.datetime | None = None
) -> list[Requirement]:
    """The call must be open: opened already, and not closed (closing moment, Paris time)."""
    now = now or timezone.now()
    call = application.call
    closes = closing_moment(call)
    if closes is not None and now >= closes:
        local = timezone.localtime(closes, CALL_TIMEZONE)
        return [
            Requirement(
                "deadline",
                _("The call closed on %(date)s at %(time)s (Paris time): it is too late to submit.")
                % {"date": date_format(local, "DATE_FORMAT"), "time": local.strftime("%H:%M")},
            )
        ]
    if call.opens_on and call.opens_on > timezone.localtime(now, CALL_TIMEZONE).date():
        return [
            Requirement(
                "not_open",
                _("The call opens on %(date)s: submit from that day on.")
                % {"date": date_format(call.opens_on, "DATE_FORMAT")},
            )
        ]
    return []


def checklist(application: FundingApplication) -> list[Requirement]:
    """What the dossier still lacks before it can be sent (answers, documents, amount)."""
    gaps = []
    if application.requested_amount is None or application.requested_amount <= 0:
        gaps.append(Requirement("amount", _("Give the amount you request.")))
    answered = {a.requirement_id for a in application.answers.all() if a.text.strip()}
    uploaded = {d.requirement_id for d in application.documents.all()}
    for requirement in requirements_of(application):
        if not requirement.required:
            continue
        if requirement.kind == CallRequirement.Kind.QUESTION and requirement.pk not in answered:
            gaps.append(
                Requirement(
                    f"question-{requirement.pk}",
                    _("Answer the question “%(label)s”.") % {"label": requirement.label},
                )
            )
        if requirement.kind == CallRequirement.Kind.DOCUMENT and requirement.pk not in uploaded:
            gaps.append(
                Requirement(
                    f"document-{requirement.pk}",
                    _("Add the document “%(label)s”.") % {"label": requirement.label},
                )
            )
    return gaps


def missing_for(application: FundingApplication, name: str) -> list[Requirement]:
    if name == "submit":
        return deadline_gaps(application) + checklist(application)
    if name == "resubmit":
        return checklist(application)
    return []


@dataclass
class TransitionInfo:
    """What the UI and the API show about one dossier transition for one user."""

    name: str
    label: str
    target: str
    possible: bool
    permitted: bool
    missing: list[Requirement] = field(default_factory=list)
    comment_required: bool = False
    override: bool = False

    @property
    def allowed(self) -> bool:
        return self.possible and self.permitted and not self.missing


def _target(name: str, state: str) -> str:
    transition = getattr(FundingApplication, name)._django_fsm.get_transition(state)
    return transition.target if transition else ""


def transitions_for(application: FundingApplication, user) -> list[TransitionInfo]:
    infos = []
    for name in TRANSITIONS:
        possible = can_proceed(getattr(application, name), check_conditions=False)
        infos.append(
            TransitionInfo(
                name=name,
                label=str(TRANSITION_LABELS[name]),
                target=_target(name, application.state),
                possible=possible,
                permitted=permissions.can_run_application_transition(user, application, name),
                missing=missing_for(application, name) if possible else [],
                comment_required=name in permissions.COMMENT_REQUIRED,
            )
        )
    return infos


# ---------------------------------------------------------------------- preparing
def _lead_default_amount(experiment: Experiment, call: FundingCall) -> Decimal:
    need = experiment.funding_gap
    if call.amount_max is not None:
        need = min(need, call.amount_max)
    return max(need, ZERO)


def start_application(experiment: Experiment, call: FundingCall, *, by: User) -> FundingApplication:
    """Open the experiment's draft for ``call``, or return the open dossier it already has."""
    if not permissions.can_start_application(by, experiment):
        raise PermissionDenied(_("Your role does not allow you to prepare a dossier."))
    call = FundingCall.objects.canonical().get(pk=call.pk)
    with transaction.atomic():
        Experiment.objects.select_for_update().get(pk=experiment.pk)
        existing = (
            FundingApplication.objects.filter(experiment=experiment, call=call)
            .exclude(state__in=FundingApplication.FINAL_STATES)
            .first()
        )
        if existing is not None:
            return existing
        return FundingApplication.objects.create(
            experiment=experiment,
            call=call,
            requested_amount=_lead_default_amount(experiment, call),
            created_by=by,
        )


def _require_editable(application: FundingApplication, by: User) -> None:
    if not permissions.can_edit_application(by, application):
        if not application.is_editable:
            raise TransitionNotPossible(
                _("This dossier cannot be changed while it is “%(state)s”.")
                % {"state": application.get_state_display()}
            )
        raise PermissionDenied(_("Your role does not allow you to change this dossier."))


def save_answers(
    application: FundingApplication,
    *,
    by: User,
    requested_amount: Decimal | None = None,
    answers: dict[int, str] | None = None,
) -> FundingApplication:
    """The lead's requested amount and answers to the call's questions (drafts are kept)."""
    with transaction.atomic():
        locked = FundingApplication.objects.select_for_update().get(pk=application.pk)
        _require_editable(locked, by)
        if requested_amount is not None:
            if requested_amount < 0:
                raise ValidationError(_("The amount cannot be negative."))
            locked.requested_amount = requested_amount
            locked.save(update_fields=["requested_amount", "updated_at"])
        questions = {
            r.pk for r in locked.call.requirements.all() if r.kind == CallRequirement.Kind.QUESTION
        }
        for requirement_id, text in (answers or {}).items():
            if requirement_id not in questions:
                raise ValidationError(_("This question is not one of the call's."))
            ApplicationAnswer.objects.update_or_create(
                application=locked,
                requirement_id=requirement_id,
                defaults={"text": (text or "").strip()},
            )
    return locked


def add_document(
    application: FundingApplication, *, by: User, requirement: CallRequirement, uploaded
) -> ApplicationDocument:
    """Store the file for one required document (replacing the previous one), checked on its
    real type; on any storage failure the dossier is left as it was."""
    _require_editable(application, by)
    if requirement.call_id != application.call_id or requirement.kind != "document":
        raise ValidationError(_("This document is not one the call asks for."))
    checked = check_upload(uploaded)
    uploaded.name = checked.name
    previous = ApplicationDocument.objects.filter(
        application=application, requirement=requirement
    ).first()
    document = previous or ApplicationDocument(application=application, requirement=requirement)
    old_name = previous.file.name if previous else ""
    document.original_name = checked.name
    document.content_type = checked.content_type
    document.size = checked.size
    document.uploaded_by = by
    try:
        with transaction.atomic():
            document.file.save(checked.name, uploaded, save=False)
            document.save()
    except Exception as error:
        with contextlib.suppress(Exception):
            if document.file.name and document.file.name != old_name:
                document.file.storage.delete(document.file.name)
        raise DocumentStorageError(str(error)) from error
    if old_name:
        # Submitted versions hold their own copies: the replaced file is no longer needed.
        with contextlib.suppress(Exception):
            document.file.storage.delete(old_name)
    return document


# ---------------------------------------------------------------------- transitions
def _create_version(application: FundingApplication, by: User) -> ApplicationVersion:
    """Freeze the dossier: snapshot, document copies, PDF (under the row lock)."""
    number = application.version_number + 1
    snapshot = snapshots.build_snapshot(application)
    now = timezone.now()
    version = ApplicationVersion(
        application=application, number=number, snapshot=snapshot, submitted_by=by, created_at=now
    )
    pdf = None
    if not snapshots.rendering_deferred():
        pdf = snapshots.render_pdf(snapshot, number=number, submitted_at=now)
    if pdf is not None:
        version.pdf.save(f"dossier-{application.pk}-v{number}.pdf", ContentFile(pdf), save=False)
    version.save()
    labels = {r.pk: r.label for r in requirements_of(application)}
    for document in application.documents.all():
        copy = VersionDocument(
            version=version,
            label=labels.get(document.requirement_id, ""),
            original_name=document.original_name,
            content_type=document.content_type,
            size=document.size,
        )
        with document.file.open("rb") as handle:
            copy.file.save(document.original_name, ContentFile(handle.read()), save=False)
        copy.save()
    application.version_number = number
    return version


def _parse_amount(value) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        return Decimal(str(value)).quantize(Decimal("0.01"))
    except (InvalidOperation, ValueError):
        raise InvalidDecision(_("Give the granted amount as a number.")) from None


def run_transition(
    application: FundingApplication,
    name: str,
    *,
    by: User,
    comment: str = "",
    expected_state: str | None = None,
    granted_amount=None,
    conditions: str = "",
) -> FundingApplication:
    """Run one transition of a dossier as ``by``; returns the dossier in its new state.

    ``expected_state`` is the state the user saw: if the dossier moved meanwhile (another
    reviewer decided first), the transition is refused rather than applied to a state the user
    did not see.
    """
    if name not in TRANSITIONS:
        raise UnknownTransition(_("There is no such action."))
    comment = (comment or "").strip()
    with transaction.atomic():
        locked = FundingApplication.objects.select_for_update().get(pk=application.pk)
        # The role first (it does not depend on the state): someone without it learns nothing
        # about the dossier's state from the answer.
        if not permissions.can_run_application_transition(by, locked, name):
            raise PermissionDenied(_("Your role does not allow this action."))
        if expected_state and locked.state != expected_state:
            raise DossierChanged(
                _("The dossier changed since you opened it: reload the page and try again.")
            )
        method = getattr(locked, name)
        if not can_proceed(method, check_conditions=False):
            raise TransitionNotPossible(
                _("This action is not possible while the dossier is “%(state)s”.")
                % {"state": locked.get_state_display()}
            )
        missing = missing_for(locked, name)
        if missing:
            message = (
                missing[0].message
                if missing[0].code in {"deadline", "not_open"}
                else _("The dossier is not complete yet.")
            )
            raise ConditionsUnmet(str(message), missing)
        if name in permissions.COMMENT_REQUIRED and not comment:
            raise CommentRequired(_("Please explain this decision in a comment."))
        if name == "accept":
            amount = _parse_amount(granted_amount)
            if amount is None:
                amount = locked.requested_amount
            if amount < 0 or amount > locked.requested_amount:
                raise InvalidDecision(
                    _("The granted amount must be between 0 and the requested %(amount)s €.")
                    % {"amount": number_format(locked.requested_amount, 2, force_grouping=True)}
                )
            locked.granted_amount = amount
            locked.conditions = (conditions or "").strip()
        if name == "decline":
            locked.decision_reason = comment
        from_state = locked.state
        method()
        if name in VERSIONING:
            _create_version(locked, by)
        locked.save()
        event = ApplicationEvent.objects.create(
            application=locked,
            actor=by,
            transition=name,
            from_state=from_state,
            to_state=locked.state,
            comment=comment,
        )
        if name == "accept":
            refresh_secured_funding(locked.experiment)
        _notify_transition(locked, event)
    return locked


# ---------------------------------------------------------------------- people and links
def lead_url(application: FundingApplication) -> str:
    return reverse(
        "funding:dossier", kwargs={"pk": application.experiment_id, "dossier_pk": application.pk}
    )


def funder_url(application: FundingApplication) -> str:
    return reverse("funding:review_dossier", kwargs={"pk": application.pk})


def reviewers_of(application: FundingApplication):
    return User.objects.filter(
        funder_memberships__funder_id=application.funder_id, is_active=True
    ).distinct()


def experiment_people(application: FundingApplication, *, coordinators: bool):
    members = Q(experiment_memberships__experiment_id=application.experiment_id)
    if coordinators:
        members |= Q(groups__name=roles.COORDINATORS)
    return User.objects.filter(members, is_active=True).distinct()


def _notify_transition(application: FundingApplication, event: ApplicationEvent) -> None:
    name = event.transition
    actor = event.actor
    # Addresses are reversed in each recipient's language (inside `compose`).
    if name in VERSIONING or (name == "withdraw" and application.version_number > 0):
        recipients, url = reviewers_of(application), funder_url
    elif name in {"request_changes", "accept", "decline"}:
        recipients, url = experiment_people(application, coordinators=True), lead_url
    elif name == "start_review":
        recipients, url = experiment_people(application, coordinators=False), lead_url
    else:
        return

    def compose(user: User) -> Message:
        state = State(event.to_state).label
        body = _("%(actor)s: %(action)s.") % {
            "actor": actor.get_full_name() if actor else _("The platform"),
            "action": TRANSITION_LABELS[name],
        }
        if name == "accept" and application.granted_amount is not None:
            body += "\n\n" + _("Granted amount: %(amount)s €") % {
                "amount": number_format(application.granted_amount, 2, force_grouping=True)
            }
        if event.comment:
            body += "\n\n" + _("Comment: %(comment)s") % {"comment": event.comment}
        return Message(
            title=_("Dossier “%(experiment)s” for “%(call)s” is now %(state)s")
            % {
                "experiment": application.experiment.title,
                "call": application.call.name,
                "state": state,
            },
            body=body,
            url=url(application),
        )

    notify([u for u in recipients if actor is None or u.pk != actor.pk], compose)


# ---------------------------------------------------------------------- messages and notes
def post_message(application: FundingApplication, *, by: User, body: str) -> ApplicationMessage:
    """A message between the experiment's people and the funder's reviewers; the other side
    is told."""
    if not permissions.can_write_message(by, application):
        raise PermissionDenied
    body = (body or "").strip()
    if not body:
        raise ValidationError(_("The message is empty."))
    from_funder = permissions.reviews_for(by, application)
    with transaction.atomic():
        message = ApplicationMessage.objects.create(
            application=application, author=by, from_funder=from_funder, body=body
        )
        if from_funder:
            recipients, page = experiment_people(application, coordinators=False), lead_url
        else:
            recipients, page = reviewers_of(application), funder_url

        def compose(user: User) -> Message:
            return Message(
                title=_("New message about the dossier “%(experiment)s”")
                % {"experiment": application.experiment.title},
                body=f"{by.get_full_name()}: {body[:500]}",
                url=page(application) + "#messages",
            )

        notify([u for u in recipients if u.pk != by.pk], compose)
    return message


def add_note(application: FundingApplication, *, by: User, body: str) -> ApplicationNote:
    """A note internal to the funder's reviewers."""
    if not permissions.can_use_notes(by, application):
        raise PermissionDenied
    body = (body or "").strip()
    if not body:
        raise ValidationError(_("The note is empty."))
    return ApplicationNote.objects.create(application=application, author=by, body=body)


# ---------------------------------------------------------------------- review
def save_review(
    application: FundingApplication,
    *,
    by: User,
    scores: dict[int, tuple[int, str]],
    comment: str = "",
) -> Review:
    """A reviewer's scores (0 to 5, with comments) on the call's criteria; scoring again
    replaces their previous scores."""
    if not permissions.reviews_for(by, application):
        raise PermissionDenied
    if not permissions.can_review(by, application):
        raise TransitionNotPossible(
            _("Scores are given while the dossier is under review (now “%(state)s”).")
            % {"state": application.get_state_display()}
        )
    criteria = {c.pk for c in application.call.criteria.all()}
    if not scores:
        raise ValidationError(_("Give at least one score."))
    for criterion_id, (score, _comment) in scores.items():
        if criterion_id not in criteria:
            raise ValidationError(_("This criterion is not one of the call's."))
        if not isinstance(score, int) or not 0 <= score <= MAX_SCORE:
            raise ValidationError(_("Scores go from 0 to 5."))
    with transaction.atomic():
        review, _created = Review.objects.update_or_create(
            application=application, reviewer=by, defaults={"comment": (comment or "").strip()}
        )
        for criterion_id, (score, note) in scores.items():
            ReviewScore.objects.update_or_create(
                review=review,
                criterion_id=criterion_id,
                defaults={"score": score, "comment": (note or "").strip()},
            )
    return review


@dataclass
class CriterionSummary:
    label: str
    weight: int
    average: Decimal | None
    scores: list = field(default_factory=list)  # ReviewScore, one per reviewer


@dataclass
class ReviewSummary:
    """Per-criterion averages and the weighted average over every reviewer's scores."""

    criteria: list[CriterionSummary]
    weighted_average: Decimal | None
    reviewers: int


def review_summary(application: FundingApplication, criteria=None, reviews=None) -> ReviewSummary:
    """Reads prefetched ``criteria`` and ``reviews__scores`` when present."""
    criteria = list(criteria if criteria is not None else application.call.criteria.all())
    reviews = list(reviews if reviews is not None else application.reviews.all())
    by_criterion: dict[int, list] = {c.pk: [] for c in criteria}
    for review in reviews:
        for score in review.scores.all():
            by_criterion.setdefault(score.criterion_id, []).append(score)
    summaries, total, weights = [], Decimal(0), 0
    for criterion in criteria:
        found = by_criterion.get(criterion.pk, [])
        average = None
        if found:
            average = Decimal(sum(s.score for s in found)) / len(found)
            total += Decimal(sum(s.score for s in found)) * criterion.weight
            weights += criterion.weight * len(found)
        summaries.append(CriterionSummary(criterion.label, criterion.weight, average, scores=found))
    weighted = (total / weights).quantize(Decimal("0.01")) if weights else None
    return ReviewSummary(summaries, weighted, len(reviews))


# ---------------------------------------------------------------------- funding secured
def secured_funding_of(experiment: Experiment) -> Decimal:
    """Granted amounts of accepted dossiers (crowdfunding: what their campaigns secured)."""
    total = ZERO
    accepted = FundingApplication.objects.filter(
        experiment=experiment, state=State.ACCEPTED
    ).select_related("call", "campaign")
    for application in accepted:
        if application.is_crowdfunding:
            campaign = getattr(application, "campaign", None)
            total += campaign.secured if campaign else ZERO
        else:
            total += application.granted_amount or ZERO
    return total


def refresh_secured_funding(experiment: Experiment) -> Decimal:
    amount = secured_funding_of(experiment)
    experiment_services.record_secured_funding(experiment, amount)
    return amount


def update_campaign(
    application: FundingApplication,
    *,
    by: User,
    goal: Decimal,
    pledged: Decimal,
    ends_on: datetime.date,
    all_or_nothing: bool | None = None,
) -> Campaign:
    """The lead or the platform's reviewer records where the campaign stands; the experiment's
    secured funding follows."""
    if not permissions.can_update_campaign(by, application):
        raise PermissionDenied
    if goal <= 0 or pledged < 0:
        raise ValidationError(_("The goal must be above zero and the pledges not negative."))
    with transaction.atomic():
        FundingApplication.objects.select_for_update().get(pk=application.pk)
        campaign = Campaign.objects.filter(application=application).first() or Campaign(
            application=application, all_or_nothing=application.call.all_or_nothing
        )
        campaign.goal, campaign.pledged, campaign.ends_on = goal, pledged, ends_on
        if all_or_nothing is not None:
            campaign.all_or_nothing = all_or_nothing
        campaign.updated_by = by
        campaign.save()
        application.campaign = campaign
        refresh_secured_funding(application.experiment)
    return campaign


# ---------------------------------------------------------------------- reminders
REMINDERS = (("7d", datetime.timedelta(days=7)), ("1d", datetime.timedelta(days=1)))


def send_reminders(now: datetime.datetime | None = None) -> int:
    """Remind the leads of drafts whose call closes within 7 days, then within 1 day; each
    reminder once per deadline (a moved deadline is reminded again). Returns how many."""
    now = now or timezone.now()
    drafts = (
        FundingApplication.objects.filter(
            state=State.DRAFT,
            call__closes_at__gt=now,
            call__closes_at__lte=now + REMINDERS[0][1],
        )
        .select_related("experiment", "call")
        .order_by("pk")
    )
    sent = 0
    for application in drafts:
        closes = application.call.closes_at
        left = closes - now
        kind = next(k for k, delay in reversed(REMINDERS) if left <= delay)
        with transaction.atomic():
            _reminder, created = ReminderSent.objects.get_or_create(
                application=application, kind=kind, deadline=closes
            )
            if not created:
                continue
            leads = User.objects.filter(
                experiment_memberships__experiment_id=application.experiment_id,
                experiment_memberships__role="lead",
            )
            local = timezone.localtime(closes, CALL_TIMEZONE)

            def compose(user: User, application=application, local=local) -> Message:
                return Message(
                    title=_("The call “%(call)s” closes on %(date)s")
                    % {"call": application.call.name, "date": date_format(local, "DATE_FORMAT")},
                    body=_(
                        "Your dossier for “%(experiment)s” is still a draft. Submit it before "
                        "%(time)s (Paris time) on %(date)s."
                    )
                    % {
                        "experiment": application.experiment.title,
                        "time": local.strftime("%H:%M"),
                        "date": date_format(local, "DATE_FORMAT"),
                    },
                    url=lead_url(application),
                )

            notify(leads, compose)
            sent += 1
    return sent


# ---------------------------------------------------------------------- the state diagram
def diagrams() -> dict[str, str]:
    """The dossier workflow for docs/workflow.md (`WORKFLOW_DIAGRAMS` setting)."""
    from core.diagram import mermaid

    roles_of = dict.fromkeys(permissions.LEAD_TRANSITIONS, "lead")
    roles_of.update(dict.fromkeys(permissions.REVIEWER_TRANSITIONS, "funder's reviewer"))
    return {"dossier": mermaid(FundingApplication, list(TRANSITIONS), roles_of, "draft")}
