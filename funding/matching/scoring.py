"""Explainable matching of one experiment with funding calls: pure functions over plain data.

`match_calls(experiment, calls, today=...)` takes the facts built by `funding.matching.queries`
(one query each) and returns the calls the experiment can apply to, ranked, and the near misses.
Nothing here touches the database, so every rule is unit-tested without one
(`tests/matching/test_scoring.py`); the method is described in `docs/funding-matching.md`.

Hard criteria (each a `Criterion` with a code, met or not, a message and, when it can be fixed,
what would make it match):

- ``territory``: the call's territory is one of the experiment's territories or contains one
  (a call on a territory *inside* the experiment's area is a near miss: "only for projects in …");
- ``open``: open, or opening within `opening_horizon_days`, and closing far enough away for the
  kind of call (`min_days_before_closing`); ongoing calls and crowdfunding need no delay;
- ``legal_form``: the lead organisation's legal form is eligible;
- ``amount``: the funding need reaches the call's minimum (a maximum below the need still
  matches: it caps the call's line in the plan);
- ``partnership``: minimum number of partners and required countries (ALCOTRA: FR and IT);
- ``cost_type``: the call funds a cost type (operating, investment) the budget has.

A call meeting all of them is a match. A call failing one or two of them, all fixable, is a near
miss; any other call is dropped. Matches carry a soft score from 0 to 100, the weighted sum of six
parts (`ScorePart`), each reported with its value and an explanation.

Reasons are data (codes and parameters); their `message` and `fix` properties are lazy
translatable strings, rendered in the language active when they are displayed.
"""

import math
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache
from types import MappingProxyType
from typing import Any, NamedTuple
from zoneinfo import ZoneInfo

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from funding.matching.facts import COST_TYPES, CallFacts, ExperimentFacts
from funding.matching.wording import (
    COST_TYPE_LABELS,
    SOURCE_KIND_LABELS,
    add_partner_from,
    country_name,
    day,
    joined,
    legal_form_label,
    money,
    percent,
)

# Hard criteria, in the order they are checked and listed (cheapest and most selective first).
TERRITORY = "territory"
OPEN = "open"
LEGAL_FORM = "legal_form"
AMOUNT = "amount"
PARTNERSHIP = "partnership"
COST_TYPE = "cost_type"
HARD_CRITERIA = (TERRITORY, OPEN, LEGAL_FORM, AMOUNT, PARTNERSHIP, COST_TYPE)

# Parts of the soft score.
THEME = "theme"
TEXT = "text"
AMOUNT_FIT = "amount_fit"
TIME_LEFT = "time_left"
COFINANCING = "cofinancing"
NARROWNESS = "narrowness"
SCORE_PARTS = (THEME, TEXT, AMOUNT_FIT, TIME_LEFT, COFINANCING, NARROWNESS)

_COST_TYPE_SETS = (
    frozenset(),
    frozenset({"operating"}),
    frozenset({"investment"}),
    frozenset({"operating", "investment"}),
)
ANYWHERE_RANK = 10  # CallFacts.territory_rank of a call open anywhere (EU is 9, a commune 1)
ZERO = Decimal("0")
HUNDRED = Decimal("100")
CENT = Decimal("0.01")

DEFAULT_MIN_DAYS_BEFORE_CLOSING = {
    # Public and European programmes ask for partners' letters, deliberations, budgets: two weeks.
    "eu_programme": 14,
    "state": 14,
    "region": 14,
    "departement": 14,
    "local_authority": 14,
    # Foundations, sponsors and financiers ask for shorter files: one week.
    "foundation": 7,
    "corporate_sponsorship": 7,
    "solidarity_finance": 7,
    "bank": 7,
    # A crowdfunding campaign can start any day.
    "crowdfunding_platform": 0,
}

DEFAULT_WEIGHTS = {
    THEME: 25,  # the call is about what the experiment does
    AMOUNT_FIT: 20,  # how much of the need one application can bring
    TEXT: 15,  # words in common between the experiment and the call
    COFINANCING: 15,  # the rate and self-financing rules leave room for this budget
    NARROWNESS: 15,  # local calls are less crowded and better informed
    TIME_LEFT: 10,  # time to write a good dossier
}


