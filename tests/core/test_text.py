"""Accent folding (core/text.py): in Python, as search terms, and in the database (`Fold`)."""

import pytest

from core.text import Fold, fold, search_terms
from projects.network.models import Organisation
from tests.factories import OrganisationFactory


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
