"""Browser: a visitor writes through the contact form and filters the agenda."""

import pytest
from wagtail.contrib.forms.models import FormSubmission

from home.forms import HONEYPOT_FIELD

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_visitor_sends_a_message_and_never_meets_the_trap(browser_page):
    tab = browser_page
    tab.goto("/fr/contact/")
    trap = tab.locator(f"input[name={HONEYPOT_FIELD}]")
    box = trap.bounding_box()
    assert box is None or box["x"] + box["width"] <= 0  # off screen
    # Keyboard users go through every field without ever landing on the trap.
    tab.get_by_label("Nom et prénom").focus()
    for _ in range(8):
        assert tab.evaluate("document.activeElement.name") != HONEYPOT_FIELD
        tab.keyboard.press("Tab")
    tab.get_by_label("Nom et prénom").fill("Léa Garnier")
    tab.get_by_label("Adresse e-mail").fill("lea.garnier@example.org")
    tab.get_by_label("Objet").select_option("Proposer un échange d'expériences")
    tab.get_by_label("Message").fill("Nous aimerions témoigner de notre local partagé.")
    tab.locator("main form button[type=submit]").click()
    tab.wait_for_load_state()
    assert "votre message est bien arrivé" in tab.locator("main").inner_text()
    submission = FormSubmission.objects.get()
    assert submission.form_data["objet"] == "Proposer un échange d'expériences"


def test_visitor_filters_the_agenda_with_the_plain_form(chromium, live_server):
    # Without JavaScript at all: the filters are a GET form.
    context = chromium.new_context(base_url=live_server.url, java_script_enabled=False)
    tab = context.new_page()
    try:
        tab.goto("/fr/echanges/")
        tab.locator("#id_kind").select_option("training")
        tab.locator("main form.filters button[type=submit]").click()
        tab.wait_for_load_state()
        assert "kind=training" in tab.url
        kinds = tab.locator(".event-card__meta .tag").all_inner_texts()
        assert kinds and len(set(kinds)) == 1
    finally:
        context.close()