@dataclass(frozen=True)
class MatchingSettings:
    """Tunables of the matcher; `from_settings()` reads overrides from `FUNDING_MATCHING`.

    - `min_days_before_closing`: per source kind, the days a dossier needs before the closing
      date (`default_min_days` for kinds not listed); ongoing calls and crowdfunding need none.
    - `opening_horizon_days`: a call opening within this many days matches ("opens on …");
      later, it is a near miss.
    - `comfortable_days`: days left from which the time-left part is full.
    - `max_near_miss_failures`: a call failing more hard criteria than this is dropped.
    - `weights`: weight of each soft part (any positive numbers; the score is normalised to 100).
    - `neutral_theme_value`: the theme part of a call open to every theme, or of an experiment
      without themes.
    - `text_saturation`: the text relevance at which the text part is full (relevance is a
      cosine between word sets, rarely above 0.3 for real texts).
    - `timezone`: closing datetimes are turned into dates in this time zone.
    """

    min_days_before_closing: Mapping[str, int] = field(
        default_factory=lambda: dict(DEFAULT_MIN_DAYS_BEFORE_CLOSING)
    )
    default_min_days: int = 7
    opening_horizon_days: int = 120
    comfortable_days: int = 60
    max_near_miss_failures: int = 2
    weights: Mapping[str, float] = field(default_factory=lambda: dict(DEFAULT_WEIGHTS))
    neutral_theme_value: float = 0.5
    text_saturation: float = 0.25
    timezone: str = "Europe/Paris"

    @classmethod
    def from_settings(cls) -> "MatchingSettings":
        """The defaults, overridden by the `FUNDING_MATCHING` dict of the Django settings."""
        from django.conf import settings

        return cls(**getattr(settings, "FUNDING_MATCHING", {}))

    def min_days(self, call: CallFacts) -> int:
        """Days a dossier for this call needs before its closing date."""
        if call.closes_at is None or call.recurrence == "ongoing" or call.is_crowdfunding:
            return 0
        return self.min_days_before_closing.get(call.source_kind, self.default_min_days)


# ---------------------------------------------------------------------------------------------
# Results
# ---------------------------------------------------------------------------------------------
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
        return _CRITERION_MESSAGES[self.reason][0](self.detail)

    @property
    def fix(self) -> str | None:
        """What would make an unmet criterion met (a lazy string), None when nothing would."""
        if self.met or not self.fixable:
            return None
        builder = _CRITERION_MESSAGES[self.reason][1]
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
        return _PART_MESSAGES[self.code](self.detail)


@dataclass(frozen=True, slots=True)
class Match:
    """A call evaluated for an experiment: its score, the score's parts and the hard criteria."""

    call: CallFacts
    score: float
    parts: tuple[ScorePart, ...]
    criteria: tuple[Criterion, ...]
    deadline: date | None  # the closing date in the matcher's time zone; None if ongoing

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


# ---------------------------------------------------------------------------------------------
# Entry points
# ---------------------------------------------------------------------------------------------
def match_calls(
    experiment: ExperimentFacts,
    calls: Iterable[CallFacts],
    *,
    today: date,
    settings: MatchingSettings | None = None,
    text_scores: Mapping[int, float] | None = None,
) -> MatchResult:
    """The calls `experiment` can apply to, ranked, and the near misses, each with reasons.

    ``text_scores``: each call's text relevance from the search layer (0 to 1, by call id),
    instead of the built-in word overlap; a call missing from it shares no word with the
    experiment."""
    context = _Context.build(experiment, today, settings or MatchingSettings(), text_scores)
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
    text_scores: Mapping[int, float] | None = None,
) -> Match:
    """Every criterion and score part of one call, however many criteria fail (for matrices)."""
    context = _Context.build(experiment, today, settings or MatchingSettings(), text_scores)
    result = _evaluate(call, context, keep_all=True)
    assert result is not None  # keep_all never drops a call
    return result


