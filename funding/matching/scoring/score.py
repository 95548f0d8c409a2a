"""The soft score: six parts, each a value from 0 to 1 with the detail that explains it."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from funding.matching.facts import CallFacts
from funding.matching.scoring.constants import (
    AMOUNT_FIT,
    ANYWHERE_RANK,
    CENT,
    COFINANCING,
    HUNDRED,
    NARROWNESS,
    SHARED_THEME_FLOOR,
    TEXT,
    THEME,
    TIME_LEFT,
)
from funding.matching.scoring.results import ScorePart
from funding.matching.scoring.text import text_relevance

if TYPE_CHECKING:  # the context imports the scorers
    from funding.matching.scoring.context import Context


def score_parts(call: CallFacts, context: Context, deadline: date | None) -> tuple[ScorePart, ...]:
    parts = []
    for code, scorer, weight, scale in context.scorers:
        value, detail = scorer(call, context, deadline)
        parts.append(ScorePart(code, value, weight, value * scale, detail))
    return tuple(parts)


def theme_overlap(call: CallFacts, context: Context, deadline: date | None):
    """Neutral when either theme set is empty; 0 without a theme in common; else from
    `SHARED_THEME_FLOOR` (one theme in common) to 1 (the smaller set found in the other)."""
    themes = context.experiment.theme_ids
    if not call.theme_ids:
        return context.settings.neutral_theme_value, {"reason": "any_theme"}
    if not themes:
        return context.settings.neutral_theme_value, {"reason": "no_experiment_theme"}
    common = len(call.theme_ids & themes)
    share = common / min(len(call.theme_ids), len(themes))
    value = SHARED_THEME_FLOOR + (1 - SHARED_THEME_FLOOR) * share if common else 0.0
    return value, {"reason": "overlap" if common else "no_overlap", "common": common}


def text_part(call: CallFacts, context: Context, deadline: date | None):
    """Text relevance: the word overlap of the two texts, full at `text_saturation` (a pure
    function of the pair, so the same everywhere)."""
    relevance = text_relevance(context.experiment.text, call.text)
    value = min(1.0, relevance / context.settings.text_saturation)
    return value, {"relevance": relevance}


def amount_fit(call: CallFacts, context: Context, deadline: date | None):
    """Share of the need one application can bring, given the call's maximum."""
    need = context.need
    detail = {"need": need, "max": call.amount_max, "min": call.amount_min}
    if need <= 0 or (call.amount_min is not None and call.amount_min > need):
        return 0.0, detail
    if call.amount_max is None:
        return 1.0, detail
    return min(1.0, float(call.amount_max / need)), detail


def time_left(call: CallFacts, context: Context, deadline: date | None):
    """From 0 at the minimum delay for the kind of call to 1 at `comfortable_days`."""
    if deadline is None:
        return 1.0, {"days": None}
    days = (deadline - context.today).days
    low = context.settings.min_days(call)
    high = max(context.settings.comfortable_days, low + 1)
    return min(1.0, max(0.0, (days - low) / (high - low))), {"days": days}


def cofinancing(call: CallFacts, context: Context, deadline: date | None):
    """Half: what the maximum rate of the eligible costs brings against the need; half: the
    experiment's self-financing against the call's minimum."""
    detail: dict[str, Any] = {"rate_max": call.rate_max, "eligible": context.eligible_costs(call)}
    rate_value = 1.0
    if call.rate_max is not None and context.need > 0:
        reachable = float(call.rate_max) * float(detail["eligible"]) / 100
        rate_value = min(1.0, reachable / context.need_float)
    self_value = 1.0
    if call.min_self_financing_rate:
        experiment = context.experiment
        required = float(call.min_self_financing_rate) * float(experiment.cash_budget) / 100
        self_financing = float(experiment.self_financing)
        detail.update(
            min_self_rate=call.min_self_financing_rate,
            required=(call.min_self_financing_rate * experiment.cash_budget / HUNDRED).quantize(
                CENT
            ),
            self_ok=self_financing >= required,
        )
        if required > 0:
            self_value = min(1.0, self_financing / required)
    return (rate_value + self_value) / 2, detail


def narrowness(call: CallFacts, context: Context, deadline: date | None):
    """A commune's call scores 1, an EU-wide one 1/9, a call open anywhere 0."""
    rank = min(max(call.territory_rank, 1), ANYWHERE_RANK)
    if call.territory_id is None:
        rank = ANYWHERE_RANK
    place = call.territory_place or call.territory_name
    detail = {"territory": place if call.territory_id is not None else None}
    return (ANYWHERE_RANK - rank) / (ANYWHERE_RANK - 1), detail


SCORERS = (
    (THEME, theme_overlap),
    (TEXT, text_part),
    (AMOUNT_FIT, amount_fit),
    (TIME_LEFT, time_left),
    (COFINANCING, cofinancing),
    (NARROWNESS, narrowness),
)
