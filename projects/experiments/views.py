"""The leads' space ("Mon espace") and the public experiment pages.

Views parse input, ask `projects.experiments.permissions`, call one service, and turn its
exceptions into a message or a 4xx answer. A form with errors is shown again with what was typed
(status 400).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

import projects.experiments.permissions as permissions
import projects.experiments.services as services
from accounts.models import Notification
from core.documents import download_response
from core.translation import localize_all
from projects.experiments.forms import (
    SHEET_SECTIONS,
    BudgetLineFormSet,
    CapitalisationForm,
    CommentForm,
    DocumentForm,
    InviteForm,
    MilestoneFormSet,
    PartnerFormSet,
    ProposeIdeaForm,
    SelfFinancingForm,
    TransitionForm,
)
from projects.experiments.models import Experiment, ExperimentMember


def get_experiment_for(user, pk: int) -> Experiment:
    """The experiment if ``user`` may open its space; 404 otherwise (never reveal it exists)."""
    experiment = get_object_or_404(Experiment.objects.with_sheet(), pk=pk)
    if not permissions.can_view(user, experiment):
        raise Http404
    return experiment


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def _context(request, experiment: Experiment, tab: str, **extra) -> dict:
    """What every tab of an experiment's space shows around its content."""
    themes = localize_all(experiment.themes.all())
    return {
        "experiment": experiment,
        "tab": tab,
        "themes": themes,
        "can_edit": permissions.can_edit(request.user, experiment),
        "can_manage": permissions.can_manage_members(request.user, experiment),
        "sheet_sections": [(key, label) for key, (label, _form) in SHEET_SECTIONS.items()],
        **extra,
    }


def _status(request) -> int:
    return 400 if request.method == "POST" else 200


# ---------------------------------------------------------------------- dashboard
@login_required
def space(request):
    """My experiments with their state and what the next step still needs, my notifications."""
    experiments = (
        Experiment.objects.with_sheet()
        .filter(memberships__user=request.user)
        .prefetch_related(
            Prefetch(
                "memberships",
                queryset=ExperimentMember.objects.filter(user=request.user),
                to_attr="my_membership",
            )
        )
        .distinct()
        .order_by("-updated_at")
    )
    rows = [
        {
            "experiment": experiment,
            "role": experiment.my_membership[0].get_role_display()
            if experiment.my_membership
            else "",
            "next_steps": services.next_steps(experiment),
        }
        for experiment in experiments
    ]
    notifications = request.user.notifications.filter(read_at__isnull=True)[:10]
    return render(
        request,
        "projects/space.html",
        {"rows": rows, "notifications": notifications},
    )


@login_required
@require_http_methods(["GET", "POST"])
def notifications(request):
    """Every notification; POST marks them all read."""
    if request.method == "POST":
        request.user.notifications.filter(read_at__isnull=True).update(read_at=timezone.now())
        messages.success(request, _("All notifications are marked as read."))
        return redirect("projects:notifications")
    items = request.user.notifications.all()[:100]
    return render(request, "projects/notifications.html", {"items": items})


@login_required
def open_notification(request, pk: int):
    """Mark one notification read and follow its link."""
    notification = get_object_or_404(Notification, pk=pk, recipient=request.user)
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return redirect(notification.url or "projects:space")


# ---------------------------------------------------------------------- ideas
def propose_public(request):
    """The public "Propose a cooperation" page: explains, then asks to sign in or sign up."""
    if request.user.is_authenticated:
        return redirect("projects:propose")
    return render(request, "projects/propose_public.html")


@login_required
@require_http_methods(["GET", "POST"])
def propose(request):
    form = ProposeIdeaForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        experiment = services.propose_idea(
            by=request.user,
            title=data["title"],
            summary=data["summary"],
            lead_organisation=data["lead_organisation"],
            partner=data["partner"],
            themes=data["themes"],
            territories=data["territories"],
        )
        messages.success(
            request,
            _("Your idea is recorded. The coordinators will look at it and get back to you."),
        )
        return redirect("projects:experiment", pk=experiment.pk)
    return render(request, "projects/propose.html", {"form": form}, status=_status(request))


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
            formset.save()
            messages.success(request, _("Partners saved."))
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
            partners=experiment.partner_links.all(),
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
            partners=experiment.partner_links.all(),
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
        if form.is_valid():
            try:
                services.add_document(
                    experiment,
                    by=request.user,
                    title=form.cleaned_data["title"],
                    uploaded=form.cleaned_data["file"],
                )
            except ValidationError as error:
                form.add_error("file", error)
            except services.DocumentStorageError:
                form.add_error(
                    "file",
                    _(
                        "The document store cannot be reached right now; nothing was changed. "
                        "Please try again later."
                    ),
                )
                status = 503
            else:
                messages.success(request, _("Document added."))
                return redirect("projects:documents", pk=pk)
        status = status if status != 200 else 400
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
            except services.WorkflowError as error:
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


# ---------------------------------------------------------------------- invitations
@login_required
@require_http_methods(["GET", "POST"])
def invitation(request, token: str):
    """Accept an invitation received by e-mail (after signing in or creating an account)."""
    from projects.experiments.models import Invitation

    pending = (
        Invitation.objects.select_related("experiment", "organisation", "invited_by")
        .filter(token=token)
        .first()
    )
    if pending is None:
        raise Http404
    if request.method == "POST":
        try:
            accepted = services.accept_invitation(token, by=request.user)
        except services.InvitationError as error:
            messages.error(request, str(error))
            return render(request, "projects/invitation.html", {"invitation": pending}, status=409)
        messages.success(request, _("Welcome aboard!"))
        if accepted.experiment_id:
            return redirect("projects:experiment", pk=accepted.experiment_id)
        return redirect("projects:space")
    return render(request, "projects/invitation.html", {"invitation": pending})


# ---------------------------------------------------------------------- public pages
def public_list(request):
    """Experiments whose leads made them public."""
    experiments = (
        Experiment.objects.public()
        .select_related("lead_organisation")
        .prefetch_related("themes", "partner_links__organisation")
        .order_by("-state_changed_at")
    )
    return render(request, "projects/public_list.html", {"experiments": experiments})


def public_detail(request, slug: str):
    experiment = get_object_or_404(
        Experiment.objects.select_related("lead_organisation").prefetch_related(
            "themes", "territories", "partner_links__organisation"
        ),
        slug=slug,
    )
    if not permissions.can_view_public_page(request.user, experiment):
        raise Http404
    return render(
        request,
        "projects/public_detail.html",
        {
            "experiment": experiment,
            "themes": localize_all(experiment.themes.all()),
            "is_member_view": permissions.can_view(request.user, experiment),
        },
    )
