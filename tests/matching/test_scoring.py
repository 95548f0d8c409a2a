"""The matcher: each hard criterion, each part of the score, reasons, near misses and ranking.

Plain data, no database: `make_call()` matches `make_experiment()` on every criterion, and each
test changes what it is about.
"""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.test import override_settings
from django.utils import translation

from funding.matching.scoring import (
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
    TERRITORY,
    TEXT,
    THEME,
    TIME_LEFT,
    MatchingSettings,
    evaluate_call,
    match_calls,
    terms,
    text_relevance,
)
from tests.matching.plain_facts import (
    EU,
    FRANCE,
    GAP,
    GAP_EPCI,
    HAUTES_ALPES,
    ISERE,
    PACA,
    TODAY,
    closing,
    make_call,
    make_experiment,
)


def evaluate(call, experiment=None, settings=None):
    return evaluate_call(experiment or make_experiment(), call, today=TODAY, settings=settings)


def criterion(call, code, experiment=None, settings=None):
    return evaluate(call, experiment, settings).criterion(code)


def english(text) -> str:
    with translation.override("en"):
        return str(text)


def french(text) -> str:
    with translation.override("fr"):
        return str(text)


def test_the_reference_call_matches_on_every_criterion():
    result = match_calls(make_experiment(), [make_call()], today=TODAY)
    assert len(result.matches) == 1 and not result.near_misses
    match = result.matches[0]
    assert [c.code for c in match.criteria] == list(HARD_CRITERIA)
    assert all(c.met for c in match.criteria)
    assert [p.code for p in match.parts] == list(SCORE_PARTS)
    assert match.fixes == ()


# ---------------------------------------------------------------------------------------------
# Territory
# ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("territory", [GAP_EPCI, HAUTES_ALPES, PACA, FRANCE, EU])
def test_territory_met_on_the_experiments_territory_or_one_containing_it(territory):
    result = criterion(make_call(territory=territory), TERRITORY)
    assert result.met and result.reason == "covers"
    assert "open to projects in" in english(result.message)


def test_territory_met_for_a_call_open_anywhere():
    result = criterion(make_call(territory=None), TERRITORY)
    assert result.met and result.reason == "anywhere"


def test_territory_inside_the_experiments_area_is_a_near_miss():
    call = make_call(territory=GAP)
    result = criterion(call, TERRITORY)
    assert not result.met and result.fixable
    assert english(result.fix) == "only for projects in Gap"
    matched = match_calls(make_experiment(), [call], today=TODAY)
    assert not matched.matches
    assert [m.call.id for m in matched.near_misses] == [call.id]
    assert [english(fix) for fix in matched.near_misses[0].fixes] == ["only for projects in Gap"]


def test_territory_elsewhere_is_unmet_and_dropped():
    call = make_call(territory=ISERE)
    result = criterion(call, TERRITORY)
    assert not result.met and not result.fixable and result.fix is None
    assert "outside the experiment's area" in english(result.message)
    matched = match_calls(make_experiment(), [call], today=TODAY)
    assert matched.matches == () and matched.near_misses == ()


def test_territory_of_an_experiment_without_territory_is_fixable():
    experiment = make_experiment(
        territory_ids=frozenset(),
        territory_ancestor_ids=frozenset(),
        territory_descendant_ids=frozenset(),
    )
    result = criterion(make_call(), TERRITORY, experiment)
    assert not result.met and english(result.fix) == "give the experiment its territory"


# ---------------------------------------------------------------------------------------------
# Open, with enough time left for the kind of call
# ---------------------------------------------------------------------------------------------
def test_open_met_until_the_closing_date():
    result = criterion(make_call(closes_at=closing(30)), OPEN)
    assert result.met and result.reason == "open_until"
    assert french(result.message) == "ouvert jusqu'au 14 février 2026"


def test_open_met_for_an_ongoing_call():
    call = make_call(closes_at=None, recurrence="ongoing")
    assert criterion(call, OPEN).reason == "ongoing" and criterion(call, OPEN).met


def test_opening_soon_matches_and_says_when():
    call = make_call(opens_on=TODAY + timedelta(days=45), closes_at=closing(120))
    result = criterion(call, OPEN)
    assert result.met and result.reason == "opening_until"
    assert english(result.message) == "opens on 1 March 2026, closes on 15 May 2026"


