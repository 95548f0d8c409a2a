"""The leads' side of dossiers: the "Dossiers" tab of an experiment's space and each dossier's
page (checklist, answers, documents, submission, messages, versions, campaign).

Views parse input, ask `funding.dossiers.permissions`, call one service of
`funding.dossiers.services` and turn its exceptions into a message or a 4xx answer. Someone who may
not open the experiment's space gets 404 for everything here (funders' reviewers use their own
space).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

import funding.dossiers.permissions as permissions
import funding.dossiers.services as dossiers
import funding.dossiers.snapshots as snapshots
import projects.experiments.permissions as experiment_permissions
from core import confirmation
from core.documents import download_response, store_upload
from core.translation import localize_all
from funding.catalogue.models import CallRequirement, FundingCall
from funding.dossiers.forms import (
    AnswersForm,
    CampaignForm,
    DocumentReuseForm,
    DocumentUploadForm,
    MessageForm,
)
from funding.dossiers.models import FundingApplication
from funding.dossiers.transitions import kept_typed, run_transition_view
from projects.experiments.models import Experiment

State = FundingApplication.State


def tab_visible(user, experiment: Experiment) -> bool:
    """The "Dossiers" tab: the experiment's space, once the idea was accepted."""
    return experiment.state != Experiment.State.IDEA and experiment_permissions.can_view(
        user, experiment
    )


def get_experiment_for(user, pk: int) -> Experiment:
    experiment = get_object_or_404(Experiment.objects.select_related("lead_organisation"), pk=pk)
    if not experiment_permissions.can_view(user, experiment):
        raise Http404
    return experiment


def get_application_for(user, pk: int, dossier_pk: int) -> FundingApplication:
    """The dossier if ``user`` may open the experiment's space; 404 otherwise."""
    experiment = get_experiment_for(user, pk)
    application = get_object_or_404(
        FundingApplication.objects.with_context().prefetch_related(
            "answers", "documents", Prefetch("call__requirements")
        ),
        pk=dossier_pk,
        experiment=experiment,
    )
    application.experiment = experiment
    return application


def _base_context(request, experiment: Experiment) -> dict:
    return {
        "experiment": experiment,
        "tab": "dossiers",
        "can_edit": experiment_permissions.can_edit(request.user, experiment),
    }


@login_required
def experiment_dossiers(request, pk: int):
    """The experiment's dossiers with their state, and the calls it may still apply to."""
    experiment = get_experiment_for(request.user, pk)
    applications = experiment.funding_applications.with_context().order_by("-updated_at", "-pk")
    calls = localize_all([a.call for a in applications])
    for application, call in zip(applications, calls, strict=True):
        application.call = call
    return render(
        request,
        "funding/dossiers/experiment_dossiers.html",
        {**_base_context(request, experiment), "applications": applications},
    )


@login_required
@require_POST
def dossier_start(request, pk: int, call_id: int):
    """Create the experiment's draft for a call (or reopen the open one) and go to it."""
    experiment = get_experiment_for(request.user, pk)
    if not permissions.can_start_application(request.user, experiment):
        if permissions.outside_lead_organisation(request.user, experiment):
            return _outside_lead_organisation(request, experiment)
        raise PermissionDenied
    call = get_object_or_404(FundingCall.objects.canonical(), pk=call_id)
    application = dossiers.start_application(experiment, call, by=request.user)
    return redirect("funding:dossier", pk=pk, dossier_pk=application.pk)


def _outside_lead_organisation(request, experiment: Experiment):
    """403 with the reason: the person is not a member of the lead organisation."""
    return render(
        request,
        "funding/dossiers/forbidden.html",
        {
            "experiment": experiment,
            "message": dossiers.outside_lead_organisation_message(experiment),
        },
        status=403,
    )


