"""What every page of an experiment's space shares: finding the experiment the person may open,
the frame of its tabs, and the status of a form shown again."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

import projects.experiments.permissions as permissions
from core.translation import localize_all
from projects.experiments.forms import SHEET_SECTIONS
from projects.experiments.models import Experiment


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
