"""E-mail subjects on one line (core/mail.py)."""

import pytest

from core.mail import subject_line


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("Un atelier\npartagé", "Un atelier partagé"),
        ("  Deux\r\n lignes\t et  plus ", "Deux lignes et plus"),
        ("Déjà sur une ligne", "Déjà sur une ligne"),
    ],
)
def test_subject_line(text, line):
    assert subject_line(text) == line