def _match_order(match: Match) -> tuple:
    return (-match.score, match.deadline or date.max, match.call.id)


# ---------------------------------------------------------------------------------------------
# Evaluation
# ---------------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class _Context:
    """What every call is compared with, computed once per experiment."""

    experiment: ExperimentFacts
    today: date
    settings: MatchingSettings
    tz: ZoneInfo
    need: Decimal
    need_float: float
    cost_by_type: Mapping[str, Decimal]
    budget_types: frozenset[str]
    countries: frozenset[str]
    area: frozenset[int]  # territories a covering call may be on: the experiment's and above
    inside: frozenset[int]  # territories strictly inside the experiment's area
    weight_total: float
    eligible_by_types: Mapping[frozenset[str], Decimal]  # eligible costs by funded cost types
    scorers: tuple  # (code, scorer, weight, points for a value of 1) of each score part
    text_scores: Mapping[int, float] | None = None  # from the search layer, by call id

    @classmethod
    def build(
        cls,
        experiment: ExperimentFacts,
        today: date,
        settings: MatchingSettings,
        text_scores: Mapping[int, float] | None = None,
    ) -> "_Context":
        cost_by_type = {
            "operating": experiment.operating_cost,
            "investment": experiment.investment_cost,
        }
        countries = experiment.countries | experiment.partner_countries
        if experiment.lead_country:
            countries |= {experiment.lead_country}
        area = experiment.territory_ids | experiment.territory_ancestor_ids
        weight_total = float(sum(settings.weights.get(code, 0) for code in SCORE_PARTS))
        if weight_total <= 0:
            raise ValueError("MatchingSettings.weights must have a positive sum")
        scorers = []
        for code, scorer in _SCORERS:
            weight = float(settings.weights.get(code, 0))
            scorers.append((code, scorer, weight, weight * 100.0 / weight_total))
        return cls(
            experiment=experiment,
            today=today,
            settings=settings,
            tz=ZoneInfo(settings.timezone),
            need=experiment.funding_need,
            need_float=float(experiment.funding_need),
            cost_by_type=cost_by_type,
            budget_types=frozenset(kind for kind, cost in cost_by_type.items() if cost > 0),
            countries=frozenset(countries),
            area=area,
            inside=experiment.territory_descendant_ids - area,
            weight_total=weight_total,
            scorers=tuple(scorers),
            text_scores=text_scores,
            eligible_by_types={
                types: sum((cost_by_type[kind] for kind in (types or COST_TYPES)), ZERO)
                for types in _COST_TYPE_SETS
            },
        )

    def eligible_costs(self, call: CallFacts) -> Decimal:
        """The experiment's costs of the types the call funds (every type when unspecified)."""
        found = self.eligible_by_types.get(call.cost_types)
        if found is None:  # a cost type this module does not know: only the known ones count
            found = sum((self.cost_by_type.get(kind, ZERO) for kind in call.cost_types), ZERO)
        return found

    def elsewhere(self, territory_id: int | None) -> bool:
        """The call is on a territory unrelated to the experiment's: no match, no near miss."""
        return (
            territory_id is not None
            and bool(self.experiment.territory_ids)
            and territory_id not in self.area
            and territory_id not in self.inside
        )


def closing_date(closes_at: datetime | None, tz: ZoneInfo) -> date | None:
    """The local date of a closing datetime (a naive one is taken as already local)."""
    if closes_at is None:
        return None
    if closes_at.tzinfo is None:
        return closes_at.date()
    return closes_at.astimezone(tz).date()


def _evaluate(call: CallFacts, context: _Context, *, keep_all: bool) -> Match | None:
    """Check the hard criteria, stopping early on a call that can be neither match nor near miss
    (unless `keep_all`), then score it."""
    if not keep_all and context.elsewhere(call.territory_id):
        return None  # the common case in a national catalogue: skip it before any work
    limit = context.settings.max_near_miss_failures
    deadline = closing_date(call.closes_at, context.tz)
    criteria = []
    failures = 0
    for check in _CHECKS:
        criterion = check(call, context, deadline)
        if not criterion.met:
            failures += 1
            if not keep_all and (not criterion.fixable or failures > limit):
                return None
        criteria.append(criterion)
    parts = _score_parts(call, context, deadline)
    score = round(sum(part.points for part in parts), 1)
    return Match(call=call, score=score, parts=parts, criteria=tuple(criteria), deadline=deadline)


