"""Explainable matching of one experiment with funding calls: pure functions over plain data.

`match_calls(experiment, calls, today=...)` takes the facts built by `funding.matching.queries`
(one query each) and returns the calls the experiment can apply to, ranked, and the near misses.
Nothing here touches the database, so every rule is unit-tested without one
(`tests/matching/test_criteria.py`, `test_score.py`, `test_results.py`); the method is described
in `docs/funding-matching.md`.

Hard criteria (each a `Criterion` with a code, met or not, a message and, when it can be fixed,
what would make it match):

- ``territory``: the call's territory is one of the experiment's territories or contains one
  (a call on a territory *inside* the experiment's area is a near miss: "only for projects in …");
- ``open``: open, or opening within `opening_horizon_days`, and closing far enough away for the
  kind of call (`min_days_before_closing`); ongoing calls and crowdfunding need no delay;
- ``legal_form``: the lead organisation's legal form is eligible;
- ``amount``: the funding need reaches the call's minimum, and the call's maximum rate of the
  eligible costs can reach it too (a maximum below the need still matches: it caps the call's
  line in the plan);
- ``self_financing``: the self-financing reaches the share of the cash budget the call requires;
- ``partnership``: minimum number of partners and required countries (ALCOTRA: FR and IT);
- ``cost_type``: the call funds a cost type (operating, investment) the budget has.

A call meeting all of them is a match. A call failing one or two of them, all fixable, is a near
miss; any other call is dropped. Matches carry a soft score from 0 to 100, the weighted sum of six
parts (`ScorePart`), each reported with its value and an explanation.

Reasons are data (codes and parameters); their `message` and `fix` properties are lazy
translatable strings, rendered in the language active when they are displayed.

The package: `matcher` (the entry points), `context` (what is computed once per experiment),
`criteria` (the hard criteria), `score` (the soft parts) with `text` (the word overlap),
`results` (what a match says), `reasons` (its messages), `tuning` (`MatchingSettings`) and
`constants` (the codes). Import from `funding.matching.scoring`.
"""

from funding.matching.scoring.constants import (
    AMOUNT,
    AMOUNT_FIT,
    COFINANCING,
    COST_TYPE,
    HARD_CRITERIA,
    LEGAL_FORM,
    NARROWNESS,
    OPEN,
    PARTNERSHIP,
    SCORE_PARTS,
    SELF_FINANCING,
    TERRITORY,
    TEXT,
    THEME,
    TIME_LEFT,
)
from funding.matching.scoring.matcher import closing_date, evaluate_call, match_calls
from funding.matching.scoring.results import Criterion, Match, MatchResult, ScorePart
from funding.matching.scoring.text import STOPWORDS, terms, text_relevance
from funding.matching.scoring.tuning import (
    DEFAULT_MIN_DAYS_BEFORE_CLOSING,
    DEFAULT_WEIGHTS,
    MatchingSettings,
)

__all__ = [
    "AMOUNT",
    "AMOUNT_FIT",
    "COFINANCING",
    "COST_TYPE",
    "DEFAULT_MIN_DAYS_BEFORE_CLOSING",
    "DEFAULT_WEIGHTS",
    "HARD_CRITERIA",
    "LEGAL_FORM",
    "NARROWNESS",
    "OPEN",
    "PARTNERSHIP",
    "SCORE_PARTS",
    "SELF_FINANCING",
    "STOPWORDS",
    "TERRITORY",
    "TEXT",
    "THEME",
    "TIME_LEFT",
    "Criterion",
    "Match",
    "MatchResult",
    "MatchingSettings",
    "ScorePart",
    "closing_date",
    "evaluate_call",
    "match_calls",
    "terms",
    "text_relevance",
]
