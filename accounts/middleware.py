"""Holds back signed-in people who need a second factor until they give one."""

from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import Resolver404, resolve, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from rest_framework.authtoken.models import Token

from . import two_factor

# Pages reachable before the second factor: setting it up, giving a code, signing out.
OPEN_URL_NAMES = {
    "accounts:two_factor_setup",
    "accounts:two_factor_verify",
    # Passkeys: added at set-up, used at verification (the library refuses to add one to an
    # account that has a device before the session gave its second factor).
    "accounts:passkey_register_begin",
    "accounts:passkey_register_complete",
    "accounts:passkey_verify_begin",
    "accounts:passkey_verify_complete",
    "accounts:logout",
    "wagtailadmin_logout",
    "set_language",
}
OPEN_PATH_PREFIXES = ("/static/", "/favicon")


class TwoFactorMiddleware:
    """Sends a signed-in person who needs two-factor authentication and has not given a code
    this session to the verification page (or to the set-up page when they have no device yet);
    API calls made with the session get a 403 with a message instead.

    Requests authenticated by an API token are not concerned here: the token endpoint asks for
    the code itself (accounts/api.py).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            not request.path_info.startswith(OPEN_PATH_PREFIXES)
            and two_factor.needs_verification(request)
            and not self._is_open(request)
        ):
            return self._hold_back(request)
        return self.get_response(request)

    @staticmethod
    def _is_open(request) -> bool:
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return False
        return match.view_name in OPEN_URL_NAMES

    @staticmethod
    def _hold_back(request):
        has_device = bool(request.session.get(two_factor.HAS_DEVICE_SESSION_KEY))
        if request.path_info.startswith("/api/"):
            message = (
                _("Give the code of your authenticator app on the site before using the API.")
                if has_device
                else _("Set up two-factor authentication on the site before using the API.")
            )
            return JsonResponse({"detail": message}, status=403)
        target = reverse(
            "accounts:two_factor_verify" if has_device else "accounts:two_factor_setup"
        )
        next_url = request.get_full_path() if request.method == "GET" else ""
        if next_url:
            target += "?" + urlencode({"next": next_url})
        return redirect(target)


# Writes an unconfirmed account may still make: its own account's pages (confirming, asking for
# the link again, signing out, the profile, deleting the account…) and the admin's sign-out.
CONFIRMATION_OPEN_NAMESPACES = {"accounts"}
CONFIRMATION_OPEN_URL_NAMES = {"wagtailadmin_logout", "set_language", "api:token"}
SAFE_METHODS = {"GET", "HEAD", "OPTIONS", "TRACE"}


class EmailConfirmationMiddleware:
    """Refuses every write (POST, PUT, PATCH, DELETE) of a signed-in account whose e-mail address
    is not confirmed, outside its own account's pages: a page (403) saying why and offering the
    link again; on the API, a 403 with a `detail`.

    Sign-up and sign-in never let such an account in, and the API gives it no token; this holds
    the line for one that is signed in all the same (made in the admin, or a token made before).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            request.method not in SAFE_METHODS
            and not request.path_info.startswith(OPEN_PATH_PREFIXES)
            and self._unconfirmed(request)
            and not self._is_open(request)
        ):
            return self._refuse(request)
        return self.get_response(request)

    @staticmethod
    def _unconfirmed(request) -> bool:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            user = _token_user(request)
        return user is not None and user.is_active and not user.is_email_confirmed

    @staticmethod
    def _is_open(request) -> bool:
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return False
        return (
            bool(CONFIRMATION_OPEN_NAMESPACES.intersection(match.namespaces))
            or match.view_name in CONFIRMATION_OPEN_URL_NAMES
        )

    @staticmethod
    def _refuse(request):
        message = _(
            "Confirm your e-mail address before doing this: open the link we sent to it. "
            "Nothing arrived? Ask for it again."
        )
        if request.path_info.startswith("/api/"):
            return JsonResponse({"detail": message}, status=403)
        return render(
            request, "accounts/confirmation_required.html", {"message": message}, status=403
        )


def _token_user(request):
    """The account of an API token (`Authorization: Token …`), which Django REST framework reads
    only inside the view; None without one."""
    if not request.path_info.startswith("/api/"):
        return None
    scheme, _sep, key = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "token" or not key.strip():
        return None
    token = Token.objects.select_related("user").filter(key=key.strip()).first()
    return token.user if token is not None else None
