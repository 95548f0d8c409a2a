"""The directory of organisations: filters, pagination, detail view, map data, query counts."""

import html as html_lib
import json
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Locale, Page
from wagtail.test.utils import WagtailPageTestCase

from core.text import Fold, fold, search_terms
from home.models import HomePage, OrganisationDirectoryPage, WorkingGroupsPage
from projects.network.models import Organisation, Territory, Theme
from tests.factories import OrganisationFactory

LANGUAGES = ["fr", "en", "it"]
DIRECTORY = {"fr": "/fr/structures/", "en": "/en/organisations/", "it": "/it/organizzazioni/"}
# A word only the organisations made by a test carry, to isolate them from the demo's.
MARK = "Zéphyrin"


def _get(client, language: str = "fr", **params):
    return client.get(DIRECTORY[language], params)


def _names(response) -> set[str]:
    """Names of every organisation the filters selected (all pages)."""
    return set(response.context["filter"].qs.values_list("name", flat=True))


def _listed(response) -> list[str]:
    """Names shown on this page of results, in order."""
    html = response.content.decode()
    found = re.findall(r'<h3 class="card__title"><a href="[^"]+">([^<]+)</a></h3>', html)
    return [html_lib.unescape(name) for name in found]


def _map_data(response) -> list[dict]:
    match = re.search(
        r'<script id="map-data" type="application/json">(.*?)</script>',
        response.content.decode(),
        re.S,
    )
    return json.loads(match.group(1)) if match else []


def _canonical(**filters) -> set[str]:
    return set(Organisation.objects.canonical().filter(**filters).values_list("name", flat=True))


@pytest.fixture
def places():
    """Three test organisations: based in Gap, in Briançon, and active on the whole département."""
    gap = Territory.objects.get(slug="gap")
    briancon = Territory.objects.get(slug="briancon")
    departement = Territory.objects.get(slug="hautes-alpes")
    return {
        "gap": OrganisationFactory(name=f"{MARK} de Gap", commune=gap, territories=[gap]),
        "briancon": OrganisationFactory(name=f"{MARK} de Briançon", commune=briancon),
        "departement": OrganisationFactory(name=f"{MARK} départemental", territories=[departement]),
    }


# --- Page type and rendering ------------------------------------------------------------------


class TestDirectoryPageTree(WagtailPageTestCase):
    def test_only_under_the_home_page(self):
        self.assertAllowedParentPageTypes(OrganisationDirectoryPage, {HomePage})
        self.assertAllowedSubpageTypes(OrganisationDirectoryPage, {})

    def test_at_most_one_per_home_page(self):
        home = HomePage.objects.get(locale__language_code="fr")
        self.assertFalse(OrganisationDirectoryPage.can_create_at(home))


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_directory_renders_in_each_language(client, language):
    response = _get(client, language)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert html.count("<h1") == 1
    total = Organisation.objects.canonical().count()
    assert response.context["paginator"].count == total
    assert len(_listed(response)) == OrganisationDirectoryPage.PER_PAGE
    # Every filter has a label.
    for name in ("q", "theme", "territory", "kind", "legal_form", "active"):
        assert f'for="id_{name}"' in html


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_theme_choices_are_named_in_the_visitor_language(client, language):
    html = _get(client, language).content.decode()
    name = {"fr": "Locaux et matériels", "en": "Premises and equipment"}.get(
        language, "Locali e attrezzature"
    )
    assert f'<option value="locaux-materiels">{name}</option>' in html


# --- Filters ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_theme_filter(client):
    theme = Theme.objects.canonical().get(slug="diversification-financiere")
    names = _names(_get(client, theme=theme.slug))
    assert names == _canonical(themes=theme)
    assert "Monnaie Locale Complémentaire Citoyenne" in names
    assert "Locomun" not in names


@pytest.mark.django_db
def test_territory_filter_finds_organisations_inside_the_chosen_territory(client, places):
    names = _names(_get(client, territory="hautes-alpes", q=MARK))
    assert names == {places["gap"].name, places["briancon"].name, places["departement"].name}


@pytest.mark.django_db
def test_territory_filter_finds_organisations_working_on_a_containing_territory(client, places):
    names = _names(_get(client, territory="gap", q=MARK))
    assert names == {places["gap"].name, places["departement"].name}


