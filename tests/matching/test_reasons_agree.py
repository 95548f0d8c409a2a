"""The cases of issue 18, point 2: a score and its reasons agree (plain data, no database)."""

from decimal import Decimal

from funding.matching.recommendations import recommend_facts
from funding.matching.scoring import (
    AMOUNT,
    SELF_FINANCING,
    TEXT,
    THEME,
    match_calls,
)
from tests.matching.evaluation import criterion, english, evaluate
from tests.matching.plain_facts import TODAY, make_call, make_experiment

BIKES = "Atelier de réparation de vélos et mobilité douce"
FOOD = "Agriculture et alimentation durables, circuits courts"


def test_self_financing_below_the_calls_minimum_is_a_failed_condition_not_a_reason():
    # The budget is 40 000 €, self-financing 8 000 € = 20 %: LEADER asks for 30 %.
    leader = make_call(min_self_financing_rate=Decimal("30"))
    result = criterion(leader, SELF_FINANCING)
    assert not result.met and not result.fixable
    assert english(result.message) == (
        "self-financing (8,000\u00a0€) is below the 30\u00a0% required (12,000\u00a0€)"
    )
    found = match_calls(make_experiment(), [leader], today=TODAY)
    assert found.matches == () and found.near_misses == ()
    assert criterion(make_call(min_self_financing_rate=Decimal("20")), SELF_FINANCING).met


def test_an_amount_the_call_can_never_reach_is_a_failed_condition():
    # At most 10 % of 40 000 € = 4 000 €, below the call's own minimum of 5 000 €.
    call = make_call(rate_max=Decimal("10"), amount_min=Decimal("5000"))
    result = criterion(call, AMOUNT)
    assert not result.met and result.reason == "unreachable" and not result.fixable


def test_no_text_in_common_is_never_a_reason_it_fits():
    match = evaluate(make_call(text="Chèvres et fromages"))
    assert match.is_match
    assert match.part(TEXT).detail["relevance"] == 0
    assert TEXT not in {part.code for part in match.strengths}
    related = evaluate(make_call())
    assert TEXT in {part.code for part in related.strengths}


def test_a_call_open_to_every_theme_is_not_a_theme_in_common():
    match = evaluate(make_call(theme_ids=frozenset()))
    assert THEME not in {part.code for part in match.strengths}
    assert THEME in {part.code for part in evaluate(make_call()).strengths}


def test_a_food_fund_for_a_bicycle_workshop_is_capped_below_a_call_on_its_theme():
    workshop = make_experiment(text=BIKES, theme_ids=frozenset({7}))
    food = make_call(1, text=FOOD, theme_ids=frozenset({3}), amount_max=None)
    bikes = make_call(
        2, text="Mobilité", theme_ids=frozenset({7, 8, 9}), amount_max=Decimal("1000")
    )
    found = match_calls(workshop, [food, bikes], today=TODAY)
    assert [m.call.id for m in found.matches] == [2, 1]
    off, on = found.matches[1], found.matches[0]
    assert off.off_topic and not on.off_topic
    assert off.score <= 10 < on.score
    uncapped = sum(part.points for part in off.parts)
    assert uncapped > off.score  # it would have scored more without the cap


def test_a_food_fund_is_listed_but_never_planned_for_a_bicycle_workshop():
    """Issue 18: the food fund « enters its funding plan ». Listed last as off topic, it
    is left out of the plan even when the call on the theme cannot cover the need."""
    workshop = make_experiment(text=BIKES, theme_ids=frozenset({7}))
    food = make_call(1, text=FOOD, theme_ids=frozenset({3}), amount_max=None)
    bikes = make_call(
        2, text="Mobilité", theme_ids=frozenset({7, 8, 9}), amount_max=Decimal("1000")
    )
    found = recommend_facts(workshop, [food, bikes], today=TODAY)
    assert [m.call.id for m in found.apply_now] == [2, 1]
    assert [line.call.id for line in found.plan.lines] == [2]
    assert found.plan.gap > 0  # better a gap said than an off-topic fund proposed
