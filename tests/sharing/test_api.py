"""The sharing board's API: public listing with the board's filters, posting for members, one's
own conversations — never an e-mail address."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.utils.translation import gettext
from rest_framework.test import APIClient

import projects.sharing.services as sharing
from projects.sharing.models import SharingPost
from tests.factories import OrganisationFactory, member_of, sharing_post
from tests.sharing.conftest import SHARING_ROLES

LIST = "/api/v1/sharing/"
CONVERSATIONS = "/api/v1/sharing/conversations/"


def api_for(people, role) -> APIClient:
    client = APIClient()
    if role != "anonymous":
        client.force_authenticate(people[role])
    return client


def no_email_in(payload) -> bool:
    return "@" not in json.dumps(payload)


# ---------------------------------------------------------------------- listing
@pytest.mark.django_db
def test_visitors_list_the_board_with_the_documented_fields():
    response = APIClient().get(LIST)
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"count", "next", "previous", "results"}
    assert body["count"] == SharingPost.objects.on_board().count() >= 10  # the demo
    first = body["results"][0]
    assert {"id", "kind", "category", "title", "territory", "organisation", "url"} <= set(first)
    assert first["kind"] in {"offer", "request"}
    assert first["url"].startswith("http://testserver/")
    assert set(first["organisation"]) == {"id", "slug", "name"}
    assert no_email_in(body)


@pytest.mark.django_db
def test_an_organisations_e_mail_address_never_shows(sharing_people):
    organisation = sharing_people["owner_org"]
    organisation.email = "contact@structure.example"
    organisation.save()
    response = APIClient().get(f"{LIST}{sharing_people['post'].pk}/")
    assert response.status_code == 200
    assert no_email_in(response.json())


@pytest.fixture
def api_posts(empty_board):
    organisation = OrganisationFactory()
    author = member_of(organisation)
    return {
        "room": sharing_post(author, organisation, title="Salle à Gap", territory="gap"),
        "van": sharing_post(
            author,
            organisation,
            title="Camionnette départementale",
            category=SharingPost.Category.VEHICLE,
            territory="hautes-alpes",
        ),
        "job": sharing_post(
            author,
            organisation,
            kind=SharingPost.Kind.REQUEST,
            title="Comptable à Briançon",
            category=SharingPost.Category.SHARED_JOB,
            territory="briancon",
            availability=SharingPost.Availability.RECURRING,
            weekdays=0b0000001,  # Mondays
        ),
    }


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"kind": "request"}, {"job"}),
        ({"category": "vehicle"}, {"van"}),
        ({"territory": "gap"}, {"room", "van"}),
        ({"territory": "briancon"}, {"van", "job"}),
        ({"territory": str(0)}, None),
        ({"available": "2031-05-05"}, {"room", "van", "job"}),  # a Monday
        ({"available": "2031-05-06"}, {"room", "van"}),
        ({"q": "CAMIONNETTE departementale"}, {"van"}),
    ],
)
def test_the_api_filters_like_the_board(api_posts, params, expected):
    response = APIClient().get(LIST, params)
    if expected is None:
        assert response.status_code == 400  # no territory has this id
        return
    assert response.status_code == 200
    titles = {item["title"] for item in response.json()["results"]}
    assert titles == {api_posts[key].title for key in expected}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "params",
    [{"territory": "atlantis"}, {"kind": "gift"}, {"available": "someday"}, {"page": 99}],
)
def test_bad_filters_are_4xx_not_500(api_posts, params):
    assert APIClient().get(LIST, params).status_code in {400, 404}


@pytest.mark.django_db
def test_the_listing_costs_the_same_queries_for_few_or_many(api_posts):
    organisation = OrganisationFactory()
    author = member_of(organisation)
    client = APIClient()
    client.get(LIST)

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(LIST, {"page_size": 100}).status_code == 200
        return len(captured)

    few = count()
    for n in range(20):
        sharing_post(author, organisation, title=f"Offre {n}")
    assert count() == few


# ---------------------------------------------------------------------- reading one
READ_DRAFT = {
    "anonymous": 404,
    "nobody": 404,
    "outsider": 404,
    "replier": 404,
    "owner": 200,
    "coordinator": 200,
}


@pytest.mark.django_db
@pytest.mark.parametrize("role", SHARING_ROLES)
def test_who_reads_a_post_through_the_api(sharing_people, role):
    client = api_for(sharing_people, role)
    assert client.get(f"{LIST}{sharing_people['post'].pk}/").status_code == 200
    draft = sharing_post(
        sharing_people["owner"], sharing_people["owner_org"], title="Brouillon", publish=False
    )
    assert client.get(f"{LIST}{draft.pk}/").status_code == READ_DRAFT[role]


# ---------------------------------------------------------------------- posting
def payload(organisation, **overrides) -> dict:
    data = {
        "organisation": organisation.pk,
        "kind": "offer",
        "category": "equipment",
        "title": "Une remorque à prêter",
        "description": "Remorque de 750 kg, attelage standard.",
        "territory": "embrun",
        "availability": "recurring",
        "weekdays": [5, 6],
        "terms": "free",
    }
    data.update(overrides)
    return data


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("anonymous", 401),
        ("nobody", 403),
        ("coordinator", 403),
        ("outsider", 400),  # not their organisation
        ("owner", 201),
    ],
)
def test_who_posts_through_the_api(sharing_people, role, status):
    response = api_for(sharing_people, role).post(
        LIST, payload(sharing_people["owner_org"]), format="json"
    )
    assert response.status_code == status
    if status == 403:
        with translation.override(response["Content-Language"]):
            expected = gettext(
                "Posts are made on behalf of an organisation of the directory: ask its "
                "administrator to invite you, or write to the cluster's coordinators."
            )
        assert response.json()["detail"] == expected
    if status == 201:
        body = response.json()
        assert response["Location"].endswith(f"{LIST}{body['id']}/")
        assert body["state"] == "published"
        assert body["availability"]["weekdays"] == [5, 6]
        assert body["territory"]["slug"] == "embrun"
        assert no_email_in(body)
    created = SharingPost.objects.filter(title="Une remorque à prêter").exists()
    assert created is (status == 201)


@pytest.mark.django_db
def test_posting_a_draft_and_invalid_input(sharing_people):
    client = api_for(sharing_people, "owner")
    organisation = sharing_people["owner_org"]
    draft = client.post(LIST, payload(organisation, publish=False), format="json")
    assert draft.status_code == 201 and draft.json()["state"] == "draft"
    for overrides in (
        {"kind": "gift"},
        {"territory": "atlantis"},
        {"weekdays": [9]},
        {"availability": "dates"},  # no dates
        {"terms": "price"},  # no price
        {"commune": "briancon"},  # not inside Embrun
    ):
        response = client.post(LIST, payload(organisation, **overrides), format="json")
        assert response.status_code == 400, overrides
        assert response.json()["code"] == "invalid"


# ---------------------------------------------------------------------- conversations
CONVERSATION_STATUS = {
    "anonymous": 401,
    "nobody": 404,
    "outsider": 404,
    "coordinator": 404,
    "owner": 200,
    "replier": 200,
}


@pytest.mark.django_db
@pytest.mark.parametrize("role", SHARING_ROLES)
def test_nobody_reads_a_conversation_they_are_not_part_of_through_the_api(sharing_people, role):
    client = api_for(sharing_people, role)
    conversation = sharing_people["conversation"]
    detail = client.get(f"{CONVERSATIONS}{conversation.pk}/")
    assert detail.status_code == CONVERSATION_STATUS[role]
    listing = client.get(CONVERSATIONS)
    if role == "anonymous":
        assert listing.status_code == 401
        return
    ids = [item["id"] for item in listing.json()["results"]]
    assert (conversation.pk in ids) is (CONVERSATION_STATUS[role] == 200)
    if detail.status_code == 200:
        body = detail.json()
        assert body["messages"][0]["body"] == "Bonjour, la salle est-elle libre ?"
        assert body["messages"][0]["author"] == "Rémi Demandeur"
        assert no_email_in(body)


@pytest.mark.django_db
def test_the_conversation_list_gives_unread_counts(sharing_people):
    owner = sharing_people["owner"]
    sharing.send_message(
        sharing_people["conversation"], by=sharing_people["replier"], body="Encore moi"
    )
    body = api_for(sharing_people, "owner").get(CONVERSATIONS).json()
    (item,) = body["results"]
    assert item["unread_count"] == 2
    sharing.mark_read(sharing_people["conversation"], owner)
    assert (
        api_for(sharing_people, "owner").get(CONVERSATIONS).json()["results"][0]["unread_count"]
        == 0
    )
