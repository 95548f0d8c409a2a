"""The experiment pipeline as coordinators read it: the board, time in state, export values.

Read-only helpers for the coordinators' admin (`projects/experiments/admin/views.py`); every query
count here is constant, whatever the number of experiments.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Count, F, Window
from django.db.models.functions import RowNumber
from django.utils import timezone

import projects.experiments.permissions as permissions
from core.translation import localize_all
from core.workflow import TransitionInfo
from core.workflow.badges import badge_colour
from projects.experiments.models import Experiment
from projects.experiments.services import next_steps, transitions_for

# A column shows at most this many cards; its count and a link to the filtered listing tell the
# rest. Active columns show the experiments waiting longest first, final ones the latest first.
CARDS_PER_COLUMN = 50


def days_in_state(experiment: Experiment, now: datetime | None = None) -> int:
    """Whole days since the experiment entered its current state."""
    return max(((now or timezone.now()) - experiment.state_changed_at).days, 0)


def localize_themes(experiments: Iterable[Experiment]) -> None:
    """Show the prefetched themes of ``experiments`` in the active language (one query)."""
    localize_all(theme for experiment in experiments for theme in experiment.themes.all())


@dataclass
class BoardCard:
    """One experiment on the board, with what a coordinator may do about it."""

    experiment: Experiment
    days_in_state: int
    missing: int
    actions: list[TransitionInfo] = field(default_factory=list)


@dataclass
class BoardColumn:
    """One state of the workflow: how many experiments are in it and their cards."""

    state: str
    label: str
    count: int
    cards: list[BoardCard]
    is_final: bool
    badge: str = ""  # the state's badge colour, from the workflow declaration

    @property
    def not_shown(self) -> int:
        return self.count - len(self.cards)


def _capped(queryset, *order):
    """At most CARDS_PER_COLUMN experiments per state, in one query."""
    position = Window(RowNumber(), partition_by=[F("state")], order_by=list(order))
    return (
        queryset.annotate(board_position=position)
        .filter(board_position__lte=CARDS_PER_COLUMN)
        .order_by("state", "board_position")
    )


def board(user) -> list[BoardColumn]:
    """The pipeline for ``user`` (a coordinator): one column per state, in workflow order."""
    counts = dict(Experiment.objects.order_by().values_list("state").annotate(count=Count("pk")))
    final = list(Experiment.FINAL_STATES)
    active = list(
        _capped(
            Experiment.objects.with_sheet().exclude(state__in=final),
            F("state_changed_at").asc(),
            F("pk").asc(),
        )
    )
    ended = list(
        _capped(
            Experiment.objects.select_related("lead_organisation").filter(state__in=final),
            F("state_changed_at").desc(),
            F("pk").desc(),
        )
    )
    permissions.prime_member_roles(active, user)
    now = timezone.now()
    cards: dict[str, list[BoardCard]] = {state: [] for state in Experiment.State.values}
    for experiment in active:
        cards[experiment.state].append(
            BoardCard(
                experiment=experiment,
                days_in_state=days_in_state(experiment, now),
                missing=len(next_steps(experiment)),
                actions=[t for t in transitions_for(experiment, user) if t.allowed],
            )
        )
    # Final states have no transition left: no actions, nothing missing.
    for experiment in ended:
        cards[experiment.state].append(
            BoardCard(
                experiment=experiment, days_in_state=days_in_state(experiment, now), missing=0
            )
        )
    return [
        BoardColumn(
            state=state.value,
            label=state.label,
            count=counts.get(state.value, 0),
            cards=cards[state.value],
            is_final=state.terminal,
            badge=badge_colour(state),
        )
        for state in Experiment.State
    ]


# ------------------------------------------------------------------------------ export
def _names(items: Iterable) -> str:
    return "; ".join(str(item) for item in items)


# Values of the export's computed columns; other columns are model fields or properties.
EXPORT_VALUES: dict[str, Callable[[Experiment], object]] = {
    "state": lambda e: e.get_state_display(),
    "days_in_state": days_in_state,
    "themes": lambda e: _names(e.themes.all()),
    "territories": lambda e: _names(e.territories.all()),
    "partners": lambda e: _names(link.organisation for link in e.partner_links.all()),
}
