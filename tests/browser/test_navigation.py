"""Browser: the menu's six sections fit one line on a laptop and every entry is reached with the
keyboard alone (issue 19, point 2): Tab to a section, Enter opens it, Tab through its links,
Escape closes it and gives the focus back."""

import pytest

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

LAPTOP = {"width": 1366, "height": 768}


def _focused(tab) -> str:
    return tab.evaluate(
        "(() => { const e = document.activeElement;"
        " return e.getAttribute('href') || e.textContent.trim(); })()"
    )


def test_every_menu_entry_is_reached_by_keyboard_on_one_line(browser_page):
    tab = browser_page
    tab.set_viewport_size(LAPTOP)
    tab.goto("/en/")
    tops = tab.locator(".main-nav__top")
    assert 1 < tops.count() <= 6
    rows = {round(tops.nth(i).bounding_box()["y"]) for i in range(tops.count())}
    assert len(rows) == 1, rows  # one line
    links = tab.eval_on_selector_all(".main-nav a", "els => els.map(e => e.getAttribute('href'))")
    reached = set()
    tab.locator(".brand").focus()
    for _ in range(60):
        tab.keyboard.press("Tab")
        if not tab.evaluate("document.activeElement.closest('.main-nav') !== null"):
            if reached:
                break
            continue
        if tab.evaluate("document.activeElement.tagName") == "SUMMARY":
            tab.keyboard.press("Enter")
            assert tab.evaluate("document.activeElement.parentElement.open")
        else:
            reached.add(_focused(tab))
    assert reached == set(links)
    # Escape closes the open section and leaves the focus on its summary.
    summary = tab.locator("summary.main-nav__top").first
    summary.focus()
    tab.keyboard.press("Enter")
    tab.keyboard.press("Tab")
    tab.keyboard.press("Escape")
    assert not tab.evaluate("document.querySelector('[data-nav-section]').open")
    assert tab.evaluate("document.activeElement.tagName") == "SUMMARY"
