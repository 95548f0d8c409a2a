"""The "Funding" tab of an experiment's space: ranked matches, near misses and the plan."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, render

import projects.experiments.permissions as experiment_permissions
from core.translation import localize_all
from funding.matching.applications import current_by_call
from funding.matching.coverage import coverage_segments
from funding.matching.permissions import can_see_matching
from funding.matching.queries import catalogue_base_url
from funding.matching.recommendations import recommend
from funding.matching.watches import watched_call_ids
from projects.experiments.models import Experiment

# Near misses with something to wait for: « Tell me when it opens » (funding.matching.watches).
WATCHABLE_REASONS = frozenset({"opens_later", "closed_recurring"})


def tab_visible(user, experiment: Experiment) -> bool:
    return can_see_matching(user, experiment)


@login_required
def experiment_funding(request, pk: int):
    experiment = get_object_or_404(Experiment.objects.with_sheet(), pk=pk)
    if not can_see_matching(request.user, experiment):
        raise Http404
    recommendations = recommend(experiment)
    plan = recommendations.plan
    # The dossier shown beside each call: "See the dossier" rather than a second one.
    dossiers = current_by_call(recommendations.applications)
    off_topic = sum(1 for m in recommendations.apply_now if m.off_topic)
    return render(
        request,
        "funding/experiment_funding.html",
        {
            "experiment": experiment,
            "tab": "funding",
            "themes": localize_all(experiment.themes.all()),
            "can_edit": experiment_permissions.can_edit(request.user, experiment),
            "recommendations": recommendations,
            "plan": plan,
            "commitments": plan.commitments,
            "plan_lines": [(line, dossiers.get(line.call.id)) for line in plan.lines],
            "match_rows": [(m, dossiers.get(m.call.id)) for m in recommendations.apply_now],
            # Calls with no theme and few words in common come last, folded away.
            "off_topic_count": off_topic,
            "on_topic_count": len(recommendations.apply_now) - off_topic,
            "later_rows": [(m, dossiers.get(m.call.id)) for m in recommendations.opening_later],
            "near_rows": [
                (m, any(c.reason in WATCHABLE_REASONS for c in m.unmet))
                for m in recommendations.near_misses
            ],
            # The calls the person asked to be told about, for the buttons' state.
            "watched": watched_call_ids(request.user, experiment),
            "segments": coverage_segments(recommendations.experiment, plan),
            "catalogue_url": catalogue_base_url(),
        },
    )
