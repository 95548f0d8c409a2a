"""The catalogue's clock: calls are French and Italian programmes, read in Paris time."""

import datetime
from zoneinfo import ZoneInfo

from django.utils import timezone

# Calls are French and Italian programmes: their dates are shown and exported in Paris time.
CALL_TIMEZONE = ZoneInfo("Europe/Paris")
# A call closing within this many days is "closing soon".
CLOSING_SOON_DAYS = 14


def start_of_day(day: datetime.date) -> datetime.datetime:
    """Midnight at the start of ``day`` in Paris time, as an aware datetime."""
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=CALL_TIMEZONE)


def end_of_day(day: datetime.date) -> datetime.datetime:
    """23:59:59 on ``day`` in Paris time: a deadline given as a date."""
    return datetime.datetime.combine(day, datetime.time(23, 59, 59), tzinfo=CALL_TIMEZONE)


def paris_today(now: datetime.datetime | None = None) -> datetime.date:
    return timezone.localtime(now or timezone.now(), CALL_TIMEZONE).date()
