"""Browser, phone width: pages reflow instead of scrolling sideways (WCAG 1.4.10).

At 320 CSS pixels nothing but a table inside its own scrolling region may be wider than the
window: long territory names in a select and a four-column table used to push the sharing board
and the member's space sideways.
"""

import pytest
from django.urls import reverse
from django.utils import translation

from tests.browser.fixtures import sign_in
from tests.conftest import DEMO_PASSWORD

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

WIDTH = 320

# What sticks out of the window, ignoring what sits inside a region that scrolls or clips (a wide
# table in its scrolling region, a map's tiles).
OVERFLOWING = """() => {
    const width = document.documentElement.clientWidth;
    const inScroller = (el) => {
        for (let p = el.parentElement; p; p = p.parentElement) {
            const style = getComputedStyle(p);
            if (["auto", "scroll", "hidden", "clip"].includes(style.overflowX)) { return true; }
        }
        return false;
    };
    const out = [];
    for (const el of document.querySelectorAll("body *")) {
        const box = el.getBoundingClientRect();
        if (box.width > 0 && box.right > width + 1 && !inScroller(el)) {
            out.push(el.tagName.toLowerCase() + (el.id ? "#" + el.id : ""));
        }
    }
    return {scroll: document.documentElement.scrollWidth, width: width, out: out.slice(0, 5)};
}"""


def _fits(tab, path: str) -> None:
    tab.goto(path)
    result = tab.evaluate(OVERFLOWING)
    assert result["scroll"] <= result["width"], (path, result)
    assert result["out"] == [], (path, result)


# The public sections of the main menu, in French and Italian (the longer words).
PUBLIC = [
    "/fr/",
    "/fr/guides/",
    "/fr/echanges/",
    "/fr/structures/",
    "/fr/financements/",
    "/fr/tableau-de-bord/",
    "/it/",
    "/it/finanziamenti/",
    "/it/condivisione/",
]


@pytest.mark.parametrize("path", PUBLIC)
def test_public_pages_fit_a_phone(browser_page, path):
    browser_page.set_viewport_size({"width": WIDTH, "height": 720})
    _fits(browser_page, path)


def test_the_sharing_board_and_the_members_space_fit_a_phone(browser_page):
    browser_page.set_viewport_size({"width": WIDTH, "height": 720})
    with translation.override("fr"):
        board, space = reverse("projects:sharing_board"), reverse("projects:space")
    _fits(browser_page, board)
    sign_in(browser_page, "porteur@example.org", DEMO_PASSWORD)
    _fits(browser_page, space)
