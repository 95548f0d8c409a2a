"""« Does this call fit my experiment? »: any call of the catalogue, asked about from its page,
with its verdict and every condition it meets or fails (issue 18: calls left out are never
dropped without a word)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

import projects.experiments.permissions as experiment_permissions
from core.translation import localize_all
from funding.catalogue.models import FundingCall
from funding.matching.permissions import can_see_matching, experiments_to_match
from funding.matching.recommendations import EXCLUDED, MATCH, NEAR_MISS, explain_call
from projects.experiments.models import Experiment


def _call_or_404(call_id: int) -> FundingCall:
    call = FundingCall.objects.canonical().filter(pk=call_id).first()
    if call is None:
        raise Http404
    return localize_all([call])[0]


@login_required
def call_fit_choose(request, call_id: int):
    """Which of my experiments to check against the call; straight to it when there is one."""
    call = _call_or_404(call_id)
    experiments = list(experiments_to_match(request.user))
    if len(experiments) == 1:
        return redirect("funding:experiment_call_fit", pk=experiments[0].pk, call_id=call.pk)
    return render(
        request, "funding/call_fit_choose.html", {"call": call, "experiments": experiments}
    )


@login_required
def experiment_call_fit(request, pk: int, call_id: int):
    """The verdict of one call for one experiment, from the scorer the funding tab uses."""
    experiment = get_object_or_404(Experiment.objects.with_sheet(), pk=pk)
    if not can_see_matching(request.user, experiment):
        raise Http404
    call = _call_or_404(call_id)
    match, verdict = explain_call(experiment, call.pk)
    return render(
        request,
        "funding/call_fit.html",
        {
            "experiment": experiment,
            "tab": "funding",
            "can_edit": experiment_permissions.can_edit(request.user, experiment),
            "call": call,
            "match": match,
            "verdict": verdict,
            "is_match": verdict == MATCH,
            "opens_later": bool(match.call.opens_on and match.call.opens_on > timezone.localdate()),
            "is_near_miss": verdict == NEAR_MISS,
            "is_excluded": verdict == EXCLUDED,
        },
    )
