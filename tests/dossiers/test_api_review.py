"""The review through the API, per role: stages, assignments, conflicts of interest, reviews and
their sharing, the decision's amount. Funder A follows « screening, external review,
committee »; reviewer_a is its staff, reviewer_a2 one of its reviewers, a committee member."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

import funding.dossiers.services as dossiers
from funding.dossiers.models import FunderMembership, ReviewProcess
from tests.dossiers.helpers import submitted, under_review
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    """The API answers in the language the client asks for; these tests read English."""
    return APIClient(HTTP_ACCEPT_LANGUAGE="en")


@pytest.fixture
def funder_a(world):
    """Funder A reviews in three stages; reviewer_a2 becomes a reviewer; a committee member."""
    funder = world.call_a.funder
    preset = ReviewProcess.objects.get(funder=None, preset="screening_review_committee")
    dossiers.copy_review_process(preset, funder=funder, name="Trois étapes", by=world.reviewer_a)
    FunderMembership.objects.filter(user=world.reviewer_a2).update(role="reviewer")
    committee = UserFactory(email="comite-a@example.org", full_name="Claire Comité")
    FunderMembership.objects.create(user=committee, funder=funder, role="committee")
    return committee


def path(view: str, application, **kwargs) -> str:
    return reverse(f"api:application-{view}", kwargs={"pk": application.pk, **kwargs})


def as_(api, user):
    api.force_authenticate(user)
    return api


def at_external_review(api, world, application=None):
    """A dossier of funder A taken up, then moved on from screening by its staff."""
    application = application or submitted(world)
    application = dossiers.run_transition(application, "start_review", by=world.reviewer_a)
    response = as_(api, world.reviewer_a).post(
        path("transition", application, name="advance"), {}, format="json"
    )
    assert response.status_code == 200, response.json()
    return application


def assign(api, world, application, reviewer, days: int = 10):
    due = (timezone.localdate() + datetime.timedelta(days=days)).isoformat()
    return as_(api, world.reviewer_a).post(
        path("assignments", application), {"reviewer": reviewer.pk, "due_on": due}, format="json"
    )


def test_stages_show_the_dossiers_walk(api, world, funder_a):
    application = submitted(world)
    before = as_(api, world.lead).get(path("stages", application)).json()
    assert [(s["position"], s["actors"], s["current"]) for s in before] == [
        (1, "staff", False),
        (2, "assigned", False),
        (3, "committee", False),
    ]
    application = at_external_review(api, world, application)
    stages = as_(api, world.reviewer_a).get(path("stages", application)).json()
    assert [s["current"] for s in stages] == [False, True, False]
    assert stages[0]["left_at"] and stages[1]["entered_at"] and not stages[2]["entered_at"]
    assert stages[1]["label"] == "External review" and stages[1]["required_reviews"] == 2
    detail = as_(api, world.reviewer_a).get(path("detail", application)).json()
    assert detail["stage"] == "External review"
    assert as_(api, world.reviewer_b).get(path("stages", application)).status_code == 404


def test_staff_assign_and_remove_reviewers(api, world, funder_a):
    application = at_external_review(api, world)
    response = assign(api, world, application, world.reviewer_a2)
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["reviewer"]["id"] == world.reviewer_a2.pk
    assert body["stage"] == "External review" and not body["conflict_declared"]

    assert assign(api, world, application, world.reviewer_a2).status_code == 400  # twice
    assert assign(api, world, application, world.reviewer_b).status_code == 400  # funder B's
    assert assign(api, world, application, world.reviewer_a2, days=-1).status_code == 400
    unknown = as_(api, world.reviewer_a).post(
        path("assignments", application), {"reviewer": 999999}, format="json"
    )
    assert unknown.status_code == 400
    as_(api, world.reviewer_a2)
    refused = api.post(path("assignments", application), {"reviewer": world.reviewer_a2.pk})
    assert refused.status_code == 403
    assert as_(api, world.lead).get(path("assignments", application)).status_code == 403
    assert as_(api, world.reviewer_b).get(path("assignments", application)).status_code == 404

    staff_view = as_(api, world.reviewer_a).get(path("assignments", application)).json()
    assert [a["reviewer"]["id"] for a in staff_view] == [world.reviewer_a2.pk]
    detail = api.get(path("detail", application)).json()
    assert [a["id"] for a in detail["assignments"]] == [body["id"]]
    assert as_(api, world.lead).get(path("detail", application)).json()["assignments"] is None

    remove = path("assignment", application, assignment_id=body["id"])
    assert as_(api, world.reviewer_a2).delete(remove).status_code == 403
    missing = path("assignment", application, assignment_id=999999)
    assert as_(api, world.reviewer_a).delete(missing).status_code == 404
    assert api.delete(remove).status_code == 204
    assert api.get(path("assignments", application)).json() == []
    assert as_(api, world.reviewer_a2).get(path("detail", application)).status_code == 404


def test_reviewers_read_their_own_and_staff_read_all(api, world, funder_a):
    application = at_external_review(api, world)
    second = UserFactory(email="relectrice-a@example.org")
    FunderMembership.objects.create(user=second, funder=world.call_a.funder, role="reviewer")
    assert assign(api, world, application, world.reviewer_a2).status_code == 201
    assert assign(api, world, application, second).status_code == 201
    useful, feasible = application.call.criteria.order_by("pk")

    review = {
        "scores": [
            {"criterion": f"call-{useful.pk}", "score": 5, "comment": "Très utile"},
            {"criterion": feasible.pk, "score": 1},  # the old integer id still works
        ],
        "comment": "Solide, à soutenir.",
        "recommendation": "fund",
    }
    response = as_(api, world.reviewer_a2).post(path("reviews", application), review, format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["complete"] and body["recommendation_label"] == "Fund"
    assert {s["criterion"] for s in body["scores"]} == {f"call-{useful.pk}", f"call-{feasible.pk}"}
    assert body["average_score"] == "4.00"  # (5·3 + 1·1) / 4
    bad = {"scores": [{"criterion": "call-999999", "score": 3}]}
    assert api.post(path("reviews", application), bad, format="json").status_code == 400
    too_high = {"scores": [{"criterion": useful.pk, "score": 6}]}
    assert api.post(path("reviews", application), too_high, format="json").status_code == 400
    odd = {"recommendation": "maybe"}
    assert api.post(path("reviews", application), odd, format="json").status_code == 400

    partial = {"scores": [{"criterion": useful.pk, "score": 2}]}
    assert (
        as_(api, second).post(path("reviews", application), partial, format="json").status_code
        == 201
    )
    own = api.get(path("reviews", application)).json()
    assert [r["reviewer"]["id"] for r in own] == [second.pk] and not own[0]["complete"]
    own_assignments = api.get(path("assignments", application)).json()
    assert [a["reviewer"]["id"] for a in own_assignments] == [second.pk]
    everyone = as_(api, world.reviewer_a).get(path("reviews", application)).json()
    assert {r["reviewer"]["id"] for r in everyone} == {world.reviewer_a2.pk, second.pk}
    assert as_(api, world.lead).get(path("reviews", application)).status_code == 403
    assert as_(api, funder_a).get(path("reviews", application)).status_code == 404  # not yet
    # Staff do not review at a stage of assigned reviewers.
    staff_try = as_(api, world.reviewer_a).post(path("reviews", application), review, format="json")
    assert staff_try.status_code == 409


def test_staff_share_a_review_with_the_lead(api, world, funder_a):
    application = at_external_review(api, world)
    assign(api, world, application, world.reviewer_a2)
    as_(api, world.reviewer_a2).post(
        path("reviews", application),
        {"comment": "À soutenir.", "recommendation": "fund"},
        format="json",
    )
    review_id = application.reviews.get().pk
    share = path("review-share", application, review_id=review_id)
    assert api.post(share, {}, format="json").status_code == 403
    response = as_(api, world.reviewer_a).post(share, {}, format="json")
    assert response.status_code == 200 and response.json()["shared_with_lead"]
    assert application.reviews.get().shared_at is not None
    stop = api.post(share, {"shared": False}, format="json")
    assert stop.status_code == 200 and not stop.json()["shared_with_lead"]
    missing = path("review-share", application, review_id=999999)
    assert api.post(missing, {}, format="json").status_code == 404
    assert as_(api, world.lead).post(share, {}, format="json").status_code == 403


def test_a_reviewer_declares_a_conflict_and_leaves(api, world, funder_a):
    application = at_external_review(api, world)
    assign(api, world, application, world.reviewer_a2)
    conflict = path("conflict", application)
    assert as_(api, world.reviewer_a).post(conflict, {"reason": "x"}).status_code == 403
    assert as_(api, world.lead).post(conflict, {"reason": "x"}).status_code == 403
    as_(api, world.reviewer_a2)
    assert api.post(conflict, {"reason": ""}, format="json").status_code == 400
    response = api.post(conflict, {"reason": "Je siège à son bureau."}, format="json")
    assert response.status_code == 204
    assert api.get(path("detail", application)).status_code == 404
    assert api.post(conflict, {"reason": "encore"}, format="json").status_code == 404
    staff_view = as_(api, world.reviewer_a).get(path("assignments", application)).json()
    assert staff_view[0]["conflict_declared"]


def test_the_committee_sees_the_dossier_once_it_reaches_it(api, world, funder_a):
    application = at_external_review(api, world)
    assert as_(api, funder_a).get(path("detail", application)).status_code == 404
    moved = as_(api, world.reviewer_a).post(
        path("transition", application, name="advance"),
        {"override": True, "comment": "Une seule expertise suffit ici."},
        format="json",
    )
    assert moved.status_code == 200, moved.json()
    detail = as_(api, funder_a).get(path("detail", application)).json()
    assert detail["stage"] == "Committee"
    assert api.get(path("reviews", application)).status_code == 200
    assert api.get(path("assignments", application)).json() == []


def test_accepting_through_the_api_needs_the_granted_amount(api, world):
    application = under_review(world, world.call_b)  # funder B: the single-stage preset
    accept = path("transition", application, name="accept")
    as_(api, world.reviewer_b)
    response = api.post(accept, {}, format="json")
    assert response.status_code == 400
    assert response.json()["errors"]["granted_amount"] == ["Give the granted amount."]
    assert as_(api, world.lead).post(accept, {}, format="json").status_code == 403
    response = as_(api, world.reviewer_b).post(
        accept, {"granted_amount": "8000", "override": True, "comment": "Décidé."}, format="json"
    )
    assert response.status_code == 200, response.json()
    assert response.json()["granted_amount"] == "8000.00"


def test_the_list_answers_in_the_same_queries_whatever_the_assignments(
    api, world, funder_a, django_assert_max_num_queries
):
    application = at_external_review(api, world)
    assign(api, world, application, world.reviewer_a2)
    as_(api, world.reviewer_a)
    url = reverse("api:application-list")
    api.get(url)
    with CaptureQueriesContext(connection) as before:
        api.get(url)
    count = len(before.captured_queries)  # now: the log of queries is a bounded deque
    assert 0 < count < 60
    for index in range(2):
        reviewer = UserFactory(email=f"relecteur-{index}@example.org")
        FunderMembership.objects.create(user=reviewer, funder=world.call_a.funder, role="reviewer")
        assign(api, world, application, reviewer)
    as_(api, world.reviewer_a)
    with django_assert_max_num_queries(count):
        rows = api.get(url).json()["results"]
    assert len(next(r for r in rows if r["id"] == application.pk)["assignments"]) == 3
