"""The matcher's entry points: `match_calls` ranks the calls an experiment can apply to and its
near misses; `evaluate_call` tells everything about one call."""

from collections.abc import Iterable
from datetime import date, datetime
from zoneinfo import ZoneInfo

from funding.matching.facts import CallFacts, ExperimentFacts
from funding.matching.scoring.constants import OFF_TOPIC_TEXT_VALUE, TEXT, THEME
from funding.matching.scoring.context import Context
from funding.matching.scoring.criteria import CHECKS
from funding.matching.scoring.results import Match, MatchResult
from funding.matching.scoring.score import score_parts
from funding.matching.scoring.tuning import MatchingSettings


def match_calls(
    experiment: ExperimentFacts,
    calls: Iterable[CallFacts],
    *,
    today: date,
    settings: MatchingSettings | None = None,
) -> MatchResult:
    """The calls `experiment` can apply to, ranked, and the near misses, each with reasons."""
    context = Context.build(experiment, today, settings or MatchingSettings())
    matches: list[Match] = []
    near_misses: list[Match] = []
    for call in calls:
        result = _evaluate(call, context, keep_all=False)
        if result is None:
            continue
        (matches if result.is_match else near_misses).append(result)
    matches.sort(key=_match_order)
    near_misses.sort(key=lambda match: (len(match.unmet), *_match_order(match)))
    return MatchResult(matches=tuple(matches), near_misses=tuple(near_misses))


def evaluate_call(
    experiment: ExperimentFacts,
    call: CallFacts,
    *,
    today: date,
    settings: MatchingSettings | None = None,
) -> Match:
    """Every criterion and score part of one call, however many criteria fail (for matrices)."""
    context = Context.build(experiment, today, settings or MatchingSettings())
    result = _evaluate(call, context, keep_all=True)
    assert result is not None  # keep_all never drops a call
    return result


def _match_order(match: Match) -> tuple:
    # Off-topic calls after the others even when the theme weighs nothing (then both score 0).
    return (match.off_topic, -match.score, match.deadline or date.max, match.call.id)


def closing_date(closes_at: datetime | None, tz: ZoneInfo) -> date | None:
    """The local date of a closing datetime (a naive one is taken as already local)."""
    if closes_at is None:
        return None
    if closes_at.tzinfo is None:
        return closes_at.date()
    return closes_at.astimezone(tz).date()


def _evaluate(call: CallFacts, context: Context, *, keep_all: bool) -> Match | None:
    """Check the hard criteria, stopping early on a call that can be neither match nor near miss
    (unless `keep_all`), then score it."""
    if not keep_all and context.elsewhere(call.territory_id):
        return None  # the common case in a national catalogue: skip it before any work
    limit = context.settings.max_near_miss_failures
    deadline = closing_date(call.closes_at, context.tz)
    criteria = []
    failures = 0
    for check in CHECKS:
        criterion = check(call, context, deadline)
        if not criterion.met:
            failures += 1
            if not keep_all and (not criterion.fixable or failures > limit):
                return None
        criteria.append(criterion)
    parts = score_parts(call, context, deadline)
    score = sum(part.points for part in parts)
    off_topic = _off_topic(parts)
    if off_topic:
        score = min(score, context.off_topic_cap)
    return Match(
        call=call,
        score=round(score, 1),
        parts=parts,
        criteria=tuple(criteria),
        deadline=deadline,
        off_topic=off_topic,
    )


def _off_topic(parts) -> bool:
    """No theme in common (both have themes) and little text in common."""
    by_code = {part.code: part for part in parts}
    theme, text = by_code[THEME], by_code[TEXT]
    return theme.detail.get("reason") == "no_overlap" and text.value < OFF_TOPIC_TEXT_VALUE