# Hard criteria ------------------------------------------------------------------------------
def check_territory(call: CallFacts, context: _Context, deadline: date | None) -> Criterion:
    """The call's territory is the experiment's, contains it, or is anywhere."""
    if call.territory_id is None:
        return Criterion(TERRITORY, True, "anywhere")
    detail = {"territory": call.territory_name}
    if not context.experiment.territory_ids:
        return Criterion(TERRITORY, False, "no_territory", fixable=True)
    if call.territory_id in context.area:
        return Criterion(TERRITORY, True, "covers", detail=detail)
    if call.territory_id in context.inside:
        return Criterion(TERRITORY, False, "inside", fixable=True, detail=detail)
    return Criterion(TERRITORY, False, "elsewhere", detail=detail)


def check_open(call: CallFacts, context: _Context, deadline: date | None) -> Criterion:
    """Open or opening soon, with enough days left before closing for this kind of call."""
    today = context.today
    settings = context.settings
    opens_on = call.opens_on if call.opens_on and call.opens_on > today else None
    if opens_on and (opens_on - today).days > settings.opening_horizon_days:
        return Criterion(OPEN, False, "opens_later", fixable=True, detail={"opens_on": opens_on})
    if deadline is None:
        if opens_on:
            return Criterion(OPEN, True, "opening", detail={"opens_on": opens_on})
        return Criterion(OPEN, True, "ongoing")
    days_left = (deadline - today).days
    if days_left < 0:
        recurring = call.recurrence == "recurring"
        reason = "closed_recurring" if recurring else "closed"
        return Criterion(OPEN, False, reason, fixable=recurring, detail={"closes_on": deadline})
    min_days = settings.min_days(call)
    if days_left < min_days:
        detail = {
            "closes_on": deadline,
            "days": days_left,
            "min_days": min_days,
            "kind": call.source_kind,
        }
        return Criterion(OPEN, False, "too_soon", fixable=True, detail=detail)
    if opens_on:
        return Criterion(
            OPEN, True, "opening_until", detail={"opens_on": opens_on, "closes_on": deadline}
        )
    return Criterion(OPEN, True, "open_until", detail={"closes_on": deadline})


def check_legal_form(call: CallFacts, context: _Context, deadline: date | None) -> Criterion:
    """The lead organisation's legal form is one the call accepts."""
    forms = call.eligible_legal_forms
    if not forms:
        return Criterion(LEGAL_FORM, True, "any_form")
    form = context.experiment.lead_legal_form
    if form in forms:
        return Criterion(LEGAL_FORM, True, "eligible_form", detail={"form": form})
    detail = {"form": form, "forms": tuple(sorted(forms))}
    # A partner of an eligible form may carry the dossier: fixable.
    return Criterion(LEGAL_FORM, False, "ineligible_form", fixable=True, detail=detail)


def check_amount(call: CallFacts, context: _Context, deadline: date | None) -> Criterion:
    """The need reaches the call's minimum; a maximum below the need only caps the plan."""
    need = context.need
    if need <= 0:
        return Criterion(AMOUNT, False, "no_need")
    detail = {"need": need, "min": call.amount_min, "max": call.amount_max}
    if call.amount_min is not None and need < call.amount_min:
        return Criterion(AMOUNT, False, "below_min", fixable=True, detail=detail)
    if call.amount_max is not None and call.amount_max < need:
        return Criterion(AMOUNT, True, "capped", detail=detail)
    return Criterion(AMOUNT, True, "within", detail=detail)


