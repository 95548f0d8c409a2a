"""The one-line validator (core/validators.py): what it refuses and what it lets through."""

import pytest
from django.core.exceptions import ValidationError

from core.validators import OneLineValidator, is_one_line, one_line


@pytest.mark.parametrize(
    "value",
    [
        "Titre\nsuite",
        "Titre\r\nsuite",
        "Titre\rsuite",
        "Titre\tsuite",
        "Titre\x00",
        "\x1b[31mrouge",
        "Titre\x7f",
        "Titre\x85suite",  # NEL, a C1 line break
        "Titre\x9b",
        "Titre\u2028suite",  # line separator
        "Titre\u2029suite",  # paragraph separator
        "\vTitre",
        "\fTitre",
    ],
)
def test_line_breaks_and_control_characters_are_refused(value):
    with pytest.raises(ValidationError) as error:
        one_line(value)
    assert error.value.code == "one_line"
    assert not is_one_line(value)


@pytest.mark.parametrize(
    "value",
    [
        "",
        "Atelier partagé à Gap",
        "Salle « Les Écrins » : 20 places ; réservation ?",
        "Coopérative\u00a0d'activité",  # non-breaking space
        "Ƶ 🚐 Camionnette — 9 places",
        "Fondazione Comunitaria del Piemonte",
        "   ",
    ],
)
def test_ordinary_text_passes(value):
    one_line(value)
    assert is_one_line(value)


def test_the_validator_is_one_value_for_migrations():
    assert OneLineValidator() == one_line
    assert one_line.deconstruct() == ("core.validators.OneLineValidator", (), {})
