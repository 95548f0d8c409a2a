"""Business events of the experiment workflow.

A service never receives the web request. Transitions lock the experiment's row, check the
permission themselves (django-fsm does not), run the transition, save, write the audit record and
notify the people concerned — all in one transaction; e-mails leave after it commits.
"""

import contextlib
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_fsm import can_proceed, has_transition_perm

import projects.experiments.permissions as permissions
from accounts import roles
from accounts.models import User
from accounts.notifications import Message, notify
from core.documents import check_upload
from projects.experiments.models import (
    Experiment,
    ExperimentComment,
    ExperimentDocument,
    ExperimentEvent,
    ExperimentMember,
    ExperimentPartner,
    Invitation,
    Requirement,
)
from projects.network.models import Organisation, OrganisationMembership

# Transitions in the order the UI lists them.
TRANSITIONS = (
    "accept_idea",
    "decline_idea",
    "formalise",
    "reopen",
    "seek_funding",
    "mark_funded",
    "launch",
    "capitalise",
    "abandon",
)

TRANSITION_LABELS = {
    "accept_idea": gettext_lazy("Accept the idea"),
    "decline_idea": gettext_lazy("Decline the idea"),
    "formalise": gettext_lazy("Declare the sheet complete"),
    "reopen": gettext_lazy("Reopen the sheet"),
    "seek_funding": gettext_lazy("Start seeking funding"),
    "mark_funded": gettext_lazy("Mark as funded"),
    "launch": gettext_lazy("Launch the experiment"),
    "capitalise": gettext_lazy("Capitalise"),
    "abandon": gettext_lazy("Abandon"),
}


class WorkflowError(Exception):
    """A transition that cannot happen now; `status` is the HTTP answer it deserves."""

    status = 409

    def __init__(self, message: str, missing: list[Requirement] | None = None):
        super().__init__(message)
        self.message = message
        self.missing = missing or []


class UnknownTransition(WorkflowError):
    status = 404


class TransitionNotPossible(WorkflowError):
    """Not possible from the current state."""


class ConditionsUnmet(WorkflowError):
    """Possible from this state, but something is missing."""


class ExperimentChanged(WorkflowError):
    """Someone changed the experiment since the user loaded it."""


class CommentRequired(WorkflowError):
    status = 400


@dataclass
class TransitionInfo:
    """What the UI and the API show about one transition for one user."""

    name: str
    label: str
    target: str
    possible: bool  # from the current state
    permitted: bool  # for this user's role
    missing: list[Requirement] = field(default_factory=list)
    comment_required: bool = False
    override: bool = False  # mark_funded: a coordinator may override unmet funding

    @property
    def allowed(self) -> bool:
        return self.possible and self.permitted and (not self.missing or self.override)


def _target(name: str, state: str) -> str:
    meta = getattr(Experiment, name)._django_fsm
    transition = meta.get_transition(state)
    return transition.target if transition else ""


def transitions_for(experiment: Experiment, user) -> list[TransitionInfo]:
    """Every transition with whether this user may run it now and what is missing."""
    infos = []
    for name in TRANSITIONS:
        method = getattr(experiment, name)
        possible = can_proceed(method, check_conditions=False)
        missing = experiment.missing_for(name) if possible else []
        permitted = permissions.can_run_transition(user, experiment, name)
        infos.append(
            TransitionInfo(
                name=name,
                label=str(TRANSITION_LABELS[name]),
                target=_target(name, experiment.state),
                possible=possible,
                permitted=permitted,
                missing=missing,
                comment_required=name in permissions.COMMENT_REQUIRED
                or (name == "mark_funded" and bool(missing)),
                override=name == "mark_funded" and bool(missing) and permitted,
            )
        )
    return infos


def next_steps(experiment: Experiment) -> list[Requirement]:
    """The checklist shown to leads: what the next forward step still needs."""
    forward = {
        Experiment.State.FORMALISATION: "formalise",
        Experiment.State.SEEKING_FUNDING: "mark_funded",
        Experiment.State.RUNNING: "capitalise",
    }
    name = forward.get(experiment.state)
    return experiment.missing_for(name) if name else []


