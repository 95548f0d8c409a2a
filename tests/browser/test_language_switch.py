"""Browser: a visitor opens the site and switches to Italian."""

import pytest

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_visitor_switches_to_italian(browser_page):
    browser_page.goto("/")
    assert browser_page.url.endswith("/fr/")
    assert browser_page.locator("h1").inner_text().startswith("Coopérer")
    browser_page.locator(".language-switcher a[data-language=it]").click()
    browser_page.wait_for_url("**/it/")
    heading = browser_page.locator("h1").inner_text()
    assert heading == "Cooperare per far vivere l'economia sociale e solidale delle Hautes-Alpes"
    assert browser_page.locator("html").get_attribute("lang") == "it"


def test_skip_link_is_first_and_reaches_the_content(browser_page):
    browser_page.goto("/fr/participer/")
    browser_page.keyboard.press("Tab")
    focused = browser_page.evaluate("document.activeElement.getAttribute('href')")
    assert focused == "#main"
