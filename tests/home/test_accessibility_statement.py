"""The accessibility statement (RGAA model) and the footer's compliance mention."""

import pytest

from home.models import SiteSettings

STATEMENT = {
    "fr": "/fr/accessibilite/",
    "en": "/en/accessibility/",
    "it": "/it/accessibilita/",
}


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["fr", "en", "it"])
def test_footer_links_the_statement_in_every_language(client, language):
    html = client.get(f"/{language}/").content.decode()
    footer = html[html.index('<footer class="site-footer"') :]
    assert f'href="{STATEMENT[language]}"' in footer


@pytest.mark.django_db
def test_footer_states_the_compliance_status(client):
    html = client.get("/en/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert f'<a href="{STATEMENT["en"]}">Accessibility: partially compliant</a>' in html


@pytest.mark.django_db
def test_footer_has_no_mention_without_a_statement_page(client):
    settings_ = SiteSettings.load()
    settings_.accessibility_page = None
    settings_.save()
    html = client.get("/en/").content.decode()
    assert STATEMENT["en"] not in html
    assert "partially compliant" not in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "texts"),
    [
        ("fr", ["partiellement conforme", "RGAA", "Défenseur des droits", "7 décembre 2026"]),
        ("en", ["partially compliant", "RGAA", "Défenseur des droits", "7 December 2026"]),
        ("it", ["parzialmente conforme", "RGAA", "Défenseur des droits", "7 dicembre 2026"]),
    ],
)
def test_statement_follows_the_rgaa_model(client, language, texts):
    response = client.get(STATEMENT[language])
    assert response.status_code == 200
    html = response.content.decode()
    for text in texts:
        assert text in html
    # How to report a problem: the contact address; the remedy: the ombudsman's form.
    assert "contact@udess05.example.org" in html
    assert "https://formulaire.defenseurdesdroits.fr/" in html
    # One title, then one section heading per part of the model.
    main = html[html.index("<main") : html.index("</main>")]
    assert main.count("<h1") == 1
    assert main.count("<h2") == 5
