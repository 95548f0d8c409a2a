"""The coordinators' matrix: experiments looking for funding by calls not closed.

Each cell says how a call stands for an experiment: a match (with its score, and the amount
the proposed plan asks from it), a near miss (with what it lacks), or nothing. Built from
`funding.matching.recommendations.recommend_many`, so the whole matrix costs the same handful of
queries whatever the number of experiments and calls.
"""

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from core.spreadsheets import formula_safe
from funding.matching.facts import CallFacts
from funding.matching.recommendations import Recommendations, candidate_calls, recommend_many
from funding.matching.scoring import Match
from projects.experiments.models import Experiment

MATCH = "match"
NEAR = "near"
NONE = "none"

# The states in which an experiment looks for funding or is about to (flagged `funding_sought` by
# the workflow); the matrix shows `seeking_funding` by default and, on demand, the others.
MATRIX_STATES = Experiment.State.where("funding_sought")
DEFAULT_STATES = (Experiment.State.SEEKING_FUNDING,)


@dataclass(frozen=True)
class Cell:
    """One experiment and one call."""

    call: CallFacts
    status: str  # MATCH, NEAR or NONE
    score: float | None = None
    amount: Decimal | None = None  # what the proposed plan asks from this call
    unmet: tuple[str, ...] = ()  # near misses: what fails, in the active language

    @property
    def in_plan(self) -> bool:
        return self.amount is not None and self.amount > 0


@dataclass
class Row:
    """One experiment, its recommendations and one cell per column."""

    experiment: Experiment
    recommendations: Recommendations
    cells: tuple[Cell, ...]
    url: str = ""  # where the experiment's name links to (set by the view)

    @property
    def plan(self):
        return self.recommendations.plan


@dataclass(frozen=True)
class Matrix:
    calls: tuple[CallFacts, ...]
    rows: tuple[Row, ...]
    hidden_calls: int = 0  # calls left out because they match none of the rows
    today: date | None = None
    deadlines: dict[int, date | None] = field(default_factory=dict)


def _cell(call: CallFacts, matches: dict[int, Match], near: dict[int, Match], plan) -> Cell:
    if call.id in matches:
        amount = plan.get(call.id)
        return Cell(call, MATCH, score=matches[call.id].score, amount=amount)
    if call.id in near:
        return Cell(
            call,
            NEAR,
            score=near[call.id].score,
            unmet=tuple(str(c.fix or c.message) for c in near[call.id].unmet),
        )
    return Cell(call, NONE)


def build_matrix(
    experiments: Iterable[Experiment],
    *,
    calls: list[CallFacts] | None = None,
    source_kinds: Iterable[str] = (),
    only_relevant: bool = True,
    today: date | None = None,
) -> Matrix:
    """The matrix of ``experiments`` (already fetched, in display order) against the calls not
    closed (or ``calls``), optionally restricted to some source kinds. With ``only_relevant``,
    calls that are neither a match nor a near miss for any experiment are left out."""
    today = today or timezone.localdate()
    experiments = list(experiments)
    if calls is None:
        calls = candidate_calls() if experiments else []
    kinds = frozenset(source_kinds)
    if kinds:
        calls = [call for call in calls if call.source_kind in kinds]
    recommendations = recommend_many([e.pk for e in experiments], calls=calls, today=today)
    lookups = []
    relevant: set[int] = set()
    deadlines: dict[int, date | None] = {}
    for experiment in experiments:
        found = recommendations[experiment.pk]
        matches = {m.call.id: m for m in found.matches}
        near = {m.call.id: m for m in found.near_misses}
        plan = {line.call.id: line.amount for line in found.plan.lines}
        relevant |= matches.keys() | near.keys()
        for match in (*found.matches, *found.near_misses):
            deadlines[match.call.id] = match.deadline
        lookups.append((experiment, found, matches, near, plan))
    columns = [call for call in calls if call.id in relevant] if only_relevant else list(calls)
    columns.sort(key=lambda call: (deadlines.get(call.id) or date.max, call.name, call.id))
    rows = tuple(
        Row(
            experiment=experiment,
            recommendations=found,
            cells=tuple(_cell(call, matches, near, plan) for call in columns),
        )
        for experiment, found, matches, near, plan in lookups
    )
    return Matrix(
        calls=tuple(columns),
        rows=rows,
        hidden_calls=len(calls) - len(columns),
        today=today,
        deadlines=deadlines,
    )


# The matrix shows this many calls at a time (its columns), paged; the CSV has them all.
CALLS_PER_PAGE = 8


@dataclass(frozen=True)
class CallPage:
    """One page of the matrix's columns: the matrix cut to them, and where it stands."""

    matrix: Matrix
    number: int
    count: int  # pages in all
    first: int  # 1-based index of the first call shown (0 without calls)
    last: int

    @property
    def numbers(self) -> range:
        return range(1, self.count + 1)


def page_of_calls(matrix: Matrix, page: object, per_page: int = CALLS_PER_PAGE) -> CallPage:
    """``matrix`` restricted to one page of its calls (columns), rows and deadlines unchanged.
    A page that is not a number, or out of range, gives the nearest page (never an error)."""
    total = len(matrix.calls)
    count = max((total + per_page - 1) // per_page, 1)
    try:
        number = int(str(page))
    except ValueError:
        number = 1
    number = min(max(number, 1), count)
    start = (number - 1) * per_page
    stop = min(start + per_page, total)
    rows = tuple(
        Row(
            experiment=row.experiment,
            recommendations=row.recommendations,
            cells=row.cells[start:stop],
            url=row.url,
        )
        for row in matrix.rows
    )
    shown = Matrix(
        calls=matrix.calls[start:stop],
        rows=rows,
        hidden_calls=matrix.hidden_calls,
        today=matrix.today,
        deadlines=matrix.deadlines,
    )
    return CallPage(shown, number, count, start + 1 if total else 0, stop)


def cell_text(cell: Cell) -> str:
    """A cell as plain text (the CSV export): "82 · 24,000.00 €", "near: add a partner", ""."""
    if cell.status == MATCH:
        text = f"{cell.score:.0f}"
        if cell.in_plan:
            text += f" / {cell.amount:.2f}"
        return text
    if cell.status == NEAR:
        return _("near miss: %(what)s") % {"what": "; ".join(cell.unmet)}
    return ""


def matrix_csv(matrix: Matrix) -> str:
    """The matrix as CSV: one row per experiment, one column per call (score / planned
    amount), then the plan's need, covered amount and gap."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        [
            _("Experiment"),
            _("State"),
            *(formula_safe(call.name) for call in matrix.calls),
            _("Need (€)"),
            _("Covered (€)"),
            _("Gap (€)"),
        ]
    )
    for row in matrix.rows:
        writer.writerow(
            [
                formula_safe(row.experiment.title),
                row.experiment.get_state_display(),
                *(formula_safe(cell_text(cell)) for cell in row.cells),
                f"{row.plan.need:.2f}",
                f"{row.plan.covered:.2f}",
                f"{row.plan.gap:.2f}",
            ]
        )
    return out.getvalue()
