"""Exported cells never run as formulas in a spreadsheet program (core/spreadsheets.py)."""

import pytest

from core.spreadsheets import formula_safe


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ('=HYPERLINK("http://evil.example","x")', '\'=HYPERLINK("http://evil.example","x")'),
        ("+33 4 92 00 00 00", "'+33 4 92 00 00 00"),
        ("-A1+1", "'-A1+1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("Atelier partagé", "Atelier partagé"),
        ("-1200.50", "-1200.50"),
        ("+12", "+12"),
        ("", ""),
        (None, None),
        (12, 12),
    ],
)
def test_formula_safe(value, written):
    assert formula_safe(value) == written
