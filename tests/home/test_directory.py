"""The directory of organisations: page type, rendering, filters, pagination, bad input, map
data, query counts. The organisation's page is tested in `test_directory_detail.py`."""

import html as html_lib
import json
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.test.utils import WagtailPageTestCase

from home.models import HomePage, OrganisationDirectoryPage
from projects.network.models import Organisation, Territory, Theme
from tests.factories import OrganisationFactory
from tests.home.directory import DIRECTORY, LANGUAGES

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


def test_coordinates_are_rounded_floats():
    from home.directory import _coordinate

    assert _coordinate(Decimal("44.559444")) == 44.55944


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
