"""Cells of exported spreadsheets that a spreadsheet program never runs as formulas.

A text that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is a formula to
Excel and LibreOffice when a CSV file is opened: a title typed by anyone (« =HYPERLINK(…) »)
would run on the coordinator's machine. Such a text gets a leading apostrophe, which the programs
show as text; numbers (« -1200.50 ») stay numbers.
"""

import re

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)?")


def formula_safe(value):
    """``value`` unchanged, or with a leading apostrophe if it is a text a program would run."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS) and not NUMBER.fullmatch(value):
        return "'" + value
    return value
