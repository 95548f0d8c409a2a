"""Pages of the organisations' membership in the members' space: « Mes structures », creating an
organisation, asking to join, and an organisation's members page for its administrators and the
coordinators. Every decision asks `projects.network.permissions`; every change goes through
`projects.network.services`."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

import projects.network.permissions as permissions
import projects.network.services as services
from core import confirmation
from core.text import Fold, search_terms
from projects.network.directory_links import organisation_urls
from projects.network.forms import (
    DecisionForm,
    DirectorySearchForm,
    InviteForm,
    JoinRequestForm,
    OrganisationCreateForm,
    RoleForm,
)
from projects.network.models import MembershipRequest, Organisation, OrganisationMembership

SEARCH_LIMIT = 20


def _messages_of(error: ValidationError) -> str:
    return " ".join(error.messages)


def _back(request, default: str):
    """Back to the page the form was on, when it is one of this site's."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect(default)


# ---------------------------------------------------------------------- « Mes structures »
@login_required
def my_organisations(request):
    """My memberships with my role, my pending requests, and a search of the directory to ask
    to join or to create an organisation that is missing."""
    user = request.user
    memberships = list(
        OrganisationMembership.objects.filter(user=user)
        .select_related("organisation")
        .order_by("organisation__name")
    )
    pending = list(
        MembershipRequest.objects.pending().filter(user=user).select_related("organisation")
    )
    search = DirectorySearchForm(request.GET or None)
    results = None
    if search.is_valid() and search.cleaned_data["q"]:
        rows = Organisation.objects.canonical().annotate(folded=Fold("name"))
        for word in search_terms(search.cleaned_data["q"]):
            rows = rows.filter(folded__contains=word)
        results = list(rows.select_related("commune").order_by("name")[:SEARCH_LIMIT])
        mine = permissions.organisation_ids(user)
        asked = {r.organisation_id for r in pending}
        for organisation in results:
            organisation.is_mine = organisation.pk in mine
            organisation.is_asked = organisation.pk in asked
    shown = [m.organisation for m in memberships] + [r.organisation for r in pending]
    return render(
        request,
        "projects/organisations/mine.html",
        {
            "memberships": memberships,
            "pending": pending,
            "search": search,
            "results": results,
            "join_form": JoinRequestForm(),
            "urls": organisation_urls(request, shown + (results or [])),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def organisation_create(request):
    """A person whose organisation is not in the directory adds it and becomes its admin."""
    form = OrganisationCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            organisation = services.create_organisation(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)  # a message per field when the error names them
        else:
            messages.success(
                request,
                _("%(name)s is in the directory, and you are its administrator.")
                % {"name": organisation.name},
            )
            return redirect("projects:my_organisations")
    status = 400 if form.errors else 200
    return render(request, "projects/organisations/create.html", {"form": form}, status=status)


@login_required
@require_POST
def organisation_join(request, pk: int):
    """Ask to join an organisation (from « Mes structures » or its directory page)."""
    organisation = get_object_or_404(Organisation.objects.canonical(), pk=pk)
    form = JoinRequestForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The message is too long (2,000 characters at most)."))
        return _back(request, "projects:my_organisations")
    try:
        services.ask_to_join(organisation, by=request.user, message=form.cleaned_data["message"])
    except ValidationError as error:
        messages.error(request, _messages_of(error))
    else:
        messages.success(
            request,
            _("Your request to join %(name)s is sent: you will be told of the decision.")
            % {"name": organisation.name},
        )
    return _back(request, "projects:my_organisations")


@login_required
@require_POST
def request_withdraw(request, pk: int):
    membership_request = get_object_or_404(
        MembershipRequest.objects.select_related("organisation"), pk=pk, user=request.user
    )
    page = confirmation.ask(
        request,
        question=_("Withdraw your request to join %(name)s?")
        % {"name": membership_request.organisation.name},
        confirm_label=_("Withdraw the request"),
        cancel_url=reverse("projects:my_organisations"),
    )
    if page is not None:
        return page
    try:
        services.withdraw_request(membership_request, by=request.user)
    except ValidationError as error:
        messages.error(request, _messages_of(error))
    else:
        messages.success(request, _("Your request is withdrawn."))
    return redirect("projects:my_organisations")


@login_required
@require_POST
def organisation_leave(request, pk: int):
    organisation = get_object_or_404(Organisation, pk=pk)
    page = confirmation.ask(
        request,
        question=_("Leave %(name)s? You will no longer act on its behalf.")
        % {"name": organisation.name},
        confirm_label=_("Leave the organisation"),
        cancel_url=reverse("projects:my_organisations"),
    )
    if page is not None:
        return page
    try:
        services.leave_organisation(organisation, by=request.user)
    except ValidationError as error:
        messages.error(request, _messages_of(error))
    else:
        messages.success(
            request,
            _("You no longer act on behalf of %(name)s.") % {"name": organisation.name},
        )
    return redirect("projects:my_organisations")


# ---------------------------------------------------------------------- members page
def _managed(request, pk: int) -> Organisation:
    organisation = get_object_or_404(Organisation, pk=pk)
    if not permissions.can_manage_members(request.user, organisation):
        raise PermissionDenied
    return organisation


@login_required
def organisation_members(request, pk: int):
    """An organisation's members and roles, its pending requests to decide, and the invitation
    by e-mail: for its administrators and the coordinators."""
    organisation = _managed(request, pk)
    members = list(
        organisation.memberships.select_related("user").order_by("role", "user__full_name")
    )
    pending = list(
        organisation.membership_requests.pending().select_related("user").order_by("created_at")
    )
    return render(
        request,
        "projects/organisations/members.html",
        {
            "organisation": organisation,
            "members": members,
            "pending": pending,
            "roles": OrganisationMembership.Role.choices,
            "decision_form": DecisionForm(),
            "invite_form": InviteForm(),
            "has_admin": any(m.role == OrganisationMembership.Role.ADMIN for m in members),
            "urls": organisation_urls(request, [organisation]),
        },
    )


@login_required
@require_POST
def request_decide(request, pk: int):
    membership_request = get_object_or_404(
        MembershipRequest.objects.select_related("organisation", "user"), pk=pk
    )
    organisation = _managed(request, membership_request.organisation_id)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _messages_of(ValidationError(list(form.errors.values()))))
        return redirect("projects:organisation_members", pk=organisation.pk)
    decision, message = form.cleaned_data["decision"], form.cleaned_data["message"]
    name = membership_request.user.get_full_name() or membership_request.user.email
    try:
        if decision == "approve":
            services.approve_request(membership_request, by=request.user, message=message)
            messages.success(request, _("%(name)s is now a member.") % {"name": name})
        else:
            services.decline_request(membership_request, by=request.user, message=message)
            messages.success(request, _("The request of %(name)s is declined.") % {"name": name})
    except ValidationError as error:
        messages.error(request, _messages_of(error))
    return redirect("projects:organisation_members", pk=organisation.pk)


def _membership(request, pk: int) -> OrganisationMembership:
    membership = get_object_or_404(
        OrganisationMembership.objects.select_related("user", "organisation"), pk=pk
    )
    _managed(request, membership.organisation_id)
    return membership


@login_required
@require_POST
def member_role(request, pk: int):
    membership = _membership(request, pk)
    form = RoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a role in the list."))
    else:
        try:
            services.change_role(membership, form.cleaned_data["role"], by=request.user)
        except ValidationError as error:
            messages.error(request, _messages_of(error))
        else:
            messages.success(request, _("The role is changed."))
    return redirect("projects:organisation_members", pk=membership.organisation_id)


@login_required
@require_POST
def member_remove(request, pk: int):
    membership = _membership(request, pk)
    page = confirmation.ask(
        request,
        question=_("Remove %(name)s from %(organisation)s?")
        % {
            "name": membership.user.get_full_name() or membership.user.email,
            "organisation": membership.organisation.name,
        },
        confirm_label=_("Remove the member"),
        cancel_url=reverse("projects:organisation_members", args=[membership.organisation_id]),
    )
    if page is not None:
        return page
    try:
        services.remove_member(membership, by=request.user)
    except ValidationError as error:
        messages.error(request, _messages_of(error))
    else:
        messages.success(request, _("The member is removed."))
    if membership.user_id == request.user.pk:
        return redirect("projects:my_organisations")
    return redirect("projects:organisation_members", pk=membership.organisation_id)