def check_partnership(call: CallFacts, context: _Context, deadline: date | None) -> Criterion:
    """Enough partners besides the lead, and the countries the call requires."""
    if not call.min_partners and not call.required_countries:
        return Criterion(PARTNERSHIP, True, "no_partnership_rule")
    experiment = context.experiment
    missing_partners = max(0, call.min_partners - experiment.partner_count)
    missing_countries = tuple(sorted(call.required_countries - context.countries))
    detail = {
        "min_partners": call.min_partners,
        "partners": experiment.partner_count,
        "missing_partners": missing_partners,
        "countries": tuple(sorted(call.required_countries)),
        "missing_countries": missing_countries,
    }
    if missing_partners or missing_countries:
        return Criterion(PARTNERSHIP, False, "partnership_unmet", fixable=True, detail=detail)
    return Criterion(PARTNERSHIP, True, "partnership_met", detail=detail)


def check_cost_type(call: CallFacts, context: _Context, deadline: date | None) -> Criterion:
    """The call funds a cost type (operating, investment) the budget has."""
    if not context.budget_types:
        return Criterion(COST_TYPE, False, "no_costs", fixable=True)
    funded = call.cost_types or frozenset(COST_TYPES)
    common = funded & context.budget_types
    if common:
        return Criterion(COST_TYPE, True, "cost_compatible", detail={"types": _ordered(common)})
    detail = {"types": _ordered(funded)}
    return Criterion(COST_TYPE, False, "cost_missing", fixable=True, detail=detail)


def _ordered(cost_types: Iterable[str]) -> tuple[str, ...]:
    return tuple(kind for kind in COST_TYPES if kind in cost_types)


_CHECKS: tuple[Callable[[CallFacts, _Context, date | None], Criterion], ...] = (
    check_territory,
    check_open,
    check_legal_form,
    check_amount,
    check_partnership,
    check_cost_type,
)


# Soft score ---------------------------------------------------------------------------------
def _score_parts(
    call: CallFacts, context: _Context, deadline: date | None
) -> tuple[ScorePart, ...]:
    parts = []
    for code, scorer, weight, scale in context.scorers:
        value, detail = scorer(call, context, deadline)
        parts.append(ScorePart(code, value, weight, value * scale, detail))
    return tuple(parts)


def theme_overlap(call: CallFacts, context: _Context, deadline: date | None):
    """Share of the smaller theme set found in the other (neutral when either is empty)."""
    themes = context.experiment.theme_ids
    if not call.theme_ids:
        return context.settings.neutral_theme_value, {"reason": "any_theme"}
    if not themes:
        return context.settings.neutral_theme_value, {"reason": "no_experiment_theme"}
    common = len(call.theme_ids & themes)
    value = common / min(len(call.theme_ids), len(themes))
    return value, {"reason": "overlap" if common else "no_overlap", "common": common}


def text_part(call: CallFacts, context: _Context, deadline: date | None):
    """Text relevance: the search layer's rank when given (full for the best call), else the
    word overlap, full at `text_saturation`."""
    if context.text_scores is not None:
        relevance = min(1.0, max(0.0, float(context.text_scores.get(call.id, 0.0))))
        return relevance, {"relevance": relevance}
    relevance = text_relevance(context.experiment.text, call.text)
    value = min(1.0, relevance / context.settings.text_saturation)
    return value, {"relevance": relevance}


def amount_fit(call: CallFacts, context: _Context, deadline: date | None):
    """Share of the need one application can bring, given the call's maximum."""
    need = context.need
    detail = {"need": need, "max": call.amount_max, "min": call.amount_min}
    if need <= 0 or (call.amount_min is not None and call.amount_min > need):
        return 0.0, detail
    if call.amount_max is None:
        return 1.0, detail
    return min(1.0, float(call.amount_max / need)), detail


def time_left(call: CallFacts, context: _Context, deadline: date | None):
    """From 0 at the minimum delay for the kind of call to 1 at `comfortable_days`."""
    if deadline is None:
        return 1.0, {"days": None}
    days = (deadline - context.today).days
    low = context.settings.min_days(call)
    high = max(context.settings.comfortable_days, low + 1)
    return min(1.0, max(0.0, (days - low) / (high - low))), {"days": days}


def cofinancing(call: CallFacts, context: _Context, deadline: date | None):
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


