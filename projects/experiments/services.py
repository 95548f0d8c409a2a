"""Business events of the experiment workflow.

A service never receives the web request. Transitions run through the workflow engine
(`core.workflow`), which locks the experiment's row, checks the declared rule once, runs the
transition, saves and writes the audit record; `ExperimentWorkflow` adds the notifications of the
people concerned — all in one transaction; e-mails leave after it commits.
"""

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

import projects.experiments.permissions as permissions
from accounts import roles
from accounts.models import User
from accounts.notifications import Message, notify
from core.documents import check_upload, save_with_file
from core.mail import subject_line
from core.workflow import ObjectChanged, Workflow, next_steps
from projects.experiments.models import (
    Experiment,
    ExperimentComment,
    ExperimentDocument,
    ExperimentEvent,
    ExperimentMember,
    Invitation,
)
from projects.experiments.partners import invite_partner
from projects.network.models import Organisation, OrganisationMembership

__all__ = ["next_steps", "run_transition", "transitions_for"]


class NotActingForOrganisation(PermissionDenied):
    """The person is not a member of the organisation they tried to speak for."""


class ExperimentChanged(ObjectChanged):
    """Someone changed the experiment since the user loaded it."""


class ExperimentWorkflow(Workflow):
    """The experiment workflow (declared on `Experiment`): its audit trail, its messages and the
    notification of the members and coordinators."""

    model = Experiment
    event_model = ExperimentEvent
    changed_error = ExperimentChanged
    not_possible_message = gettext_lazy(
        "This action is not possible while the experiment is “%(state)s”."
    )
    changed_message = gettext_lazy(
        "The experiment changed since you opened it: reload the page and try again."
    )
    unmet_message = gettext_lazy("Some conditions are not met yet.")

    def done(self, obj, name, *, by, event, **params) -> None:
        _notify_transition(obj, event)


WORKFLOW = ExperimentWorkflow()
# The services of the workflow: every transition, and what each is for whom.
run_transition = WORKFLOW.run
transitions_for = WORKFLOW.transitions_for


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
            "action": WORKFLOW.label(event.transition),
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
NO_ORGANISATION_MESSAGE = gettext_lazy(
    "To propose an idea, you must be a member of an organisation of the directory."
)
NOT_YOUR_ORGANISATION_MESSAGE = gettext_lazy(
    "You can only propose an idea in the name of an organisation you are a member of."
)


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
    """A member of an organisation proposes a cooperation idea in its name; they become its
    lead and the coordinators are told."""
    if not permissions.can_propose(by):
        raise NotActingForOrganisation(NO_ORGANISATION_MESSAGE)
    if not permissions.can_lead_for(by, lead_organisation.pk):
        raise NotActingForOrganisation(NOT_YOUR_ORGANISATION_MESSAGE)
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
    ExperimentMember.objects.create(
        experiment=experiment,
        user=by,
        organisation=lead_organisation,
        role=ExperimentMember.Role.LEAD,
    )
    if partner is not None and partner.pk != lead_organisation.pk:
        invite_partner(experiment, partner, by=by)

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
def add_document(experiment: Experiment, *, by: User, title: str, uploaded) -> ExperimentDocument:
    """Store a checked document; on any failure the experiment is left as it was
    (`core.documents.DocumentStorageError`)."""
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
    save_with_file(document, "file", checked.name, uploaded)
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
        lambda: EmailMessage(
            subject=subject_line(f"[Cluster 05 IS] {subject}"), body=body, to=[email]
        ).send()
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