def test_opening_beyond_the_horizon_is_a_near_miss_saying_when():
    call = make_call(opens_on=date(2026, 6, 1), closes_at=closing(200))
    result = criterion(call, OPEN)
    assert not result.met and result.fixable
    assert english(result.fix) == "opens on 1 June 2026"
    assert french(result.fix) == "ouvre le 1 juin 2026"
    settings = MatchingSettings(opening_horizon_days=200)
    assert criterion(call, OPEN, settings=settings).met


def test_closed_one_off_call_is_unmet_and_dropped():
    call = make_call(closes_at=closing(-1))
    result = criterion(call, OPEN)
    assert not result.met and not result.fixable and result.reason == "closed"
    assert match_calls(make_experiment(), [call], today=TODAY).near_misses == ()


def test_closed_recurring_call_is_a_near_miss():
    call = make_call(closes_at=closing(-10), recurrence="recurring")
    result = criterion(call, OPEN)
    assert not result.met and result.fixable
    assert english(result.fix) == "a recurring call: watch for its next session"


@pytest.mark.parametrize(
    ("kind", "days_left", "met"),
    [
        ("eu_programme", 13, False),
        ("eu_programme", 14, True),
        ("region", 10, False),
        ("foundation", 10, True),
        ("foundation", 6, False),
        ("crowdfunding_platform", 0, True),
    ],
)
def test_time_left_before_closing_depends_on_the_kind_of_call(kind, days_left, met):
    result = criterion(make_call(source_kind=kind, closes_at=closing(days_left)), OPEN)
    assert result.met is met
    if not met:
        assert result.reason == "too_soon" and result.fixable
        assert "needs at least" in english(result.message)
        assert english(result.fix).startswith("apply by ")


def test_closing_today_is_enough_for_crowdfunding_and_ongoing_calls():
    crowdfunding = make_call(
        source_kind="foundation",
        aid_types=frozenset({"crowdfunding_donation"}),
        closes_at=closing(0),
    )
    assert criterion(crowdfunding, OPEN).met


def test_minimum_days_are_tunable():
    call = make_call(source_kind="foundation", closes_at=closing(10))
    settings = MatchingSettings(min_days_before_closing={"foundation": 21})
    assert not criterion(call, OPEN, settings=settings).met
    unknown_kind = make_call(source_kind="bank", closes_at=closing(10))
    assert not criterion(
        unknown_kind,
        OPEN,
        settings=MatchingSettings(min_days_before_closing={}, default_min_days=11),
    ).met


def test_closing_date_is_read_in_paris_time():
    # 23:30 UTC on the 14th of February is already the 15th in Paris.
    call = make_call(closes_at=closing(30, hour=23) + timedelta(minutes=30))
    assert evaluate(call).deadline == date(2026, 2, 15)


# ---------------------------------------------------------------------------------------------
# Legal form
# ---------------------------------------------------------------------------------------------
def test_legal_form_met_when_any_form_is_eligible():
    assert criterion(make_call(eligible_legal_forms=frozenset()), LEGAL_FORM).met


def test_legal_form_met_when_the_leads_form_is_listed():
    call = make_call(eligible_legal_forms=frozenset({"association", "scic"}))
    result = criterion(call, LEGAL_FORM)
    assert result.met and english(result.message) == "open to the lead's legal form (Association)"


def test_legal_form_unmet_says_who_may_apply():
    call = make_call(eligible_legal_forms=frozenset({"association"}))
    result = criterion(call, LEGAL_FORM, make_experiment(lead_legal_form="scop"))
    assert not result.met and result.fixable
    assert english(result.fix) == "only for Association"
    assert "Worker cooperative (SCOP)" in english(result.message)


# ---------------------------------------------------------------------------------------------
# Amount
# ---------------------------------------------------------------------------------------------
def test_amount_met_when_the_need_is_within_the_bounds():
    # need = 40 000 - 8 000 - 2 000 = 30 000
    call = make_call(amount_min=Decimal("5000"), amount_max=Decimal("50000"))
    result = criterion(call, AMOUNT)
    assert result.met and result.reason == "within"


