"""The site's one accent folding (`core.text.fold`), its database twin `Fold`, and its users:
the search layer's normaliser and the import's mapping keys."""

import pytest
from django.db.models import TextField, Value
from django.db.models.functions import Cast

from core.text import DATABASE_FOLDED, Fold, fold, search_terms
from funding.catalogue.importing import mapping_key
from projects.network.models import Organisation, Theme
from search.text import normalise
from tests.factories import OrganisationFactory

TRICKY = [
    ("Œuvre", "oeuvre"),
    ("Cœur d\N{RIGHT SINGLE QUOTATION MARK}Æther", "coeur d'aether"),
    ("Saint-Étienne-en-Dévoluy", "saint-etienne-en-devoluy"),
    ("L\N{RIGHT SINGLE QUOTATION MARK}Argentière-la-Bessée", "l'argentiere-la-bessee"),
    ("L\N{MODIFIER LETTER APOSTROPHE}Argentière", "l'argentiere"),
    ("D\N{ACUTE ACCENT}ici", "d'ici"),
    ("Straße", "strasse"),
    ("STRASSE", "strasse"),
    ("\N{LATIN CAPITAL LETTER SHARP S}", "ss"),
    ("Søren Ørsted", "soren orsted"),
    ("Città Ñandú Çà", "citta nandu ca"),
    ("Łódź", "łodz"),  # ł does not decompose: lower-cased, kept
    ("e\N{COMBINING ACUTE ACCENT}cole", "ecole"),  # text typed decomposed (macOS)
    ("ﬁnance²", "finance2"),  # compatibility forms
    ("İstanbul", "istanbul"),
    ("Pôle\N{NO-BREAK SPACE}: santé", "pole : sante"),
    ("Ελληνικά", "ελληνικα"),
    ("", ""),
    (None, None),
]


@pytest.mark.parametrize(("text", "folded"), TRICKY)
def test_fold(text, folded):
    assert fold(text) == folded


def test_fold_is_stable_on_folded_text():
    for text, folded in TRICKY:
        assert fold(folded) == folded, text


COVERED = set(DATABASE_FOLDED) | {chr(code) for code in range(32, 127)}


@pytest.mark.django_db
def test_fold_in_the_database_matches_python_for_every_covered_character():
    """On SQLite `Fold` calls `fold`; on PostgreSQL it is translate() and replace() with tables
    computed from `fold`: both must give `fold`'s answer for the characters it covers."""
    step = 16
    samples = [DATABASE_FOLDED[i : i + step] for i in range(0, len(DATABASE_FOLDED), step)]
    covered = [text for text, _ in TRICKY if text and set(text) <= COVERED]
    assert len(covered) > 10
    samples += covered
    theme = Theme.objects.canonical().first()
    expressions = {
        f"f{n}": Fold(Cast(Value(sample), output_field=TextField()))
        for n, sample in enumerate(samples)
    }
    row = Theme.objects.filter(pk=theme.pk).values(**expressions).get()
    found = {samples[int(key[1:])]: value for key, value in row.items()}
    assert found == {sample: fold(sample) for sample in samples}


def test_the_search_normaliser_folds_with_the_shared_function():
    assert normalise("Œuvres de Saint-Étienne", "fr") == "oeuvre de saint etienne"
    assert normalise("L\N{RIGHT SINGLE QUOTATION MARK}Économie à Straße", "fr") == (
        "economie a strasse"
    )


@pytest.mark.parametrize(
    ("value", "key"),
    [
        ("  Dépenses d\N{RIGHT SINGLE QUOTATION MARK}INVESTISSEMENT ", "depenses d'investissement"),
        ("Cœur de Savoie", "coeur de savoie"),
        ("Fi\N{SOFT HYPHEN}nance soli\N{ZERO WIDTH SPACE}daire", "finance solidaire"),
        ("Région\N{NO-BREAK SPACE}Sud", "region sud"),
        (73, "73"),
    ],
)
def test_the_import_keys_are_folded_with_the_shared_function(value, key):
    assert mapping_key(value) == key


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
def test_fold_of_everyday_names(text, folded):
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
