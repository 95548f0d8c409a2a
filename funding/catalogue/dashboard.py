"""What the coordinators' dashboard lists about the catalogue: the calls closing soon, the
nearest deadline first.

Two queries whatever their number; the panel is registered in `funding/wagtail_hooks.py`.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.utils import timezone

from funding.catalogue.models import FundingCall

# The dashboard warns of calls closing within this many days.
CLOSING_WITHIN_DAYS = 14


@dataclass(frozen=True)
class CallQueue:
    calls: list[FundingCall]
    total: int


def calls_closing_soon(
    limit: int, *, days: int = CLOSING_WITHIN_DAYS, now: datetime | None = None
) -> CallQueue:
    """Calls (canonical rows) not closed yet that close within ``days`` days."""
    now = now or timezone.now()
    queryset = (
        FundingCall.objects.canonical()
        .filter(closes_at__gt=now, closes_at__lte=now + timedelta(days=days))
        .order_by("closes_at", "pk")
    )
    calls = list(queryset.select_related("source__funder")[:limit])
    total = len(calls) if len(calls) < limit else queryset.count()
    return CallQueue(calls, total)
