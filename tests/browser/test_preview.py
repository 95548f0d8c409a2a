"""Browser: the editor previews a guide in the admin's side panel (its draft, rendered), the
checks panel computes the reading time and the accessibility problems, the "new tab" link opens
the rendered page; every page type renders in the panel."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from accounts.models import User
from funding.catalogue.pages import FundingCatalogPage
from home.models import (
    DashboardPage,
    ExchangeIndexPage,
    ExchangePage,
    FormPage,
    GuideIndexPage,
    GuidePage,
    HomePage,
    NewsIndexPage,
    NewsPage,
    OrganisationDirectoryPage,
    StandardPage,
    WorkingGroupsPage,
)
from tests.browser.fixtures import sign_in
from tests.browser.test_content_security_policy import WATCH_VIOLATIONS
from tests.conftest import DEMO_PASSWORD

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

DRAFT_SENTENCE = "Brouillon relu dans le panneau d'aperçu, avant toute publication."
# Bold and italic text styled as a heading: axe's "p-as-heading", one of Wagtail's checks.
FAKE_HEADING = "<p><b><i>Ce qu'il faut retenir</i></b></p>"


def _draft_of(guide: GuidePage, editor: User) -> None:
    """A draft of the guide, as the editor saved it, with one accessibility problem."""
    draft = guide.get_latest_revision_as_object()
    stream = list(draft.body.raw_data)
    stream[0]["value"]["text"] = f"{FAKE_HEADING}<p>{DRAFT_SENTENCE}</p>" + str(
        stream[0]["value"]["text"]
    )
    draft.body = stream
    draft.save_revision(user=editor)


def _violations(tab) -> list[str]:
    """The policy's violations in the admin page and in its preview frame."""
    frame = tab.locator("#w-preview-iframe")
    inside = frame.evaluate("frame => frame.contentWindow.__cspViolations || []")
    return tab.evaluate("window.__cspViolations || []") + inside


def _open_preview(tab):
    """Opens the preview side panel (the admin reopens the last panel used on its own)."""
    tab.wait_for_load_state("networkidle")
    toggle = tab.locator('button[data-side-panel-toggle="preview"]')
    if toggle.get_attribute("aria-expanded") != "true":
        toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    return tab.frame_locator("#w-preview-iframe")


def test_the_editor_previews_a_guide_with_its_checks(browser_page):
    guide = GuidePage.objects.get(locale__language_code="fr", theme__number=1)
    _draft_of(guide, User.objects.get(email="redaction@example.org"))
    tab = browser_page
    tab.context.add_init_script(WATCH_VIOLATIONS)  # in every tab and frame
    sign_in(tab, "redaction@example.org", DEMO_PASSWORD)
    tab.goto(reverse("wagtailadmin_pages:edit", args=[guide.pk]))

    # The panel shows the draft, rendered by the site's templates.
    preview = _open_preview(tab)
    expect(preview.locator("h1")).to_have_text(guide.title)
    expect(preview.locator("main")).to_contain_text(DRAFT_SENTENCE)
    assert guide.url not in tab.url
    text = tab.locator("#w-preview-iframe").evaluate(
        "frame => frame.contentDocument.body.innerText"
    )
    assert DRAFT_SENTENCE in text
    assert "Contexte et enjeux" in text

    # The checks panel: words, reading time and problems, computed inside the preview.
    tab.locator('button[data-side-panel-toggle="checks"]').click()
    checks = tab.locator('[data-side-panel="checks"]')
    expect(checks.locator("[data-content-reading-time]")).not_to_have_text("-")
    expect(checks.locator("[data-content-reading-time]")).to_have_text(re.compile(r"\d"))
    assert int(checks.locator("[data-content-word-count]").inner_text()) > 100
    expect(checks.locator("[data-content-checker-count]")).to_have_text("1")
    expect(checks.locator("[data-checks-panel]")).not_to_be_empty()
    # No violation of the policy, neither in the admin nor in the framed preview.
    assert _violations(tab) == []

    # "Preview in new tab" opens the rendered draft on its own.
    _open_preview(tab)
    with tab.context.expect_page() as new_tab_info:
        tab.locator('[data-w-preview-target="newTab"]').click()
    new_tab = new_tab_info.value
    new_tab.wait_for_load_state()
    assert "/admin/pages/" in new_tab.url and "/preview/" in new_tab.url
    expect(new_tab.locator("h1")).to_have_text(guide.title)
    expect(new_tab.locator("main")).to_contain_text(DRAFT_SENTENCE)
    # With Wagtail's user bar, whose checks run there too.
    expect(new_tab.locator("wagtail-userbar")).to_have_count(1)
    assert new_tab.evaluate("window.__cspViolations") == []
    new_tab.close()

    # Visitors still see the published guide, without the draft.
    assert DRAFT_SENTENCE not in tab.request.get(guide.url).text()


PAGE_TYPES = [
    HomePage,
    StandardPage,
    GuideIndexPage,
    GuidePage,
    ExchangeIndexPage,
    ExchangePage,
    NewsIndexPage,
    NewsPage,
    OrganisationDirectoryPage,
    DashboardPage,
    FormPage,
    FundingCatalogPage,
    WorkingGroupsPage,
]


def test_every_page_type_renders_in_the_preview_panel(browser_page):
    tab = browser_page
    tab.add_init_script(WATCH_VIOLATIONS)
    sign_in(tab, "relecture@example.org", DEMO_PASSWORD)
    blank = {}
    for model in PAGE_TYPES:
        page = model.objects.live().filter(locale__language_code="fr").order_by("pk").first()
        tab.goto(reverse("wagtailadmin_pages:edit", args=[page.pk]))
        preview = _open_preview(tab)
        try:
            expect(preview.locator("h1").first).to_be_visible()
            expect(preview.locator("body")).to_contain_text(page.title)
        except AssertionError as error:
            blank[model.__name__] = str(error).splitlines()[0]
        if violations := _violations(tab):
            blank[model.__name__] = violations
    assert blank == {}
