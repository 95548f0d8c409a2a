"""Browser: a dossier goes from the lead to the funder and back, then is accepted.

The lead fills in and submits a dossier; the funder's reviewer starts the review, scores it and
requests changes; the lead changes it and submits it again; the reviewer accepts it; the
experiment's secured funding shows the granted amount. Pages are the English ones, so that the
test does not depend on the state of the catalogues.
"""

import pytest
from django.urls import reverse
from django.utils import translation

import funding.dossiers.services as dossiers
from accounts.models import User
from funding.catalogue.models import CallRequirement, Funder
from funding.dossiers.models import CallCriterion, FundingApplication
from tests.browser.fixtures import sign_in
from tests.conftest import DEMO_PASSWORD
from tests.factories import (
    ExperimentFactory,
    FundingCallFactory,
    FundingSourceFactory,
    complete_sheet,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _en(name: str, **kwargs) -> str:
    with translation.override("en"):
        return reverse(name, kwargs=kwargs)


def test_submit_review_change_resubmit_accept(chromium, live_server, tmp_path):
    lead_user = User.objects.get(email="porteur@example.org")
    funder = Funder.objects.canonical().get(name="France Active Provence-Alpes-Côte d'Azur")
    call = FundingCallFactory(
        source=FundingSourceFactory(funder=funder), name="Fonds d'amorçage coopératif"
    )
    question = CallRequirement.objects.create(
        call=call, kind="question", label="Why cooperate?", locale=call.locale
    )
    statutes = CallRequirement.objects.create(
        call=call, kind="document", label="Statutes", locale=call.locale
    )
    useful = CallCriterion.objects.create(
        call=call, label="Usefulness", weight=2, locale=call.locale
    )
    CallCriterion.objects.create(call=call, label="Feasibility", weight=1, locale=call.locale)
    experiment = ExperimentFactory(lead=lead_user, title="Une conserverie partagée à Laragne")
    complete_sheet(experiment, budget="30000.00")
    application = dossiers.start_application(experiment, call, by=lead_user)
    dossier_url = _en("funding:dossier", pk=experiment.pk, dossier_pk=application.pk)
    statutes_file = tmp_path / "statutes.pdf"
    statutes_file.write_bytes(PDF)

    lead_context = chromium.new_context(base_url=live_server.url, locale="en-GB")
    lead = lead_context.new_page()
    sign_in(lead, "porteur@example.org", DEMO_PASSWORD, language="en")

    # The lead fills in the dossier: the checklist empties, then they submit.
    lead.goto(dossier_url)
    assert lead.locator(".checklist__item").count() >= 1
    lead.get_by_label("Requested amount (€)").fill("12000")
    lead.get_by_label("Why cooperate?").fill("Three producers share one canning workshop.")
    lead.get_by_role("button", name="Save the dossier").click()
    lead.wait_for_load_state()
    lead.locator("select[name='requirement']").select_option(str(statutes.pk))
    lead.locator("input[name='file']").set_input_files(str(statutes_file))
    lead.get_by_role("button", name="Upload the file").click()
    lead.wait_for_load_state()
    assert lead.locator(".checklist__item").count() == 0
    lead.get_by_role("button", name="Send the dossier to the funder").click()
    lead.wait_for_load_state()
    assert lead.get_by_test_id("dossier-state").inner_text() == "Submitted"

    # The reviewer of France Active finds it in the inbox, scores it and requests changes.
    reviewer_context = chromium.new_context(base_url=live_server.url, locale="en-GB")
    reviewer = reviewer_context.new_page()
    sign_in(reviewer, "financeur@example.org", DEMO_PASSWORD, language="en")
    reviewer.goto(_en("funding:review_inbox"))
    reviewer.get_by_role("link", name=experiment.title).click()
    reviewer.wait_for_load_state()
    reviewer.get_by_role("button", name="Start the review").click()
    reviewer.wait_for_load_state()
    reviewer.locator(f"select[name='score_call-{useful.pk}']").select_option("4")
    reviewer.locator(f"input[name='comment_call-{useful.pk}']").fill("Clear social use.")
    reviewer.get_by_role("button", name="Save my review").click()
    reviewer.wait_for_load_state()
    assert reviewer.get_by_test_id("average").inner_text().startswith("4.00")
    changes = reviewer.locator("form[data-transition='request_changes']")
    changes.locator("textarea[name='comment']").fill("Please give the share of each producer.")
    changes.get_by_role("button", name="Request changes").click()
    reviewer.wait_for_load_state()
    assert reviewer.get_by_test_id("dossier-state").inner_text() == "Changes requested"

    # The lead reads the request, changes the answer and submits again.
    lead.goto(dossier_url)
    assert "Please give the share of each producer." in lead.content()
    lead.get_by_label("Why cooperate?").fill("Three producers share one workshop, a third each.")
    lead.get_by_role("button", name="Save the dossier").click()
    lead.wait_for_load_state()
    lead.get_by_role("button", name="Send the changed dossier to the funder").click()
    lead.wait_for_load_state()
    assert lead.get_by_test_id("dossier-state").inner_text() == "Submitted"

    # The reviewer sees the change between the versions, then accepts.
    reviewer.goto(_en("funding:review_dossier", pk=application.pk))
    assert reviewer.locator(f"[data-change='answer.{question.pk}']").count() == 1
    reviewer.get_by_role("button", name="Start the review").click()
    reviewer.wait_for_load_state()
    reviewer.get_by_role("link", name="Open the decision page").click()
    reviewer.wait_for_load_state()
    accept = reviewer.locator("form[data-transition='accept']")
    accept.locator("input[name='granted_amount']").fill("10000")
    accept.get_by_role("button", name="Accept").click()
    reviewer.wait_for_load_state()
    reviewer.get_by_role("button", name="Confirm the decision").click()
    reviewer.wait_for_load_state()
    assert reviewer.get_by_test_id("dossier-state").inner_text() == "Accepted"

    # The experiment's secured funding shows the granted amount.
    lead.goto(_en("funding:experiment_dossiers", pk=experiment.pk))
    assert lead.get_by_test_id("secured-funding").inner_text().startswith("10,000.00")
    assert FundingApplication.objects.get(pk=application.pk).version_number == 2
    for context in (lead_context, reviewer_context):
        context.close()