@pytest.mark.django_db
def test_territory_filter_leaves_out_other_places(client, places):
    names = _names(_get(client, territory="briancon", q=MARK))
    assert names == {places["briancon"].name, places["departement"].name}
    # Without the marker: the demo's Briançon organisations, none of Gap's.
    names = _names(_get(client, territory="briancon"))
    assert "Fondation Edith Seltzer" in names
    assert "Udess 05" not in names


@pytest.mark.django_db
def test_territory_filter_matches_the_intermediate_levels(client, places):
    # The EPCI of Gap holds the commune of Gap, and lies inside the département.
    names = _names(_get(client, territory="ca-gap-tallard-durance", q=MARK))
    assert names == {places["gap"].name, places["departement"].name}


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["enterprise", "institution"])
def test_kind_filter(client, kind):
    names = _names(_get(client, kind=kind))
    assert names == _canonical(kind=kind)
    assert ("SMITCOM" in names) is (kind == "institution")


@pytest.mark.django_db
def test_legal_form_filter(client):
    names = _names(_get(client, legal_form="scop"))
    assert names == {"Créacoop", "Ergologic"}


@pytest.mark.django_db
def test_active_members_filter(client):
    response = _get(client, active="on")
    assert _names(response) == _canonical(is_active_member=True)
    assert "Adrets" not in _names(response)  # not an active member
    assert 'id="id_active" checked' in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("pole sante", "Pôle Santé Champsaur Valgaudemar"),
        ("PÔLE SANTÉ", "Pôle Santé Champsaur Valgaudemar"),
        ("Pôle santé", "Pôle Santé Champsaur Valgaudemar"),
        ("brianconnais", "MJC centre social Briançonnais"),
        ("BRIANÇONNAIS", "MJC centre social Briançonnais"),
        ("boite a editer", "La Boîte à Editer"),
        ("ludotheque", "Ludambule"),  # in the description: « Ludothèque itinérante. »
        ("  itinérante   LUDOTHÈQUE ", "Ludambule"),  # every word, in any order
    ],
)
def test_text_filter_ignores_accents_and_case(client, query, expected):
    response = _get(client, q=query)
    assert expected in _names(response)
    assert expected in _listed(response)


@pytest.mark.django_db
def test_text_filter_needs_every_word(client):
    assert _names(_get(client, q="pole sante")) == {"Pôle Santé Champsaur Valgaudemar"}
    assert _names(_get(client, q="pole nowhere-to-be-found")) == set()


@pytest.mark.django_db
def test_text_filter_searches_the_description_in_the_visitor_language(client):
    # The demo translates Fréquence Mistral's description: « Local community radio. »
    assert "Fréquence Mistral" in _names(_get(client, "en", q="community"))
    assert "Fréquence Mistral" not in _names(_get(client, "fr", q="community"))


@pytest.mark.django_db
def test_filters_combine(client, places):
    names = _names(_get(client, territory="gap", q=MARK, kind="institution"))
    assert names == set()
    places["departement"].kind = Organisation.Kind.INSTITUTION
    places["departement"].save()
    names = _names(_get(client, territory="gap", q=MARK, kind="institution"))
    assert names == {places["departement"].name}


@pytest.mark.django_db
def test_result_count_is_in_the_heading(client):
    response = _get(client, legal_form="scop")
    heading = re.search(
        r'<h2 id="results-heading">(.*?)</h2>', response.content.decode(), re.S
    ).group(1)
    assert "2" in heading


@pytest.mark.django_db
def test_no_result_says_so(client):
    response = _get(client, q="nowhere-to-be-found")
    assert response.status_code == 200
    assert _listed(response) == []
    assert "Aucune structure ne correspond à ces filtres." in response.content.decode()


# --- Pagination -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_pagination_keeps_the_filters(client):
    expected = _canonical(kind="enterprise")
    assert len(expected) > OrganisationDirectoryPage.PER_PAGE
    first = _get(client, kind="enterprise")
    assert 'href="?kind=enterprise&amp;page=2"' in first.content.decode()
    second = _get(client, kind="enterprise", page=2)
    seen = _listed(first) + _listed(second)
    pages = first.context["paginator"].num_pages
    for number in range(3, pages + 1):
        seen += _listed(_get(client, kind="enterprise", page=number))
    assert len(seen) == len(set(seen))
    assert set(seen) == expected


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("page", "number"), [("abc", 1), ("2", 2), ("999", 3), ("0", 3), ("-1", 3)]
)
def test_odd_page_numbers_fall_back_to_a_real_page(client, page, number):
    response = _get(client, page=page)
    assert response.status_code == 200
    assert response.context["page_obj"].number == number


