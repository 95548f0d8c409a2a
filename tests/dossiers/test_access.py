"""Who reaches which dossier, on every path: a reviewer of funder A gets 404 for funder B's
dossiers (list, detail, PDF, ZIP, documents, actions, API, notification links) and never sees a
draft; the leads' side is for the experiment's members and the coordinators."""

import pytest
from django.urls import reverse

import funding.dossiers.services as dossiers
from accounts.models import Notification
from funding.dossiers.models import FundingApplication
from tests.dossiers.helpers import (
    draft,
    prepare,
    submitted,
)

pytestmark = pytest.mark.django_db


def fetch(client, method: str, url: str):
    """The response, its streamed content read (which closes its file).

    Never call ``response.close()`` again: the test client has closed it already, and a second
    close sends ``request_finished`` with Django's connection cleanup attached, which closes
    the PostgreSQL connection in the middle of the test's transaction.
    """
    response = getattr(client, method)(url)
    if getattr(response, "streaming", False):
        response.body = b"".join(response.streaming_content)
    return response


@pytest.fixture
def sent(world):
    """A dossier submitted to funder A, its version 1 with one document."""
    application = submitted(world)
    version = application.versions.get()
    return application, version, version.documents.get()


def funder_paths(application, version, document) -> list[tuple[str, str]]:
    pk = application.pk
    return [
        ("get", reverse("funding:review_dossier", kwargs={"pk": pk})),
        ("get", reverse("funding:review_pdf", kwargs={"pk": pk, "number": version.number})),
        ("get", reverse("funding:review_zip", kwargs={"pk": pk})),
        (
            "get",
            reverse(
                "funding:review_document",
                kwargs={"pk": pk, "number": version.number, "document_pk": document.pk},
            ),
        ),
        ("post", reverse("funding:review_score", kwargs={"pk": pk})),
        ("post", reverse("funding:review_note", kwargs={"pk": pk})),
        ("post", reverse("funding:review_message", kwargs={"pk": pk})),
        ("post", reverse("funding:review_transition", kwargs={"pk": pk, "name": "start_review"})),
        ("post", reverse("funding:review_campaign", kwargs={"pk": pk})),
    ]


def api_paths(application) -> list[tuple[str, str]]:
    pk = application.pk
    return [
        ("get", reverse("api:application-detail", kwargs={"pk": pk})),
        ("get", reverse("api:application-transitions", kwargs={"pk": pk})),
        ("post", reverse("api:application-transition", kwargs={"pk": pk, "name": "start_review"})),
        ("post", reverse("api:application-reviews", kwargs={"pk": pk})),
    ]


def lead_paths(application, current_document=None) -> list[tuple[str, str]]:
    keys = {"pk": application.experiment_id, "dossier_pk": application.pk}
    paths = [
        ("get", reverse("funding:dossier", kwargs=keys)),
        ("get", reverse("funding:dossier_pdf", kwargs={**keys, "number": 1})),
        ("post", reverse("funding:dossier_answers", kwargs=keys)),
        ("post", reverse("funding:dossier_message", kwargs=keys)),
        ("post", reverse("funding:dossier_transition", kwargs={**keys, "name": "withdraw"})),
    ]
    if current_document is not None:
        paths.append(
            (
                "get",
                reverse(
                    "funding:dossier_document", kwargs={**keys, "document_pk": current_document.pk}
                ),
            )
        )
    return paths


@pytest.mark.parametrize("role", ["reviewer_b", "lead", "contributor", "coordinator", "other"])
def test_only_the_funders_reviewers_reach_the_funder_pages(client, world, sent, role):
    application, version, document = sent
    client.force_login(world.user(role))
    for method, url in funder_paths(application, version, document):
        assert fetch(client, method, url).status_code == 404, (role, url)


@pytest.mark.parametrize("role", ["reviewer_a", "reviewer_a2"])
def test_the_funders_reviewers_reach_every_funder_page(client, world, sent, role):
    application, version, document = sent
    client.force_login(world.user(role))
    for _method, url in funder_paths(application, version, document)[:4]:
        response = fetch(client, "get", url)
        assert response.status_code == 200, url
        if url.endswith("/zip/"):
            assert response["Content-Type"] == "application/zip"
    pdf = fetch(client, "get", funder_paths(application, version, document)[1][1])
    assert pdf.body.startswith(b"%PDF")