def test_amount_maximum_below_the_need_still_matches_and_caps():
    result = criterion(make_call(amount_max=Decimal("10000")), AMOUNT)
    assert result.met and result.reason == "capped"
    assert english(result.message) == (
        "at most 10,000\u00a0€ for a need of 30,000\u00a0€: the call covers part of it"
    )


def test_amount_minimum_above_the_need_is_a_near_miss():
    result = criterion(make_call(amount_min=Decimal("60000")), AMOUNT)
    assert not result.met and result.fixable
    assert french(result.fix) == "le besoin doit atteindre 60\u00a0000\u00a0€"


def test_amount_without_need_is_unmet_and_dropped():
    experiment = make_experiment(self_financing=Decimal("38000"))
    assert experiment.funding_need == 0
    result = criterion(make_call(), AMOUNT, experiment)
    assert not result.met and not result.fixable
    assert match_calls(experiment, [make_call()], today=TODAY) == match_calls(
        experiment, [], today=TODAY
    )


# ---------------------------------------------------------------------------------------------
# Partnership
# ---------------------------------------------------------------------------------------------
def test_partnership_met_without_rules():
    assert criterion(make_call(), PARTNERSHIP).reason == "no_partnership_rule"


def test_partnership_met_with_enough_partners_and_countries():
    call = make_call(min_partners=1, required_countries=frozenset({"FR", "IT"}))
    experiment = make_experiment(partner_countries=frozenset({"IT"}), partner_count=1)
    result = criterion(call, PARTNERSHIP, experiment)
    assert result.met  # France comes from the lead


def test_partnership_alcotra_without_an_italian_partner():
    call = make_call(min_partners=1, required_countries=frozenset({"FR", "IT"}))
    result = criterion(call, PARTNERSHIP)
    assert not result.met and result.fixable
    assert english(result.fix) == "add an Italian partner"
    assert english(result.message) == "needs partners from France, Italy"


def test_partnership_minimum_number_of_partners():
    call = make_call(min_partners=3)
    result = criterion(call, PARTNERSHIP)
    assert not result.met
    assert english(result.message) == "needs at least 3 partners besides the lead (has 1)"
    assert english(result.fix) == "add 2 partners"


def test_partnership_missing_country_counts_towards_the_missing_partners():
    call = make_call(min_partners=3, required_countries=frozenset({"IT"}))
    result = criterion(call, PARTNERSHIP)
    assert english(result.fix) == "add an Italian partner; add 1 partner"
    other_country = make_call(required_countries=frozenset({"AT"}))
    assert english(criterion(other_country, PARTNERSHIP).fix) == "add a partner from Austria"


# ---------------------------------------------------------------------------------------------
# Cost type
# ---------------------------------------------------------------------------------------------
def test_cost_type_met_when_the_budget_has_what_the_call_funds():
    call = make_call(cost_types=frozenset({"operating", "investment"}))
    result = criterion(call, COST_TYPE)
    assert result.met and english(result.message) == "funds operating costs, which the budget has"


def test_cost_type_unmet_says_what_the_budget_needs():
    result = criterion(make_call(cost_types=frozenset({"investment"})), COST_TYPE)
    assert not result.met and result.fixable
    assert english(result.fix) == "the budget needs investment costs"


def test_cost_type_unmet_for_an_empty_budget():
    experiment = make_experiment(
        operating_cost=Decimal("0"), self_financing=Decimal("0"), secured_funding=Decimal("0")
    )
    result = criterion(make_call(), COST_TYPE, experiment)
    assert not result.met and english(result.fix) == "fill in the budget"


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
    call = make_call(
        min_partners=4,
        eligible_legal_forms=frozenset({"scop"}),
        cost_types=frozenset({"investment"}),
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
    two = make_call(2, min_partners=2, eligible_legal_forms=frozenset({"scic"}))
    result = match_calls(make_experiment(), [two, one], today=TODAY)
    assert [m.call.id for m in result.near_misses] == [1, 2]


# ---------------------------------------------------------------------------------------------
# Soft score: each part
# ---------------------------------------------------------------------------------------------
def part(call, code, experiment=None, settings=None):
    return evaluate(call, experiment, settings).part(code)


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
    assert result.value == pytest.approx(2 / 3)
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
    assert sum(len(match.unmet) for match in evaluated) == 8
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