# --- Bad input --------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"theme": "no-such-theme"}, "theme"),
        ({"territory": "atlantis"}, "territory"),
        ({"kind": "robot"}, "kind"),
        ({"legal_form": "<script>"}, "legal_form"),
        ({"q": "x" * 101}, "q"),
        ({"q": "nul\x00byte"}, "q"),
    ],
)
def test_bad_filter_values_give_a_helpful_page(client, params, field):
    response = _get(client, **params)
    assert response.status_code == 400
    html = response.content.decode()
    assert 'class="form-errors"' in html
    assert f'href="#id_{field}"' in html  # the error summary links to the field
    assert 'aria-invalid="true"' in html
    assert "<script>" not in html  # what was typed is escaped
    # The other filters still apply and the list still shows.
    assert response.context["paginator"].count == Organisation.objects.canonical().count()


@pytest.mark.django_db
def test_a_bad_value_keeps_the_valid_filters(client):
    response = _get(client, theme="no-such-theme", legal_form="scop")
    assert response.status_code == 400
    assert _names(response) == {"Créacoop", "Ergologic"}
    assert '<option value="scop" selected>' in response.content.decode()


@pytest.mark.django_db
def test_repeated_and_unknown_parameters_are_harmless(client):
    response = client.get(DIRECTORY["fr"] + "?kind=enterprise&kind=institution&utm_source=x")
    assert response.status_code == 200
    assert _names(response) == _canonical(kind="institution")


# --- Detail view ------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_detail_view(client, language):
    response = client.get(f"{DIRECTORY[language]}o/udess-05/")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert '<h1 id="organisation-name">Udess 05</h1>' in html
    assert re.search(r"<title>Udess 05 · [^<]+</title>", html)
    assert f'<html lang="{language}">' in html


@pytest.mark.django_db
def test_detail_view_shows_the_description_in_the_visitor_language(client):
    organisation = Organisation.objects.canonical().get(name="ADELHA")
    english = organisation.copy_for_translation(Locale.objects.get(language_code="en"))
    english.description = "A network pooling resources between organisations."
    english.save()
    english_html = client.get(f"{DIRECTORY['en']}o/adelha/").content.decode()
    assert "A network pooling resources between organisations." in english_html
    italian_html = client.get(f"{DIRECTORY['it']}o/adelha/").content.decode()
    assert organisation.description.replace("'", "&#x27;") in italian_html  # no translation yet


@pytest.mark.django_db
# Wagtail 7.4 leaves the SpooledTemporaryFile of a new rendition to the garbage collector.
@pytest.mark.filterwarnings("ignore:Unclosed file <tempfile.SpooledTemporaryFile:ResourceWarning")
def test_detail_view_lists_everything_known_about_the_organisation(client):
    organisation = Organisation.objects.canonical().get(name="Locomun")
    organisation.website = "https://locomun.example.org/"
    organisation.email = "bonjour@locomun.example.org"
    organisation.logo = Image.objects.create(title="Locomun logo", file=get_test_image_file())
    organisation.save()
    html = client.get(f"{DIRECTORY['en']}o/locomun/").content.decode()
    assert '<a href="mailto:bonjour@locomun.example.org">' in html
    assert 'href="https://locomun.example.org/"' in html
    assert re.search(r'<img[^>]+alt="[^"]*Locomun[^"]*"', html)
    assert "Premises and equipment" in html  # its theme, in English
    assert ">Gap</a>" in html  # its commune, linked to the directory filtered on it
    assert 'href="/en/organisations/?territory=gap"' in html
    # The working group it leads, linked to the working groups page.
    groups_page = WorkingGroupsPage.objects.get(locale__language_code="en")
    assert f'href="{groups_page.url}#group-locaux-materiels"' in html
    assert "Premises and equipment group" in html


