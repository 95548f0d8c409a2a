"""The leads' space: dashboard, experiment pages, forms and transitions.

Views parse input, ask `projects.permissions`, call one service, and turn its exceptions into a
message or a 4xx answer.
"""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from . import permissions, services
from .models import Experiment


def get_experiment_for(user, pk: int) -> Experiment:
    """The experiment if ``user`` may open its space; 404 otherwise (never reveal it exists)."""
    experiment = get_object_or_404(Experiment.objects.with_sheet(), pk=pk)
    if not permissions.can_view(user, experiment):
        raise Http404
    return experiment


@login_required
def space(request):
    """My experiments with their state and what the next step still needs."""
    experiments = Experiment.objects.with_sheet().filter(memberships__user=request.user).distinct()
    rows = [(e, services.next_steps(e)) for e in experiments]
    return render(request, "projects/space.html", {"rows": rows})


@login_required
def experiment_overview(request, pk: int):
    experiment = get_experiment_for(request.user, pk)
    return render(
        request,
        "projects/experiment_overview.html",
        {
            "experiment": experiment,
            "transitions": services.transitions_for(experiment, request.user),
            "next_steps": services.next_steps(experiment),
        },
    )
