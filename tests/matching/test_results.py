"""The matcher's results: near misses, ranking, reasons in every language, settings.

Plain data, no database: `make_call()` matches `make_experiment()` on every criterion, and each
test changes what it is about.
"""

from datetime import date
from decimal import Decimal

from django.test import override_settings
from django.utils import translation

from funding.matching.scoring import OPEN, PARTNERSHIP, MatchingSettings, match_calls
from tests.matching.evaluation import english, evaluate
from tests.matching.plain_facts import (
    FRANCE,
    GAP,
    GAP_EPCI,
    TODAY,
    closing,
    make_call,
    make_experiment,
)


# ---------------------------------------------------------------------------------------------
# Near misses
# ---------------------------------------------------------------------------------------------
def test_near_miss_with_two_fixable_failures_lists_both_fixes():
    call = make_call(
        min_partners=1,
        required_countries=frozenset({"FR", "IT"}),
        opens_on=date(2026, 9, 1),
        closes_at=closing(300),
    )
    result = match_calls(make_experiment(), [call], today=TODAY)
    (near_miss,) = result.near_misses
    assert {c.code for c in near_miss.unmet} == {OPEN, PARTNERSHIP}
    assert sorted(english(fix) for fix in near_miss.fixes) == [
        "add an Italian partner",
        "opens on 1 September 2026",
    ]


def test_three_failures_are_dropped_but_evaluate_call_keeps_them():
    call = make_call(  # three fixable failures: territory, opening date, partners
        territory=GAP,
        opens_on=date(2026, 9, 1),
        closes_at=None,
        min_partners=3,
    )
    assert match_calls(make_experiment(), [call], today=TODAY).near_misses == ()
    assert len(evaluate(call).unmet) == 3
    settings = MatchingSettings(max_near_miss_failures=3)
    assert len(match_calls(make_experiment(), [call], today=TODAY, settings=settings).near_misses)


def test_one_unfixable_failure_drops_the_call_however_fixable_the_rest():
    call = make_call(closes_at=closing(-3), min_partners=2)
    assert match_calls(make_experiment(), [call], today=TODAY).near_misses == ()


def test_near_misses_come_fewest_failures_first():
    one = make_call(1, min_partners=2)
    two = make_call(2, min_partners=2, opens_on=date(2026, 9, 1), closes_at=None)
    result = match_calls(make_experiment(), [two, one], today=TODAY)
    assert [m.call.id for m in result.near_misses] == [1, 2]


# ---------------------------------------------------------------------------------------------
# Ranking
# ---------------------------------------------------------------------------------------------
def test_matches_are_ranked_by_score_then_deadline():
    best = make_call(1, territory=GAP_EPCI)  # narrowest territory
    tie_later = make_call(2, territory=FRANCE, closes_at=closing(90))
    tie_sooner = make_call(3, territory=FRANCE, closes_at=closing(80))
    worst = make_call(4, territory=FRANCE, theme_ids=frozenset({1}))
    result = match_calls(make_experiment(), [worst, tie_later, best, tie_sooner], today=TODAY)
    assert [m.call.id for m in result.matches] == [1, 3, 2, 4]
    scores = [m.score for m in result.matches]
    assert scores == sorted(scores, reverse=True)
    assert result.matches[1].score == result.matches[2].score  # both past the comfortable days


def test_every_reason_renders_in_the_three_languages():
    calls = [
        make_call(1),
        make_call(2, territory=GAP, min_partners=2, closes_at=closing(3), source_kind="state"),
        make_call(3, eligible_legal_forms=frozenset({"scic"}), amount_min=Decimal("90000")),
        make_call(4, cost_types=frozenset({"investment"}), required_countries=frozenset({"IT"})),
        make_call(
            5,
            opens_on=date(2026, 12, 1),
            closes_at=None,
            territory=None,
            min_self_financing_rate=Decimal("90"),
            rate_max=Decimal("10"),
        ),
    ]
    evaluated = [evaluate(call) for call in calls]
    assert sum(len(match.unmet) for match in evaluated) == 9
    for language in ("fr", "en", "it"):
        with translation.override(language):
            for match in evaluated:
                for item in (*match.criteria, *match.parts):
                    assert str(item.message)
                assert all(str(fix) for fix in match.fixes)
                assert len(match.fixes) == len([c for c in match.unmet if c.fixable])


def test_settings_from_django_settings():
    with override_settings(FUNDING_MATCHING={"opening_horizon_days": 30}):
        assert MatchingSettings.from_settings().opening_horizon_days == 30
    assert MatchingSettings.from_settings() == MatchingSettings()
