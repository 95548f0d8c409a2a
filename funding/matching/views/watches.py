"""« Tell me when it opens »: watch a call of the funding tab, or stop the alert."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.translation import localize_all
from funding.catalogue.models import FundingCall
from funding.matching import watches
from funding.matching.permissions import can_see_matching
from projects.experiments.models import Experiment


@login_required
@require_POST
def call_watch(request, pk: int, call_id: int):
    """``action=watch``: be told when the call opens (a call opening later, or a recurring call
    between two sessions; 400 otherwise); ``action=unwatch``: stop the alert. Whoever sees the
    experiment's funding tab may (404 for the others), then back to the tab."""
    experiment = get_object_or_404(Experiment, pk=pk)
    if not can_see_matching(request.user, experiment):
        raise Http404
    call = get_object_or_404(FundingCall.objects.canonical(), pk=call_id)
    name = localize_all([call])[0].name
    action = request.POST.get("action")
    if action == "watch":
        if not watches.can_be_watched(call):
            if call.is_open():
                message = _("“%(call)s” is open now: there is no opening to wait for.")
            else:
                message = _("“%(call)s” is closed and no next session is expected.")
            return render(request, "400.html", {"message": message % {"call": name}}, status=400)
        watches.watch(request.user, experiment, call)
        messages.success(
            request,
            _("You will be told when “%(call)s” opens, here and by e-mail.") % {"call": name},
        )
    elif action == "unwatch":
        watches.unwatch(request.user, experiment, call)
        messages.success(request, _("The alert on “%(call)s” is stopped.") % {"call": name})
    else:
        message = _("Choose to be told when the call opens, or to stop the alert.")
        return render(request, "400.html", {"message": message}, status=400)
    return redirect("funding:experiment_funding", pk=experiment.pk)
