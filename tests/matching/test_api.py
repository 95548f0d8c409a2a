"""`GET /api/v1/experiments/{id}/matches/` and `/funding-plan/`: who may read them (members
and coordinators; 404 for everyone else), what they say, in which language, and at what cost."""

from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from funding.matching.recommendations import recommend
from projects.experiments.models import Experiment, ExperimentMember
from tests.factories import FundingCallFactory, OrganisationFactory, UserFactory

CROSS_BORDER = "Coopération transfrontalière Queyras \N{EN DASH} Val de Suse"
TREASURY = "Trésorerie mutualisée entre associations du Gapençais"
ENDPOINTS = ["api:experiment-matches", "api:experiment-funding-plan"]


def api(user=None, language: str = "en") -> APIClient:
    client = APIClient(HTTP_ACCEPT_LANGUAGE=language)
    if user is not None and user.is_authenticated:
        token, _ = Token.objects.get_or_create(user=user)
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def url(name: str, experiment: Experiment | int) -> str:
    pk = experiment.pk if isinstance(experiment, Experiment) else experiment
    return reverse(name, kwargs={"pk": pk})


@pytest.fixture
def cross_border(db) -> Experiment:
    return Experiment.objects.get(title=CROSS_BORDER)


@pytest.fixture
def roles_around(cross_border, demo_user):
    """The demo lead and coordinator, a contributor added to the experiment, the lead of
    another experiment, a funder's reviewer and a visitor."""
    partner = UserFactory(email="api-partner@example.org")
    ExperimentMember.objects.create(
        experiment=cross_border,
        user=partner,
        role=ExperimentMember.Role.CONTRIBUTOR,
        organisation=OrganisationFactory(),
    )
    other = (
        ExperimentMember.objects.filter(role=ExperimentMember.Role.LEAD)
        .exclude(experiment=cross_border)
        .exclude(user__experiment_memberships__experiment=cross_border)
        .select_related("user")
        .first()
        .user
    )
    return {
        "lead": demo_user("porteur"),
        "partner": partner,
        "coordinator": demo_user("coordination"),
        "other_lead": other,
        "funder": demo_user("financeur"),
        "anonymous": AnonymousUser(),
    }


def test_the_paths():
    assert reverse("api:experiment-matches", kwargs={"pk": 7}) == "/api/v1/experiments/7/matches/"
    assert (
        reverse("api:experiment-funding-plan", kwargs={"pk": 7})
        == "/api/v1/experiments/7/funding-plan/"
    )


@pytest.mark.django_db
@pytest.mark.parametrize("name", ENDPOINTS)
@pytest.mark.parametrize(
    "role, status",
    [
        ("lead", 200),
        ("partner", 200),
        ("coordinator", 200),
        ("other_lead", 404),
        ("funder", 404),
        ("anonymous", 404),
    ],
)
def test_only_members_and_coordinators_read_them(roles_around, cross_border, name, role, status):
    response = api(roles_around[role]).get(url(name, cross_border))
    assert response.status_code == status
    if status == 404:
        # The same answer as for an experiment that does not exist: nothing is revealed.
        missing = api(roles_around[role]).get(url(name, 999_999))
        assert missing.status_code == 404
        assert response.json() == missing.json() == {"detail": "Not found.", "code": "not_found"}


@pytest.mark.django_db
def test_a_lead_cannot_read_another_experiments_matches(demo_user, cross_border):
    porteur = demo_user("porteur")
    foreign = Experiment.objects.exclude(memberships__user=porteur).first()
    for name in ENDPOINTS:
        assert api(porteur).get(url(name, cross_border)).status_code == 200
        assert api(porteur).get(url(name, foreign)).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "fr", "it"])
def test_matches_carry_their_score_and_reasons_in_the_users_language(
    demo_user, cross_border, language
):
    response = api(demo_user("porteur"), language).get(url("api:experiment-matches", cross_border))
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"matches", "near_misses"}
    with translation.override(language):
        expected = recommend(cross_border)
        met = [[str(c.message) for c in m.met] for m in expected.matches]
        unmet = [
            [(str(c.message), c.fix and str(c.fix)) for c in m.unmet] for m in expected.near_misses
        ]
        parts = [[str(p.message) for p in m.parts] for m in expected.matches]
    assert [m["call"]["id"] for m in body["matches"]] == [m.call.id for m in expected.matches]
    assert [m["call"]["id"] for m in body["near_misses"]] == [
        m.call.id for m in expected.near_misses
    ]
    assert body["matches"] and body["near_misses"]
    for item, match, messages, score in zip(
        body["matches"], expected.matches, met, parts, strict=True
    ):
        assert item["call"]["name"] == match.call.name
        assert item["call"]["url"] == f"http://testserver{match.call.url}"
        assert item["score"] == round(match.score, 1)
        assert [c["message"] for c in item["reasons"]["met"]] == messages
        assert item["reasons"]["unmet"] == []
        assert [p["message"] for p in item["reasons"]["score"]] == score
    for item, messages in zip(body["near_misses"], unmet, strict=True):
        assert [(c["message"], c["fix"]) for c in item["reasons"]["unmet"]] == messages
        assert all(not c["met"] for c in item["reasons"]["unmet"])


@pytest.mark.django_db
@pytest.mark.parametrize("title", [CROSS_BORDER, TREASURY])
def test_the_funding_plan_covers_the_demo_budgets(demo_user, title):
    experiment = Experiment.objects.get(title=title)
    response = api(demo_user("porteur")).get(url("api:experiment-funding-plan", experiment))
    assert response.status_code == 200
    body = response.json()
    recommendations = recommend(experiment)
    plan = recommendations.plan
    assert set(body) == {"need", "covered", "gap", "public_share", "lines"}
    # The demo dossiers awaiting a decision are deducted from the need (the treasury's cover it).
    pending = plan.commitments.pending_total
    assert pending > 0
    assert Decimal(body["need"]) == plan.need
    assert plan.need == max(recommendations.experiment.funding_need - pending, 0)
    assert Decimal(body["covered"]) == plan.covered == plan.need  # the demo budgets are covered
    assert Decimal(body["gap"]) == 0
    assert Decimal(body["public_share"]) == plan.public_share
    assert [
        (line["call"]["id"], Decimal(line["amount"]), line["deadline"]) for line in body["lines"]
    ] == [
        (line.call.id, line.amount, line.deadline and line.deadline.isoformat())
        for line in plan.lines
    ]
    assert sum(Decimal(line["amount"]) for line in body["lines"]) == Decimal(body["covered"])


@pytest.mark.django_db
@pytest.mark.parametrize("name", ENDPOINTS)
def test_queries_do_not_grow_with_the_number_of_calls(demo_user, cross_border, name):
    client = api(demo_user("porteur"))
    client.get(url(name, cross_border))  # warm per-process caches

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url(name, cross_border)).status_code == 200
        return len(queries)

    few = count()
    FundingCallFactory.create_batch(25)
    assert count() == few
