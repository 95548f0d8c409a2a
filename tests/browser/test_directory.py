"""Browser: a visitor filters the directory, sees the map, opens an organisation."""

import re

import pytest

from projects.network.models import Organisation

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

THEME = "diversification-financiere"


def _offline(tab) -> None:
    """No request leaves the test server (map tiles included)."""
    tab.route(re.compile(r"^https?://(?!127\.0\.0\.1|localhost)"), lambda route: route.abort())


def _with_theme() -> list[Organisation]:
    return list(Organisation.objects.canonical().filter(themes__slug=THEME).order_by("name"))


def test_visitor_filters_by_theme_and_opens_an_organisation(browser_page):
    _offline(browser_page)
    expected = _with_theme()
    browser_page.goto("/fr/structures/")
    assert browser_page.locator("h1").inner_text() == "Structures"

    browser_page.locator("#id_theme").select_option(THEME)
    browser_page.locator(".directory-form button[type=submit]").click()
    browser_page.wait_for_url(f"**/fr/structures/?*theme={THEME}*")

    heading = browser_page.locator("#results-heading").inner_text()
    assert str(len(expected)) in heading
    titles = browser_page.locator(".organisation-card .card__title a").all_inner_texts()
    assert titles == [organisation.name for organisation in expected]
    assert browser_page.locator("#id_theme").input_value() == THEME

    browser_page.get_by_role("link", name="Monnaie Locale Complémentaire Citoyenne").click()
    browser_page.wait_for_url("**/fr/structures/o/monnaie-locale-complementaire-citoyenne/")
    assert browser_page.locator("h1").inner_text() == "Monnaie Locale Complémentaire Citoyenne"
    assert browser_page.title().startswith("Monnaie Locale Complémentaire Citoyenne")
    assert browser_page.locator("h1").count() == 1


def test_map_shows_the_filtered_organisations_when_scripts_run(browser_page):
    _offline(browser_page)
    places = {(o.latitude, o.longitude) for o in _with_theme() if o.latitude is not None}
    browser_page.goto(f"/fr/structures/?theme={THEME}")
    section = browser_page.locator(".directory__map")
    section.wait_for(state="visible")
    markers = browser_page.locator("#directory-map .leaflet-marker-icon")
    assert markers.count() == len(places)
    # Organisations sharing a commune share a marker whose popup lists them all.
    gap = browser_page.locator("#directory-map .leaflet-marker-icon[title*='Udess 05']")
    gap.click()
    popup = browser_page.locator(".leaflet-popup-content")
    popup.wait_for(state="visible")
    assert popup.get_by_role("link", name="Udess 05").get_attribute("href") == (
        "/fr/structures/o/udess-05/"
    )


def test_directory_works_without_javascript(chromium, live_server):
    context = chromium.new_context(base_url=live_server.url, java_script_enabled=False)
    tab = context.new_page()
    _offline(tab)
    try:
        tab.goto("/fr/structures/")
        # The filters fold into a <details> panel, which opens without JavaScript too.
        tab.locator(".filters-panel__summary").click()
        tab.locator("#id_q").fill("pole sante")
        tab.locator(".directory-form button[type=submit]").click()
        tab.wait_for_url("**q=pole+sante*")
        titles = tab.locator(".organisation-card .card__title a").all_inner_texts()
        assert titles == ["Pôle Santé Champsaur Valgaudemar"]
        assert not tab.locator(".directory__map").is_visible()
    finally:
        context.close()