def _detail(request, application: FundingApplication, *, status: int = 200, **forms):
    user = request.user
    experiment = application.experiment
    requirements = localize_all(dossiers.requirements_of(application))
    questions = [r for r in requirements if r.kind == CallRequirement.Kind.QUESTION]
    document_types = [r for r in requirements if r.kind == CallRequirement.Kind.DOCUMENT]
    answers = {a.requirement_id: a.text for a in application.answers.all()}
    uploaded = {d.requirement_id: d for d in application.documents.all()}
    can_edit = permissions.can_edit_application(user, application)
    # The experiment's own documents, to give one instead of uploading it again.
    reusable = list(experiment.documents.order_by("title", "pk")) if can_edit else []
    campaign = getattr(application, "campaign", None) if application.is_crowdfunding else None
    context = {
        **_base_context(request, experiment),
        "application": application,
        "call": localize_all([application.call])[0],
        "missing": dossiers.checklist(application),
        "deadline_gaps": dossiers.deadline_gaps(application)
        if application.state == State.DRAFT
        else [],
        "documents": [(r, uploaded.get(r.pk)) for r in document_types],
        "answers": [(q, answers.get(q.pk, "")) for q in questions],
        "can_edit_dossier": can_edit,
        "answers_form": forms.get("answers_form")
        or (
            AnswersForm(
                questions=questions,
                answers=answers,
                initial={"requested_amount": application.requested_amount},
            )
            if can_edit
            else None
        ),
        "upload_form": forms.get("upload_form")
        or (DocumentUploadForm(documents=document_types) if can_edit and document_types else None),
        "reuse_form": forms.get("reuse_form")
        or (
            DocumentReuseForm(documents=document_types, experiment_documents=reusable)
            if reusable and document_types
            else None
        ),
        "message_form": forms.get("message_form")
        or (MessageForm() if permissions.can_write_message(user, application) else None),
        "transitions": [
            t for t in dossiers.transitions_for(application, user) if t.possible and t.permitted
        ],
        "kept": kept_typed(request, application),
        "versions": application.versions.all(),
        "messages_list": application.messages.select_related("author"),
        "events": application.events.select_related("actor"),
        "campaign": campaign,
        "campaign_form": forms.get("campaign_form")
        or (
            CampaignForm(
                initial={
                    "goal": campaign.goal if campaign else application.granted_amount,
                    "pledged": campaign.pledged if campaign else 0,
                    "ends_on": campaign.ends_on if campaign else None,
                    "all_or_nothing": campaign.all_or_nothing
                    if campaign
                    else application.call.all_or_nothing,
                }
            )
            if permissions.can_update_campaign(user, application)
            else None
        ),
    }
    return render(request, "funding/dossiers/dossier.html", context, status=status)


@login_required
def dossier(request, pk: int, dossier_pk: int):
    return _detail(request, get_application_for(request.user, pk, dossier_pk))


