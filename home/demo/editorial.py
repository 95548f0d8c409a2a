"""Helpers of the demo's editorial sections (exchanges, news, contact).

Demo items are written in French; those that the demo also translates give each text as a
(French, English, Italian) triple, which `Catalogue` records for `translate_everywhere`.
"""

import datetime
from html import escape
from zoneinfo import ZoneInfo

from django.utils import timezone

from home.demo.i18n import Catalogue

PARIS = ZoneInfo("Europe/Paris")

Text = str | tuple[str, str, str]


def text(value: Text, t: Catalogue) -> str:
    """The French text; a triple's translations are remembered by the catalogue."""
    return t(*value) if isinstance(value, tuple) else value


def rich_paragraphs(values: list[Text], t: Catalogue) -> str:
    """Rich text of plain paragraphs (each one a translation segment when translated)."""
    if values and all(isinstance(v, tuple) for v in values):
        return t.paragraphs(*values)
    return "".join(f"<p>{escape(text(v, t), quote=False)}</p>" for v in values)


def is_translated(*values: Text) -> bool:
    return all(isinstance(v, tuple) for v in values if v)


def paris_time(days: int, hour: int, minute: int = 0) -> datetime.datetime:
    """A moment ``days`` after today (negative: before) at a Paris wall-clock time."""
    day = timezone.localdate(timezone=PARIS) + datetime.timedelta(days=days)
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=PARIS)
