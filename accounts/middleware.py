"""Holds back signed-in people who need a second factor until they give one."""

from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

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