@login_required
@require_POST
def dossier_answers(request, pk: int, dossier_pk: int):
    application = get_application_for(request.user, pk, dossier_pk)
    if not permissions.can_edit_application(request.user, application):
        raise PermissionDenied
    questions = localize_all(
        [
            r
            for r in dossiers.requirements_of(application)
            if r.kind == CallRequirement.Kind.QUESTION
        ]
    )
    form = AnswersForm(request.POST, questions=questions)
    if form.is_valid():
        try:
            dossiers.save_answers(
                application,
                by=request.user,
                requested_amount=form.cleaned_data["requested_amount"],
                answers=form.answers(),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Dossier saved."))
            return redirect("funding:dossier", pk=pk, dossier_pk=dossier_pk)
    return _detail(request, application, status=400, answers_form=form)


def _document_types(application: FundingApplication) -> list:
    return localize_all(
        [
            r
            for r in dossiers.requirements_of(application)
            if r.kind == CallRequirement.Kind.DOCUMENT
        ]
    )


def _editable(request, pk: int, dossier_pk: int) -> FundingApplication:
    application = get_application_for(request.user, pk, dossier_pk)
    if not permissions.can_edit_application(request.user, application):
        raise PermissionDenied
    return application


@login_required
@require_POST
def dossier_upload(request, pk: int, dossier_pk: int):
    """A new file for a required document (400 with the reason when refused)."""
    application = _editable(request, pk, dossier_pk)
    document_types = _document_types(application)
    form = DocumentUploadForm(request.POST, request.FILES, documents=document_types)
    status = 400
    if form.is_valid():
        requirement = next(r for r in document_types if r.pk == form.cleaned_data["requirement"])
        status = store_upload(
            form,
            "file",
            lambda: dossiers.add_document(
                application,
                by=request.user,
                requirement=requirement,
                uploaded=form.cleaned_data["file"],
            ),
        )
        if status is None:
            messages.success(request, _("Document added."))
            return redirect("funding:dossier", pk=pk, dossier_pk=dossier_pk)
    return _detail(request, application, status=status, upload_form=form)


@login_required
@require_POST
def dossier_reuse(request, pk: int, dossier_pk: int):
    """One of the experiment's documents given for a required document: a document of
    another experiment is not a choice of the form (400)."""
    application = _editable(request, pk, dossier_pk)
    document_types = _document_types(application)
    reusable = list(application.experiment.documents.all())
    form = DocumentReuseForm(request.POST, documents=document_types, experiment_documents=reusable)
    status = 400
    if form.is_valid():
        requirement = next(r for r in document_types if r.pk == form.cleaned_data["requirement"])
        document = next(d for d in reusable if d.pk == form.cleaned_data["document"])
        status = store_upload(
            form,
            "document",
            lambda: dossiers.reuse_document(
                application, by=request.user, requirement=requirement, document=document
            ),
        )
        if status is None:
            messages.success(
                request,
                _("“%(title)s” given for “%(label)s”.")
                % {"title": document.title, "label": requirement.label},
            )
            return redirect("funding:dossier", pk=pk, dossier_pk=dossier_pk)
    return _detail(request, application, status=status, reuse_form=form)


@login_required
@require_POST
def dossier_document_remove(request, pk: int, dossier_pk: int, document_pk: int):
    """Take a document out of the dossier, once confirmed (core.confirmation)."""
    application = _editable(request, pk, dossier_pk)
    document = get_object_or_404(application.documents, pk=document_pk)
    page = confirmation.ask(
        request,
        question=_("Remove “%(name)s” from the dossier?") % {"name": document.original_name},
        confirm_label=_("Remove the document"),
        cancel_url=_dossier_url(application, "#documents-title"),
    )
    if page is not None:
        return page
    dossiers.remove_document(application, by=request.user, document=document)
    messages.success(request, _("Document removed."))
    return redirect(_dossier_url(application, "#documents-title"))


@login_required
def dossier_document(request, pk: int, dossier_pk: int, document_pk: int):
    """The current file of one required document, after the permission check."""
    application = get_application_for(request.user, pk, dossier_pk)
    if not permissions.can_view_documents_of(request.user, application):
        raise Http404
    document = get_object_or_404(application.documents, pk=document_pk)
    return download_response(
        document.file, filename=document.original_name, content_type=document.content_type
    )


@login_required
def dossier_pdf(request, pk: int, dossier_pk: int, number: int):
    """The PDF of a submitted version, as the funder received it."""
    application = get_application_for(request.user, pk, dossier_pk)
    version = snapshots.ensure_pdf(get_object_or_404(application.versions, number=number))
    if not version.pdf:
        raise Http404
    return download_response(
        version.pdf,
        filename=f"dossier-{application.pk}-v{version.number}.pdf",
        content_type="application/pdf",
    )


@login_required
@require_POST
def dossier_message(request, pk: int, dossier_pk: int):
    application = get_application_for(request.user, pk, dossier_pk)
    if not permissions.can_write_message(request.user, application):
        raise PermissionDenied
    form = MessageForm(request.POST)
    if form.is_valid():
        dossiers.post_message(application, by=request.user, body=form.cleaned_data["body"])
        messages.success(request, _("Message sent."))
        return redirect(
            reverse("funding:dossier", kwargs={"pk": pk, "dossier_pk": dossier_pk}) + "#messages"
        )
    return _detail(request, application, status=400, message_form=form)


def _dossier_url(application: FundingApplication, anchor: str = "") -> str:
    kwargs = {"pk": application.experiment_id, "dossier_pk": application.pk}
    return reverse("funding:dossier", kwargs=kwargs) + anchor


@login_required
@require_POST
def dossier_transition(request, pk: int, dossier_pk: int, name: str):
    """Send, send again or withdraw (the lead's transitions); withdrawing once confirmed."""
    application = get_application_for(request.user, pk, dossier_pk)
    if name not in dossiers.LEAD_TRANSITIONS:
        raise Http404
    if permissions.outside_lead_organisation(request.user, application.experiment):
        return _outside_lead_organisation(request, application.experiment)
    if name == "withdraw":
        if not permissions.leads(request.user, application):
            raise PermissionDenied  # as the engine would: no confirmation to ask for
        page = confirmation.ask(
            request,
            question=_("Withdraw the dossier for “%(call)s”? The funder will no longer review it.")
            % {"call": localize_all([application.call])[0].name},
            confirm_label=_("Withdraw the dossier"),
            cancel_url=_dossier_url(application),
        )
        if page is not None:
            return page
    url = _dossier_url(application)
    return run_transition_view(
        request,
        application,
        name,
        on_success=lambda: HttpResponseRedirect(url),
        on_refusal=lambda: HttpResponseRedirect(url + "#actions-title"),
    )


@login_required
@require_POST
def dossier_campaign(request, pk: int, dossier_pk: int):
    application = get_application_for(request.user, pk, dossier_pk)
    return save_campaign_view(
        request,
        application,
        on_success=lambda: redirect("funding:dossier", pk=pk, dossier_pk=dossier_pk),
        render_again=lambda form: _detail(request, application, status=400, campaign_form=form),
    )


def save_campaign_view(request, application, *, on_success, render_again):
    if not permissions.can_update_campaign(request.user, application):
        raise PermissionDenied
    form = CampaignForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            dossiers.update_campaign(
                application,
                by=request.user,
                goal=data["goal"],
                pledged=data["pledged"],
                ends_on=data["ends_on"],
                all_or_nothing=data["all_or_nothing"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Campaign updated."))
            return on_success()
    return render_again(form)
