"""« Why not this call? »: `GET /api/v1/experiments/{id}/matches/{call_id}/` tells, for any
call of the catalogue, its verdict, its score (the list's) and every failed condition."""

import pytest
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from funding.catalogue.models import FundingCall
from funding.matching.recommendations import recommend
from projects.experiments.models import Experiment
from tests.factories import FundingCallFactory

CROSS_BORDER = "Coopération transfrontalière Queyras \N{EN DASH} Val de Suse"


def api(user) -> APIClient:
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    token, _created = Token.objects.get_or_create(user=user)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def url(experiment, call_id) -> str:
    return reverse("api:experiment-call-match", kwargs={"pk": experiment.pk, "call_pk": call_id})


@pytest.fixture
def cross_border(db) -> Experiment:
    return Experiment.objects.get(title=CROSS_BORDER)


@pytest.mark.django_db
def test_a_matching_call_has_the_verdict_and_score_of_the_list(demo_user, cross_border):
    found = recommend(cross_border)
    client = api(demo_user("porteur"))
    for match in found.matches:
        body = client.get(url(cross_border, match.call.id)).json()
        assert body["verdict"] == "match"
        assert body["score"] == round(match.score, 1)
        assert body["reasons"]["unmet"] == []
    for near in found.near_misses:
        body = client.get(url(cross_border, near.call.id)).json()
        assert body["verdict"] == "near_miss" and body["reasons"]["unmet"]
        assert all(item["fix"] for item in body["reasons"]["unmet"])


@pytest.mark.django_db
def test_an_excluded_call_spells_out_every_failed_condition(demo_user, cross_border):
    call = FundingCallFactory(min_partners=9)  # far more partners than plausible
    canonical = FundingCall.objects.canonical().get(pk=call.pk)
    body = api(demo_user("porteur")).get(url(cross_border, canonical.pk)).json()
    assert body["verdict"] == "excluded"
    codes = {item["code"] for item in body["reasons"]["unmet"]}
    assert "partnership" in codes
    partnership = next(i for i in body["reasons"]["unmet"] if i["code"] == "partnership")
    assert partnership["message"].startswith("needs at least 9 partners")
    assert partnership["fix"] is None


@pytest.mark.django_db
def test_an_unknown_call_or_someone_elses_experiment_is_404(demo_user, cross_border):
    client = api(demo_user("porteur"))
    assert client.get(url(cross_border, 10**9)).status_code == 404
    visitor = api(demo_user("financeur"))
    call = recommend(cross_border).matches[0].call
    assert visitor.get(url(cross_border, call.id)).status_code == 404
