"""The matcher's hard criteria: territory, open, legal form, amount, partnership, cost type.

Plain data, no database: `make_call()` matches `make_experiment()` on every criterion, and each
test changes what it is about.
"""

from datetime import date, timedelta
from decimal import Decimal

import pytest

from funding.matching.scoring import (
    AMOUNT,
    COST_TYPE,
    HARD_CRITERIA,
    LEGAL_FORM,
    OPEN,
    PARTNERSHIP,
    SCORE_PARTS,
    TERRITORY,
    MatchingSettings,
    match_calls,
)
from tests.matching.evaluation import criterion, english, evaluate, french
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
    message = english(result.message)
    assert result.met and message == "open to the lead organisation's legal form: Association"


def test_legal_form_unmet_says_who_may_apply_and_excludes_the_call():
    call = make_call(eligible_legal_forms=frozenset({"association"}))
    experiment = make_experiment(lead_legal_form="scop")
    result = criterion(call, LEGAL_FORM, experiment)
    assert not result.met and not result.fixable and result.fix is None
    # The label keeps its own parentheses, shown once: no « ((SCOP)) ».
    assert english(result.message) == (
        "only for Association; not open to the lead organisation's legal form: "
        "Worker cooperative (SCOP)"
    )
    assert match_calls(experiment, [call], today=TODAY).near_misses == ()


def test_legal_form_fixable_only_when_a_partner_of_an_eligible_form_may_lead():
    call = make_call(eligible_legal_forms=frozenset({"association"}))
    experiment = make_experiment(
        lead_legal_form="scop", partner_legal_forms=frozenset({"association"})
    )
    result = criterion(call, LEGAL_FORM, experiment)
    assert not result.met and result.fixable
    assert english(result.fix) == "let a partner that is Association lead the dossier"
    near = match_calls(experiment, [call], today=TODAY).near_misses
    assert [m.call.id for m in near] == [call.id]


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


def test_amount_minimum_above_the_need_excludes_the_call_without_inflating_the_need():
    call = make_call(amount_min=Decimal("60000"))
    result = criterion(call, AMOUNT)
    assert not result.met and not result.fixable and result.fix is None
    assert french(result.message) == (
        "l'appel commence à 60\u00a0000\u00a0€, plus que le besoin (30\u00a0000\u00a0€)"
    )
    assert match_calls(make_experiment(), [call], today=TODAY).near_misses == ()


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


def test_partnership_asking_for_more_than_a_plausible_change_excludes_the_call():
    many = criterion(make_call(min_partners=4), PARTNERSHIP)  # 3 more partners
    assert not many.met and not many.fixable and many.fix is None
    countries = make_call(required_countries=frozenset({"IT", "AT"}))  # two new countries
    assert not criterion(countries, PARTNERSHIP).fixable


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


def test_cost_type_the_budget_does_not_have_excludes_the_call_without_inventing_costs():
    call = make_call(cost_types=frozenset({"investment"}))
    result = criterion(call, COST_TYPE)
    assert not result.met and not result.fixable and result.fix is None
    assert english(result.message) == "funds only investment costs, which the budget does not have"
    assert match_calls(make_experiment(), [call], today=TODAY).near_misses == ()


def test_cost_type_unmet_for_an_empty_budget():
    experiment = make_experiment(
        operating_cost=Decimal("0"), self_financing=Decimal("0"), secured_funding=Decimal("0")
    )
    result = criterion(make_call(), COST_TYPE, experiment)
    assert not result.met and english(result.fix) == "fill in the budget"
