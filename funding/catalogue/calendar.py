"""iCalendar (RFC 5545) file of a funding call's deadlines, built with the `icalendar` library.

Each deadline (pre-deposit, closing) is one VEVENT at the deadline's moment in Paris time, with
a reminder a week before, so that a lead who subscribes does not miss it.
"""

import datetime

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Alarm, Calendar, Event

from funding.catalogue.models import CALL_TIMEZONE, FundingCall

CALENDAR_CONTENT_TYPE = "text/calendar; charset=utf-8"
PRODUCT_ID = "-//Cluster 05 Innovation Sociale//Funding calls//FR"
REMINDER_BEFORE = datetime.timedelta(days=7)


def deadline_uid(call: FundingCall, kind: str) -> str:
    """Stable across edits and shared by the translations of one call (the same deadline)."""
    return f"call-{call.translation_key}-{kind}@cluster05-is"


def deadline_summary(call: FundingCall, kind: str) -> str:
    if kind == "pre_deposit":
        return _("Pre-deposit deadline: %(name)s") % {"name": call.name}
    return _("Closing date: %(name)s") % {"name": call.name}


def deadline_event(call: FundingCall, kind: str, moment: datetime.datetime, url: str) -> Event:
    """One VEVENT for one deadline, with TZID Europe/Paris and a reminder."""
    event = Event()
    local = timezone.localtime(moment, CALL_TIMEZONE)
    event.add("uid", deadline_uid(call, kind))
    event.add("dtstamp", call.updated_at or timezone.now())
    event.add("last-modified", call.updated_at or timezone.now())
    event.add("dtstart", local)
    event.add("dtend", local)
    event.add("summary", deadline_summary(call, kind))
    event.add("description", f"{call.summary}\n\n{url}".strip())
    event.add("url", url)
    event.add("categories", [_("Funding deadline")])
    event.add("transp", "TRANSPARENT")
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", deadline_summary(call, kind))
    alarm.add("trigger", -REMINDER_BEFORE)
    event.add_component(alarm)
    return event


def build_call_calendar(call: FundingCall, url: str) -> Calendar:
    """A calendar of the call's deadlines, with the VTIMEZONE their dates need."""
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", call.name)
    calendar.add("x-wr-timezone", "Europe/Paris")
    deadlines = call.deadlines()
    for kind, moment in deadlines:
        calendar.add_component(deadline_event(call, kind, moment, url))
    if deadlines:
        first = min(moment for _kind, moment in deadlines).date() - datetime.timedelta(days=366)
        last = max(moment for _kind, moment in deadlines).date() + datetime.timedelta(days=366)
        calendar.add_missing_timezones(first_date=first, last_date=last)
    return calendar


def call_calendar_response(request: HttpRequest, call: FundingCall, *, url: str) -> HttpResponse:
    """The call's deadlines as a `text/calendar` download."""
    calendar = build_call_calendar(call, url)
    response = HttpResponse(calendar.to_ical(), content_type=CALENDAR_CONTENT_TYPE)
    response["Content-Disposition"] = f'inline; filename="{call.slug}.ics"'
    return response