def run_transition(
    experiment: Experiment,
    name: str,
    *,
    by: User,
    comment: str = "",
    expected_state: str | None = None,
) -> Experiment:
    """Run one transition of the workflow as ``by``; returns the experiment in its new state.

    ``expected_state`` is the state the user saw: if the experiment moved meanwhile, the
    transition is refused (the other, earlier change wins) rather than applied to a state the
    user did not see.
    """
    if name not in TRANSITIONS:
        raise UnknownTransition(_("There is no such action."))
    comment = (comment or "").strip()
    with transaction.atomic():
        locked = Experiment.objects.select_for_update().get(pk=experiment.pk)
        # The role first (it does not depend on the state): someone without it learns nothing
        # about the experiment's state from the answer.
        if not permissions.can_run_transition(by, locked, name):
            raise PermissionDenied(_("Your role does not allow this action."))
        if expected_state and locked.state != expected_state:
            raise ExperimentChanged(
                _("The experiment changed since you opened it: reload the page and try again.")
            )
        method = getattr(locked, name)
        if not can_proceed(method, check_conditions=False):
            raise TransitionNotPossible(
                _("This action is not possible while the experiment is “%(state)s”.")
                % {"state": locked.get_state_display()}
            )
        missing = locked.missing_for(name)
        override = name == "mark_funded" and bool(missing) and bool(comment)
        if missing and not override:
            raise ConditionsUnmet(_("Some conditions are not met yet."), missing)
        if name in permissions.COMMENT_REQUIRED and not comment:
            raise CommentRequired(_("Please explain this decision in a comment."))
        if not has_transition_perm(method, by):
            raise PermissionDenied(_("Your role does not allow this action."))
        from_state = locked.state
        method()
        locked.save()
        event = ExperimentEvent.objects.create(
            experiment=locked,
            actor=by,
            transition=name,
            from_state=from_state,
            to_state=locked.state,
            comment=comment,
        )
        _notify_transition(locked, event)
    return locked


def _people_concerned(experiment: Experiment) -> list[User]:
    members = User.objects.filter(experiment_memberships__experiment=experiment)
    coordinators = User.objects.filter(groups__name=roles.COORDINATORS)
    return list((members | coordinators).distinct())


def space_url(experiment: Experiment) -> str:
    return reverse("projects:experiment", kwargs={"pk": experiment.pk})


def _notify_transition(experiment: Experiment, event: ExperimentEvent) -> None:
    actor = event.actor

    def compose(user: User) -> Message:
        state = Experiment.State(event.to_state).label
        body = _("%(actor)s: %(action)s.") % {
            "actor": actor.get_full_name() if actor else _("The platform"),
            "action": TRANSITION_LABELS[event.transition],
        }
        if event.comment:
            body += "\n\n" + _("Comment: %(comment)s") % {"comment": event.comment}
        return Message(
            title=_("“%(title)s” is now %(state)s") % {"title": experiment.title, "state": state},
            body=body,
            url=space_url(experiment),
        )

    recipients = [u for u in _people_concerned(experiment) if actor is None or u.pk != actor.pk]
    notify(recipients, compose)


# ---------------------------------------------------------------------- ideas and membership
@transaction.atomic
def propose_idea(
    *,
    by: User,
    title: str,
    summary: str,
    lead_organisation: Organisation,
    description: str = "",
    partner: Organisation | None = None,
    themes=(),
    territories=(),
) -> Experiment:
    """Someone proposes a cooperation idea; they become its lead and the coordinators are told."""
    if not permissions.can_propose(by):
        raise PermissionDenied
    experiment = Experiment(
        title=title,
        summary=summary,
        description=description,
        lead_organisation=lead_organisation,
        created_by=by,
    )
    experiment.full_clean(exclude=["slug", "state"])
    experiment.save()
    experiment.themes.set(themes)
    experiment.territories.set(territories)
    if partner is not None and partner.pk != lead_organisation.pk:
        ExperimentPartner.objects.create(experiment=experiment, organisation=partner)
    ExperimentMember.objects.create(
        experiment=experiment,
        user=by,
        organisation=lead_organisation,
        role=ExperimentMember.Role.LEAD,
    )

    def compose(user: User) -> Message:
        return Message(
            title=_("New cooperation idea: “%(title)s”") % {"title": experiment.title},
            body=_("%(name)s proposed it for %(organisation)s.")
            % {"name": by.get_full_name(), "organisation": lead_organisation.name},
            url=space_url(experiment),
        )

    notify(User.objects.filter(groups__name=roles.COORDINATORS).distinct(), compose)
    return experiment


def add_comment(experiment: Experiment, *, by: User, body: str) -> ExperimentComment:
    """A member or coordinator writes in the activity feed; the others are told."""
    if not permissions.can_comment(by, experiment):
        raise PermissionDenied
    body = (body or "").strip()
    if not body:
        raise ValidationError(_("The message is empty."))
    with transaction.atomic():
        comment = ExperimentComment.objects.create(experiment=experiment, author=by, body=body)

        def compose(user: User) -> Message:
            return Message(
                title=_("New message about “%(title)s”") % {"title": experiment.title},
                body=f"{by.get_full_name()}: {body[:500]}",
                url=space_url(experiment) + "#activity",
            )

        notify([u for u in _people_concerned(experiment) if u.pk != by.pk], compose)
    return comment


def add_member(
    experiment: Experiment,
    user: User,
    *,
    role: str,
    organisation: Organisation | None = None,
) -> ExperimentMember:
    membership, created = ExperimentMember.objects.get_or_create(
        experiment=experiment, user=user, defaults={"role": role, "organisation": organisation}
    )
    if not created and membership.role != role:
        membership.role = role
        membership.save(update_fields=["role"])
    return membership


def record_secured_funding(experiment: Experiment, amount: Decimal) -> None:
    """Funding secured for the experiment (kept up to date by the funding app)."""
    Experiment.objects.filter(pk=experiment.pk).update(
        secured_funding=amount, updated_at=timezone.now()
    )


