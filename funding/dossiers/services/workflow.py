"""The dossier workflow as the engine runs it (`core.workflow`), with what only dossiers do.

The transitions are declared on `FundingApplication`; the engine locks the row, checks the rule,
the state the person saw, the conditions and the comment, then runs the transition, saves and
writes the audit record. `DossierWorkflow` adds: the decision's figures (`accept`) and reason
(`decline`), the frozen version of each submission, the experiment's secured funding after an
acceptance, and the notifications of the other side.
"""

from decimal import Decimal, InvalidOperation

from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

import funding.dossiers.letters as letters
import funding.dossiers.snapshots as snapshots
from accounts.models import User
from accounts.notifications import Message, notify
from core.workflow import ObjectChanged, Workflow, WorkflowError, declaration
from funding.dossiers.conditions import requirements_of
from funding.dossiers.models import (
    ApplicationEvent,
    ApplicationVersion,
    FundingApplication,
    VersionDocument,
)
from funding.dossiers.models.dossier import DECIDERS, LEAD, STAFF
from funding.dossiers.services.campaigns import refresh_secured_funding
from funding.dossiers.services.people import (
    committee_of,
    experiment_people,
    funder_url,
    lead_url,
    reviewers_of,
)
from funding.dossiers.services.stages import (
    enter_first_stage,
    leave_stage,
    move_on,
    stage_label,
    stage_name,
)

State = FundingApplication.State


class DossierChanged(ObjectChanged):
    """Someone changed the dossier since the user loaded it."""


class InvalidDecision(WorkflowError):
    """The decision's figures are wrong (granted amount above the request…)."""

    status = 400


def _freezes_version(name: str) -> bool:
    return bool(declaration(FundingApplication, name).custom.get("freezes_version"))


def _flag(name: str, flag: str) -> bool:
    return bool(declaration(FundingApplication, name).custom.get(flag))


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


class DossierWorkflow(Workflow):
    """The dossier workflow (declared on `FundingApplication`)."""

    model = FundingApplication
    event_model = ApplicationEvent
    changed_error = DossierChanged
    not_possible_message = gettext_lazy(
        "This action is not possible while the dossier is “%(state)s”."
    )
    changed_message = gettext_lazy(
        "The dossier changed since you opened it: reload the page and try again."
    )
    unmet_message = gettext_lazy("The dossier is not complete yet.")

    def before(
        self,
        obj,
        name,
        *,
        by,
        comment,
        granted_amount=None,
        conditions: str = "",
        expected_stage=None,
        **params,
    ) -> None:
        # `advance` keeps the state: the stage the person saw tells whether someone else moved
        # the dossier on meanwhile (two clicks must not skip a stage).
        if expected_stage not in (None, "") and str(obj.stage_id or "") != str(expected_stage):
            raise DossierChanged(str(self.changed_message))
        obj._from_stage = stage_name(obj)
        if _flag(name, "money"):
            amount = _parse_amount(granted_amount)
            if amount is None:
                amount = obj.requested_amount
            if amount < 0 or amount > obj.requested_amount:
                raise InvalidDecision(
                    _("The granted amount must be between 0 and the requested %(amount)s €.")
                    % {"amount": number_format(obj.requested_amount, 2, force_grouping=True)}
                )
            obj.granted_amount = amount
            obj.conditions = (conditions or "").strip()
            obj.decision_reason = ""
        elif name in {"decline", "revise_decline"}:
            obj.decision_reason = comment
            obj.granted_amount = None
            obj.conditions = ""

    def after(self, obj, name, *, by, **params) -> None:
        if _freezes_version(name):
            _create_version(obj, by)
        if name == "start_review":
            enter_first_stage(obj)
        elif name == "advance":
            move_on(obj)
        elif _flag(name, "decision") and obj.stage_id:
            leave_stage(obj)

    def record(self, obj, name: str, *, by, from_state: str, comment: str):
        """The audit record, with the stages left and entered and the amount decided."""
        return ApplicationEvent.objects.create(
            application=obj,
            actor=by,
            transition=name,
            from_state=from_state,
            to_state=obj.state,
            comment=comment,
            from_stage=getattr(obj, "_from_stage", ""),
            to_stage=stage_name(obj) if obj.state == State.UNDER_REVIEW else "",
            granted_amount=obj.granted_amount if _flag(name, "money") else None,
        )

    def done(self, obj, name, *, by, event, **params) -> None:
        if _flag(name, "decision"):
            refresh_secured_funding(obj.experiment)
        _notify_transition(obj, event)
        letters.send_decision_letter(obj, event)


WORKFLOW = DossierWorkflow()
run_transition = WORKFLOW.run
transitions_for = WORKFLOW.transitions_for
# The transitions of each side: the leads' pages and the funders' space run only theirs.
LEAD_TRANSITIONS = WORKFLOW.names_for(LEAD)
FUNDER_TRANSITIONS = WORKFLOW.names_for(STAFF) + WORKFLOW.names_for(DECIDERS)
# The decisions that grant money (`money=True`): they state the granted amount.
MONEY_TRANSITIONS = frozenset(name for name in FUNDER_TRANSITIONS if _flag(name, "money"))


def _notify_transition(application: FundingApplication, event: ApplicationEvent) -> None:
    name = event.transition
    actor = event.actor
    # Addresses are reversed in each recipient's language (inside `compose`).
    if _freezes_version(name) or (name == "withdraw" and application.version_number > 0):
        recipients, url = reviewers_of(application), funder_url
    elif name == "request_changes" or _flag(name, "decision"):
        recipients, url = experiment_people(application, coordinators=True), lead_url
    elif name == "advance":
        stage = application.stage
        if stage.actors == "committee":
            recipients = committee_of(application)
        else:
            recipients = reviewers_of(application)
        url = funder_url
    elif name == "start_review":
        recipients, url = experiment_people(application, coordinators=False), lead_url
    else:
        return

    def compose(user: User) -> Message:
        state = State(event.to_state).label
        body = _("%(actor)s: %(action)s.") % {
            "actor": actor.get_full_name() if actor else _("The platform"),
            "action": WORKFLOW.label(name),
        }
        if event.to_stage:
            body += "\n\n" + _("Review stage: %(stage)s") % {"stage": stage_label(event.to_stage)}
        if _flag(name, "money") and application.granted_amount is not None:
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
