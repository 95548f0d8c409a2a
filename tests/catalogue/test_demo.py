"""The demo catalogue: the department's funding landscape, dates around the loading day, calls the
experiments seeking funding can apply to, and a loader that creates nothing the second time."""

import datetime
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.utils import timezone

from funding.catalogue.models import CallRequirement, Funder, FundingCall, FundingSource
from funding.matching.facts import CallFacts, ExperimentFacts
from funding.matching.queries import call_facts, experiment_facts
from projects.experiments.models import Experiment


def demo_call(slug: str) -> FundingCall:
    return FundingCall.objects.canonical().get(slug=slug)


@pytest.mark.django_db
def test_at_least_twenty_illustrative_calls_in_every_state():
    calls = list(FundingCall.objects.canonical())
    assert len(calls) >= 20
    assert all(call.is_illustrative for call in calls)
    statuses = {call.status() for call in calls}
    assert statuses == {"open", "closing_soon", "closed", "upcoming"}
    assert sum(call.recurrence == "ongoing" for call in calls) >= 5
    for call in calls:
        call.full_clean()  # the demo follows the rules editors follow


@pytest.mark.django_db
def test_the_funding_landscape_of_domain_md():
    sources = set(FundingCall.objects.canonical().values_list("source__name", flat=True))
    for name in (
        "LEADER \N{EN DASH} GAL Pays gapençais",
        "LEADER \N{EN DASH} GAL Sisteronais-Buëch",
        "LEADER \N{EN DASH} Grand Briançonnais",
        "Interreg VI-A France-Italie ALCOTRA",
        "FEDER",
        "FSE+",
        "Erasmus+",
        "FDVA",
        "Dispositif local d'accompagnement (DLA)",
        "Programmes territoriaux de la Fondation de France",
        "Mécénat de la Caisse d'Epargne CEPAC",
        "Mécénat des entreprises du Gapençais",
        "Outils de France Active",
        "HelloAsso",
        "Ulule",
        "KissKissBankBank",
        "Miimosa",
        "Zeste",
        "WiSEED",
    ):
        assert name in sources, name
    leader = FundingSource.objects.canonical().get(name="LEADER \N{EN DASH} Grand Briançonnais")
    assert [s.name for s in leader.lineage()] == [
        "FEADER",
        "LEADER",
        "LEADER \N{EN DASH} Grand Briançonnais",
    ]
    alcotra = demo_call("alcotra-projets-simples")
    assert alcotra.territory.slug == "alcotra"
    assert alcotra.required_countries == ["FR", "IT"] and alcotra.min_partners == 1
    micro = demo_call("alcotra-micro-projets")
    assert (micro.amount_min, micro.amount_max) == (Decimal(25000), Decimal(75000))
    erasmus = demo_call("erasmus-partenariats-petite-echelle")
    assert (erasmus.amount_min, erasmus.amount_max) == (Decimal(30000), Decimal(60000))
    assert demo_call("fdva-fonctionnement-innovation").eligible_legal_forms == ["association"]
    assert demo_call("dla-hautes-alpes").aid_types == ["engineering"]
    assert demo_call("france-active-subvention").amount_max == Decimal(20000)
    assert demo_call("france-active-apport-associatif").aid_types == ["loan"]
    assert demo_call("france-active-garantie").aid_types == ["guarantee"]
    helloasso = demo_call("helloasso-collecte-dons")
    assert helloasso.eligible_legal_forms == ["association"]
    assert helloasso.platform_fee_rate == 0 and not helloasso.all_or_nothing
    for slug in ("ulule-campagne-contreparties", "kisskissbankbank-campagne"):
        reward = demo_call(slug)
        assert reward.aid_types == ["crowdfunding_reward"] and reward.all_or_nothing
        assert Decimal(5) <= reward.platform_fee_rate <= Decimal(8)
    assert "crowdfunding_loan" in demo_call("miimosa-agriculture-alimentation").aid_types


@pytest.mark.django_db
def test_dates_are_relative_to_the_loading_day():
    # The session loaded the demo today: LEADER Sisteronais-Buëch closes ten days later.
    closes = demo_call("leader-sisteronais-buech-projets-collectifs").local_closes_at
    assert closes.date() == timezone.localdate() + datetime.timedelta(days=10)


def can_apply(call: CallFacts, experiment: ExperimentFacts, now: datetime.datetime) -> bool:
    """The issue's hard criteria, read plainly (the matcher is `funding.matching.scoring`)."""
    today = timezone.localdate(now)
    opened = call.opens_on is None or call.opens_on <= today
    far_enough = call.closes_at is None or call.closes_at - now >= datetime.timedelta(days=14)
    around = experiment.territory_ids | experiment.territory_ancestor_ids
    on_territory = call.territory_id is None or call.territory_id in around
    legal = not call.eligible_legal_forms or experiment.lead_legal_form in call.eligible_legal_forms
    amount = call.amount_min is None or call.amount_min <= experiment.funding_need
    partners = experiment.partner_count >= call.min_partners and (
        call.required_countries <= experiment.countries
    )
    return call.brings_money and all((opened, far_enough, on_territory, legal, amount, partners))


def fundable(call: CallFacts, experiment: ExperimentFacts) -> Decimal:
    """What a call could bring at most: its maximum and its rate of the cash budget."""
    cap = experiment.funding_need
    if call.amount_max is not None:
        cap = min(cap, call.amount_max)
    if call.rate_max is not None:
        cap = min(cap, experiment.cash_budget * call.rate_max / 100)
    return cap


@pytest.mark.django_db
@pytest.mark.parametrize(
    "title",
    [
        "Trésorerie mutualisée entre associations du Gapençais",
        "Coopération transfrontalière Queyras \N{EN DASH} Val de Suse",
    ],
)
def test_experiments_seeking_funding_find_calls_covering_their_need(title):
    experiment = Experiment.objects.get(title=title)
    assert experiment.state == Experiment.State.SEEKING_FUNDING
    facts = experiment_facts(experiment)
    now = timezone.now()
    calls = [c for c in call_facts(FundingCall.objects.all()) if can_apply(c, facts, now)]
    assert len(calls) >= 5
    assert {c.source_kind for c in calls} & {"eu_programme", "state"}  # public money
    assert {c.source_kind for c in calls} & {"crowdfunding_platform"}
    public = sum(fundable(c, facts) for c in calls if c.is_public_money)
    private = sum(fundable(c, facts) for c in calls if not c.is_public_money)
    cap = facts.cash_budget * Decimal("0.8")
    assert min(public, cap) + private >= facts.funding_need


@pytest.mark.django_db
def test_the_cross_border_experiment_matches_alcotra_micro_projects_only():
    facts = experiment_facts(
        Experiment.objects.get(title="Coopération transfrontalière Queyras \N{EN DASH} Val de Suse")
    )
    now = timezone.now()
    by_slug = {
        c.url.rstrip("/").rsplit("/", 1)[1]: c for c in call_facts(FundingCall.objects.all())
    }
    assert can_apply(by_slug["alcotra-micro-projets"], facts, now)
    assert not can_apply(by_slug["alcotra-projets-simples"], facts, now)  # 100,000 € at least
    assert not can_apply(by_slug["wiseed-investissement"], facts, now)  # companies only


def _counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (Funder, FundingSource, FundingCall, CallRequirement)
    }


@pytest.mark.django_db
def test_loading_the_demo_again_creates_no_call():
    before = _counts()
    call_command("load_demo")
    assert _counts() == before
