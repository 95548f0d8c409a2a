"""Every page type renders in each language; the shell (menu, switcher, footer) follows it."""

import pytest
from wagtail.models import Locale, Page
from wagtail.test.utils import WagtailPageTestCase

from home.models import HomePage, MainMenu, StandardPage

LANGUAGES = ["fr", "en", "it"]

HOME_HEADINGS = {
    "fr": "Coopérer pour faire vivre l'économie sociale et solidaire des Hautes-Alpes",
    "en": "Cooperating to keep the social and solidarity economy of the Hautes-Alpes alive",
    "it": "Cooperare per far vivere l'economia sociale e solidale delle Hautes-Alpes",
}
TAKE_PART = {"fr": "/fr/participer/", "en": "/en/take-part/", "it": "/it/partecipare/"}


def _page(model, language: str):
    return model.objects.live().get(
        locale__language_code=language, **({} if model is HomePage else {"slug": _slug(language)})
    )


def _slug(language: str) -> str:
    return TAKE_PART[language].strip("/").split("/")[1]


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("model", [HomePage, StandardPage])
def test_every_page_type_renders_in_each_language(client, model, language):
    page = _page(model, language)
    response = client.get(page.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert html.count("<h1") == 1
    assert 'href="#main"' in html  # skip link


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_home_page_shows_the_seed_figures_in_its_language(client, language):
    response = client.get(f"/{language}/")
    html = response.content.decode()
    assert HOME_HEADINGS[language].replace("'", "&#x27;") in html or HOME_HEADINGS[language] in html
    assert "850" in html
    assert {"fr": "6 381", "en": "6,381", "it": "6.381"}[language] in html
    assert "Insee" in html


@pytest.mark.django_db
def test_translations_are_linked_to_the_french_source():
    french = HomePage.objects.get(locale__language_code="fr")
    for language in ("en", "it"):
        translation = french.get_translation(Locale.objects.get(language_code=language))
        assert translation.translation_key == french.translation_key
        assert translation.live


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("accept", "target"),
    [("it-IT,it;q=0.9", "/it/"), ("en-GB,en;q=0.8", "/en/"), ("de-DE", "/fr/"), ("", "/fr/")],
)
def test_root_redirects_by_accept_language(client, accept, target):
    headers = {"HTTP_ACCEPT_LANGUAGE": accept} if accept else {}
    response = client.get("/", **headers)
    assert response.status_code == 302
    assert response["Location"] == target


@pytest.mark.django_db
def test_language_switcher_targets_the_translation(client):
    html = client.get("/fr/participer/").content.decode()
    assert 'href="/it/partecipare/" lang="it"' in html
    assert 'href="/en/take-part/" lang="en"' in html


@pytest.mark.django_db
def test_language_switcher_falls_back_to_home_without_translation(client):
    home = HomePage.objects.get(locale__language_code="fr")
    lonely = home.add_child(instance=StandardPage(title="Seulement en français", slug="seul"))
    lonely.save_revision().publish()
    html = client.get("/fr/seul/").content.decode()
    assert 'href="/it/" lang="it"' in html
    assert 'hreflang="it" href' not in html  # no hreflang alternate for a missing translation


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "label"), [("fr", "Participer"), ("en", "Take part"), ("it", "Partecipare")]
)
def test_main_menu_is_per_language(client, language, label):
    html = client.get(f"/{language}/").content.decode()
    assert f'<a href="{TAKE_PART[language]}">{label}</a>' in html
    assert MainMenu.objects.filter(locale__language_code=language).count() == 1


@pytest.mark.django_db
def test_footer_links_legal_pages_in_the_current_language(client):
    html = client.get("/it/").content.decode()
    assert 'href="/it/note-legali/"' in html
    assert 'href="/it/riservatezza/"' in html


@pytest.mark.django_db
def test_unknown_address_gets_the_site_404(client):
    response = client.get("/en/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
    assert response.content.decode().count("<h1") == 1


@pytest.mark.django_db
def test_500_template_renders_without_a_request():
    from django.template.loader import render_to_string

    html = render_to_string("500.html")
    assert "Erreur du serveur" in html and "Server error" in html and "Errore del server" in html


class TestPageTree(WagtailPageTestCase):
    def test_home_page_only_at_the_root(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})

    def test_standard_page_under_home_or_standard(self):
        self.assertAllowedParentPageTypes(StandardPage, {HomePage, StandardPage})
