"""The catalogue's models: named filters, order, status, validation, list fields."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

import funding.matching.facts as facts
from funding.catalogue.fields import LabelListFormField
from funding.catalogue.models import (
    AidType,
    CostType,
    FundingCall,
    FundingSource,
    end_of_day,
    paris_today,
)
from projects.network.models import Organisation, Territory, Theme
from tests.factories import FundingCallFactory, FundingSourceFactory

NOW = timezone.now()
DAY = datetime.timedelta(days=1)


def territory(slug: str) -> Territory:
    return Territory.objects.get(slug=slug)


def names(queryset, calls) -> list[str]:
    """Names of ``calls`` that ``queryset`` keeps, in its order (demo calls left aside)."""
    pks = [call.pk for call in calls]
    return list(queryset.filter(pk__in=pks).values_list("name", flat=True))


def test_choices_are_the_matchers_vocabulary():
    assert FundingSource.Kind.values == list(facts.SOURCE_KINDS)
    assert AidType.values == list(facts.AID_TYPES)
    assert CostType.values == list(facts.COST_TYPES)
    assert FundingCall.Recurrence.values == list(facts.RECURRENCES)


# ---------------------------------------------------------------------------------------------
# Open or not
# ---------------------------------------------------------------------------------------------
@pytest.fixture
def timeline(db):
    today = paris_today()
    return {
        "open": FundingCallFactory(name="open", opens_on=today - 5 * DAY, closes_at=NOW + 3 * DAY),
        "opens_today": FundingCallFactory(name="opens_today", opens_on=today),
        "upcoming": FundingCallFactory(name="upcoming", opens_on=today + 2 * DAY),
        "closed": FundingCallFactory(name="closed", closes_at=NOW - datetime.timedelta(hours=1)),
        "ongoing": FundingCallFactory(
            name="ongoing", recurrence=FundingCall.Recurrence.ONGOING, closes_at=None
        ),
    }


def test_open_now_keeps_calls_one_can_apply_to_today(timeline):
    calls = timeline.values()
    assert sorted(names(FundingCall.objects.open_now(), calls)) == [
        "ongoing",
        "open",
        "opens_today",
    ]


def test_not_closed_keeps_upcoming_calls_too(timeline):
    assert "upcoming" in names(FundingCall.objects.not_closed(), timeline.values())
    assert "closed" not in names(FundingCall.objects.not_closed(), timeline.values())


def test_a_call_closing_during_a_day_is_open_on_that_day(db):
    day = paris_today() + 10 * DAY
    morning = FundingCallFactory(
        name="morning",
        closes_at=datetime.datetime.combine(day, datetime.time(10), tzinfo=end_of_day(day).tzinfo),
    )
    eve = FundingCallFactory(name="eve", closes_at=end_of_day(day - DAY))
    later = FundingCallFactory(name="later", opens_on=day + DAY, closes_at=end_of_day(day + DAY))
    assert names(FundingCall.objects.open_on(day), [morning, eve, later]) == ["morning"]


@pytest.mark.parametrize(
    ("name", "status"),
    [
        ("open", "closing_soon"),
        ("opens_today", "open"),
        ("upcoming", "upcoming"),
        ("closed", "closed"),
        ("ongoing", "open"),
    ],
)
def test_status(timeline, name, status):
    call = timeline[name]
    assert call.status() == status
    assert call.is_open() is (status in {"open", "closing_soon"})


def test_a_call_far_from_its_deadline_is_open_not_closing_soon(db):
    assert FundingCallFactory(closes_at=NOW + 15 * DAY).status() == "open"
    assert FundingCallFactory(closes_at=NOW + 13 * DAY).status() == "closing_soon"


# ---------------------------------------------------------------------------------------------
# Territory both ways, order
# ---------------------------------------------------------------------------------------------
@pytest.fixture
def placed(db):
    slugs = ["gap", "ca-gap-tallard-durance", "hautes-alpes", "briancon", "torino", "italie"]
    calls = {slug: FundingCallFactory(name=slug, territory=territory(slug)) for slug in slugs}
    calls["anywhere"] = FundingCallFactory(name="anywhere", territory=None)
    return calls


def test_a_territory_finds_calls_on_it_around_it_inside_it_and_anywhere(placed):
    found = set(
        names(FundingCall.objects.on_territory_both_ways(territory("gap")), placed.values())
    )
    assert found == {"gap", "ca-gap-tallard-durance", "hautes-alpes", "anywhere"}


def test_a_wide_territory_finds_the_calls_inside_it(placed):
    found = set(
        names(
            FundingCall.objects.on_territory_both_ways(territory("hautes-alpes")), placed.values()
        )
    )
    assert found == {"gap", "ca-gap-tallard-durance", "hautes-alpes", "briancon", "anywhere"}
    italy = set(
        names(FundingCall.objects.on_territory_both_ways(territory("italie")), placed.values())
    )
    assert italy == {"torino", "italie", "anywhere"}


def test_order_is_open_calls_first_narrowest_territory_then_soonest_deadline(db):
    calls = [
        FundingCallFactory(name="region soon", territory=territory("paca"), closes_at=NOW + DAY),
        FundingCallFactory(
            name="commune late", territory=territory("gap"), closes_at=NOW + 50 * DAY
        ),
        FundingCallFactory(
            name="département ongoing",
            territory=territory("hautes-alpes"),
            recurrence=FundingCall.Recurrence.ONGOING,
            closes_at=None,
        ),
        FundingCallFactory(
            name="département soon", territory=territory("hautes-alpes"), closes_at=NOW + 2 * DAY
        ),
        FundingCallFactory(name="anywhere soonest", territory=None, closes_at=NOW + DAY / 2),
        FundingCallFactory(name="commune closed", territory=territory("gap"), closes_at=NOW - DAY),
    ]
    assert names(FundingCall.objects.narrowest_first(), calls) == [
        "commune late",
        "département soon",
        "département ongoing",
        "region soon",
        "anywhere soonest",
        "commune closed",
    ]


# ---------------------------------------------------------------------------------------------
# Other filters
# ---------------------------------------------------------------------------------------------
def test_legal_form_filter_keeps_calls_open_to_it_or_to_any_form(db):
    calls = [
        FundingCallFactory(name="any", eligible_legal_forms=[]),
        FundingCallFactory(name="assoc", eligible_legal_forms=["association", "scic"]),
        FundingCallFactory(name="scop", eligible_legal_forms=["scop"]),
    ]
    assert sorted(names(FundingCall.objects.for_legal_form("association"), calls)) == [
        "any",
        "assoc",
    ]
    assert sorted(names(FundingCall.objects.for_legal_form("scic"), calls)) == ["any", "assoc"]


def test_aid_type_filter(db):
    calls = [
        FundingCallFactory(name="grant", aid_types=["grant"]),
        FundingCallFactory(name="loan", aid_types=["loan", "guarantee"]),
        FundingCallFactory(name="crowd", aid_types=["crowdfunding_loan"]),
    ]
    assert names(FundingCall.objects.with_aid_type("loan"), calls) == ["loan"]
    assert names(FundingCall.objects.with_aid_type("guarantee"), calls) == ["loan"]


def test_amount_filter_respects_minimum_and_maximum(db):
    calls = [
        FundingCallFactory(name="small", amount_min=Decimal(1000), amount_max=Decimal(10000)),
        FundingCallFactory(name="big", amount_min=Decimal(50000), amount_max=None),
        FundingCallFactory(name="open", amount_min=None, amount_max=None),
    ]
    assert sorted(names(FundingCall.objects.for_amount(Decimal(8000)), calls)) == [
        "open",
        "small",
    ]
    assert sorted(names(FundingCall.objects.for_amount(Decimal(60000)), calls)) == [
        "big",
        "open",
    ]


def test_theme_filter_keeps_calls_on_the_theme_or_on_any_theme(db):
    first, second = Theme.objects.canonical().order_by("number")[:2]
    calls = [
        FundingCallFactory(name="first", themes=[first]),
        FundingCallFactory(name="both", themes=[first, second]),
        FundingCallFactory(name="second", themes=[second]),
        FundingCallFactory(name="any"),
    ]
    assert sorted(names(FundingCall.objects.with_theme(first), calls)) == ["any", "both", "first"]


def test_closing_by_includes_the_whole_day_and_leaves_ongoing_calls_out(db):
    day = paris_today() + 5 * DAY
    calls = [
        FundingCallFactory(name="that evening", closes_at=end_of_day(day)),
        FundingCallFactory(name="next day", closes_at=end_of_day(day + DAY)),
        FundingCallFactory(
            name="ongoing", recurrence=FundingCall.Recurrence.ONGOING, closes_at=None
        ),
    ]
    assert names(FundingCall.objects.closing_by(day), calls) == ["that evening"]


# ---------------------------------------------------------------------------------------------
# Validation
# ---------------------------------------------------------------------------------------------
def _errors(call: FundingCall) -> dict:
    with pytest.raises(ValidationError) as caught:
        call.full_clean()
    return caught.value.message_dict


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"amount_min": Decimal(10), "amount_max": Decimal(5)}, "amount_max"),
        ({"rate_min": Decimal(60), "rate_max": Decimal(40)}, "rate_max"),
        ({"rate_max": Decimal(120)}, "rate_max"),
        ({"recurrence": "one_off", "closes_at": None}, "closes_at"),
        ({"required_countries": ["FRA"]}, "required_countries"),
        ({"aid_types": []}, "aid_types"),
        ({"aid_types": ["gift"]}, "aid_types"),
        ({"aid_types": ["grant", "grant"]}, "aid_types"),
        ({"eligible_legal_forms": ["charity"]}, "eligible_legal_forms"),
        ({"cost_types": ["salaries"]}, "cost_types"),
        ({"opens_on": paris_today() + 90 * DAY}, "closes_at"),
        ({"pre_deposit_at": NOW + 90 * DAY}, "pre_deposit_at"),
        ({"import_source": "aides-territoires", "external_id": ""}, "external_id"),
    ],
)
def test_inconsistent_calls_are_refused(db, changes, field):
    call = FundingCallFactory()
    for name, value in changes.items():
        setattr(call, name, value)
    assert field in _errors(call)


def test_a_consistent_call_passes_validation(db):
    call = FundingCallFactory(
        amount_min=Decimal(1000),
        amount_max=Decimal(5000),
        rate_min=Decimal(20),
        rate_max=Decimal(80),
        required_countries=["FR", "IT"],
        eligible_legal_forms=[Organisation.LegalForm.ASSOCIATION],
        cost_types=["operating"],
        pre_deposit_at=NOW + DAY,
    )
    call.full_clean()


def test_slugs_are_made_unique_per_language(db):
    first = FundingCallFactory(name="Appel commun", slug="")
    second = FundingCallFactory(name="Appel commun", slug="")
    assert first.slug == "appel-commun"
    assert second.slug == "appel-commun-2"


def test_a_source_cannot_sit_inside_itself(db):
    top = FundingSourceFactory(name="FEADER")
    middle = FundingSourceFactory(name="LEADER", parent=top)
    bottom = FundingSourceFactory(name="GAL", parent=middle)
    assert [s.name for s in bottom.lineage()] == ["FEADER", "LEADER", "GAL"]
    top.parent = bottom
    with pytest.raises(ValidationError):
        top.clean()


def test_cost_types_default_to_both(db):
    call = FundingCallFactory(cost_types=[])
    assert call.covered_cost_types == ["operating", "investment"]


def test_country_codes_are_typed_as_text_and_cleaned_to_a_list():
    field = LabelListFormField(separator=",", upper=True, required=False)
    assert field.clean("fr, it,, FR") == ["FR", "IT"]
    assert field.prepare_value(["FR", "IT"]) == "FR, IT"


@pytest.mark.parametrize(
    ("language", "labels"),
    [
        ("fr", ("Refusé", "Retiré", "Refusée", "Retirée")),
        ("it", ("Respinto", "Ritirato", "Respinta", "Ritirato")),
    ],
)
def test_state_labels_agree_with_the_noun_they_qualify(language, labels):
    """The same English words name states of dossiers (« un dossier refusé »), experiments
    (« une expérimentation refusée ») and sharing posts (« une annonce retirée »)."""
    from django.utils import translation

    from funding.dossiers.models import FundingApplication
    from projects.experiments.models import Experiment
    from projects.sharing.models import SharingPost

    with translation.override(language):
        assert (
            str(FundingApplication.State.DECLINED.label),
            str(FundingApplication.State.WITHDRAWN.label),
            str(Experiment.State.DECLINED.label),
            str(SharingPost.State.WITHDRAWN.label),
        ) == labels
