"""Dates read right in each language: Italian months in lower case (core/month_names.py)."""

import datetime

import pytest
from django.utils import translation
from django.utils.formats import date_format

DAY = datetime.date(2027, 3, 17)


@pytest.mark.parametrize(
    ("language", "expected"),
    [("it", "17 marzo 2027"), ("fr", "17 mars 2027"), ("en", "March 17, 2027")],
)
def test_dates_name_their_month_as_the_language_writes_it(language, expected):
    with translation.override(language):
        assert date_format(DAY, "DATE_FORMAT") == expected
        assert (
            date_format(DAY, "j E Y").split()[1] == expected.split()[1 if language != "en" else 0]
        )
