"""What the coordinators' dashboard (the Wagtail admin's home page) lists about experiments:
the ideas awaiting their decision and the experiments stuck in a state.

Each function returns the first items and the total, in two queries whatever their number; the
panels are registered in `projects/wagtail_hooks.py` and shown to those who steer the pipeline.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.utils import timezone

from projects.experiments.models import Experiment

# An active experiment that has not changed state for longer than this is "stuck".
STUCK_AFTER_DAYS = 60


@dataclass(frozen=True)
class ExperimentQueue:
    experiments: list[Experiment]
    total: int


def _queue(queryset, limit: int) -> ExperimentQueue:
    experiments = list(queryset.select_related("lead_organisation")[:limit])
    total = len(experiments) if len(experiments) < limit else queryset.count()
    return ExperimentQueue(experiments, total)


def ideas_awaiting_decision(limit: int) -> ExperimentQueue:
    """Ideas the coordinators have to accept or decline, the longest waiting first."""
    queryset = Experiment.objects.filter(state=Experiment.State.IDEA).order_by(
        "state_changed_at", "pk"
    )
    return _queue(queryset, limit)


def count_ideas_awaiting_decision() -> int:
    """How many ideas wait for the coordinators' decision (one query)."""
    return Experiment.objects.filter(state=Experiment.State.IDEA).count()


def stuck_experiments(
    limit: int, *, days: int = STUCK_AFTER_DAYS, now: datetime | None = None
) -> ExperimentQueue:
    """Experiments in a state that is not terminal for more than ``days`` days, the longest
    first. The time counts from the last transition (`state_changed_at`, which every transition
    sets as it writes the audit record) or, without one, from the creation."""
    since = (now or timezone.now()) - timedelta(days=days)
    queryset = Experiment.objects.filter(
        state__in=Experiment.State.where("terminal", present=False),
        state_changed_at__lt=since,
    ).order_by("state_changed_at", "pk")
    return _queue(queryset, limit)
