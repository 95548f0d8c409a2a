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


def protect_wagtail_exports() -> None:
    """Make every CSV export of Wagtail's admin write ``formula_safe`` cells.

    Wagtail turns formulas into text in its XLSX exports, not in its CSV ones, which carry text
    typed by anyone: the contact form's submissions, the names and titles of the reports (site
    history, locked pages) and of the listings that export. One change to the mixin they all
    share (``SpreadsheetExportMixin.write_csv_row``) covers them, and the views to come;
    ``formula_safe`` leaves an already protected value as it is. Called once, by
    ``CoreConfig.ready``.
    """
    from wagtail.admin.views.mixins import SpreadsheetExportMixin

    if getattr(SpreadsheetExportMixin.write_csv_row, "formula_safe", False):
        return

    def write_csv_row(self, writer, row_dict):
        # Wagtail's own method, with each preprocessed value made formula-safe.
        return writer.writerow(
            {
                field: formula_safe(self.preprocess_field_value(field, value, self.FORMAT_CSV))
                for field, value in row_dict.items()
            }
        )

    write_csv_row.formula_safe = True
    SpreadsheetExportMixin.write_csv_row = write_csv_row