def narrowness(call: CallFacts, context: _Context, deadline: date | None):
    """A commune's call scores 1, an EU-wide one 1/9, a call open anywhere 0."""
    rank = min(max(call.territory_rank, 1), ANYWHERE_RANK)
    if call.territory_id is None:
        rank = ANYWHERE_RANK
    detail = {"territory": call.territory_name if call.territory_id is not None else None}
    return (ANYWHERE_RANK - rank) / (ANYWHERE_RANK - 1), detail


_SCORERS = (
    (THEME, theme_overlap),
    (TEXT, text_part),
    (AMOUNT_FIT, amount_fit),
    (TIME_LEFT, time_left),
    (COFINANCING, cofinancing),
    (NARROWNESS, narrowness),
)


# ---------------------------------------------------------------------------------------------
# Text relevance
# ---------------------------------------------------------------------------------------------
_STOPWORD_LIST = (
    # French
    "les des une aux avec dans pour par sur sous entre vers chez sans son ses leur leurs nos "
    "vos notre votre cette ces cet qui que quoi dont est sont etre avoir ont elle elles ils "
    "nous vous pas plus moins tout tous toute toutes autre autres ainsi comme mais donc car "
    "aussi tres bien fait faire peut peuvent doit afin lors ete etait "
    # English
    "the and for with from into onto over under about this that these those which who whom "
    "are was were been being has have had not but all any each their its our your can may "
    "will would should also such than then them they more most other some very "
    # Italian
    "gli dei del della delle dello degli nel nella nelle nei con per tra fra sul sulla "
    "che chi cui non una uno sono essere loro suo sua suoi sue nostro nostra questo questa "
    "questi queste quello quella anche come piu"
)
STOPWORDS = frozenset(_STOPWORD_LIST.split())
_WORD = re.compile(r"[a-z0-9]+")


def _stem(token: str) -> str:
    """Crude plural and gender stripping shared by French, English and Italian."""
    if len(token) > 4 and token.endswith("aux"):  # locaux → local
        token = token[:-3] + "al"
    elif len(token) > 4 and token.endswith("ies"):  # activities → activity
        token = token[:-3] + "y"
    elif len(token) > 3 and token[-1] in "sx":  # associations → association
        token = token[:-1]
    if len(token) > 4 and token[-1] in "aeio":  # cooperativa, cooperative, cooperativi
        token = token[:-1]
    return token


@lru_cache(maxsize=65536)
def terms(text: str) -> frozenset[str]:
    """The stemmed content words of a text: lowercase, accents stripped, stopwords dropped.

    Cached by text, so each call's words are computed once per process.
    """
    folded = unicodedata.normalize("NFKD", text.lower())
    ascii_text = folded.encode("ascii", "ignore").decode("ascii")
    return frozenset(
        _stem(word)
        for word in _WORD.findall(ascii_text)
        if len(word) > 2 and word not in STOPWORDS and not word.isdigit()
    )


def text_relevance(a: str, b: str) -> float:
    """How much two texts talk about the same things, from 0 to 1.

    A light stand-in for the search layer's full-text rank, which will replace it: the cosine
    between the two sets of stemmed content words (|A ∩ B| / √(|A|·|B|)), French, English and
    Italian alike.
    """
    words_a = terms(a)
    words_b = terms(b)
    if not words_a or not words_b:
        return 0.0
    return len(words_a & words_b) / math.sqrt(len(words_a) * len(words_b))


# ---------------------------------------------------------------------------------------------
# Messages (lazy: rendered in the language active at display time)
# ---------------------------------------------------------------------------------------------
def _kind_label(kind: str):
    return SOURCE_KIND_LABELS.get(kind, kind)


def _partnership_message(detail: Mapping[str, Any]) -> str:
    pieces = []
    if detail["missing_partners"]:
        count = detail["min_partners"]
        pieces.append(
            format_lazy(
                ngettext_lazy(
                    "needs at least {count} partner besides the lead (has {partners})",
                    "needs at least {count} partners besides the lead (has {partners})",
                    count,
                ),
                count=count,
                partners=detail["partners"],
            )
        )
    if detail["missing_countries"]:
        countries = joined(country_name(code) for code in detail["countries"])
        pieces.append(format_lazy(_("needs partners from {countries}"), countries=countries))
    return joined(pieces, "; ")


