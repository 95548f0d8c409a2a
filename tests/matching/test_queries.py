"""The matcher's plain data, built from the database: calls in one query, demo experiments'
figures."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from funding.catalogue.models import FundingCall
from funding.matching.facts import CallFacts
from funding.matching.queries import call_facts, experiment_facts
from projects.experiments.models import Experiment
from projects.network.models import Territory, Theme
from tests.factories import FundingCallFactory, FundingSourceFactory

TREASURY = "Trésorerie mutualisée entre associations du Gapençais"
CROSS_BORDER = "Coopération transfrontalière Queyras \N{EN DASH} Val de Suse"


def ids(*slugs: str) -> set[int]:
    return set(Territory.objects.filter(slug__in=slugs).values_list("pk", flat=True))


def _facts_queries(count: int) -> tuple[int, list[CallFacts]]:
    themes = list(Theme.objects.canonical()[:2])
    FundingCallFactory.create_batch(count, themes=themes)
    with CaptureQueriesContext(connection) as queries:
        facts = call_facts(FundingCall.objects.all(), base_url="/fr/financements/")
    return len(queries), facts


@pytest.mark.django_db
def test_call_facts_take_three_queries_whatever_the_number_of_calls():
    few, facts_few = _facts_queries(3)
    many, facts_many = _facts_queries(40)
    assert few == many == 3  # the calls, their themes, their territories
    assert len(facts_many) == len(facts_few) + 40
    # Canonical rows only: translations of demo calls are not counted twice.
    assert len(facts_many) == FundingCall.objects.canonical().count()


@pytest.mark.django_db
def test_call_facts_carry_every_rule():
    source = FundingSourceFactory(kind="eu_programme", funder__name="Union européenne")
    themes = list(Theme.objects.canonical().order_by("number")[:2])
    call = FundingCallFactory(
        source=source,
        name="ALCOTRA essai",
        description="Coopération transfrontalière.",
        territory=Territory.objects.get(slug="alcotra"),
        themes=themes,
        eligible_legal_forms=["association", "scic"],
        aid_types=["grant"],
        cost_types=["operating"],
        amount_min=Decimal(25000),
        amount_max=Decimal(75000),
        rate_max=Decimal(80),
        min_self_financing_rate=Decimal(20),
        min_partners=1,
        required_countries=["FR", "IT"],
    )
    (facts,) = call_facts(FundingCall.objects.filter(pk=call.pk), base_url="/fr/financements/")
    assert facts.id == call.pk
    assert facts.url == f"/fr/financements/{call.slug}/"
    assert facts.source_kind == "eu_programme" and facts.is_public_money
    assert facts.funder_name == "Union européenne"
    assert facts.territory_id == call.territory_id and facts.territory_rank == 7
    assert facts.theme_ids == {t.pk for t in themes}
    assert facts.eligible_legal_forms == {"association", "scic"}
    assert facts.cost_types == {"operating"}
    assert facts.aid_types == {"grant"} and facts.brings_money
    assert (facts.amount_min, facts.amount_max) == (Decimal(25000), Decimal(75000))
    assert facts.rate_max == Decimal(80) and facts.min_self_financing_rate == Decimal(20)
    assert facts.min_partners == 1 and facts.required_countries == {"FR", "IT"}
    assert facts.closes_at == call.closes_at
    assert "Coopération transfrontalière." in facts.text and "ALCOTRA essai" in facts.text


@pytest.mark.django_db
def test_call_facts_defaults_anywhere_any_theme_both_costs():
    call = FundingCallFactory(territory=None, cost_types=[], aid_types=["crowdfunding_reward"])
    (facts,) = call_facts(FundingCall.objects.filter(pk=call.pk))
    assert facts.territory_id is None and facts.territory_rank == 10
    assert facts.theme_ids == frozenset()
    assert facts.cost_types == {"operating", "investment"}
    assert facts.is_crowdfunding
    assert facts.url == f"/fr/financements/{call.slug}/"  # the demo's catalogue page


@pytest.mark.django_db
def test_treasury_experiment_facts():
    experiment = Experiment.objects.get(title=TREASURY)
    with CaptureQueriesContext(connection) as queries:
        facts = experiment_facts(experiment)
    assert len(queries) <= 7
    # Cash budget: 6,000 + 9,000 operating, 4,000 investment; 3,000 of volunteering in kind.
    assert facts.operating_cost == Decimal(15000)
    assert facts.investment_cost == Decimal(4000)
    assert facts.self_financing == Decimal(3000)
    assert facts.funding_need == Decimal(16000)
    assert facts.lead_legal_form == "association"
    assert facts.lead_country == "FR"
    assert facts.partner_count == 2 and facts.partner_countries == {"FR"}
    assert facts.territory_ids == ids("ca-gap-tallard-durance")
    assert ids("hautes-alpes", "gal-pays-gapencais", "paca", "alcotra", "france", "eu") <= (
        facts.territory_ancestor_ids
    )
    assert facts.territory_descendant_ids == ids("gap", "tallard")
    assert facts.theme_ids == {Theme.objects.canonical().get(number=4).pk}


@pytest.mark.django_db
def test_cross_border_experiment_facts():
    facts = experiment_facts(Experiment.objects.get(title=CROSS_BORDER).pk)
    assert facts.operating_cost == Decimal(42000)
    assert facts.investment_cost == Decimal(18000)
    assert facts.funding_need == Decimal(54000)
    assert facts.countries == {"FR", "IT"}
    assert facts.partner_countries == {"FR", "IT"}
    assert facts.territory_ids == ids("chateau-ville-vieille", "torino")
    assert ids("cc-guillestrois-queyras", "petr-grand-brianconnais", "piemonte", "alcotra") <= (
        facts.territory_ancestor_ids
    )
    assert not facts.territory_descendant_ids
