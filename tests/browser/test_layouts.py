"""Browser: every page type and space fits a phone and a desktop (issue 19, « done when »).

One test per viewport walks the list of pages below (signing in once per demo account), saves a
full-page screenshot of each into var/screens/<viewport>/<name>.png (kept as CI artefacts) and
checks that nothing scrolls sideways. On the phone, the calls catalogue shows its first call
within the first two screens: its filters fold into a panel above the results.

Adding a page is one line in PAGES: a name, its URL (a string or a function of the demo data)
and the demo account that sees it (None for a visitor). Keep the pages of one account together:
the test signs in when the account changes.
"""

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from accounts.models import User
from tests.browser.test_accessibility import (
    FORMALISATION,
    RUNNING,
    SEEKING_FUNDING,
    call,
    experiment,
    experiment_dossiers,
    sharing_post,
    url,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SCREENS_DIR = Path(settings.BASE_DIR) / "var" / "screens"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 768}
NARROW = {"width": 320, "height": 720}  # WCAG 1.4.10's reflow width
CATALOGUE = "/fr/financements/"
LEAD, FUNDER = "porteur", "financeur"

# The document's width against the window's, the first elements that stick out (for the failure
# message), and how many tables meant to turn into cards are wider than the window (they would
# scroll inside their region rather than push the page).
WIDTHS = """() => {
    const width = document.documentElement.clientWidth;
    const out = [];
    for (const el of document.querySelectorAll("body *")) {
        const box = el.getBoundingClientRect();
        if (box.width > 0 && box.right > width + 1) {
            const name = typeof el.className === "string" ? el.className.split(" ")[0] : "";
            const id = el.id ? "#" + el.id : "";
            out.push(el.tagName.toLowerCase() + id + (name ? "." + name : ""));
        }
    }
    const tables = [...document.querySelectorAll("table.stack-table")].filter(
        (table) => table.getBoundingClientRect().width > width + 1).length;
    return {scroll: document.documentElement.scrollWidth, width: width, out: out.slice(0, 5),
            tables: tables};
}"""


@dataclass(frozen=True)
class Page:
    name: str
    url: str | Callable[[], str]
    user: str | None = None

    def resolve(self) -> str:
        return self.url if isinstance(self.url, str) else self.url()


PAGES = [
    Page("home", "/fr/"),
    Page("guide", "/fr/guides/partager-des-locaux-et-du-materiel/"),
    Page("catalogue", CATALOGUE),
    Page("catalogue-filtered", CATALOGUE + "?open=on"),
    Page("call", call),
    Page("directory", "/fr/structures/"),
    Page("organisation", "/fr/structures/o/monnaie-locale-complementaire-citoyenne/"),
    Page("experiments", lambda: url("projects:public_list")),
    Page("experiment-public", lambda: url("projects:public_detail", SEEKING_FUNDING)),
    Page("sharing-board", lambda: url("projects:sharing_board")),
    Page("sharing-post", sharing_post),
    Page("search", lambda: url("search:search") + "?q=locaux"),
    # The lead's space.
    Page("space", lambda: url("projects:space"), LEAD),
    Page("overview", experiment("projects:experiment", FORMALISATION), LEAD),
    Page("budget", experiment("projects:budget", FORMALISATION), LEAD),
    Page("partners", experiment("projects:partners", FORMALISATION), LEAD),
    Page("timeline", experiment("projects:timeline", RUNNING), LEAD),
    Page("documents", experiment("projects:documents", SEEKING_FUNDING), LEAD),
    Page("funding-tab", experiment("funding:experiment_funding", SEEKING_FUNDING), LEAD),
    Page("dossiers-tab", experiment_dossiers, LEAD),
    Page("sharing-space", lambda: url("projects:sharing_space"), LEAD),
    Page("account", lambda: url("accounts:profile"), LEAD),
    # The funders' space.
    Page("funder-inbox", lambda: url("funding:review_inbox"), FUNDER),
]


def _sign_in(context, live_server, prefix: str) -> None:
    """Swap the browser's session for one of a demo account (quicker than the form)."""
    client = Client()
    client.force_login(User.objects.get(email=f"{prefix}@example.org"))
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context.clear_cookies()
    context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": live_server.url}]
    )


def _walk(chromium, live_server, name: str, viewport: dict[str, int]) -> dict[str, dict]:
    """Open every page at this size, screenshot it; return the pages that scroll sideways."""
    folder = SCREENS_DIR / name
    folder.mkdir(parents=True, exist_ok=True)
    context = chromium.new_context(base_url=live_server.url, locale="fr-FR", viewport=viewport)
    context.set_default_timeout(15_000)
    overflowing = {}
    try:
        tab = context.new_page()
        # No request leaves the test server (the map's tiles).
        tab.route(
            lambda address: not address.startswith(live_server.url),
            lambda route: route.abort(),
        )
        user = None
        for page in PAGES:
            if page.user != user:
                user = page.user
                _sign_in(context, live_server, user)
            path = page.resolve()
            response = tab.goto(path)
            assert response.status == 200, f"{path} answered {response.status}"
            tab.screenshot(path=str(folder / f"{page.name}.png"), full_page=True)
            widths = tab.evaluate(WIDTHS)
            if widths["scroll"] > widths["width"] or (viewport != DESKTOP and widths["tables"]):
                overflowing[f"{page.name} {path}"] = widths
        if viewport == PHONE:
            _check_the_catalogue_on_a_phone(tab)
        if viewport == DESKTOP:
            tab.goto(CATALOGUE)
            assert tab.locator("details.filters-panel").get_attribute("open") is not None
    finally:
        context.close()
    return overflowing


def _check_the_catalogue_on_a_phone(tab) -> None:
    tab.goto(CATALOGUE)
    panel = tab.locator("details.filters-panel")
    assert panel.get_attribute("open") is None, "the filters are not folded on a phone"
    summary = panel.locator("summary").bounding_box()
    assert summary["height"] >= 44, summary
    first = tab.locator(".call-list > li").first.bounding_box()
    assert first["y"] < 2 * PHONE["height"], f"the first call starts {first['y']} px down"


@pytest.mark.parametrize(
    ("name", "viewport"),
    [("390x844", PHONE), ("1366x768", DESKTOP), ("320x720", NARROW)],
    ids=["phone", "desktop", "narrow"],
)
def test_every_page_fits_the_window(chromium, live_server, name, viewport):
    overflowing = _walk(chromium, live_server, name, viewport)
    assert not overflowing, "Pages that scroll sideways:\n" + "\n".join(
        f"{page}: {widths}" for page, widths in overflowing.items()
    )