def _partnership_fix(detail: Mapping[str, Any]) -> str:
    missing_countries = detail["missing_countries"]
    pieces = [add_partner_from(code) for code in missing_countries]
    # Partners from the missing countries also count towards the minimum number.
    extra = detail["missing_partners"] - len(missing_countries)
    if extra > 0:
        pieces.append(
            format_lazy(
                ngettext_lazy("add {count} partner", "add {count} partners", extra), count=extra
            )
        )
    return joined(pieces, "; ")


def _cost_types(detail: Mapping[str, Any]) -> str:
    return joined(COST_TYPE_LABELS[kind] for kind in detail["types"])


def _too_soon(detail: Mapping[str, Any]) -> str:
    return format_lazy(
        ngettext_lazy(
            "closes on {date}, in {days} day: a call of this kind ({kind}) needs "
            "at least {min_days} days",
            "closes on {date}, in {days} days: a call of this kind ({kind}) needs "
            "at least {min_days} days",
            detail["days"],
        ),
        date=day(detail["closes_on"]),
        days=detail["days"],
        kind=_kind_label(detail["kind"]),
        min_days=detail["min_days"],
    )


_Builder = Callable[[Mapping[str, Any]], Any]
_CRITERION_MESSAGES: dict[str, tuple[_Builder, _Builder | None]] = {
    # territory
    "anywhere": (lambda d: _("open to projects anywhere"), None),
    "covers": (lambda d: format_lazy(_("open to projects in {name}"), name=d["territory"]), None),
    "inside": (
        lambda d: format_lazy(
            _("the call only covers {name}, a part of the experiment's area"), name=d["territory"]
        ),
        lambda d: format_lazy(_("only for projects in {name}"), name=d["territory"]),
    ),
    "elsewhere": (
        lambda d: format_lazy(
            _("the call covers {name}, outside the experiment's area"), name=d["territory"]
        ),
        None,
    ),
    "no_territory": (
        lambda d: _("the experiment has no territory yet"),
        lambda d: _("give the experiment its territory"),
    ),
    # open
    "ongoing": (lambda d: _("open all year round"), None),
    "open_until": (
        lambda d: format_lazy(_("open until {date}"), date=day(d["closes_on"])),
        None,
    ),
    "opening": (lambda d: format_lazy(_("opens on {date}"), date=day(d["opens_on"])), None),
    "opening_until": (
        lambda d: format_lazy(
            _("opens on {start}, closes on {end}"),
            start=day(d["opens_on"]),
            end=day(d["closes_on"]),
        ),
        None,
    ),
    "opens_later": (
        lambda d: format_lazy(_("not open yet: opens on {date}"), date=day(d["opens_on"])),
        lambda d: format_lazy(_("opens on {date}"), date=day(d["opens_on"])),
    ),
    "too_soon": (
        _too_soon,
        lambda d: format_lazy(
            _("apply by {date} only if the dossier is ready"), date=day(d["closes_on"])
        ),
    ),
    "closed": (lambda d: format_lazy(_("closed on {date}"), date=day(d["closes_on"])), None),
    "closed_recurring": (
        lambda d: format_lazy(_("closed on {date}"), date=day(d["closes_on"])),
        lambda d: _("a recurring call: watch for its next session"),
    ),
    # legal form
    "any_form": (lambda d: _("open to every legal form"), None),
    "eligible_form": (
        lambda d: format_lazy(
            _("open to the lead's legal form ({form})"), form=legal_form_label(d["form"])
        ),
        None,
    ),
    "ineligible_form": (
        lambda d: format_lazy(
            _("not open to the lead's legal form ({form})"), form=legal_form_label(d["form"])
        ),
        lambda d: format_lazy(
            _("only for {forms}"), forms=joined(legal_form_label(f) for f in d["forms"])
        ),
    ),
    # amount
    "no_need": (lambda d: _("nothing left to fund: the budget is covered"), None),
    "within": (
        lambda d: format_lazy(
            _("the need ({need}) fits the call's amounts"), need=money(d["need"])
        ),
        None,
    ),
    "capped": (
        lambda d: format_lazy(
            _("at most {max} for a need of {need}: the call covers part of it"),
            max=money(d["max"]),
            need=money(d["need"]),
        ),
        None,
    ),
    "below_min": (
        lambda d: format_lazy(
            _("the call starts at {min}, more than the need ({need})"),
            min=money(d["min"]),
            need=money(d["need"]),
        ),
        lambda d: format_lazy(_("the need must reach {min}"), min=money(d["min"])),
    ),
    # partnership
    "no_partnership_rule": (lambda d: _("no partnership rule"), None),
    "partnership_met": (lambda d: _("the partnership meets the call's rules"), None),
    "partnership_unmet": (_partnership_message, _partnership_fix),
    # cost type
    "cost_compatible": (
        lambda d: format_lazy(_("funds {types}, which the budget has"), types=_cost_types(d)),
        None,
    ),
    "cost_missing": (
        lambda d: format_lazy(
            _("funds only {types}, which the budget does not have"), types=_cost_types(d)
        ),
        lambda d: format_lazy(_("the budget needs {types}"), types=_cost_types(d)),
    ),
    "no_costs": (lambda d: _("the budget has no costs yet"), lambda d: _("fill in the budget")),
}


