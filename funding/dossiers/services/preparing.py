"""Preparing a dossier: the draft for a call, the lead's answers, amount and documents."""

import contextlib
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

import funding.dossiers.permissions as permissions
from accounts.models import User
from core.documents import DocumentStorageError, check_upload, save_with_file
from core.workflow import TransitionNotPossible
from funding.catalogue.models import CallRequirement, FundingCall
from funding.dossiers.models import ZERO, ApplicationAnswer, ApplicationDocument, FundingApplication
from projects.experiments.models import Experiment, ExperimentDocument


def _lead_default_amount(experiment: Experiment, call: FundingCall) -> Decimal:
    need = experiment.funding_gap
    if call.amount_max is not None:
        need = min(need, call.amount_max)
    return max(need, ZERO)


def outside_lead_organisation_message(experiment: Experiment) -> str:
    """Why someone of the experiment who is not a member of its lead organisation may not
    apply in its name."""
    return _(
        "A dossier is sent in the name of the lead organisation, %(organisation)s: only a lead "
        "of the experiment who is a member of it may prepare, send or withdraw it."
    ) % {"organisation": experiment.lead_organisation.name}


def start_application(experiment: Experiment, call: FundingCall, *, by: User) -> FundingApplication:
    """Open the experiment's draft for ``call``, or return the open dossier it already has."""
    if not permissions.can_start_application(by, experiment):
        if permissions.outside_lead_organisation(by, experiment):
            raise PermissionDenied(outside_lead_organisation_message(experiment))
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


def _require_requirement(application: FundingApplication, requirement: CallRequirement) -> None:
    if requirement.call_id != application.call_id or requirement.kind != "document":
        raise ValidationError(_("This document is not one the call asks for."))


def _store(
    application: FundingApplication,
    *,
    by: User,
    requirement: CallRequirement,
    name: str,
    content_type: str,
    size: int,
    content,
) -> ApplicationDocument:
    """The file of one required document, replacing the previous one; on any storage failure
    the dossier is left as it was (`core.documents.DocumentStorageError`)."""
    previous = ApplicationDocument.objects.filter(
        application=application, requirement=requirement
    ).first()
    document = previous or ApplicationDocument(application=application, requirement=requirement)
    old_name = previous.file.name if previous else ""
    document.original_name = name
    document.content_type = content_type
    document.size = size
    document.uploaded_by = by
    save_with_file(document, "file", name, content, previous=old_name)
    if old_name:
        # Submitted versions hold their own copies: the replaced file is no longer needed.
        with contextlib.suppress(Exception):
            document.file.storage.delete(old_name)
    return document


def add_document(
    application: FundingApplication, *, by: User, requirement: CallRequirement, uploaded
) -> ApplicationDocument:
    """Store the file for one required document (replacing the previous one), checked on its
    real type; on any storage failure the dossier is left as it was
    (`core.documents.DocumentStorageError`)."""
    _require_editable(application, by)
    _require_requirement(application, requirement)
    checked = check_upload(uploaded)
    uploaded.name = checked.name
    return _store(
        application,
        by=by,
        requirement=requirement,
        name=checked.name,
        content_type=checked.content_type,
        size=checked.size,
        content=uploaded,
    )


def reuse_document(
    application: FundingApplication,
    *,
    by: User,
    requirement: CallRequirement,
    document: ExperimentDocument,
) -> ApplicationDocument:
    """Give one of the experiment's documents for a required document of the call: a copy of
    its file becomes the dossier's (later changes of either leave the other alone). The file
    was checked when it was added to the experiment. On any failure (reading the experiment's
    file, writing the copy, saving the row) the dossier is left as it was."""
    _require_editable(application, by)
    _require_requirement(application, requirement)
    if not permissions.can_reuse_document(by, application, document):
        raise ValidationError(_("This document is not one of the experiment's."))
    try:
        with document.file.open("rb") as handle:
            content = ContentFile(handle.read(), name=document.original_name)
    except Exception as failure:
        raise DocumentStorageError(str(failure)) from failure
    return _store(
        application,
        by=by,
        requirement=requirement,
        name=document.original_name,
        content_type=document.content_type,
        size=content.size,
        content=content,
    )


def remove_document(
    application: FundingApplication, *, by: User, document: ApplicationDocument
) -> None:
    """Take a document out of the dossier while it may be changed; its file is deleted once
    the removal is saved (submitted versions keep their own copies)."""
    _require_editable(application, by)
    if document.application_id != application.pk:
        raise ValidationError(_("This document is not one of the dossier's."))
    name, storage = document.file.name, document.file.storage
    with transaction.atomic():
        FundingApplication.objects.select_for_update().get(pk=application.pk)
        document.delete()

        def delete_file() -> None:
            with contextlib.suppress(Exception):
                storage.delete(name)

        transaction.on_commit(delete_file)