# ---------------------------------------------------------------------- documents
class DocumentStorageError(Exception):
    """The file could not be stored (storage unreachable); nothing was changed."""


def add_document(experiment: Experiment, *, by: User, title: str, uploaded) -> ExperimentDocument:
    """Store a checked document; on any failure the experiment is left as it was."""
    if not permissions.can_upload_documents(by, experiment):
        raise PermissionDenied
    checked = check_upload(uploaded)  # ValidationError with the reason
    uploaded.name = checked.name
    document = ExperimentDocument(
        experiment=experiment,
        title=(title or checked.name).strip()[:200],
        original_name=checked.name,
        content_type=checked.content_type,
        size=checked.size,
        uploaded_by=by,
    )
    try:
        with transaction.atomic():
            document.file.save(checked.name, uploaded, save=False)
            document.save()
    except Exception as error:  # storage or database failure: remove what was written
        if document.file.name:
            # Best-effort cleanup: the original error is the one to report.
            with contextlib.suppress(Exception):
                document.file.storage.delete(document.file.name)
        raise DocumentStorageError(str(error)) from error
    return document


# ---------------------------------------------------------------------- invitations
def invite(
    *,
    by: User,
    email: str,
    experiment: Experiment | None = None,
    organisation: Organisation | None = None,
    role: str = ExperimentMember.Role.CONTRIBUTOR,
) -> Invitation:
    """Invite someone by e-mail to join an experiment (or an organisation)."""
    if experiment is not None and not permissions.can_manage_members(by, experiment):
        raise PermissionDenied
    if organisation is not None and not (
        roles.is_coordinator(by)
        or OrganisationMembership.objects.filter(
            user=by, organisation=organisation, role=OrganisationMembership.Role.ADMIN
        ).exists()
    ):
        raise PermissionDenied
    email = email.strip().lower()
    invitation = Invitation.objects.create(
        email=email, experiment=experiment, organisation=organisation, role=role, invited_by=by
    )
    language = (
        User.objects.filter(email__iexact=email).values_list("language", flat=True).first()
        or by.language
    )
    with translation.override(language):
        url = reverse("projects:invitation", kwargs={"token": invitation.token})
        body = render_to_string(
            "projects/email/invitation.txt",
            {"invitation": invitation, "by": by, "url": settings.SITE_URL.rstrip("/") + url},
        )
        subject = _("%(name)s invites you to Cluster 05 IS") % {"name": by.get_full_name()}
    transaction.on_commit(
        lambda: EmailMessage(subject=f"[Cluster 05 IS] {subject}", body=body, to=[email]).send()
    )
    return invitation


class InvitationError(Exception):
    pass


@transaction.atomic
def accept_invitation(token: str, *, by: User) -> Invitation:
    """The invited person (signed in) joins the experiment or organisation."""
    invitation = Invitation.objects.select_for_update().filter(token=token).first()
    if invitation is None or not invitation.is_open:
        raise InvitationError(_("This invitation is no longer valid."))
    if invitation.email.lower() != by.email.lower():
        raise InvitationError(
            _("This invitation was sent to another e-mail address: sign in with that account.")
        )
    if invitation.experiment_id:
        add_member(
            invitation.experiment,
            by,
            role=invitation.role,
            organisation=invitation.organisation,
        )
    if invitation.organisation_id and not invitation.experiment_id:
        OrganisationMembership.objects.get_or_create(user=by, organisation=invitation.organisation)
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = by
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    return invitation


# ---------------------------------------------------------------------- the sheet
# Fields of the sheet people may change directly (the state changes only through transitions,
# secured funding only through the funding app).
EDITABLE_FIELDS = (
    "title",
    "summary",
    "description",
    "objectives",
    "expected_results",
    "indicators",
    "cooperation_forms",
    "support_needed",
    "self_financing",
    "start_date",
    "end_date",
    "is_public",
    "capitalisation_worked",
    "capitalisation_did_not_work",
    "capitalisation_advice",
)


def update_experiment(
    experiment: Experiment,
    *,
    by: User,
    changes: dict,
    themes=None,
    territories=None,
) -> Experiment:
    """A lead, contributor or coordinator changes the sheet; returns the saved experiment.

    Locks the row and saves only the changed fields, so that a transition run meanwhile is
    neither undone nor hidden; raises `ValidationError` when the sheet would be inconsistent.
    """
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"Not editable: {', '.join(sorted(unknown))}")
    with transaction.atomic():
        locked = Experiment.objects.select_for_update().get(pk=experiment.pk)
        if not permissions.can_edit(by, locked):
            raise PermissionDenied(_("Your role does not allow you to change this experiment."))
        for name, value in changes.items():
            setattr(locked, name, value)
        locked.clean()
        locked.save(update_fields=[*changes, "updated_at"])
        if themes is not None:
            locked.themes.set(themes)
        if territories is not None:
            locked.territories.set(territories)
    return locked
