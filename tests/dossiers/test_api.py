"""The dossiers API: each role sees what it may see; create, transitions and reviews answer
with the experiments API's status codes."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from funding.dossiers.models import FundingApplication
from tests.dossiers.helpers import draft, prepare, submitted, under_review

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    return APIClient()


def ids(response) -> set[int]:
    return {row["id"] for row in response.json()["results"]}


def test_each_role_lists_what_it_may_see(api, world):
    to_a = submitted(world)
    to_b = submitted(world, world.call_b)
    url = reverse("api:application-list")
    api.force_authenticate(world.lead)
    assert {to_a.pk, to_b.pk} <= ids(api.get(url))
    api.force_authenticate(world.reviewer_a)
    assert ids(api.get(url)) & {to_a.pk, to_b.pk} == {to_a.pk}
    api.force_authenticate(world.reviewer_b)
    assert ids(api.get(url)) & {to_a.pk, to_b.pk} == {to_b.pk}
    api.force_authenticate(world.other)
    assert not ids(api.get(url)) & {to_a.pk, to_b.pk}
    api.force_authenticate(None)
    assert api.get(url).status_code == 401


def test_drafts_are_for_the_experiments_people(api, world):
    application = draft(world)
    url = reverse("api:application-detail", kwargs={"pk": application.pk})
    api.force_authenticate(world.contributor)
    body = api.get(url).json()
    assert body["state"] == "draft" and body["missing"]
    assert body["url"].endswith(f"/dossiers/{application.pk}/")
    api.force_authenticate(world.reviewer_a)
    assert api.get(url).status_code == 404


def test_create_a_dossier(api, world):
    url = reverse("api:application-list")
    api.force_authenticate(world.lead)
    created = api.post(url, {"experiment": world.experiment.pk, "call": world.call_a.pk})
    assert created.status_code == 201
    assert created["Location"].endswith(
        reverse("api:application-detail", kwargs={"pk": created.json()["id"]})
    )
    again = api.post(url, {"experiment": world.experiment.pk, "call": world.call_a.pk})
    assert again.json()["id"] == created.json()["id"]
    assert api.post(url, {"experiment": world.experiment.pk, "call": 999999}).status_code == 400
    assert api.post(url, {"experiment": "x"}).status_code == 400
    api.force_authenticate(world.reviewer_a)
    assert (
        api.post(url, {"experiment": world.experiment.pk, "call": world.call_a.pk}).status_code
        == 404
    )


def test_a_viewer_may_not_create(api, world):
    from projects.experiments.models import ExperimentMember
    from tests.factories import UserFactory

    viewer = UserFactory(email="viewer-dossier@example.org")
    ExperimentMember.objects.create(
        experiment=world.experiment, user=viewer, role=ExperimentMember.Role.VIEWER
    )
    api.force_authenticate(viewer)
    response = api.post(
        reverse("api:application-list"),
        {"experiment": world.experiment.pk, "call": world.call_a.pk},
    )
    assert response.status_code == 403


def test_transitions_and_their_status_codes(api, world):
    application = prepare(draft(world), world.lead)
    listing = reverse("api:application-transitions", kwargs={"pk": application.pk})
    submit = reverse("api:application-transition", kwargs={"pk": application.pk, "name": "submit"})
    api.force_authenticate(world.contributor)
    infos = {t["name"]: t for t in api.get(listing).json()}
    assert infos["submit"]["possible"] and not infos["submit"]["permitted"]
    assert api.post(submit, {}).status_code == 403
    api.force_authenticate(world.lead)
    assert api.post(submit, {"expected_state": "draft"}).status_code == 200
    again = api.post(submit, {})
    assert again.status_code == 409 and again.json()["code"] == "transition_not_possible"
    unknown = reverse("api:application-transition", kwargs={"pk": application.pk, "name": "fly"})
    assert api.post(unknown, {}).status_code == 404
    api.force_authenticate(world.reviewer_a)
    start = reverse(
        "api:application-transition", kwargs={"pk": application.pk, "name": "start_review"}
    )
    assert api.post(start, {"expected_state": "draft"}).status_code == 409
    assert api.post(start, {"expected_state": "submitted"}).json()["state"] == "under_review"
    decline = reverse(
        "api:application-transition", kwargs={"pk": application.pk, "name": "decline"}
    )
    assert api.post(decline, {}).status_code == 400
    accept = reverse("api:application-transition", kwargs={"pk": application.pk, "name": "accept"})
    assert api.post(accept, {"granted_amount": "999999"}).status_code == 400
    body = api.post(accept, {"granted_amount": "5000"}).json()
    assert body["state"] == "accepted" and body["granted_amount"] == "5000.00"


def test_an_incomplete_or_late_submission_answers_409_with_what_is_missing(api, world):
    application = draft(world)
    api.force_authenticate(world.lead)
    response = api.post(
        reverse("api:application-transition", kwargs={"pk": application.pk, "name": "submit"}), {}
    )
    assert response.status_code == 409
    assert response.json()["code"] == "conditions_unmet"
    assert response.json()["missing"]
    assert FundingApplication.objects.get(pk=application.pk).state == "draft"


def test_reviews_through_the_api(api, world):
    application = under_review(world)
    useful, feasible = application.call.criteria.order_by("pk")
    url = reverse("api:application-reviews", kwargs={"pk": application.pk})
    api.force_authenticate(world.lead)
    assert api.post(url, {"scores": []}, format="json").status_code == 403
    api.force_authenticate(world.reviewer_a)
    assert api.post(url, {"scores": []}, format="json").status_code == 400
    bad = {"scores": [{"criterion": useful.pk, "score": 7}]}
    assert api.post(url, bad, format="json").status_code == 400
    good = {
        "scores": [
            {"criterion": useful.pk, "score": 5, "comment": "Très utile"},
            {"criterion": feasible.pk, "score": 1},
        ]
    }
    response = api.post(url, good, format="json")
    assert response.status_code == 201
    assert response.json()["average_score"] == "4.00"  # (5·3 + 1·1) / 4
    detail = api.get(reverse("api:application-detail", kwargs={"pk": application.pk})).json()
    assert detail["average_score"] == "4.00"
    api.force_authenticate(world.lead)
    detail = api.get(reverse("api:application-detail", kwargs={"pk": application.pk})).json()
    assert detail["average_score"] is None  # scores are the funder's


def test_scoring_a_submitted_dossier_answers_409(api, world):
    application = submitted(world)
    criterion = application.call.criteria.first()
    api.force_authenticate(world.reviewer_a)
    response = api.post(
        reverse("api:application-reviews", kwargs={"pk": application.pk}),
        {"scores": [{"criterion": criterion.pk, "score": 3}]},
        format="json",
    )
    assert response.status_code == 409
