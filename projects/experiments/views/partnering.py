"""Partner invitations: the page of one's space listing the invitations addressed to one's
organisations (and, for coordinators, those nobody can answer), answering one, and inviting a
declined organisation again from the partners tab."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

import projects.experiments.partners as partners
from accounts import roles
from projects.experiments.models import ExperimentPartner
from projects.experiments.views.common import _require, get_experiment_for


def _listing(request, *, status: int = 200):
    context = {"invitations": list(partners.invitations_for(request.user))}
    if roles.is_coordinator(request.user):
        context["unanswerable"] = list(partners.unanswerable_invitations())
    return render(request, "projects/partner_invitations.html", context, status=status)


@login_required
def partner_invitations(request):
    """The invitations addressed to my organisations, to accept or decline."""
    return _listing(request)


@login_required
@require_POST
def answer_partner_invitation(request, pk: int):
    """Accept or decline one invitation (a member of the invited organisation)."""
    link = get_object_or_404(
        ExperimentPartner.objects.select_related("experiment", "organisation"), pk=pk
    )
    accept = request.POST.get("answer") == "accept"
    try:
        partners.answer_invitation(link, by=request.user, accept=accept)
    except PermissionDenied as error:
        messages.error(request, str(error))
        return _listing(request, status=403)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return _listing(request, status=409)
    if accept:
        messages.success(
            request,
            _("%(organisation)s is now a partner of “%(title)s”.")
            % {"organisation": link.organisation.name, "title": link.experiment.title},
        )
    else:
        messages.success(request, _("The invitation is declined."))
    return redirect("projects:partner_invitations")


@login_required
@require_POST
def reinvite_partner(request, pk: int, partner_pk: int):
    """Invite again an organisation that declined (the leads, from the partners tab)."""
    experiment = get_experiment_for(request.user, pk)
    _require(partners.permissions.can_invite_partners(request.user, experiment))
    link = get_object_or_404(experiment.partner_links.select_related("organisation"), pk=partner_pk)
    try:
        partners.invite_partner(experiment, link.organisation, by=request.user, role=link.role)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("%(organisation)s is invited again.") % {"organisation": link.organisation}
        )
    return redirect("projects:partners", pk=pk)
