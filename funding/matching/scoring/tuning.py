"""The matcher's tunables (`MatchingSettings`), overridden by the `FUNDING_MATCHING` setting."""

from collections.abc import Mapping
from dataclasses import dataclass, field

from funding.matching.facts import CallFacts
from funding.matching.scoring.constants import (
    AMOUNT_FIT,
    COFINANCING,
    NARROWNESS,
    TEXT,
    THEME,
    TIME_LEFT,
)

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
    - `max_partners_to_add`: a near miss may ask for this many more partners at most (and one
      more country); a call asking for more is not for this partnership.
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
    max_partners_to_add: int = 2
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
