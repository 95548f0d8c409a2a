"""Browser: each shipped review preset end to end, as the funder's people work it.

- single: the staff start the review, score, decide on the decision page and confirm;
- screening → external review → committee: the staff screen and send on, assign two reviewers,
  each reviews, the staff send on, a committee member decides and confirms;
- eligibility → committee: the staff check and send on, a committee member decides.

Each ends with the dossier accepted and the lead reading the decision; a reviewer who is not
assigned gets 404. Pages are the English ones (independent of the catalogues' state).
"""

from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

import funding.dossiers.services as dossiers
from accounts.models import User
from funding.catalogue.models import CallRequirement, Funder
from funding.dossiers.models import CallCriterion, FunderMembership, FundingApplication
from tests.browser.fixtures import sign_in
from tests.conftest import DEMO_PASSWORD
from tests.dossiers.review_helpers import follow_preset
from tests.factories import (
    ExperimentFactory,
    FundingCallFactory,
    FundingSourceFactory,
    UserFactory,
    complete_sheet,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

STAFF = "financeur@example.org"


def _en(name: str, **kwargs) -> str:
    with translation.override("en"):
        return reverse(name, kwargs=kwargs)


def _person(funder, email: str, role: str) -> User:
    user = UserFactory(email=email, full_name=email.split("@")[0].title(), language="en")
    user.set_password(DEMO_PASSWORD)
    user.save()
    FunderMembership.objects.create(user=user, funder=funder, role=role)
    return user


def _submitted_dossier(preset: str):
    """A dossier of France Active's new call (following ``preset``), submitted by the lead."""
    lead = User.objects.get(email="porteur@example.org")
    funder = Funder.objects.canonical().get(name="France Active Provence-Alpes-Côte d'Azur")
    follow_preset(funder, preset)
    call = FundingCallFactory(source=FundingSourceFactory(funder=funder), name="Fonds coopératif")
    question = CallRequirement.objects.create(
        call=call, kind="question", label="Why cooperate?", locale=call.locale
    )
    CallCriterion.objects.create(call=call, label="Usefulness", weight=2, locale=call.locale)
    experiment = ExperimentFactory(lead=lead, title=f"Une conserverie partagée ({preset})")
    complete_sheet(experiment, budget="30000.00")
    application = dossiers.start_application(experiment, call, by=lead)
    dossiers.save_answers(
        application, by=lead, requested_amount=Decimal("15000"), answers={question.pk: "Ensemble."}
    )
    application = dossiers.run_transition(application, "submit", by=lead)
    return funder, application


def _tab(chromium, live_server, email: str):
    context = chromium.new_context(base_url=live_server.url, locale="en-GB")
    context.set_default_timeout(15_000)
    tab = context.new_page()
    sign_in(tab, email, DEMO_PASSWORD, language="en")
    return context, tab


def _click(tab, role: str, name: str) -> None:
    tab.get_by_role(role, name=name).click()
    tab.wait_for_load_state()


def _state(tab) -> str:
    return tab.get_by_test_id("dossier-state").inner_text()


def _review(tab, url: str, recommendation: str) -> None:
    tab.goto(url)
    form = tab.get_by_test_id("review-form")
    for select in form.locator("select[name^='score_']").all():
        select.select_option("4")
    form.locator("select[name='recommendation']").select_option(recommendation)
    form.locator("textarea[name='comment']").fill("A useful project.")
    _click(tab, "button", "Save my review")


def _decide_with_confirmation(tab, application, amount: str, words: str) -> None:
    tab.goto(_en("funding:review_decision", pk=application.pk))
    accept = tab.locator("form[data-transition='accept']")
    assert accept.locator("input[name='granted_amount']").input_value() == ""  # never prefilled
    accept.locator("input[name='granted_amount']").fill(amount)
    accept.locator("textarea[name='conditions']").fill("A report after one year.")
    accept.get_by_role("button", name="Accept").click()
    tab.wait_for_load_state()
    assert tab.get_by_test_id("amount-words").inner_text() == words
    assert FundingApplication.objects.get(pk=application.pk).state == "under_review"
    _click(tab, "button", "Confirm the decision")
    assert _state(tab) == "Accepted"


def _lead_sees_the_decision(chromium, live_server, application, granted: str) -> None:
    context, lead = _tab(chromium, live_server, "porteur@example.org")
    lead.goto(_en("funding:dossier", pk=application.experiment_id, dossier_pk=application.pk))
    assert _state(lead) == "Accepted"
    assert lead.get_by_test_id("granted").inner_text().startswith(granted)
    # The decision letter: a PDF on the dossier's page, and by e-mail with the PDF attached.
    letter = lead.locator("[data-letter]")
    assert letter.count() == 1 and "Accepted" in letter.inner_text()
    pdf = lead.request.get(letter.get_attribute("href"))
    assert pdf.status == 200 and pdf.headers["content-type"] == "application/pdf"
    assert any(m.attachments and "porteur@example.org" in m.to for m in mail.outbox), (
        "the decision letter was not e-mailed"
    )
    context.close()


def test_single_stage(chromium, live_server):
    _funder, application = _submitted_dossier("single")
    context, staff = _tab(chromium, live_server, STAFF)
    url = _en("funding:review_dossier", pk=application.pk)
    staff.goto(url)
    _click(staff, "button", "Start the review")
    assert _state(staff) == "Under review"
    assert "Review" in staff.locator("[aria-current='step']").inner_text()
    _review(staff, url, "fund")
    _decide_with_confirmation(staff, application, "12000", "twelve thousand euros")
    context.close()
    _lead_sees_the_decision(chromium, live_server, application, "12,000.00")


def test_screening_external_review_committee(chromium, live_server):
    funder, application = _submitted_dossier("screening_review_committee")
    experts = [_person(funder, f"expert{n}@example.org", "reviewer") for n in (1, 2)]
    outsider = _person(funder, "expert3@example.org", "reviewer")
    _person(funder, "committee@example.org", "committee")
    url = _en("funding:review_dossier", pk=application.pk)

    context, staff = _tab(chromium, live_server, STAFF)
    staff.goto(url)
    _click(staff, "button", "Start the review")
    assert "Screening" in staff.locator("[aria-current='step']").inner_text()
    _click(staff, "button", "Send to the next stage: External review")
    assert "External review" in staff.locator("[aria-current='step']").inner_text()
    for expert in experts:
        form = staff.get_by_test_id("assign-form")
        form.locator("select[name='reviewer']").select_option(label=expert.full_name)
        _click(staff, "button", "Assign")
    assert staff.get_by_test_id("assignments").locator("tbody tr").count() == 2

    for expert in experts:
        expert_context, tab = _tab(chromium, live_server, expert.email)
        _review(tab, url, "fund_with_conditions")
        expert_context.close()
    outsider_context, tab = _tab(chromium, live_server, outsider.email)
    assert tab.goto(url).status == 404
    outsider_context.close()

    staff.goto(url)
    _click(staff, "button", "Send to the next stage: Committee")
    assert "Committee" in staff.locator("[aria-current='step']").inner_text()
    context.close()

    committee_context, committee = _tab(chromium, live_server, "committee@example.org")
    committee.goto(url)
    _click(committee, "link", "Open the decision page")
    assert committee.get_by_test_id("recommendations").inner_text().endswith("2")
    _decide_with_confirmation(committee, application, "15000", "fifteen thousand euros")
    committee_context.close()
    _lead_sees_the_decision(chromium, live_server, application, "15,000.00")


def test_eligibility_committee(chromium, live_server):
    funder, application = _submitted_dossier("eligibility_committee")
    _person(funder, "committee@example.org", "committee")
    url = _en("funding:review_dossier", pk=application.pk)
    context, staff = _tab(chromium, live_server, STAFF)
    staff.goto(url)
    _click(staff, "button", "Start the review")
    assert "Eligibility check" in staff.locator("[aria-current='step']").inner_text()
    _click(staff, "button", "Send to the next stage: Programming committee")
    context.close()

    committee_context, committee = _tab(chromium, live_server, "committee@example.org")
    _review(committee, url, "fund")
    _decide_with_confirmation(
        committee, application, "9000.50", "nine thousand euros and fifty cents"
    )
    committee_context.close()
    _lead_sees_the_decision(chromium, live_server, application, "9,000.50")
