"""The dossier pages: the leads' tab and dossier page, the funders' inbox and review page, with
their forms, error answers and query counts."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation

import funding.dossiers.services as dossiers
from funding.dossiers.models import FundingApplication, Review
from tests.dossiers.helpers import (
    ANSWER,
    closed_call,
    draft,
    pdf_upload,
    prepare,
    submitted,
)
from tests.factories import ExperimentFactory, complete_sheet

S = FundingApplication.State
pytestmark = pytest.mark.django_db


def lead_url(application, route="funding:dossier", **extra):
    return reverse(
        route, kwargs={"pk": application.experiment_id, "dossier_pk": application.pk, **extra}
    )


def test_the_dossiers_tab_and_start_route(client, world):
    client.force_login(world.lead)
    start = reverse(
        "funding:dossier_start", kwargs={"pk": world.experiment.pk, "call_id": world.call_a.pk}
    )
    assert client.get(start).status_code == 405
    response = client.post(start)
    application = FundingApplication.objects.get(experiment=world.experiment)
    assert response.status_code == 302 and response["Location"] == lead_url(application)
    assert client.post(start)["Location"] == lead_url(application)  # reopens the draft
    tab = client.get(reverse("funding:experiment_dossiers", kwargs={"pk": world.experiment.pk}))
    assert tab.status_code == 200
    assert f'data-dossier="{application.pk}"' in tab.content.decode()
    from tests.factories import advance

    advance(world.experiment, "formalisation", lead=world.lead, coordinator=world.coordinator)
    space = client.get(reverse("projects:experiment", kwargs={"pk": world.experiment.pk}))
    assert reverse("funding:experiment_dossiers", kwargs={"pk": world.experiment.pk}) in (
        space.content.decode()
    )


def test_the_funding_tab_offers_to_prepare_a_dossier(client, world):
    from tests.factories import advance

    advance(world.experiment, "seeking_funding", lead=world.lead, coordinator=world.coordinator)
    client.force_login(world.lead)
    page = client.get(reverse("funding:experiment_funding", kwargs={"pk": world.experiment.pk}))
    assert "/dossiers/" in page.content.decode()


def test_strangers_cannot_start_a_dossier(client, world):
    start = reverse(
        "funding:dossier_start", kwargs={"pk": world.experiment.pk, "call_id": world.call_a.pk}
    )
    client.force_login(world.other)
    assert client.post(start).status_code == 404
    client.force_login(world.reviewer_a)
    assert client.post(start).status_code == 404
    assert not FundingApplication.objects.filter(experiment=world.experiment).exists()


def test_the_lead_prepares_and_submits_through_the_pages(client, world):
    application = draft(world)
    client.force_login(world.lead)
    page = client.get(lead_url(application)).content.decode()
    assert 'class="checklist"' in page
    question = application.call.requirements.get(kind="question")
    statutes = application.call.requirements.get(kind="document", required=True)
    bad = client.post(lead_url(application, "funding:dossier_answers"), {"requested_amount": "-5"})
    assert bad.status_code == 400
    saved = client.post(
        lead_url(application, "funding:dossier_answers"),
        {"requested_amount": "9000", f"q{question.pk}": ANSWER},
    )
    assert saved.status_code == 302
    wrong_type = client.post(
        lead_url(application, "funding:dossier_upload"),
        {"requirement": statutes.pk, "file": pdf_upload("statuts.pdf", b"not a pdf at all")},
    )
    assert wrong_type.status_code == 400
    uploaded = client.post(
        lead_url(application, "funding:dossier_upload"),
        {"requirement": statutes.pk, "file": pdf_upload()},
    )
    assert uploaded.status_code == 302
    submit = client.post(
        lead_url(application, "funding:dossier_transition", name="submit"),
        {"expected_state": "draft"},
    )
    assert submit.status_code == 302
    application.refresh_from_db()
    assert application.state == S.SUBMITTED and application.version_number == 1
    # Sent again from a stale page: refused, back to the page (post/redirect/get), and the
    # page says why.
    again = client.post(
        lead_url(application, "funding:dossier_transition", name="submit"),
        {"expected_state": "draft"},
    )
    assert again.status_code == 302
    assert again["Location"] == lead_url(application) + "#actions-title"
    assert "message--error" in client.get(again["Location"]).content.decode()


def test_a_late_submission_is_refused_with_a_clear_message_on_the_page(client, world):
    call = closed_call(world.call_a.source.funder)
    application = draft(world, call)
    prepare(application, world.lead)
    client.force_login(world.lead)
    with translation.override("en"):
        url = lead_url(application, "funding:dossier_transition", name="submit")
    response = client.post(url, {"expected_state": "draft"}, follow=True)
    assert response.redirect_chain == [(lead_url(application) + "#actions-title", 302)]
    assert "too late to submit" in response.content.decode()
    application.refresh_from_db()
    assert application.state == S.DRAFT


def test_reviewers_start_score_and_decide_through_the_pages(client, world):
    application = submitted(world)
    client.force_login(world.reviewer_a)
    url = reverse("funding:review_dossier", kwargs={"pk": application.pk})
    start = reverse(
        "funding:review_transition", kwargs={"pk": application.pk, "name": "start_review"}
    )
    assert client.post(start, {"expected_state": "submitted"}).status_code == 302
    useful, feasible = application.call.criteria.order_by("pk")
    scores = reverse("funding:review_score", kwargs={"pk": application.pk})
    assert client.post(scores, {f"score_call-{useful.pk}": "9"}).status_code == 400
    assert client.post(scores, {}).status_code == 400
    response = client.post(
        scores,
        {
            f"score_call-{useful.pk}": "4",
            f"comment_call-{useful.pk}": "Solide",
            f"score_call-{feasible.pk}": "2",
        },
    )
    assert response.status_code == 302
    assert Review.objects.get(application=application).scores.count() == 2
    page = client.get(url).content.decode()
    assert 'data-testid="average"' in page and "3.50" in page.replace(",", ".")
    refused = client.post(  # a refusal without its reason: back to the page, nothing decided
        reverse(
            "funding:review_transition",
            kwargs={"pk": application.pk, "name": "request_changes"},
        ),
        {"expected_state": "under_review"},
    )
    assert refused.status_code == 302 and refused["Location"] == url + "#actions"
    sent_away = client.post(  # decisions are taken on the decision page
        reverse("funding:review_transition", kwargs={"pk": application.pk, "name": "decline"}),
        {"expected_state": "under_review", "comment": "Non."},
    )
    assert sent_away["Location"] == reverse(
        "funding:review_decision", kwargs={"pk": application.pk}
    )
    note = reverse("funding:review_note", kwargs={"pk": application.pk})
    assert client.post(note, {"body": "À discuter en comité."}).status_code == 302
    decide = reverse("funding:review_decide", kwargs={"pk": application.pk, "name": "accept"})
    typed = {"expected_state": "under_review", "granted_amount": "6000", "conditions": "Bilan"}
    assert client.post(decide, typed).status_code == 200  # the confirmation page
    accepted = client.post(decide, {**typed, "confirmed": "1"})
    assert accepted.status_code == 302
    application.refresh_from_db()
    assert application.state == S.ACCEPTED and str(application.granted_amount) == "6000.00"
    # The lead's page shows the decision, never the internal notes.
    client.force_login(world.lead)
    lead_page = client.get(lead_url(application)).content.decode()
    assert "À discuter en comité." not in lead_page
    assert 'data-testid="granted"' in lead_page


def test_the_inbox_filters_without_javascript(client, world):
    first = submitted(world)
    experiment = ExperimentFactory(lead=world.lead, title="Deuxième expérimentation")
    complete_sheet(experiment)
    other = dossiers.start_application(experiment, world.call_a, by=world.lead)
    other = dossiers.run_transition(prepare(other, world.lead), "submit", by=world.lead)
    other = dossiers.run_transition(other, "start_review", by=world.reviewer_a)
    client.force_login(world.reviewer_a)
    inbox = reverse("funding:review_inbox")
    page = client.get(inbox, {"state": "under_review"}).content.decode()
    assert f'data-dossier="{other.pk}"' in page and f'data-dossier="{first.pk}"' not in page
    page = client.get(inbox, {"call": world.call_a.pk}).content.decode()
    assert f'data-dossier="{other.pk}"' in page and f'data-dossier="{first.pk}"' in page
    soon = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    page = client.get(inbox, {"closes_before": soon}).content.decode()
    assert f'data-dossier="{first.pk}"' not in page  # the call closes in 60 days
    assert client.get(inbox, {"closes_before": "pas une date"}).status_code == 400
    assert client.get(inbox, {"state": "draft"}).status_code == 400


def _many(world, count: int) -> None:
    for n in range(count):
        experiment = ExperimentFactory(lead=world.lead, title=f"Expérimentation {n}")
        complete_sheet(experiment)
        application = dossiers.start_application(experiment, world.call_a, by=world.lead)
        application = dossiers.run_transition(
            prepare(application, world.lead), "submit", by=world.lead
        )
        application = dossiers.run_transition(application, "start_review", by=world.reviewer_a)
        criterion = application.call.criteria.first()
        dossiers.save_review(
            application, by=world.reviewer_a, scores={f"call-{criterion.pk}": (3, "")}
        )


@pytest.mark.parametrize("count", [2, 6])
def test_the_inbox_costs_the_same_queries_whatever_its_length(
    client, world, django_assert_max_num_queries, count
):
    _many(world, count)
    client.force_login(world.reviewer_a)
    client.get(reverse("funding:review_inbox"))  # warm the session and locale caches
    # 23: the funder's staff reach the admin, so the page draws Wagtail's user bar for them.
    with django_assert_max_num_queries(23):
        page = client.get(reverse("funding:review_inbox"))
    assert page.content.decode().count("data-dossier=") == count


@pytest.mark.parametrize("count", [1, 4])
def test_the_dossiers_tab_costs_the_same_queries_whatever_its_length(
    client, world, django_assert_max_num_queries, count
):
    from funding.catalogue.models import FundingCall
    from tests.dossiers.helpers import make_call

    funder = world.call_a.source.funder
    for n in range(count):
        call: FundingCall = make_call(funder, name=f"Appel {n}")
        dossiers.start_application(world.experiment, call, by=world.lead)
    client.force_login(world.lead)
    url = reverse("funding:experiment_dossiers", kwargs={"pk": world.experiment.pk})
    client.get(url)
    with django_assert_max_num_queries(25):
        page = client.get(url)
    assert page.content.decode().count("data-dossier=") == count


def test_messages_between_the_lead_and_the_funder(client, world):
    application = submitted(world)
    client.force_login(world.reviewer_a)
    sent = client.post(
        reverse("funding:review_message", kwargs={"pk": application.pk}),
        {"body": "Pouvez-vous joindre un devis ?"},
    )
    assert sent.status_code == 302
    client.force_login(world.lead)
    assert "Pouvez-vous joindre un devis ?" in client.get(lead_url(application)).content.decode()
    empty = client.post(lead_url(application, "funding:dossier_message"), {"body": ""})
    assert empty.status_code == 400
    answer = client.post(lead_url(application, "funding:dossier_message"), {"body": "Le voici."})
    assert answer.status_code == 302


def test_english_and_italian_addresses_of_the_funder_space():
    from django.utils import translation

    with translation.override("en"):
        assert reverse("funding:review_inbox") == "/en/funder-space/"
    with translation.override("fr"):
        fr = reverse("funding:review_inbox")
    with translation.override("it"):
        it = reverse("funding:review_inbox")
    assert fr.startswith("/fr/") and it.startswith("/it/")
