"""Browser: an editor revises a guide and submits it, a moderator approves it, visitors see it."""

import pytest
from django.urls import reverse

from home.models import GuidePage
from tests.browser.fixtures import sign_in
from tests.conftest import DEMO_PASSWORD

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

NEW_SUMMARY = (
    "Version revue : groupement d'employeurs, mise à disposition et formations communes, "
    "avec les retours du groupe de travail."
)


def _open_more_actions(tab) -> None:
    """Open the admin footer's "more actions" menu, as a person clicks its arrow."""
    tab.locator("nav.footer__container .w-dropdown__toggle").click()


def test_editor_submits_a_guide_and_the_moderator_publishes_it(chromium, live_server):
    guide = GuidePage.objects.get(locale__language_code="fr", theme__number=3)
    edit_url = reverse("wagtailadmin_pages:edit", args=[guide.pk])
    contexts = {
        name: chromium.new_context(base_url=live_server.url, locale="fr-FR")
        for name in ("editor", "moderator", "visitor")
    }
    try:
        for context in contexts.values():
            context.set_default_timeout(20_000)
        editor = contexts["editor"].new_page()
        sign_in(editor, "redaction@example.org", DEMO_PASSWORD)
        editor.goto(edit_url)
        editor.fill("#id_summary", NEW_SUMMARY)
        _open_more_actions(editor)
        # Editors have no "Publish" action, only "Submit to Relecture".
        assert editor.locator('button[name="action-publish"]').count() == 0
        editor.locator('button[name="action-submit"]').click()
        editor.wait_for_load_state()
        assert "/admin/pages/" in editor.url
        assert guide.title in editor.locator(".messages").inner_text()
        assert guide.current_workflow_state.workflow.name == "Relecture"

        visitor = contexts["visitor"].new_page()
        visitor.goto(guide.url)
        assert NEW_SUMMARY not in visitor.locator("main").inner_text()

        moderator = contexts["moderator"].new_page()
        sign_in(moderator, "relecture@example.org", DEMO_PASSWORD)
        moderator.goto(edit_url)
        assert moderator.locator("#id_summary").input_value() == NEW_SUMMARY
        _open_more_actions(moderator)
        moderator.locator(
            'button[data-workflow-action-name="approve"]:not([data-workflow-action-modal-url])'
        ).click()
        moderator.wait_for_load_state()
        moderator.locator(".messages").wait_for()

        visitor.goto(guide.url)
        assert NEW_SUMMARY in visitor.locator("main").inner_text()
        guide.refresh_from_db()
        assert guide.summary == NEW_SUMMARY
        assert not guide.has_unpublished_changes
    finally:
        for context in contexts.values():
            context.close()


def test_visitor_goes_from_the_list_to_a_section_of_a_guide(browser_page):
    browser_page.goto("/it/guide/")
    browser_page.get_by_role("link", name="Diversificare e ibridare i finanziamenti").click()
    browser_page.wait_for_url("**/it/guide/diversificare-i-finanziamenti/")
    toc = browser_page.locator("nav.guide-toc")
    toc.get_by_role("link", name="Le alternative possibili").click()
    assert browser_page.url.endswith("#le-alternative-possibili")
    table = browser_page.locator("#le-alternative-possibili table")
    assert table.locator("caption").inner_text().startswith("Confronto")
    assert table.locator("th[scope=row]").count() == 5
    pdf = browser_page.locator('main a[type="application/pdf"]')
    assert pdf.get_attribute("href") == "/it/guide/diversificare-i-finanziamenti/pdf/"
