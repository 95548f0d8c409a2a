"""The decision page of the funders' space: who opens it, what it shows, and the confirmation of
the money decisions (no money is granted without ``confirmed=1``)."""

import pytest

import funding.dossiers.services as dossiers
from funding.dossiers.amounts import amount_in_words
from funding.dossiers.models import FundingApplication
from tests.dossiers.review_helpers import (  # noqa: F401 (fixture)
    _no_pdfs,
    advance,
    follow_preset,
    person,
    review_url,
    taken_up,
)

S = FundingApplication.State
pytestmark = pytest.mark.django_db


def _decide(application, name="accept"):
    return review_url(application, "funding:review_decide", name=name)


def test_amounts_in_words_in_each_language():
    assert amount_in_words("15000", "fr") == "quinze mille euros"
    assert amount_in_words("1234.56", "fr") == (
        "mille deux cent trente-quatre euros et cinquante-six centimes"
    )
    assert amount_in_words("1000000", "fr") == "un million d\u2019euros"
    assert amount_in_words("1", "it") == "un euro"
    assert amount_in_words("2000000.01", "it") == "due milioni di euro e un centesimo"
    assert amount_in_words("15000", "en") == "fifteen thousand euros"
    assert amount_in_words("0.50", "de") == "zéro euro et cinquante centimes"


