"""iCalendar (RFC 5545) export of exchanges of experience, built with the `icalendar` library."""

from collections.abc import Sequence
from datetime import timedelta
from typing import TYPE_CHECKING

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from icalendar import Calendar, Event

if TYPE_CHECKING:
    from home.models import ExchangePage

CALENDAR_CONTENT_TYPE = "text/calendar; charset=utf-8"
PRODUCT_ID = "-//Cluster 05 Innovation Sociale//Exchanges of experience//FR"


def exchange_uid(exchange: "ExchangePage") -> str:
    """Stable across edits and shared by the translations of one exchange (the same event)."""
    return f"exchange-{exchange.translation_key}@cluster05-is"


def exchange_event(exchange: "ExchangePage", request: HttpRequest) -> Event:
    """One VEVENT: dates with TZID Europe/Paris, text in the page's language."""
    event = Event()
    event.add("uid", exchange_uid(exchange))
    event.add("dtstamp", exchange.last_published_at or timezone.now())
    if exchange.last_published_at:
        event.add("last-modified", exchange.last_published_at)
    event.add("dtstart", exchange.local_start)
    event.add("dtend", exchange.local_end)
    event.add("summary", exchange.title)
    url = request.build_absolute_uri(exchange.get_url(request))
    event.add("url", url)
    event.add("description", f"{exchange.summary}\n\n{url}".strip())
    if exchange.location:
        event.add("location", exchange.location)
    categories = [str(exchange.get_kind_display()), *(t.name for t in exchange.themes.all())]
    event.add("categories", categories)
    event.add("status", "CONFIRMED")
    return event


def build_calendar(
    exchanges: Sequence["ExchangePage"], request: HttpRequest, *, name: str, description: str
) -> Calendar:
    """A calendar of the exchanges, with the VTIMEZONE definitions their dates need."""
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/Paris")
    if description:
        calendar.add("x-wr-caldesc", description)
    for exchange in exchanges:
        calendar.add_component(exchange_event(exchange, request))
    if exchanges:
        # Only the years the events span: a 1970-2038 definition would weigh tens of kilobytes.
        first = min(e.local_start for e in exchanges).date() - timedelta(days=366)
        last = max(e.local_end for e in exchanges).date() + timedelta(days=366)
        calendar.add_missing_timezones(first_date=first, last_date=last)
    return calendar


def calendar_response(
    request: HttpRequest,
    exchanges: Sequence["ExchangePage"],
    *,
    name: str,
    filename: str,
    description: str = "",
) -> HttpResponse:
    """The calendar as a `text/calendar` response that calendar applications can subscribe to."""
    calendar = build_calendar(exchanges, request, name=name, description=description)
    response = HttpResponse(calendar.to_ical(), content_type=CALENDAR_CONTENT_TYPE)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
