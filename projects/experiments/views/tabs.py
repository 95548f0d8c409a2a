"""The tabs of an experiment's space: overview, sheet, partners, budget, timeline,
capitalisation, documents, activity, and confirming a transition of its workflow."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

import projects.experiments.partners as partner_services
import projects.experiments.permissions as permissions
import projects.experiments.services as services
from core.documents import download_response, store_upload
from core.workflow import WorkflowError
from projects.experiments.forms import (
    SHEET_SECTIONS,
    BudgetLineFormSet,
    CapitalisationForm,
    CommentForm,
    DocumentForm,
    InviteForm,
    MilestoneFormSet,
    PartnerFormSet,
    SelfFinancingForm,
    TransitionForm,
)
from projects.experiments.views.common import _context, _require, _status, get_experiment_for


# ---------------------------------------------------------------------- experiment tabs
@login_required
def experiment_overview(request, pk: int):
    experiment = get_experiment_for(request.user, pk)
    partners = experiment.partner_links.all()
    return render(
        request,
        "projects/experiment_overview.html",
        _context(
            request,
            experiment,
            "overview",
            partners=partners,
            transitions=[
                t for t in services.transitions_for(experiment, request.user) if t.possible
            ],
            next_steps=services.next_steps(experiment),
            territories=experiment.territories.all(),
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def sheet(request, pk: int, section: str):
    """One part of the formalisation sheet; each part saves on its own (drafts)."""
    experiment = get_experiment_for(request.user, pk)
    _require(permissions.can_edit(request.user, experiment))
    if section not in SHEET_SECTIONS:
        raise Http404
    label, form_class = SHEET_SECTIONS[section]
    form = form_class(request.POST or None, instance=experiment)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Saved."))
        keys = list(SHEET_SECTIONS)
        following = keys[keys.index(section) + 1] if section != keys[-1] else None
        if following and "save_next" in request.POST:
            return redirect("projects:sheet", pk=pk, section=following)
        return redirect("projects:sheet", pk=pk, section=section)
    return render(
        request,
        "projects/experiment_sheet.html",
        _context(request, experiment, "sheet", form=form, section=section, section_label=label),
        status=_status(request),
    )


@login_required
@require_http_methods(["GET", "POST"])
def partners(request, pk: int):
    """Partner organisations with their role; members and invitations."""
    experiment = get_experiment_for(request.user, pk)
    can_edit = permissions.can_edit(request.user, experiment)
    formset = PartnerFormSet(request.POST or None, instance=experiment, prefix="partners")
    if request.method == "POST":
        _require(can_edit)
        if formset.is_valid():
            try:
                partner_services.save_partner_forms(experiment, formset, by=request.user)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
                return redirect("projects:partners", pk=pk)
            messages.success(request, _("Partners saved. The new ones are invited."))
            return redirect("projects:partners", pk=pk)
    members = experiment.memberships.select_related("user", "organisation")
    return render(
        request,
        "projects/experiment_partners.html",
        _context(
            request,
            experiment,
            "partners",
            formset=formset if can_edit else None,
            partners=partner_services.with_member_flags(
                experiment.partner_links.select_related("organisation")
            ),
            members=members,
            invite_form=InviteForm(),
            invitations=experiment.invitations.filter(accepted_at__isnull=True),
        ),
        status=_status(request),
    )


@login_required
@require_POST
def invite(request, pk: int):
    experiment = get_experiment_for(request.user, pk)
    _require(permissions.can_manage_members(request.user, experiment))
    form = InviteForm(request.POST)
    if form.is_valid():
        services.invite(
            by=request.user,
            email=form.cleaned_data["email"],
            experiment=experiment,
            role=form.cleaned_data["role"],
        )
        messages.success(
            request, _("Invitation sent to %(email)s.") % {"email": form.cleaned_data["email"]}
        )
        return redirect("projects:partners", pk=pk)
    return render(
        request,
        "projects/experiment_partners.html",
        _context(
            request,
            experiment,
            "partners",
            formset=None,
            partners=partner_services.with_member_flags(
                experiment.partner_links.select_related("organisation")
            ),
            members=experiment.memberships.select_related("user", "organisation"),
            invite_form=form,
            invitations=experiment.invitations.filter(accepted_at__isnull=True),
        ),
        status=400,
    )


@login_required
@require_http_methods(["GET", "POST"])
def budget(request, pk: int):
    """Budget lines as an inline formset, self-financing, and the totals."""
    experiment = get_experiment_for(request.user, pk)
    can_edit = permissions.can_edit(request.user, experiment)
    formset = BudgetLineFormSet(request.POST or None, instance=experiment, prefix="lines")
    financing = SelfFinancingForm(request.POST or None, instance=experiment, prefix="financing")
    if request.method == "POST":
        _require(can_edit)
        if formset.is_valid() and financing.is_valid():
            with transaction.atomic():
                financing.save()
                formset.save()
            messages.success(request, _("Budget saved."))
            return redirect("projects:budget", pk=pk)
    experiment = get_experiment_for(request.user, pk) if request.method == "GET" else experiment
    return render(
        request,
        "projects/experiment_budget.html",
        _context(
            request,
            experiment,
            "budget",
            formset=formset if can_edit else None,
            financing=financing if can_edit else None,
            lines=experiment.budget_lines.all(),
        ),
        status=_status(request),
    )


@login_required
@require_http_methods(["GET", "POST"])
def timeline(request, pk: int):
    experiment = get_experiment_for(request.user, pk)
    can_edit = permissions.can_edit(request.user, experiment)
    formset = MilestoneFormSet(request.POST or None, instance=experiment, prefix="milestones")
    if request.method == "POST":
        _require(can_edit)
        if formset.is_valid():
            formset.save()
            messages.success(request, _("Timeline saved."))
            return redirect("projects:timeline", pk=pk)
    return render(
        request,
        "projects/experiment_timeline.html",
        _context(
            request,
            experiment,
            "timeline",
            formset=formset if can_edit else None,
            milestones=experiment.milestones.all(),
        ),
        status=_status(request),
    )


@login_required
@require_http_methods(["GET", "POST"])
def capitalisation(request, pk: int):
    experiment = get_experiment_for(request.user, pk)
    can_edit = permissions.can_edit(request.user, experiment)
    form = CapitalisationForm(request.POST or None, instance=experiment)
    if request.method == "POST":
        _require(can_edit)
        if form.is_valid():
            form.save()
            messages.success(request, _("Capitalisation report saved."))
            return redirect("projects:capitalisation", pk=pk)
    return render(
        request,
        "projects/experiment_capitalisation.html",
        _context(request, experiment, "capitalisation", form=form if can_edit else None),
        status=_status(request),
    )


@login_required
@require_http_methods(["GET", "POST"])
def documents(request, pk: int):
    experiment = get_experiment_for(request.user, pk)
    _require(permissions.can_view_documents(request.user, experiment))
    can_upload = permissions.can_upload_documents(request.user, experiment)
    form = DocumentForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        _require(can_upload)
        status = 400
        if form.is_valid():
            status = store_upload(
                form,
                "file",
                lambda: services.add_document(
                    experiment,
                    by=request.user,
                    title=form.cleaned_data["title"],
                    uploaded=form.cleaned_data["file"],
                ),
            )
            if status is None:
                messages.success(request, _("Document added."))
                return redirect("projects:documents", pk=pk)
    return render(
        request,
        "projects/experiment_documents.html",
        _context(
            request,
            experiment,
            "documents",
            form=form if can_upload else None,
            documents=experiment.documents.select_related("uploaded_by"),
        ),
        status=status,
    )


@login_required
def document_download(request, pk: int, document_pk: int):
    """A private document, only after the permission check."""
    experiment = get_experiment_for(request.user, pk)
    if not permissions.can_view_documents(request.user, experiment):
        raise Http404
    document = get_object_or_404(experiment.documents, pk=document_pk)
    return download_response(
        document.file, filename=document.original_name, content_type=document.content_type
    )


@login_required
@require_http_methods(["GET", "POST"])
def activity(request, pk: int):
    """Comments among members and coordinators, mixed with the workflow events."""
    experiment = get_experiment_for(request.user, pk)
    form = CommentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.add_comment(experiment, by=request.user, body=form.cleaned_data["body"])
        messages.success(request, _("Message posted."))
        return redirect(reverse("projects:activity", kwargs={"pk": pk}) + "#activity")
    comments = [("comment", c.created_at, c) for c in experiment.comments.select_related("author")]
    events = [("event", e.created_at, e) for e in experiment.events.select_related("actor")]
    feed = sorted(comments + events, key=lambda item: item[1], reverse=True)
    return render(
        request,
        "projects/experiment_activity.html",
        _context(request, experiment, "activity", form=form, feed=feed),
        status=_status(request),
    )


@login_required
@require_http_methods(["GET", "POST"])
def transition(request, pk: int, name: str):
    """Confirm a transition, with a comment box; run it through the service."""
    experiment = get_experiment_for(request.user, pk)
    infos = {t.name: t for t in services.transitions_for(experiment, request.user)}
    info = infos.get(name)
    if info is None:
        raise Http404
    form = TransitionForm(
        request.POST or None,
        initial={"expected_state": experiment.state},
        comment_required=info.comment_required,
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.run_transition(
                    experiment,
                    name,
                    by=request.user,
                    comment=form.cleaned_data["comment"],
                    expected_state=form.cleaned_data["expected_state"],
                )
            except WorkflowError as error:
                messages.error(request, error.message)
                info.missing = error.missing or info.missing
                status = error.status
            else:
                messages.success(request, _("Done: %(action)s.") % {"action": info.label})
                return redirect("projects:experiment", pk=pk)
        else:
            status = 400
    elif not info.permitted:
        raise PermissionDenied
    return render(
        request,
        "projects/experiment_transition.html",
        _context(request, experiment, "overview", form=form, info=info),
        status=status,
    )
