"""Browser: an editor picks an organisation's territories in the admin, from the keyboard with the
searchable picker, and without JavaScript with the native control."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from projects.network.models import Organisation, Territory
from tests.browser.fixtures import sign_in
from tests.factories import DEFAULT_PASSWORD, OrganisationFactory, UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def organisation() -> Organisation:
    UserFactory(email="root@example.org", is_superuser=True, is_staff=True)
    return OrganisationFactory(name="Structure du test navigateur")


def _edit_url(organisation: Organisation) -> str:
    return reverse("wagtailsnippets_projects_organisation:edit", args=[organisation.pk])


def _save(tab) -> None:
    tab.locator("form button[type=submit]", has_text="Enregistrer").first.click()
    tab.wait_for_url("**/admin/snippets/projects/organisation/")


def test_an_editor_picks_two_places_with_the_keyboard(browser_page, organisation):
    tab = browser_page
    sign_in(tab, "root@example.org", DEFAULT_PASSWORD)
    tab.goto(_edit_url(organisation))

    control = tab.locator("#id_territories-ts-control")
    control.focus()
    assert tab.locator("label[for='id_territories-ts-control']").count() == 1  # still labelled
    active = tab.locator(".ts-dropdown .option.active")
    tab.keyboard.type("gap")
    expect(active.locator(".searchable-option__name")).to_have_text("Gap")
    expect(active.locator(".searchable-option__path")).to_contain_text("Hautes-Alpes")
    tab.keyboard.press("Enter")
    tab.keyboard.type("hautes alpes")
    expect(active.locator(".searchable-option__name")).to_have_text("Hautes-Alpes")
    tab.keyboard.press("Enter")
    tab.keyboard.press("Escape")
    chosen = tab.locator(".ts-wrapper.multi .ts-control > [data-value]").all_inner_texts()
    assert [text.replace("\u00d7", "").strip() for text in chosen] == ["Gap", "Hautes-Alpes"]

    _save(tab)
    organisation.refresh_from_db()
    assert set(organisation.territories.values_list("name", flat=True)) == {"Gap", "Hautes-Alpes"}


def test_without_javascript_the_native_select_does_the_job(chromium, live_server, organisation):
    context = chromium.new_context(
        base_url=live_server.url, locale="fr-FR", java_script_enabled=False
    )
    tab = context.new_page()
    try:
        sign_in(tab, "root@example.org", DEFAULT_PASSWORD)
        tab.goto(_edit_url(organisation))
        select = tab.locator("select#id_territories")
        assert select.is_visible()
        ids = [
            str(Territory.objects.get(name=name).pk) for name in ("Briançon", "Embrun", "Veynes")
        ]
        select.select_option(ids)
        _save(tab)
        organisation.refresh_from_db()
        assert set(organisation.territories.values_list("name", flat=True)) == {
            "Briançon",
            "Embrun",
            "Veynes",
        }
    finally:
        context.close()
