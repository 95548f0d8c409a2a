"""Words of the matcher's reasons: territories with their preposition, Italian elision."""

from decimal import Decimal

import pytest
from django.utils import translation

from funding.matching.scoring.reasons import PART_MESSAGES
from funding.matching.wording import elides_before, located_in
from projects.network.places import Place

HAUTES_ALPES = Place(
    name="Hautes-Alpes",
    kind="departement",
    names=(("it", "Alte Alpi"),),
    prepositions=(("fr", "dans les"), ("en", "in"), ("it", "nelle")),
)


@pytest.mark.parametrize(
    ("language", "expected"),
    [("fr", "dans les Hautes-Alpes"), ("en", "in Hautes-Alpes"), ("it", "nelle Alte Alpi")],
)
def test_located_in_renders_in_the_language_active_at_display(language, expected):
    where = located_in(HAUTES_ALPES)  # built once, shown in each language
    with translation.override(language):
        assert str(where) == expected


def test_located_in_a_bare_name_uses_the_default_rule():
    with translation.override("fr"):
        assert str(located_in("Isère")) == "dans l'Isère"


@pytest.mark.parametrize(
    ("value", "elides"),
    [
        (1, True),
        (8, True),
        (11, True),
        (80, True),
        (Decimal("85.5"), True),
        (800, True),
        (11000, True),
        (10, False),
        (18, False),
        (20, False),
        (50, False),
        (100, False),
        (110, False),
        (1000, False),
    ],
)
def test_italian_elides_the_article_before_numbers_read_with_a_vowel(value, elides):
    assert elides_before(value) is elides


@pytest.mark.parametrize("rate", [Decimal("80"), Decimal("50")])
def test_cofinancing_message_reads_the_same_in_english_whatever_the_context(rate):
    detail = {"rate_max": rate, "eligible": Decimal("10000")}
    with translation.override("en"):
        text = str(PART_MESSAGES["cofinancing"](detail))
    assert text.startswith(f"up to {rate:.0f}\u00a0% of 10,000\u00a0€ of eligible costs")
