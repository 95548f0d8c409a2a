"""Browser: on a phone the header's menu folds under a « Menu » button (issue 19, point 1), which
the keyboard opens and Escape closes; on a desktop, and without JavaScript, the menu is open."""

import pytest

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 768}
FIRST_ENTRY = ".main-nav__top >> nth=0"


def test_a_phone_shows_one_header_row_and_a_menu_button(browser_page):
    tab = browser_page
    tab.set_viewport_size(PHONE)
    tab.goto("/fr/")
    header = tab.locator(".site-header").bounding_box()
    assert header["height"] < 100, header  # it took 377 px
    button = tab.get_by_role("button", name="Menu")
    assert button.get_attribute("aria-expanded") == "false"
    assert not tab.locator(FIRST_ENTRY).is_visible()
    assert not tab.locator("#site-search-q").is_visible()
    box = button.bounding_box()
    assert box["height"] >= 44  # a thumb's target
    # By keyboard: the skip link, the brand, then the button.
    for _ in range(3):
        tab.keyboard.press("Tab")
    assert tab.evaluate("document.activeElement.classList.contains('menu-toggle')")
    tab.keyboard.press("Enter")
    assert button.get_attribute("aria-expanded") == "true"
    assert tab.locator(FIRST_ENTRY).is_visible() and tab.locator("#site-search-q").is_visible()
    tab.keyboard.press("Tab")
    assert tab.evaluate("document.activeElement.closest('#site-menu') !== null")
    tab.keyboard.press("Escape")
    assert button.get_attribute("aria-expanded") == "false"
    assert not tab.locator(FIRST_ENTRY).is_visible()
    assert tab.evaluate("document.activeElement.classList.contains('menu-toggle')")


def test_a_desktop_shows_the_menu_without_a_button(browser_page):
    browser_page.set_viewport_size(DESKTOP)
    browser_page.goto("/fr/")
    assert browser_page.locator(FIRST_ENTRY).is_visible()
    assert not browser_page.get_by_role("button", name="Menu").is_visible()


def test_without_javascript_the_phone_menu_stays_open(chromium, live_server):
    context = chromium.new_context(
        base_url=live_server.url, locale="fr-FR", java_script_enabled=False, viewport=PHONE
    )
    try:
        tab = context.new_page()
        tab.goto("/fr/")
        assert tab.locator(FIRST_ENTRY).is_visible()
        assert not tab.locator(".menu-toggle").is_visible()
    finally:
        context.close()
