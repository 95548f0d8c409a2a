"""The public pages of experiments: those whose leads made the summary public."""

from django.http import Http404
from django.shortcuts import get_object_or_404, render

import projects.experiments.permissions as permissions
from core.translation import localize_all
from projects.experiments.models import Experiment, accepted_partners


# ---------------------------------------------------------------------- public pages
def public_list(request):
    """Experiments whose leads made them public."""
    experiments = (
        Experiment.objects.public()
        .select_related("lead_organisation")
        .prefetch_related("themes", accepted_partners())
        .order_by("-state_changed_at")
    )
    return render(request, "projects/public_list.html", {"experiments": experiments})


def public_detail(request, slug: str):
    experiment = get_object_or_404(
        Experiment.objects.select_related("lead_organisation").prefetch_related(
            "themes", "territories", accepted_partners()
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
