"""Browser: the confirmation dialog of destructive actions, on the lead's « Withdraw the
dossier »: it opens instead of sending, Cancel and Escape keep the dossier and give the focus
back, Tab stays inside the dialog, and confirming withdraws — with the mouse, then with the
keyboard only."""

import pytest
from django.urls import reverse
from django.utils import translation

import funding.dossiers.services as dossiers
from accounts.models import User
from funding.catalogue.models import Funder
from funding.dossiers.models import FundingApplication
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


def _draft() -> FundingApplication:
    lead = User.objects.get(email="porteur@example.org")
    funder = Funder.objects.canonical().get(name="France Active Provence-Alpes-Côte d'Azur")
    call = FundingCallFactory(source=FundingSourceFactory(funder=funder), name="Fonds test")
    experiment = ExperimentFactory(lead=lead, title="Une recyclerie partagée à Embrun")
    complete_sheet(experiment, budget="20000.00")
    return dossiers.start_application(experiment, call, by=lead)


def _state(application) -> str:
    application.refresh_from_db()
    return application.state


def _focused(page) -> str:
    return page.evaluate(
        "() => (document.activeElement.getAttribute('data-confirm-cancel') !== null ? 'cancel'"
        " : document.activeElement.getAttribute('data-confirm-accept') !== null ? 'accept'"
        " : document.activeElement.textContent.trim())"
    )


def test_withdrawing_asks_first_with_the_mouse_and_the_keyboard(chromium, live_server):
    application = _draft()
    with translation.override("en"):
        url = reverse(
            "funding:dossier",
            kwargs={"pk": application.experiment_id, "dossier_pk": application.pk},
        )
    context = chromium.new_context(base_url=live_server.url, locale="en-GB")
    context.set_default_timeout(15_000)
    page = context.new_page()
    sign_in(page, "porteur@example.org", DEMO_PASSWORD, language="en")
    page.goto(url)
    dialog = page.locator("#confirm-dialog")
    withdraw = page.get_by_role("button", name="Withdraw the dossier")

    # Mouse: the dialog opens instead of sending; Cancel keeps the dossier.
    withdraw.click()
    assert dialog.is_visible()
    assert "Fonds test" in page.locator("#confirm-dialog-message").inner_text()
    assert _focused(page) == "cancel"
    page.locator("[data-confirm-cancel]").click()
    assert not dialog.is_visible()
    assert _state(application) == "draft"

    # Keyboard only: Enter opens, Escape cancels and gives the focus back to the button.
    withdraw.focus()
    page.keyboard.press("Enter")
    assert dialog.is_visible() and _focused(page) == "cancel"
    page.keyboard.press("Escape")
    assert not dialog.is_visible()
    assert _focused(page) == "Withdraw the dossier"
    assert _state(application) == "draft"

    # Tab stays in the dialog (cancel → confirm → cancel), Enter on confirm withdraws.
    page.keyboard.press("Enter")
    assert dialog.is_visible()
    page.keyboard.press("Tab")
    assert _focused(page) == "accept"
    page.keyboard.press("Tab")
    assert _focused(page) == "cancel"
    page.keyboard.press("Shift+Tab")
    assert _focused(page) == "accept"
    assert page.locator("[data-confirm-accept]").inner_text() == "Withdraw the dossier"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert _state(application) == "withdrawn"
    assert page.locator('[data-testid="dossier-state"]').inner_text() == "Withdrawn"
    context.close()
