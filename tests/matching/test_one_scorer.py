"""One scorer: the leads' tab, the API, the coordinators' matrix and the weekly digest give
the same score to the same experiment and call pair, whatever the other calls around it."""

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from funding.matching.digest import build_digests
from funding.matching.matrix import MATCH, NEAR, build_matrix
from funding.matching.recommendations import candidate_calls, recommend
from projects.experiments.models import Experiment, ExperimentMember

CROSS_BORDER = "Coopération transfrontalière Queyras \N{EN DASH} Val de Suse"


def tab_scores(client, user, experiment) -> dict[int, float]:
    client.force_login(user)
    response = client.get(reverse("funding:experiment_funding", kwargs={"pk": experiment.pk}))
    assert response.status_code == 200
    found = response.context["recommendations"]
    return {m.call.id: m.score for m in (*found.matches, *found.near_misses)}


def api_scores(user, experiment) -> dict[int, float]:
    token, _created = Token.objects.get_or_create(user=user)
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    url = reverse("api:experiment-matches", kwargs={"pk": experiment.pk})
    body = api.get(url).json()
    return {m["call"]["id"]: m["score"] for m in (*body["matches"], *body["near_misses"])}


def matrix_scores(experiment, calls=None) -> dict[int, float]:
    matrix = build_matrix([experiment], calls=calls)
    (row,) = matrix.rows
    return {c.call.id: c.score for c in row.cells if c.status in (MATCH, NEAR)}


def digest_scores(experiment) -> dict[int, float]:
    scores = {}
    for digest in build_digests(timezone.localdate()):
        for section in digest.sections:
            if section.experiment.pk == experiment.pk:
                scores.update({m.call.id: m.score for m in section.new})
    return scores


@pytest.mark.django_db
def test_the_tab_the_api_the_matrix_and_the_digest_agree_on_every_pair(client, demo_user):
    experiment = Experiment.objects.get(title=CROSS_BORDER)
    Experiment.objects.filter(pk=experiment.pk).update(state=Experiment.State.SEEKING_FUNDING)
    lead = ExperimentMember.objects.filter(
        experiment=experiment, role=ExperimentMember.Role.LEAD
    ).first()
    assert lead is not None
    found = recommend(experiment)
    expected = {m.call.id: m.score for m in (*found.matches, *found.near_misses)}
    matches = {m.call.id: m.score for m in found.matches}
    assert matches, "the demo experiment has matches to compare"

    assert tab_scores(client, lead.user, experiment) == expected
    assert api_scores(lead.user, experiment) == expected
    assert matrix_scores(experiment) == expected
    assert digest_scores(experiment) == matches  # the digest announces the matches


@pytest.mark.django_db
def test_a_pairs_score_does_not_depend_on_the_other_calls_scored_with_it():
    experiment = Experiment.objects.get(title=CROSS_BORDER)
    found = recommend(experiment)
    assert len(found.matches) >= 2
    calls = {call.id: call for call in candidate_calls()}
    for match in found.matches:
        alone = matrix_scores(experiment, calls=[calls[match.call.id]])
        assert alone == {match.call.id: match.score}
