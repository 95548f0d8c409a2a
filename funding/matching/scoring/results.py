"""What the matcher says of a call: each hard criterion, each part of the score, the match."""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType
from typing import Any, NamedTuple

from funding.matching.facts import CallFacts
from funding.matching.scoring.constants import STRENGTH_VALUE, TEXT, THEME
from funding.matching.scoring.reasons import CRITERION_MESSAGES, PART_MESSAGES

_NO_DETAIL: Mapping[str, Any] = MappingProxyType({})


# Criterion and ScorePart are named tuples rather than dataclasses: a catalogue of 10,000 calls
# makes tens of thousands of them per match, and a tuple is built several times faster.
class Criterion(NamedTuple):
    """One hard criterion for one call: met or not, why, and whether the lead can fix it.

    `reason` is a finer code than `code` (e.g. code "open", reason "opens_later"); `detail`
    holds the parameters of the messages.
    """

    code: str
    met: bool
    reason: str
    fixable: bool = False
    detail: Mapping[str, Any] = _NO_DETAIL

    @property
    def message(self) -> str:
        """What was checked and found, in the active language (a lazy string)."""
        return CRITERION_MESSAGES[self.reason][0](self.detail)

    @property
    def fix(self) -> str | None:
        """What would make an unmet criterion met (a lazy string), None when nothing would."""
        if self.met or not self.fixable:
            return None
        builder = CRITERION_MESSAGES[self.reason][1]
        return builder(self.detail) if builder else None


class ScorePart(NamedTuple):
    """One part of the soft score: its value (0-1), its weight and the points it brings."""

    code: str
    value: float
    weight: float
    points: float
    detail: Mapping[str, Any] = _NO_DETAIL

    @property
    def message(self) -> str:
        """Why the part has this value, in the active language (a lazy string)."""
        return PART_MESSAGES[self.code](self.detail)


@dataclass(frozen=True, slots=True)
class Match:
    """A call evaluated for an experiment: its score, the score's parts and the hard criteria."""

    call: CallFacts
    score: float
    parts: tuple[ScorePart, ...]
    criteria: tuple[Criterion, ...]
    deadline: date | None  # the closing date in the matcher's time zone; None if ongoing
    # No theme in common and little text in common: the score is capped below any call sharing
    # a theme (`constants.OFF_TOPIC_CAP`).
    off_topic: bool = False

    @property
    def is_match(self) -> bool:
        return all(criterion.met for criterion in self.criteria)

    @property
    def met(self) -> tuple[Criterion, ...]:
        return tuple(criterion for criterion in self.criteria if criterion.met)

    @property
    def unmet(self) -> tuple[Criterion, ...]:
        return tuple(criterion for criterion in self.criteria if not criterion.met)

    @property
    def strengths(self) -> tuple[ScorePart, ...]:
        """The score parts that are reasons the call fits (listed under "why it fits"): high
        enough (`STRENGTH_VALUE`), and saying something true of this pair (a theme in common,
        not a call open to every theme; some text in common)."""
        return tuple(part for part in self.parts if _is_strength(part))

    @property
    def fixes(self) -> tuple[str, ...]:
        """What would turn a near miss into a match ("add an Italian partner", …)."""
        return tuple(c.fix for c in self.criteria if not c.met and c.fix is not None)

    def criterion(self, code: str) -> Criterion:
        return next(criterion for criterion in self.criteria if criterion.code == code)

    def part(self, code: str) -> ScorePart:
        return next(part for part in self.parts if part.code == code)


@dataclass(frozen=True, slots=True)
class MatchResult:
    """Matches (best first, then soonest deadline) and near misses (fewest failures first)."""

    matches: tuple[Match, ...]
    near_misses: tuple[Match, ...]


def _is_strength(part: ScorePart) -> bool:
    if part.value < STRENGTH_VALUE:
        return False
    if part.code == THEME:
        return part.detail.get("reason") == "overlap"
    if part.code == TEXT:
        return part.detail.get("relevance", 0) > 0
    return True