@pytest.mark.django_db
def test_detail_view_language_links_stay_on_the_organisation(client):
    html = client.get(f"{DIRECTORY['fr']}o/locomun/").content.decode()
    assert 'href="/it/organizzazioni/o/locomun/" lang="it"' in html
    assert 'hreflang="en" href="http://testserver/en/organisations/o/locomun/"' in html


@pytest.mark.django_db
@pytest.mark.parametrize("slug", ["no-such-organisation", "UDESS-05"])
def test_detail_view_of_an_unknown_organisation_is_a_404(client, slug):
    response = client.get(f"{DIRECTORY['fr']}o/{slug}/")
    assert response.status_code == 404


@pytest.mark.django_db
def test_detail_view_only_serves_canonical_organisations(client):
    organisation = Organisation.objects.canonical().get(name="Udess 05")
    english = organisation.get_translation(Locale.objects.get(language_code="en"))
    Organisation.objects.filter(pk=english.pk).update(slug="english-only-slug")
    assert client.get(f"{DIRECTORY['en']}o/english-only-slug/").status_code == 404


# --- Map --------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_map_data_lists_exactly_the_filtered_organisations_with_coordinates(client, places):
    points = _map_data(_get(client, q=MARK))
    gap = Territory.objects.get(slug="gap")
    briancon = Territory.objects.get(slug="briancon")
    assert sorted(points, key=lambda p: p["name"]) == [
        {
            "name": places["briancon"].name,
            "url": f"/fr/structures/o/{places['briancon'].slug}/",
            "lat": float(briancon.latitude),
            "lng": float(briancon.longitude),
        },
        {
            "name": places["gap"].name,
            "url": f"/fr/structures/o/{places['gap'].slug}/",
            "lat": float(gap.latitude),
            "lng": float(gap.longitude),
        },
    ]  # the départemental one has no location: listed, not on the map


@pytest.mark.django_db
def test_map_data_covers_every_page_of_results(client):
    response = _get(client)
    expected = Organisation.objects.canonical().exclude(latitude=None).count()
    assert len(_map_data(response)) == expected > OrganisationDirectoryPage.PER_PAGE


@pytest.mark.django_db
def test_map_is_progressive_enhancement(client):
    html = _get(client).content.decode()
    # Hidden until the script shows it; labelled; scripts are files, never inline code.
    assert re.search(r'<section class="directory__map"[^>]*hidden', html)
    assert 'aria-label="Carte des structures de la liste"' in html
    assert 'data-tile-url="https://tile.openstreetmap.org/{z}/{x}/{y}.png"' in html
    assert "/static/vendor/leaflet/leaflet.js" in html
    assert "/static/js/directory-map.js" in html
    inline = re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>", html)
    assert inline == [' id="map-data" type="application/json"']
    # The list comes before the map.
    assert html.index('id="results-heading"') < html.index('id="directory-map"')


@pytest.mark.django_db
def test_map_tiles_come_from_settings(client, settings):
    settings.MAP_TILE_URL = "https://tiles.example.org/{z}/{x}/{y}.png"
    settings.MAP_TILE_ATTRIBUTION = "Example tiles"
    html = _get(client).content.decode()
    assert 'data-tile-url="https://tiles.example.org/{z}/{x}/{y}.png"' in html
    assert 'data-tile-attribution="Example tiles"' in html


@pytest.mark.django_db
def test_map_data_is_escaped(client):
    OrganisationFactory(
        name=f"{MARK} </script><script>alert(1)</script>",
        commune=Territory.objects.get(slug="gap"),
    )
    response = _get(client, q=MARK)
    assert "<script>alert(1)" not in response.content.decode()
    assert _map_data(response)[0]["name"].endswith("</script><script>alert(1)</script>")


# --- Query counts -----------------------------------------------------------------------------


def _populate(count: int) -> None:
    themes = list(Theme.objects.canonical())
    communes = list(Territory.objects.filter(kind=Territory.Kind.COMMUNE))
    for n in range(count):
        commune = communes[n % len(communes)]
        OrganisationFactory(
            name=f"{MARK} {n:03d}",
            commune=commune,
            themes=themes[n % 3 : n % 3 + 2],
            territories=[commune],
            is_active_member=bool(n % 2),
        )


def _queries(client, **params) -> int:
    with CaptureQueriesContext(connection) as context:
        response = _get(client, **params)
    assert response.status_code == 200
    return len(context.captured_queries)


