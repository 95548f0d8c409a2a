"""Who may read the matching of an experiment with the funding calls: the funding tab, « does
this call fit? » and the matching API share these rules."""

from django.db.models import QuerySet

import projects.experiments.permissions as experiment_permissions
from projects.experiments.models import Experiment

# Matching helps from the formalisation on (what the sheet still lacks for a call), until the
# experiment runs; ideas have no budget yet and closed experiments need no more funding: the
# states the workflow flags `matching`.
MATCHING_STATES = Experiment.State.where("matching")


def can_see_matching(user, experiment: Experiment) -> bool:
    """The experiment's members and the coordinators, while the experiment looks for funding."""
    return experiment.state in MATCHING_STATES and experiment_permissions.can_view(user, experiment)


def experiments_to_match(user) -> QuerySet[Experiment]:
    """The experiments ``user`` is a member of that look for funding, most recently changed
    first: those « does this call fit? » offers to check."""
    if not user.is_authenticated:
        return Experiment.objects.none()
    return (
        Experiment.objects.filter(memberships__user=user, state__in=MATCHING_STATES)
        .distinct()
        .order_by("-updated_at", "pk")
    )
