"""Which offers and requests of the sharing board fit each other: pure functions over plain data.

An offer and a request fit when they are of different organisations, of the same category
(except "other", too vague to match automatically), on compatible territories (one is the other,
or contains it: matched both ways, as everywhere on the platform) and available at compatible
times (their periods overlap from today on, on at least one common day of the week).

`projects.sharing.services` feeds these functions from one query and records what they find.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

OFFER = "offer"
REQUEST = "request"
# Categories never matched automatically: "other" says nothing about what is shared.
UNMATCHED_CATEGORIES = frozenset({"other"})
EVERY_DAY = frozenset(range(7))


@dataclass(frozen=True)
class Availability:
    """When something is offered or needed: an optional period and days of the week.

    ``start``/``end`` None are open ends; empty ``weekdays`` means every day.
    """

    start: datetime.date | None = None
    end: datetime.date | None = None
    weekdays: frozenset[int] = frozenset()

    @property
    def days(self) -> frozenset[int]:
        return self.weekdays or EVERY_DAY

    def includes(self, day: datetime.date) -> bool:
        """Whether ``day`` is inside the period and on one of the days of the week."""
        if self.start is not None and day < self.start:
            return False
        if self.end is not None and day > self.end:
            return False
        return day.weekday() in self.days


def availabilities_overlap(a: Availability, b: Availability, *, today: datetime.date) -> bool:
    """Whether some day from ``today`` on is in both availabilities."""
    start = max(d for d in (a.start, b.start, today) if d is not None)
    ends = [d for d in (a.end, b.end) if d is not None]
    end = min(ends) if ends else None
    if end is not None and end < start:
        return False
    days = a.days & b.days
    if not days:
        return False
    if end is None or (end - start).days >= 6:
        return True  # a whole week fits in the common period: every common weekday occurs
    span = (end - start).days + 1
    return any((start + datetime.timedelta(days=n)).weekday() in days for n in range(span))


@dataclass(frozen=True)
class PostFacts:
    """What matching needs to know about a post."""

    id: int
    kind: str
    category: str
    organisation_id: int
    territory_id: int
    # Every territory that contains the post's territory (its `ancestors`).
    territory_ancestors: frozenset[int] = field(default_factory=frozenset)
    availability: Availability = field(default_factory=Availability)


def territories_compatible(a: PostFacts, b: PostFacts) -> bool:
    """The same territory, or one inside the other (a commune and its valley, the département)."""
    return (
        a.territory_id == b.territory_id
        or a.territory_id in b.territory_ancestors
        or b.territory_id in a.territory_ancestors
    )


def fits(a: PostFacts, b: PostFacts, *, today: datetime.date) -> bool:
    """Whether ``a`` and ``b`` are an offer and a request that fit each other."""
    return (
        {a.kind, b.kind} == {OFFER, REQUEST}
        and a.organisation_id != b.organisation_id
        and a.category == b.category
        and a.category not in UNMATCHED_CATEGORIES
        and territories_compatible(a, b)
        and availabilities_overlap(a.availability, b.availability, today=today)
    )


def matches_for(
    post: PostFacts, candidates: Iterable[PostFacts], *, today: datetime.date
) -> list[PostFacts]:
    """The candidates that fit ``post``, in the order given."""
    return [other for other in candidates if other.id != post.id and fits(post, other, today=today)]