def test_the_other_funders_api_answers_404(client, world, sent):
    application, _version, _document = sent
    client.force_login(world.reviewer_b)
    for method, url in api_paths(application):
        response = getattr(client, method)(url, content_type="application/json")
        assert response.status_code == 404, url
    listed = client.get(reverse("api:application-list")).json()["results"]
    assert application.pk not in [row["id"] for row in listed]


def test_the_inbox_lists_only_the_funders_own_dossiers(client, world, sent):
    application, _version, _document = sent
    other = submitted(world, world.call_b)
    client.force_login(world.reviewer_b)
    page = client.get(reverse("funding:review_inbox"))
    assert page.status_code == 200
    assert f'data-dossier="{other.pk}"' in page.content.decode()
    assert f'data-dossier="{application.pk}"' not in page.content.decode()
    client.force_login(world.reviewer_a)
    page = client.get(reverse("funding:review_inbox")).content.decode()
    assert f'data-dossier="{application.pk}"' in page
    assert f'data-dossier="{other.pk}"' not in page


@pytest.mark.parametrize("role", ["lead", "contributor", "coordinator", "other"])
def test_people_who_review_for_no_funder_have_no_inbox(client, world, role):
    client.force_login(world.user(role))
    assert client.get(reverse("funding:review_inbox")).status_code == 404


def test_visitors_are_sent_to_sign_in(client, world, sent):
    application, version, document = sent
    for _method, url in [
        *funder_paths(application, version, document)[:4],
        *lead_paths(application)[:2],
    ]:
        response = client.get(url)
        assert response.status_code == 302 and "next=" in response["Location"]
    assert client.get(reverse("api:application-list")).status_code == 401


def test_reviewers_never_see_drafts(client, world):
    application = prepare(draft(world), world.lead)
    client.force_login(world.reviewer_a)
    assert (
        client.get(reverse("funding:review_dossier", kwargs={"pk": application.pk})).status_code
        == 404
    )
    assert (
        client.get(reverse("api:application-detail", kwargs={"pk": application.pk})).status_code
        == 404
    )
    inbox = client.get(reverse("funding:review_inbox")).content.decode()
    assert f'data-dossier="{application.pk}"' not in inbox
    listed = client.get(reverse("api:application-list")).json()["results"]
    assert application.pk not in [row["id"] for row in listed]


@pytest.mark.parametrize("role", ["reviewer_a", "reviewer_b", "other"])
def test_the_leads_side_is_for_the_experiments_people(client, world, sent, role):
    application, _version, _document = sent
    current = application.documents.get()
    client.force_login(world.user(role))
    for method, url in lead_paths(application, current):
        assert fetch(client, method, url).status_code == 404, (role, url)


@pytest.mark.parametrize("role", ["lead", "contributor", "coordinator"])
def test_the_experiments_people_read_the_leads_side(client, world, sent, role):
    application, _version, _document = sent
    current = application.documents.get()
    client.force_login(world.user(role))
    for method, url in lead_paths(application, current):
        if method == "get":
            assert fetch(client, "get", url).status_code == 200, url


def test_notification_links_answer_404_to_the_other_funder(client, world):
    application = submitted(world)
    notification = Notification.objects.get(recipient=world.reviewer_a)
    assert notification.url == dossiers.funder_url(application)
    client.force_login(world.reviewer_a)
    assert client.get(notification.url).status_code == 200
    client.force_login(world.reviewer_b)
    assert client.get(notification.url).status_code == 404
    opened = client.get(reverse("projects:open_notification", kwargs={"pk": notification.pk}))
    assert opened.status_code == 404


def test_a_withdrawn_dossier_stays_visible_to_its_funder_once_submitted(client, world):
    application = dossiers.run_transition(submitted(world), "withdraw", by=world.lead)
    never_sent = dossiers.run_transition(draft(world, world.call_b), "withdraw", by=world.lead)
    client.force_login(world.reviewer_a)
    assert client.get(dossiers.funder_url(application)).status_code == 200
    client.force_login(world.reviewer_b)
    assert client.get(dossiers.funder_url(never_sent)).status_code == 404
    assert FundingApplication.objects.get(pk=never_sent.pk).state == "withdrawn"