def _theme_message(detail: Mapping[str, Any]) -> str:
    reason = detail["reason"]
    if reason == "any_theme":
        return _("open to every theme")
    if reason == "no_experiment_theme":
        return _("the experiment has no theme yet")
    if reason == "no_overlap":
        return _("no theme in common")
    count = detail["common"]
    return format_lazy(
        ngettext_lazy("{count} theme in common", "{count} themes in common", count), count=count
    )


def _amount_fit_message(detail: Mapping[str, Any]) -> str:
    if detail["min"] is not None and detail["need"] < detail["min"]:
        return format_lazy(_("the call starts at {min}"), min=money(detail["min"]))
    if detail["max"] is None:
        return _("no maximum amount")
    return format_lazy(
        _("up to {max} for a need of {need}"), max=money(detail["max"]), need=money(detail["need"])
    )


def _time_left_message(detail: Mapping[str, Any]) -> str:
    days = detail["days"]
    if days is None:
        return _("no deadline")
    if days < 0:
        return _("closed")
    return format_lazy(ngettext_lazy("{days} day left", "{days} days left", days), days=days)


def _cofinancing_message(detail: Mapping[str, Any]) -> str:
    pieces = []
    if detail["rate_max"] is None:
        pieces.append(_("no maximum rate"))
    else:
        pieces.append(
            format_lazy(
                _("up to {rate} of {eligible} of eligible costs, that is {amount}"),
                rate=percent(detail["rate_max"]),
                eligible=money(detail["eligible"]),
                amount=money((detail["rate_max"] * detail["eligible"] / HUNDRED).quantize(CENT)),
            )
        )
    if "min_self_rate" in detail:
        template = (
            _("self-financing reaches the {rate} required")
            if detail["self_ok"]
            else _("self-financing is below the {rate} required ({amount})")
        )
        pieces.append(
            format_lazy(
                template,
                rate=percent(detail["min_self_rate"]),
                amount=money(detail["required"]),
            )
        )
    return joined(pieces, "; ")


def _narrowness_message(detail: Mapping[str, Any]) -> str:
    if detail["territory"] is None:
        return _("no territorial focus")
    return format_lazy(_("a call for {name}"), name=detail["territory"])


_PART_MESSAGES: dict[str, _Builder] = {
    THEME: _theme_message,
    TEXT: lambda d: format_lazy(
        _("text relevance {value}"), value=percent(Decimal(round(d["relevance"] * 100)))
    ),
    AMOUNT_FIT: _amount_fit_message,
    TIME_LEFT: _time_left_message,
    COFINANCING: _cofinancing_message,
    NARROWNESS: _narrowness_message,
}
