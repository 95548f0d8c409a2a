"""Browser: a visitor searches "tresorerie" from the header, narrows by theme, opens a result."""

import pytest

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

THEME = "diversification-financiere"


def test_visitor_searches_narrows_by_theme_and_opens_a_result(browser_page):
    browser_page.goto("/fr/")
    field = browser_page.locator("#site-search-q")
    field.fill("tresorerie")
    # Suggestions appear while typing (progressive enhancement)…
    suggestion = browser_page.locator(".search-suggestions a").first
    suggestion.wait_for()
    assert "Trésorerie" in suggestion.inner_text()
    # …but the visitor submits the form.
    field.press("Enter")
    browser_page.wait_for_url("**q=tresorerie*")
    hits = browser_page.locator(".search-hit")
    total = hits.count()
    assert total >= 2
    assert browser_page.locator(".search-hit mark").first.inner_text().lower() == "trésorerie"

    browser_page.locator(f'input[name="theme"][value="{THEME}"]').check()
    browser_page.locator(".search-facets button[type=submit]").click()
    browser_page.wait_for_url(f"**theme={THEME}*")
    assert browser_page.locator(f'input[name="theme"][value="{THEME}"]').is_checked()
    narrowed = browser_page.locator(".search-hit")
    assert 1 <= narrowed.count() <= total

    link = narrowed.first.locator(".search-hit__title a")
    title = link.inner_text()
    link.click()
    browser_page.wait_for_load_state()
    assert title in browser_page.locator("h1").inner_text()
