"""Browser: the pages that run scripts (map, budget totals, API docs, two-factor set-up) work
under the Content-Security-Policy, without a single violation."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from tests.browser.fixtures import sign_in
from tests.conftest import DEMO_PASSWORD

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

WATCH_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (event) => {
    window.__cspViolations.push(event.violatedDirective + ' ' + (event.blockedURI || 'inline'));
});
"""


def _violations(tab) -> list[str]:
    return tab.evaluate("window.__cspViolations || []")


def test_public_pages_with_scripts_run_without_violation(browser_page):
    browser_page.route(
        re.compile(r"^https?://(?!127\.0\.0\.1|localhost)"), lambda route: route.abort()
    )
    browser_page.add_init_script(WATCH_VIOLATIONS)
    found = {}
    for path in ("/fr/", "/fr/structures/", "/fr/financements/", "/api/v1/docs/"):
        browser_page.goto(path)
        browser_page.wait_for_load_state("load")
        if path == "/fr/structures/":
            browser_page.wait_for_selector(".leaflet-container")
        if path == "/api/v1/docs/":
            browser_page.wait_for_selector(".swagger-ui .opblock")
        if violations := _violations(browser_page):
            found[path] = violations
    assert found == {}


def test_signed_in_pages_run_without_violation(browser_page):
    browser_page.add_init_script(WATCH_VIOLATIONS)
    sign_in(browser_page, "porteur@example.org", DEMO_PASSWORD)
    with translation.override("fr"):
        profile, setup = reverse("accounts:profile"), reverse("accounts:two_factor_setup")
    browser_page.goto(profile)
    browser_page.goto(setup)
    browser_page.wait_for_selector("img.two-factor-qr")
    assert browser_page.evaluate("document.querySelector('img.two-factor-qr').naturalWidth") > 0
    assert _violations(browser_page) == []


FRAME = """(path) => new Promise((resolve) => {
    const frame = document.createElement('iframe');
    frame.src = path;
    frame.onload = () => resolve(frame.contentDocument !== null
        && frame.contentDocument.querySelector('main') !== null);
    document.body.appendChild(frame);
})"""


def test_the_admin_frames_its_previews_but_no_public_page(browser_page):
    """Public pages say `frame-ancestors 'none'`: not even the admin may frame them; the
    admin's previews (tests/browser/test_preview.py) say `'self'`."""
    sign_in(browser_page, "redaction@example.org", DEMO_PASSWORD)
    browser_page.goto(reverse("wagtailadmin_home"))
    refused = []
    browser_page.on(
        "console", lambda message: "frame-ancestors" in message.text and refused.append(message)
    )
    with translation.override("fr"):
        path = reverse("accounts:profile")
    for public_path in ("/fr/guides/", path):
        assert browser_page.evaluate(FRAME, public_path) is False, public_path
    assert len(refused) == 2
