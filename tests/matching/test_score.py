"""The matcher's soft score: each part, text relevance, weights.

Plain data, no database: `make_call()` matches `make_experiment()` on every criterion, and each
test changes what it is about.
"""

from decimal import Decimal

import pytest

from funding.matching.scoring import (
    AMOUNT_FIT,
    COFINANCING,
    NARROWNESS,
    TEXT,
    THEME,
    TIME_LEFT,
    MatchingSettings,
    terms,
    text_relevance,
)
from tests.matching.evaluation import english, evaluate, part
from tests.matching.plain_facts import (
    EU,
    FRANCE,
    GAP_EPCI,
    HAUTES_ALPES,
    closing,
    make_call,
    make_experiment,
)


def test_theme_part_full_for_a_common_theme_zero_without():
    assert part(make_call(theme_ids=frozenset({4})), THEME).value == 1
    none = part(make_call(theme_ids=frozenset({1, 2})), THEME)
    assert none.value == 0 and english(none.message) == "no theme in common"


def test_theme_part_neutral_for_a_call_open_to_every_theme():
    assert part(make_call(theme_ids=frozenset()), THEME).value == 0.5
    assert (
        part(
            make_call(theme_ids=frozenset()),
            THEME,
            settings=MatchingSettings(neutral_theme_value=0.2),
        ).value
        == 0.2
    )


def test_theme_part_counts_the_overlap_of_the_smaller_set():
    experiment = make_experiment(theme_ids=frozenset({1, 2, 4}))
    result = part(make_call(theme_ids=frozenset({2, 4, 5, 6})), THEME, experiment)
    # One theme in common is worth half the part, the rest grows with the share (2 of 3).
    assert result.value == pytest.approx(0.5 + 0.5 * 2 / 3)
    assert english(result.message) == "2 themes in common"


def test_text_part_higher_for_a_related_text():
    related = part(make_call(text="Trésorerie partagée pour les associations"), TEXT)
    unrelated = part(make_call(text="Rénovation énergétique des gîtes de montagne"), TEXT)
    assert related.value > 0.5
    assert unrelated.value == 0


def test_text_relevance_ignores_case_accents_stopwords_and_plurals():
    assert text_relevance("Trésorerie MUTUALISÉE", "tresorerie mutualisee") == 1
    assert text_relevance("les associations", "une association") == 1
    assert text_relevance("des locaux partagés", "un local partagé") == 1
    assert text_relevance("les et des pour", "les et des pour") == 0  # stopwords only
    assert terms("Cooperativa cooperative cooperatives") == frozenset({"cooperativ"})


def test_text_relevance_across_french_english_and_italian():
    assert text_relevance("coopération transfrontalière", "cooperation") > 0
    assert text_relevance("cooperazione giovani", "cooperazione transfrontaliera") > 0
    assert text_relevance("", "anything") == 0


def test_text_relevance_is_symmetric_and_bounded():
    a = "Mutualisation de locaux et de matériel entre associations sportives"
    b = "Appel à projets pour les associations sportives du département"
    assert text_relevance(a, b) == text_relevance(b, a)
    assert 0 < text_relevance(a, b) < 1


def test_amount_fit_part_is_the_share_of_the_need_one_application_may_bring():
    assert part(make_call(amount_max=None), AMOUNT_FIT).value == 1
    assert part(make_call(amount_max=Decimal("60000")), AMOUNT_FIT).value == 1
    half = part(make_call(amount_max=Decimal("15000")), AMOUNT_FIT)
    assert half.value == 0.5
    assert english(half.message) == "up to 15,000\u00a0€ for a need of 30,000\u00a0€"
    assert part(make_call(amount_min=Decimal("31000")), AMOUNT_FIT).value == 0


def test_time_left_part_grows_with_the_days_left():
    settings = MatchingSettings(comfortable_days=67)
    assert part(make_call(closes_at=closing(67)), TIME_LEFT, settings=settings).value == 1
    assert part(make_call(closes_at=closing(7)), TIME_LEFT, settings=settings).value == 0
    middle = part(make_call(closes_at=closing(37)), TIME_LEFT, settings=settings)
    assert middle.value == 0.5 and english(middle.message) == "37 days left"
    ongoing = make_call(closes_at=None, recurrence="ongoing")
    assert part(ongoing, TIME_LEFT).value == 1


def test_cofinancing_part_compares_the_maximum_rate_with_the_need():
    # 50 % of 40 000 € of operating costs = 20 000 €, for a need of 30 000 €.
    result = part(make_call(rate_max=Decimal("50")), COFINANCING)
    assert result.value == pytest.approx((20000 / 30000 + 1) / 2)
    assert english(result.message) == (
        "up to 50\u00a0% of 40,000\u00a0€ of eligible costs, that is 20,000\u00a0€"
    )
    assert part(make_call(rate_max=Decimal("80")), COFINANCING).value == 1


def test_cofinancing_part_penalises_self_financing_below_the_minimum():
    # The budget is 40 000 €, self-financing 8 000 € = 20 %.
    met = part(make_call(min_self_financing_rate=Decimal("20")), COFINANCING)
    assert met.value == 1
    short = part(make_call(min_self_financing_rate=Decimal("40")), COFINANCING)
    assert short.value == pytest.approx((1 + 8000 / 16000) / 2)
    assert "below the 40\u00a0% required (16,000\u00a0€)" in english(short.message)


def test_cofinancing_counts_only_the_costs_of_the_types_the_call_funds():
    experiment = make_experiment(investment_cost=Decimal("10000"))  # need 40 000
    call = make_call(cost_types=frozenset({"investment"}), rate_max=Decimal("100"))
    assert part(call, COFINANCING, experiment).value == pytest.approx((10000 / 40000 + 1) / 2)


@pytest.mark.parametrize(
    ("territory", "value"),
    [(GAP_EPCI, 8 / 9), (HAUTES_ALPES, 6 / 9), (FRANCE, 2 / 9), (EU, 1 / 9), (None, 0)],
)
def test_narrowness_part_prefers_local_calls(territory, value):
    assert part(make_call(territory=territory), NARROWNESS).value == pytest.approx(value)


def test_score_is_the_weighted_sum_of_the_parts():
    match = evaluate(make_call(amount_max=Decimal("15000"), theme_ids=frozenset({1})))
    assert sum(p.weight for p in match.parts) == 100
    for score_part in match.parts:
        assert score_part.points == pytest.approx(score_part.value * score_part.weight)
        assert 0 <= score_part.value <= 1
        assert str(english(score_part.message))
    assert match.score == pytest.approx(sum(p.points for p in match.parts), abs=0.05)
    assert 0 <= match.score <= 100


def test_weights_are_tunable_and_normalised():
    call = make_call(theme_ids=frozenset({1}))  # no common theme
    default = evaluate(call).score
    settings = MatchingSettings(weights={THEME: 0, TEXT: 1})
    only_text = evaluate(call, settings=settings)
    assert only_text.score == pytest.approx(100 * only_text.part(TEXT).value, abs=0.05)
    assert only_text.score != default
    with pytest.raises(ValueError):
        evaluate(call, settings=MatchingSettings(weights={}))
