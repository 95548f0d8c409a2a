"""Territories in words: their names and prepositions in French, English and Italian."""

import importlib

import pytest
from django.utils import translation

from projects.network.models import Territory
from projects.network.places import PREPOSITIONS, Place, default_preposition, phrase

# (name, kind) -> what French says without any stored preposition.
FRENCH_DEFAULTS = [
    ("France", "nation", "en France"),
    ("Italie", "nation", "en Italie"),
    ("Luxembourg", "nation", "au Luxembourg"),
    ("Pays-Bas", "nation", "aux Pays-Bas"),
    ("Monaco", "nation", "à Monaco"),
    ("Provence-Alpes-Côte d'Azur", "region", "en Provence-Alpes-Côte d'Azur"),
    ("Auvergne-Rhône-Alpes", "region", "en Auvergne-Rhône-Alpes"),
    ("Grand Est", "region", "dans le Grand Est"),
    ("Hautes-Alpes", "departement", "dans les Hautes-Alpes"),
    ("Alpes-de-Haute-Provence", "departement", "dans les Alpes-de-Haute-Provence"),
    ("Isère", "departement", "dans l'Isère"),
    ("Drôme", "departement", "dans la Drôme"),
    ("Var", "departement", "dans le Var"),
    ("Gap", "commune", "à Gap"),
    ("Le Monêtier-les-Bains", "commune", "au Monêtier-les-Bains"),
    ("Les Orres", "commune", "aux Orres"),
    ("La Roche-de-Rame", "commune", "à La Roche-de-Rame"),
    ("L'Argentière-la-Bessée", "commune", "à L'Argentière-la-Bessée"),
    ("Briançonnais", "pays", "dans le Briançonnais"),
    ("Communauté de communes du Queyras", "epci", "dans la Communauté de communes du Queyras"),
    ("Union européenne", "eu", "dans l'Union européenne"),
    ("Massif des Alpes", "massif", "dans le Massif des Alpes"),
]


@pytest.mark.parametrize(("name", "kind", "expected"), FRENCH_DEFAULTS)
def test_french_default_rule_picks_the_preposition_by_name(name, kind, expected):
    assert Place(name=name, kind=kind).located_in("fr") == expected


@pytest.mark.parametrize(
    ("kind", "english", "italian"),
    [("commune", "in Gap", "a Gap"), ("departement", "in Gap", "in Gap")],
)
def test_english_and_italian_default_rules(kind, english, italian):
    place = Place(name="Gap", kind=kind)
    assert place.located_in("en") == english
    assert place.located_in("it") == italian


def test_stored_names_and_prepositions_win_over_the_rule():
    place = Place(
        name="Hautes-Alpes",
        kind="departement",
        names=(("it", "Alte Alpi"),),
        prepositions=(("fr", "dans les"), ("it", "nelle")),
    )
    assert place.located_in("fr") == "dans les Hautes-Alpes"
    assert place.located_in("it") == "nelle Alte Alpi"
    assert place.located_in("en") == "in Hautes-Alpes"
    assert place.local_name("it") == "Alte Alpi"
    assert place.local_name("en") == "Hautes-Alpes"


def test_the_active_language_is_used_by_default():
    place = Place(name="France", kind="nation", names=(("it", "Francia"),))
    with translation.override("it"):
        assert place.located_in() == "in Francia"
        assert str(place) == "Francia"
    with translation.override("fr"):
        assert place.located_in() == "en France"
    with translation.override("de"):  # not a site language: English
        assert place.located_in() == "in France"


@pytest.mark.parametrize("language", sorted(PREPOSITIONS))
def test_every_default_is_a_choice_the_admin_offers(language):
    for name, kind, _expected in FRENCH_DEFAULTS:
        assert default_preposition(language, name, kind) in PREPOSITIONS[language]


def test_elided_prepositions_take_no_space():
    assert phrase("nell'", "Unione europea") == "nell'Unione europea"
    assert phrase("dans l'", "Isère") == "dans l'Isère"


# The demo's territories, as a project lead reads them in each language.
DEMO_PHRASES = [
    ("france", "en France", "in France", "in Francia"),
    ("italie", "en Italie", "in Italy", "in Italia"),
    ("paca", "en Provence-Alpes-Côte d'Azur", "in Provence-Alpes-Côte d'Azur", None),
    ("hautes-alpes", "dans les Hautes-Alpes", "in Hautes-Alpes", "nelle Alte Alpi"),
    ("cuneo", "dans la Province de Coni", "in the Province of Cuneo", None),
    ("piemonte", "dans le Piémont", "in Piedmont", "in Piemonte"),
    ("eu", "dans l'Union européenne", "in the European Union", "nell'Unione europea"),
    ("gap", "à Gap", "in Gap", "a Gap"),
    ("le-monetier-les-bains", "au Monêtier-les-Bains", "in Le Monêtier-les-Bains", None),
    ("devoluy", "dans le Dévoluy", "in Dévoluy", "nel Dévoluy"),
    ("cc-brianconnais", "dans la Communauté de communes du Briançonnais", None, None),
]


@pytest.mark.django_db
def test_the_demo_territories_read_right_in_three_languages():
    from home.demo.network import load_territories

    territories = load_territories()
    for slug, french, english, italian in DEMO_PHRASES:
        territory = territories[slug]
        assert territory.located_in("fr") == french
        if english:
            assert territory.located_in("en") == english
        if italian:
            assert territory.located_in("it") == italian
    assert territories["paca"].located_in("it") == "in Provenza-Alpi-Costa Azzurra"
    with translation.override("it"):
        assert str(territories["hautes-alpes"]) == "Alte Alpi"


@pytest.mark.django_db
def test_the_data_migration_fills_existing_territories_by_slug():
    from django.apps import apps

    migration = importlib.import_module("projects.migrations.0010_territory_names_prepositions")
    blank = {"in_fr": "", "in_en": "", "in_it": "", "name_it": ""}
    Territory.objects.update_or_create(
        slug="hautes-alpes", defaults={"name": "Hautes-Alpes", "kind": "departement", **blank}
    )
    other = Territory.objects.create(slug="x-drome", name="Drôme", kind="departement")
    migration.fill_places(apps, None)
    filled = Territory.objects.get(slug="hautes-alpes")
    assert (filled.in_fr, filled.in_it, filled.name_it) == ("dans les", "nelle", "Alte Alpi")
    other.refresh_from_db()
    assert other.in_fr == "" and other.located_in("fr") == "dans la Drôme"


def test_templates_print_a_territory_in_the_readers_language():
    from django.template import Context, Template

    territory = Territory(name="Hautes-Alpes", kind="departement", name_it="Alte Alpi")
    template = Template("{{ territory }}")
    with translation.override("it"):
        assert template.render(Context({"territory": territory})) == "Alte Alpi"
    with translation.override("fr"):
        assert template.render(Context({"territory": territory})) == "Hautes-Alpes"