@pytest.mark.django_db
@pytest.mark.parametrize("params", [{"q": MARK}, {"q": MARK, "theme": "locaux-materiels"}])
def test_directory_queries_do_not_grow_with_organisations(client, params):
    _populate(10)
    _get(client)  # warm Wagtail's site and route caches
    few = _queries(client, **params)
    _populate(190)
    many = _queries(client, **params)
    assert many == few


@pytest.mark.django_db
def test_detail_view_queries_do_not_grow_with_working_groups(client, django_assert_max_num_queries):
    client.get(f"{DIRECTORY['fr']}o/udess-05/")
    with CaptureQueriesContext(connection) as context:
        client.get(f"{DIRECTORY['fr']}o/udess-05/")
    with django_assert_max_num_queries(len(context.captured_queries)):
        client.get(f"{DIRECTORY['fr']}o/adelha/")


# --- Text folding -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Pôle Santé", "pole sante"),
        ("ÉCHANGES", "echanges"),
        ("L\u2019Argentière-la-Bessée", "l'argentiere-la-bessee"),  # typographic apostrophe
        ("Œuvre Cœur", "oeuvre coeur"),
        ("Città di Cuneo", "citta di cuneo"),
    ],
)
def test_fold(text, folded):
    assert fold(text) == folded


def test_search_terms_are_folded_words():
    assert search_terms("  Pôle   SANTÉ ") == ["pole", "sante"]
    assert search_terms("") == []
    assert len(search_terms("a " * 50)) == 8


@pytest.mark.django_db
def test_fold_in_the_database_matches_python():
    name = "Œuvre L\u2019ÉCOLE Città Ñandú Straße"
    organisation = OrganisationFactory(name=name)
    value = (
        Organisation.objects.filter(pk=organisation.pk)
        .annotate(folded=Fold("name"))
        .values_list("folded", flat=True)
        .get()
    )
    assert value == fold(name) == "oeuvre l'ecole citta nandu strasse"


# --- Demo -------------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/fr/structures/",
        "/en/organisations/",
        "/it/organizzazioni/",
        "/fr/groupes-de-travail/",
        "/en/working-groups/",
        "/it/gruppi-di-lavoro/",
        "/fr/tableau-de-bord/",
        "/en/dashboard/",
        "/it/cruscotto/",
    ],
)
def test_demo_pages_exist_in_every_language(client, url):
    assert client.get(url).status_code == 200


@pytest.mark.django_db
def test_demo_pages_are_linked_translations():
    for model in (OrganisationDirectoryPage, WorkingGroupsPage):
        french = model.objects.get(locale__language_code="fr")
        assert french.get_translations().count() == 2


@pytest.mark.django_db
def test_main_menu_links_the_sections_in_order(client):
    html = client.get("/en/").content.decode()
    menu = html.split('class="main-nav__list"')[1].split("</ul>")[0]
    positions = [
        menu.index(f'href="{url}"')
        for url in ("/en/organisations/", "/en/working-groups/", "/en/dashboard/", "/en/take-part/")
    ]
    assert positions == sorted(positions)


def test_coordinates_are_rounded_floats():
    from home.directory import _coordinate

    assert _coordinate(Decimal("44.559444")) == 44.55944


@pytest.mark.django_db
def test_unpublished_directory_is_not_linked(client):
    directory = OrganisationDirectoryPage.objects.get(locale__language_code="en")
    directory.unpublish()
    html = client.get("/en/working-groups/").content.decode()
    # Falls back to the French directory, still live.
    assert 'href="/fr/structures/o/locomun/"' in html
    Page.objects.filter(pk__in=OrganisationDirectoryPage.objects.values("pk")).update(live=False)
    html = client.get("/en/working-groups/").content.decode()
    assert "/o/locomun/" not in html
    assert ">Locomun<" in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    "model", ["OrganisationDirectoryPage", "WorkingGroupsPage", "DashboardPage"]
)
def test_editors_can_open_the_page_in_the_admin(admin_client, model):
    from django.apps import apps

    page = apps.get_model("home", model).objects.get(locale__language_code="fr")
    response = admin_client.get(f"/admin/pages/{page.pk}/edit/")
    assert response.status_code == 200
    assert 'name="intro"' in response.content.decode()
