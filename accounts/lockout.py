"""Throttling of failed sign-ins (django-axes): who is counted, and what a locked-out person sees.

The site's form, the Wagtail admin's form and the API's token endpoint all authenticate through
`django.contrib.auth.authenticate`, so django-axes counts failures for all three, per account
and client address together (`core.client.client_ip`, as for the contact form and the API):
five wrong passwords block that account from that address only, never everyone behind it. Settings:
`AXES_*` in config/settings/base.py; docs/security.md.
"""

import math

from axes.helpers import get_cool_off
from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

API_PREFIX = "/api/"


def username_of(request: HttpRequest, credentials: dict | None) -> str | None:
    """The account tried, normalised as the sign-in does (an e-mail address in any case)."""
    value = None
    if credentials:
        value = credentials.get("username") or credentials.get("email")
    if value is None and request is not None and request.method == "POST":
        value = request.POST.get("username")
    if not isinstance(value, str):
        return None
    return value.strip().lower()[:254] or None


def lockout_message(request: HttpRequest | None = None) -> str:
    cool_off = get_cool_off(request)
    minutes = max(1, math.ceil(cool_off.total_seconds() / 60)) if cool_off else 0
    if not minutes:
        return _(
            "Too many failed sign-in attempts for this account from your connection: signing "
            "in is blocked. Contact the coordinators of the cluster."
        )
    return ngettext(
        "Too many failed sign-in attempts for this account from your connection. For your "
        "security, signing in to it is blocked for %(minutes)d minute. Try again later or "
        "reset your password.",
        "Too many failed sign-in attempts for this account from your connection. For your "
        "security, signing in to it is blocked for %(minutes)d minutes. Try again later or "
        "reset your password.",
        minutes,
    ) % {"minutes": minutes}


def lockout_response(
    request: HttpRequest, original_response=None, credentials: dict | None = None
) -> HttpResponse:
    """429 with the message in the request's language: JSON on the API, a page elsewhere."""
    message = lockout_message(request)
    status = settings.AXES_HTTP_RESPONSE_CODE
    if request.path_info.startswith(API_PREFIX):
        response = JsonResponse({"detail": message}, status=status)
    else:
        response = render(request, "accounts/locked_out.html", {"message": message}, status=status)
    cool_off = get_cool_off(request)
    if cool_off:
        response["Retry-After"] = str(int(cool_off.total_seconds()))
    return response
