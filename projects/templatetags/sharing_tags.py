"""Template tags of the sharing board: the unread count of the site header, availability text."""

from django import template
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

import projects.sharing.services as sharing
from projects.sharing.models import SharingPost

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_conversations(context) -> int:
    """How many of the signed-in member's conversations hold unread messages: one query at most
    per request (none for visitors), whatever the number of times the header asks."""
    request = context.get("request")
    if request is None or not request.user.is_authenticated:
        return 0
    if not hasattr(request, "_unread_conversations"):
        request._unread_conversations = sharing.unread_conversations(request.user)
    return request._unread_conversations


def _date(day) -> str:
    return date_format(day, "DATE_FORMAT")


@register.filter
def availability(post: SharingPost) -> str:
    """When the offer stands or the need is, in a sentence."""
    days = ", ".join(post.weekday_names)
    start = _date(post.available_from) if post.available_from else ""
    end = _date(post.available_until) if post.available_until else ""
    if post.availability == SharingPost.Availability.DATES:
        return _("From %(start)s to %(end)s") % {"start": start, "end": end}
    if post.availability == SharingPost.Availability.RECURRING:
        if start and end:
            return _("%(days)s, from %(start)s to %(end)s") % {
                "days": days,
                "start": start,
                "end": end,
            }
        if start:
            return _("%(days)s, from %(start)s") % {"days": days, "start": start}
        if end:
            return _("%(days)s, until %(end)s") % {"days": days, "end": end}
        return days
    if start:
        return _("Ongoing, from %(start)s") % {"start": start}
    return _("Ongoing")


@register.filter
def terms(post: SharingPost) -> str:
    """The terms, with the price when there is one."""
    text = post.get_terms_display()
    if post.terms == SharingPost.Terms.PRICE and post.price is not None:
        text = _("%(price)s €") % {"price": number_format(post.price, 2, force_grouping=True)}
    if post.terms_note:
        text = f"{text} ({post.terms_note})"
    return text
