"""The normaliser shared by documents and queries, and highlighted extracts."""

import pytest

from search.text import highlight, normalise, query_terms


@pytest.mark.parametrize(
    ("a", "b", "language"),
    [
        ("Trésorerie", "tresorerie", "fr"),
        ("TRÉSORERIES", "trésorerie", "fr"),
        ("locaux", "local", "fr"),
        ("réseaux", "réseau", "fr"),
        ("l'économie", "economie", "fr"),
        ("L\u2019association", "associations", "fr"),
        ("activities", "activity", "en"),
        ("premises", "premise", "en"),
        ("progetti", "progetto", "it"),
        ("cooperative", "cooperativa", "it"),
        ("dell'economia", "economia", "it"),
        ("banche", "banca", "it"),
    ],
)
def test_variants_normalise_alike(a, b, language):
    assert normalise(a, language) == normalise(b, language)


def test_distinct_words_stay_distinct():
    assert normalise("local", "fr") != normalise("locataire", "fr")


def test_query_terms_are_distinct_and_bounded():
    assert query_terms("Trésorerie trésoreries TRESORERIE", "fr") == ["tresorerie"]
    assert len(query_terms(" ".join(f"mot{n}" for n in range(50)), "fr")) == 12
    assert query_terms("!!! ??? …", "fr") == []


def test_highlight_marks_words_and_escapes_html():
    html = highlight("<script>x</script> La trésorerie mutualisée", ["tresorerie"], "fr")
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert "<mark>trésorerie</mark>" in html


def test_highlight_cuts_around_the_first_match():
    text = "début " + "mot " * 100 + "trésorerie " + "fin " * 100
    html = highlight(text, ["tresorerie"], "fr")
    assert html.startswith("…")
    assert html.endswith("…")
    assert "<mark>trésorerie</mark>" in html
    assert len(html) < 320
