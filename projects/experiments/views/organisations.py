"""Inviting someone by e-mail to act for an organisation, from its members page (the network's
`projects:organisation_members`): invitations belong to the experiments' area, which sits above
the network."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

import projects.experiments.services as services
import projects.network.permissions as network_permissions
from projects.experiments.models import ExperimentMember
from projects.network.forms import InviteForm
from projects.network.models import Organisation


@login_required
@require_POST
def organisation_invite(request, pk: int):
    """An administrator of the organisation (or a coordinator) invites a person by e-mail; the
    person joins it on accepting the invitation."""
    organisation = get_object_or_404(Organisation, pk=pk)
    if not network_permissions.can_manage_members(request.user, organisation):
        raise PermissionDenied
    form = InviteForm(request.POST)
    if form.is_valid():
        services.invite(
            by=request.user,
            email=form.cleaned_data["email"],
            organisation=organisation,
            role=ExperimentMember.Role.CONTRIBUTOR,
        )
        messages.success(
            request,
            _("An invitation is sent to %(email)s.") % {"email": form.cleaned_data["email"]},
        )
    else:
        messages.error(request, _("Enter a valid e-mail address."))
    return redirect("projects:organisation_members", pk=organisation.pk)
