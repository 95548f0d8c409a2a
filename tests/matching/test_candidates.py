"""The calls read for one experiment: only those open anywhere or on a territory it touches
(the others fail the territory criterion, which no change can fix); « does this call fit? »
still evaluates any call (funding/matching/recommendations.py, `candidate_queryset`)."""

import pytest

from funding.catalogue.models import FundingCall
from funding.matching.queries import experiment_facts
from funding.matching.recommendations import candidate_calls, explain_call, recommend
from projects.experiments.models import Experiment
from projects.network.models import Territory
from tests.factories import FundingCallFactory

pytestmark = pytest.mark.django_db

CROSS_BORDER = "Coopération transfrontalière Queyras \N{EN DASH} Val de Suse"


def test_a_call_elsewhere_is_not_read_for_the_experiment_but_can_be_asked_about():
    experiment = Experiment.objects.get(title=CROSS_BORDER)
    facts = experiment_facts(experiment)
    touched = facts.territory_ids | facts.territory_ancestor_ids | facts.territory_descendant_ids
    elsewhere = Territory.objects.exclude(pk__in=touched).order_by("pk").first()
    inside = Territory.objects.filter(pk__in=facts.territory_descendant_ids).first()
    far = FundingCall.objects.canonical().get(pk=FundingCallFactory(territory=elsewhere).pk)
    anywhere = FundingCallFactory(territory=None)
    read = {call.id for call in candidate_calls(facts)}
    assert far.pk not in read and anywhere.pk in read
    assert far.pk in {call.id for call in candidate_calls()}  # the matrix reads them all
    if inside is not None:  # a call inside the area is a near miss: it is read
        assert FundingCallFactory(territory=inside).pk in {c.id for c in candidate_calls(facts)}
    # The tab's lists are those of the whole catalogue.
    everything = recommend(experiment, calls=candidate_calls())
    narrowed = recommend(experiment)
    assert [(m.call.id, m.score) for m in narrowed.matches] == [
        (m.call.id, m.score) for m in everything.matches
    ]
    assert [m.call.id for m in narrowed.near_misses] == [m.call.id for m in everything.near_misses]
    match, verdict = explain_call(experiment, far.pk)
    assert verdict == "excluded" and match.criterion("territory").reason == "elsewhere"


def test_an_experiment_without_territory_reads_every_call():
    experiment = Experiment.objects.get(title=CROSS_BORDER)
    experiment.territories.clear()
    facts = experiment_facts(experiment)
    assert not facts.territory_ids
    far = FundingCallFactory(territory=Territory.objects.order_by("pk").first())
    assert far.pk in {call.id for call in candidate_calls(facts)}
