"""Playwright driving the system's Chromium.

Without Chromium (or Playwright, or axe-core for the accessibility tests) the browser tests are
skipped with the reason, unless REQUIRE_BROWSER=1 (as in .ci/run), in which case they fail.
"""

import os
from pathlib import Path

import pytest

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _unavailable(reason: str):
    if os.environ.get("REQUIRE_BROWSER") == "1":
        pytest.fail(f"REQUIRE_BROWSER=1 but {reason}", pytrace=False)
    pytest.skip(f"browser tests skipped: {reason} (set CHROMIUM_PATH or install chromium)")


@pytest.fixture(scope="session")
def chromium():
    path = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the playwright package is not installed")
    if not Path(path).exists():
        _unavailable(f"no Chromium at {path}")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=path, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def axe_source() -> str:
    """The axe-core script (see tests/browser/axe.py)."""
    from tests.browser.axe import AXE_PATH

    if not AXE_PATH.exists():
        _unavailable(f"axe-core is not installed at {AXE_PATH} (run `make axe`)")
    return AXE_PATH.read_text(encoding="utf-8")


@pytest.fixture
def browser_page(chromium, live_server):
    """A fresh browser tab whose relative URLs point at the live test server."""
    context = chromium.new_context(base_url=live_server.url, locale="fr-FR")
    context.set_default_timeout(15_000)
    tab = context.new_page()
    yield tab
    context.close()


def sign_in(tab, email: str, password: str, language: str = "fr") -> None:
    """Sign in through the real form."""
    from django.urls import reverse
    from django.utils import translation

    with translation.override(language):
        url = reverse("accounts:login")
    tab.goto(url)
    tab.fill("input[name=username]", email)
    tab.fill("input[name=password]", password)
    tab.locator("main form button[type=submit]").click()
    tab.wait_for_load_state()
