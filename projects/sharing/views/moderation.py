"""The coordinators' moderation of the board: reports and hidden posts."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

import projects.sharing.permissions as permissions
import projects.sharing.services as sharing
from projects.sharing.forms import (
    CloseReportForm,
    HideForm,
)
from projects.sharing.models import (
    SharingPost,
    SharingReport,
)
from projects.sharing.views.posts import post_detail

BOARD_PAGE_SIZE = 20


# ---------------------------------------------------------------------- moderation
def _require_moderator(request) -> None:
    if not permissions.can_moderate_sharing(request.user):
        raise PermissionDenied


@login_required
@never_cache
def reports(request):
    """Reports for the coordinators: open ones first, then the latest closed."""
    _require_moderator(request)
    base = SharingReport.objects.select_related("post__organisation", "reporter", "handled_by")
    return render(
        request,
        "projects/sharing/reports.html",
        {
            "open_reports": list(base.filter(closed_at__isnull=True).order_by("created_at")),
            "closed_reports": list(
                base.filter(closed_at__isnull=False).order_by("-closed_at")[:50]
            ),
        },
    )


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def report_detail(request, pk: int):
    """One report: take it in charge, read the conversation reported, close it (hiding the
    post or not)."""
    _require_moderator(request)
    report = get_object_or_404(
        SharingReport.objects.select_related(
            "post__organisation", "conversation__organisation", "reporter", "handled_by"
        ),
        pk=pk,
    )
    form = CloseReportForm(request.POST if request.POST.get("action") == "close" else None)
    status = 200
    if request.method == "POST":
        try:
            if request.POST.get("action") == "take":
                sharing.take_report(report, by=request.user)
                messages.success(request, _("You handle this report."))
                return redirect("projects:sharing_report", pk=pk)
            if request.POST.get("action") == "close" and form.is_valid():
                sharing.close_report(
                    report,
                    by=request.user,
                    outcome=form.cleaned_data["outcome"],
                    note=form.cleaned_data["note"],
                )
                messages.success(request, _("The report is closed."))
                return redirect("projects:sharing_reports")
            status = 400
        except sharing.SharingError as error:
            messages.error(request, error.message)
            status = error.status
        except ValidationError as error:
            form.add_error(None, error)
            status = 400
    return render(
        request,
        "projects/sharing/report_detail.html",
        {
            "report": report,
            "form": form,
            "handles": report.is_open and report.handled_by_id == request.user.pk,
        },
        status=status,
    )


@login_required
@require_POST
def post_hide(request, pk: int):
    """A coordinator hides a post (with the reason) or puts it back."""
    _require_moderator(request)
    post = get_object_or_404(SharingPost, pk=pk)
    if request.POST.get("action") == "restore":
        sharing.restore_post(post, by=request.user)
        messages.success(request, _("The post is visible again."))
        return redirect("projects:sharing_post", pk=pk)
    form = HideForm(request.POST)
    if not form.is_valid():
        return post_detail(request, pk, hide_form=form, status=400)
    sharing.hide_post(post, by=request.user, reason=form.cleaned_data["reason"])
    messages.success(request, _("The post is hidden."))
    return redirect("projects:sharing_post", pk=pk)