def test_the_decision_page_shows_the_reviews_and_an_empty_amount(client, world):
    application = taken_up(world)
    useful = application.call.criteria.order_by("pk").first()
    dossiers.save_review(
        application,
        by=world.reviewer_a,
        scores={f"call-{useful.pk}": (4, "")},
        comment="Solide.",
        recommendation="fund",
    )
    client.force_login(world.reviewer_a)
    page = client.get(review_url(application, "funding:review_decision"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Solide." in html and 'data-testid="recommendations"' in html
    assert "4,00" in html or "4.00" in html
    accept = html.split('data-transition="accept"')[1].split("</form>")[0]
    assert 'name="granted_amount"' in accept and 'value=""' in accept
    # The review page no longer holds open decision forms: it links to this page.
    review = client.get(review_url(application)).content.decode()
    assert 'data-transition="accept"' not in review and 'data-testid="decision-link"' in review


def test_accepting_asks_for_confirmation_with_the_amount_in_words(client, world):
    application = taken_up(world)
    client.force_login(world.reviewer_a)
    typed = {"expected_state": "under_review", "granted_amount": "7500", "conditions": "Bilan"}
    page = client.post(_decide(application), typed)
    assert page.status_code == 200
    html = page.content.decode()
    assert "sept mille cinq cents euros" in html and "7\u202f500,00 €" in html.replace(
        "\xa0", "\u202f"
    )
    assert 'name="confirmed"' in html
    application.refresh_from_db()
    assert application.state == S.UNDER_REVIEW and application.granted_amount is None
    # Back shows the decision page with what was typed.
    back = client.post(_decide(application), {**typed, "back": "1"})
    assert back.status_code == 200 and 'value="7500"' in back.content.decode()
    done = client.post(_decide(application), {**typed, "confirmed": "1"})
    assert done.status_code == 302
    application.refresh_from_db()
    assert application.state == S.ACCEPTED and str(application.granted_amount) == "7500.00"
    event = application.events.get(transition="accept")
    assert str(event.granted_amount) == "7500.00"


def test_a_money_decision_needs_its_amount_and_never_goes_past_the_request(client, world):
    application = taken_up(world)
    client.force_login(world.reviewer_a)
    empty = client.post(_decide(application), {"expected_state": "under_review", "conditions": "X"})
    assert empty.status_code == 400 and "Indiquez le montant accordé." in empty.content.decode()
    assert "X</textarea>" in empty.content.decode()  # what was typed stays
    too_much = client.post(
        _decide(application),
        {"expected_state": "under_review", "granted_amount": "999999", "confirmed": "1"},
    )
    assert too_much.status_code == 400
    application.refresh_from_db()
    assert application.state == S.UNDER_REVIEW


def test_the_review_page_sends_money_decisions_to_the_decision_page(client, world):
    application = taken_up(world)
    client.force_login(world.reviewer_a)
    response = client.post(
        review_url(application, "funding:review_transition", name="accept"),
        {"expected_state": "under_review", "granted_amount": "100"},
    )
    assert response.status_code == 302
    assert response["Location"] == review_url(application, "funding:review_decision")
    application.refresh_from_db()
    assert application.state == S.UNDER_REVIEW


def test_decline_needs_a_reason_and_keeps_the_page(client, world):
    application = taken_up(world)
    client.force_login(world.reviewer_a)
    refused = client.post(_decide(application, "decline"), {"expected_state": "under_review"})
    assert refused.status_code == 400
    done = client.post(
        _decide(application, "decline"),
        {"expected_state": "under_review", "comment": "Hors du champ de l'appel."},
    )
    assert done.status_code == 302
    application.refresh_from_db()
    assert application.state == S.DECLINED


def test_a_new_decision_after_a_decision_is_confirmed_too(client, world):
    application = taken_up(world)
    dossiers.run_transition(application, "decline", by=world.reviewer_a, comment="Non.")
    client.force_login(world.reviewer_a)
    page = client.get(review_url(application, "funding:review_decision")).content.decode()
    assert 'data-transition="revise_accept"' in page
    assert 'data-transition="accept"' not in page
    name = "revise_accept"
    typed = {"expected_state": "declined", "granted_amount": "3000", "comment": "Recours admis."}
    assert client.post(_decide(application, name), typed).status_code == 200
    application.refresh_from_db()
    assert application.state == S.DECLINED
    assert client.post(_decide(application, name), {**typed, "confirmed": "1"}).status_code == 302
    application.refresh_from_db()
    assert application.state == S.ACCEPTED and str(application.granted_amount) == "3000.00"


def test_a_decision_the_state_does_not_allow_is_refused_with_a_message(client, world):
    application = taken_up(world)
    client.force_login(world.reviewer_a)
    response = client.post(
        _decide(application, "revise_decline"),
        {"expected_state": "accepted", "comment": "x"},
    )
    assert response.status_code == 409
    assert client.post(_decide(application, "withdraw"), {}).status_code == 404


def test_the_committee_decides_at_its_stage_only(client, world):
    funder = world.call_a.source.funder
    follow_preset(funder, "eligibility_committee")
    committee = person(funder, "comite@example.org", "committee")
    application = taken_up(world)
    client.force_login(committee)
    # Before the committee stage the dossier does not exist for the committee.
    assert client.get(review_url(application, "funding:review_decision")).status_code == 404
    application = advance(application, world.reviewer_a)
    assert client.get(review_url(application, "funding:review_decision")).status_code == 200
    typed = {"expected_state": "under_review", "granted_amount": "5000", "confirmed": "1"}
    assert client.post(_decide(application), typed).status_code == 302
    application.refresh_from_db()
    assert application.state == S.ACCEPTED
    # A new decision is the staff's: the committee cannot open the decision page's forms.
    page = client.get(review_url(application, "funding:review_decision")).content.decode()
    assert 'data-transition="revise_decline"' not in page


@pytest.mark.parametrize("who", ["reviewer", "lead", "other_funder", "committee_too_early"])
def test_the_decision_page_for_people_who_do_not_decide(client, world, who):
    funder = world.call_a.source.funder
    follow_preset(funder, "screening_review_committee")
    application = taken_up(world)
    application = advance(application, world.reviewer_a)  # external review
    reviewer = person(funder, "expert@example.org", "reviewer")
    dossiers.assign_reviewer(application, by=world.reviewer_a, reviewer=reviewer)
    user = {
        "reviewer": reviewer,
        "lead": world.lead,
        "other_funder": world.reviewer_b,
        "committee_too_early": person(funder, "comite@example.org", "committee"),
    }[who]
    client.force_login(user)
    expected = 403 if who == "reviewer" else 404
    assert client.get(review_url(application, "funding:review_decision")).status_code == expected
    typed = {"expected_state": "under_review", "comment": "Non."}
    assert client.post(_decide(application, "decline"), typed).status_code == expected
    application.refresh_from_db()
    assert application.state == S.UNDER_REVIEW
