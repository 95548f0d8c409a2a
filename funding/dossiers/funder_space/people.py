"""The people of a dossier's review, from the funders' space: the staff assign reviewers and
remove them, share a review's general comment with the lead; a reviewer declares a conflict of
interest (after a confirmation step) and leaves the dossier."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

import funding.dossiers.permissions as permissions
import funding.dossiers.services as dossiers
from core.workflow import WorkflowError
from funding.dossiers.funder_space.forms import AssignForm, ConflictForm
from funding.dossiers.review import _back, _detail, get_application_for


@login_required
@require_POST
def review_assign(request, pk: int):
    application = get_application_for(request.user, pk)
    if not permissions.can_assign(request.user, application):
        raise PermissionDenied
    form = AssignForm(request.POST, people=dossiers.assignable_people(application))
    if form.is_valid():
        try:
            assignment = dossiers.assign_reviewer(
                application,
                by=request.user,
                reviewer=form.cleaned_data["reviewer"],
                due_on=form.cleaned_data["due_on"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        except WorkflowError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                _("%(name)s is assigned to this dossier.")
                % {"name": assignment.reviewer.get_full_name()},
            )
            return _back(pk, "#assignments")
    return _detail(request, application, status=400, assign_form=form)


@login_required
@require_POST
def review_unassign(request, pk: int, assignment_pk: int):
    application = get_application_for(request.user, pk)
    if not permissions.can_assign(request.user, application):
        raise PermissionDenied
    assignment = get_object_or_404(application.assignments, pk=assignment_pk)
    try:
        dossiers.remove_assignment(assignment, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("%(name)s no longer reviews this dossier.")
            % {"name": assignment.reviewer.get_full_name()},
        )
    return _back(pk, "#assignments")


@login_required
@require_POST
def review_conflict(request, pk: int):
    """Declare a conflict of interest: the reason, then a confirmation page, then it is done
    and the reviewer no longer sees the dossier."""
    application = get_application_for(request.user, pk)
    if not permissions.can_declare_conflict(request.user, application):
        raise PermissionDenied
    form = ConflictForm(request.POST)
    if not form.is_valid() or request.POST.get("back"):
        status = 200 if form.is_valid() else 400
        return _detail(request, application, status=status, conflict_form=form)
    if not form.cleaned_data["confirmed"]:
        return render(
            request,
            "funding/dossiers/conflict_confirm.html",
            {"application": application, "form": form},
        )
    try:
        dossiers.declare_conflict(application, by=request.user, reason=form.cleaned_data["reason"])
    except ValidationError as error:
        form.add_error("reason", error)
        return _detail(request, application, status=400, conflict_form=form)
    messages.success(
        request,
        _("Your conflict of interest is recorded: you no longer review this dossier."),
    )
    return redirect(reverse("funding:review_inbox"))


@login_required
@require_POST
def review_share(request, pk: int, review_pk: int):
    """Share a review's general comment with the lead (``shared=0``: stop sharing it)."""
    application = get_application_for(request.user, pk)
    if not permissions.can_share_review(request.user, application):
        raise PermissionDenied
    review = get_object_or_404(application.reviews, pk=review_pk)
    shared = request.POST.get("shared", "1") != "0"
    try:
        dossiers.share_review_comment(review, by=request.user, shared=shared)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("The comment is shared with the lead.")
            if shared
            else _("The comment is no longer shared with the lead."),
        )
    return _back(pk, "#reviews")
