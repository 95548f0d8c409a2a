"""Pages of two-factor authentication: set-up with a QR code or a passkey, verification,
removal; the passkeys' WebAuthn endpoints (django-otp-webauthn's views, with our wording)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from django_otp_webauthn import exceptions as webauthn_errors
from django_otp_webauthn import views as webauthn_views
from django_otp_webauthn.models import WebAuthnCredential

from . import passkeys, two_factor
from .forms import BackupCodesForm, OTPTokenForm, TwoFactorRemoveForm
from .tokens import TOKEN_REVOKED


def _next_url(request, default: str = "accounts:two_factor") -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return default


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def overview(request):
    """The person's two-factor status; removal with the current password."""
    has_device = two_factor.has_device(request.user)
    form = TwoFactorRemoveForm(request.user, request.POST or None)
    if request.method == "POST":
        if not has_device:
            return redirect("accounts:two_factor")
        if form.is_valid():
            revoked = two_factor.remove_devices(request)
            messages.success(request, _("Two-factor authentication is removed from your account."))
            if revoked:
                messages.info(request, TOKEN_REVOKED)
            if two_factor.is_required(request.user):
                messages.warning(
                    request,
                    _("Your role requires two-factor authentication: set up a new device now."),
                )
                return redirect("accounts:two_factor_setup")
            return redirect("accounts:two_factor")
    return _render_overview(request, form, BackupCodesForm(request.user))


def _render_overview(request, remove_form, codes_form):
    context = {
        "has_device": two_factor.has_device(request.user),
        "required": two_factor.is_required(request.user),
        "backup_codes_left": two_factor.backup_codes_left(request.user),
        "form": remove_form,
        "codes_form": codes_form,
        "passkeys": list(passkeys.passkeys_of(request.user)),
        # Adding a passkey to an account that has a device needs a verified session.
        "can_add_passkey": two_factor.is_verified(request.user)
        or not two_factor.has_device(request.user),
        **_passkey_script_context(request),
    }
    return render(
        request,
        "accounts/two_factor/overview.html",
        context,
        status=400 if request.method == "POST" else 200,
    )


@never_cache
@login_required
@require_http_methods(["POST"])
def backup_codes(request):
    """New backup codes (the old ones stop working), with the current password, from a session
    that gave its second factor."""
    if not two_factor.has_device(request.user):
        return redirect("accounts:two_factor_setup")
    if not two_factor.is_verified(request.user):
        return redirect("accounts:two_factor_verify")
    form = BackupCodesForm(request.user, request.POST)
    if not form.is_valid():
        return _render_overview(request, TwoFactorRemoveForm(request.user), form)
    tokens = two_factor.replace_backup_tokens(request.user)
    messages.success(request, _("New backup codes are made: the old ones no longer work."))
    return render(request, "accounts/two_factor/backup_tokens.html", {"tokens": tokens})


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def setup(request):
    """Scan the QR code (or type the secret) into an authenticator app, then give a code."""
    if two_factor.has_device(request.user):
        if not two_factor.is_verified(request.user):
            return redirect("accounts:two_factor_verify")
        messages.info(request, _("Two-factor authentication is already set up."))
        return redirect("accounts:two_factor")
    device = two_factor.pending_totp_device(request.user)
    form = OTPTokenForm(request.POST or None)
    next_url = _next_url(request)
    if request.method == "POST" and form.is_valid():
        result = two_factor.confirm_totp_device(request, device, form.cleaned_data["token"])
        if result is not None:
            messages.success(request, _("Two-factor authentication is set up."))
            return render(
                request,
                "accounts/two_factor/backup_tokens.html",
                {"tokens": result.backup_tokens, "next": next_url},
            )
        form.add_error("token", _("This code is not right. Check the time of your phone."))
    context = {
        "form": form,
        "qr_code": two_factor.qr_code_data_uri(device),
        "secret": two_factor.secret_for_display(device),
        "next": next_url if next_url != "accounts:two_factor" else "",
        "required": two_factor.is_required(request.user),
        **_passkey_script_context(request),
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "accounts/two_factor/setup.html", context, status=status)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def verify(request):
    """The second step of signing in: a code from the app or a backup code."""
    next_url = _next_url(request, default="projects:space")
    if two_factor.is_verified(request.user):
        return redirect(next_url)
    if not two_factor.has_device(request.user):
        return redirect("accounts:two_factor_setup")
    form = OTPTokenForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        result = two_factor.verify(request, form.cleaned_data["token"])
        if result.ok:
            return redirect(next_url)
        status = 400
        if result.throttled_seconds:
            status = 429
            form.add_error(
                "token",
                ngettext(
                    "Too many wrong codes: wait %(seconds)d second before trying again.",
                    "Too many wrong codes: wait %(seconds)d seconds before trying again.",
                    result.throttled_seconds,
                )
                % {"seconds": result.throttled_seconds},
            )
        else:
            form.add_error("token", _("This code is not right. Check the time of your phone."))
    elif request.method == "POST":
        status = 400
    context = {
        "form": form,
        "next": next_url if next_url != "projects:space" else "",
        "has_passkey": passkeys.has_passkey(request.user),
        **_passkey_script_context(request),
    }
    return render(request, "accounts/two_factor/verify.html", context, status=status)


# --- passkeys ---------------------------------------------------------------------------------

#: django-otp-webauthn's scripts call ``gettext()`` on these English texts; the library has no
#: French catalogue, so the page gives them in its language (site/static/js/passkeys.js).
PASSKEY_SCRIPT_STRINGS = {
    "Register a Passkey": gettext_lazy("Add a passkey"),
    "Registering...": gettext_lazy("Adding the passkey…"),
    "Finishing registration...": gettext_lazy("Saving the passkey…"),
    "Registration successful!": gettext_lazy("The passkey is added."),
    "Registration aborted.": gettext_lazy("Adding the passkey was cancelled."),
    "Registration aborted or not allowed.": gettext_lazy(
        "Adding the passkey was cancelled or not allowed by the browser."
    ),
    "Registration failed. You most likely already have a Passkey registered for this site.": (
        gettext_lazy("This device already holds a passkey for your account.")
    ),
    "Registration failed. Unable to fetch registration options from server.": gettext_lazy(
        "The passkey could not be added: the site did not answer. Try again."
    ),
    "Registration failed. A technical problem occurred that prevents you from registering "
    "a Passkey for this site.": gettext_lazy(
        "The passkey could not be added: this browser refuses passkeys for this site."
    ),
    "Registration failed. An unknown error occurred.": gettext_lazy(
        "The passkey could not be added. Try again."
    ),
    "Registration failed. The server was unable to verify this passkey.": gettext_lazy(
        "The passkey could not be added: the site could not check it. Try again."
    ),
    "Registration failed. A server error occurred.": gettext_lazy(
        "The passkey could not be added. Try again."
    ),
    "An error occurred during registration.": gettext_lazy(
        "The passkey could not be added. Try again."
    ),
    "Verify with Passkey": gettext_lazy("Use a passkey"),
    "Verifying...": gettext_lazy("Waiting for the passkey…"),
    "Finishing verification...": gettext_lazy("Checking the passkey…"),
    "Verification successful!": gettext_lazy("The passkey is checked."),
    "Verification aborted.": gettext_lazy("The passkey was not used."),
    "Verification canceled or not allowed.": gettext_lazy(
        "The passkey was not used, or the browser did not allow it."
    ),
    "Verification failed. Could not retrieve parameters from the server.": gettext_lazy(
        "The passkey could not be checked: the site did not answer. Try again."
    ),
    "Verification failed. An unknown error occurred.": gettext_lazy(
        "The passkey could not be checked. Try again."
    ),
    "Verification failed. An unknown server error occurred.": gettext_lazy(
        "The passkey could not be checked. Try again."
    ),
    "Verification failed. A server error occurred.": gettext_lazy(
        "The passkey could not be checked. Try again."
    ),
    "An error occurred during verification.": gettext_lazy(
        "The passkey could not be checked. Try again."
    ),
}


def _passkey_script_context(request) -> dict:
    """What the passkey scripts read from the page: the endpoints, the CSRF token, the texts."""
    return {
        "passkey_config": {
            "autocompleteLoginFieldSelector": None,
            "nextFieldSelector": "input[name='next']",
            "csrfToken": get_token(request),
            "beginRegistrationUrl": reverse("accounts:passkey_register_begin"),
            "completeRegistrationUrl": reverse("accounts:passkey_register_complete"),
            "beginAuthenticationUrl": reverse("accounts:passkey_verify_begin"),
            "completeAuthenticationUrl": reverse("accounts:passkey_verify_complete"),
        },
        "passkey_strings": {key: str(text) for key, text in PASSKEY_SCRIPT_STRINGS.items()},
    }


def _passkey_error(exc: webauthn_errors.OTPWebAuthnApiError) -> str:
    if isinstance(exc, webauthn_errors.NotVerified):
        return _("Use your current second factor first: a passkey is added once it is given.")
    if isinstance(
        exc, webauthn_errors.NotAuthenticated | webauthn_errors.PasswordlessLoginDisabled
    ):
        return _("Sign in with your password first.")
    if isinstance(exc, webauthn_errors.CredentialNotFound | webauthn_errors.CredentialDisabled):
        return _(
            "This passkey is not registered on your account (perhaps it was removed). Use "
            "another passkey, your authenticator app or a backup code."
        )
    if isinstance(exc, webauthn_errors.CredentialUserMismatch):
        return _("This passkey belongs to another account.")
    return _("The passkey could not be checked. Try again.")


class _PasskeyEndpoint:
    """Errors of the WebAuthn endpoints in the person's language, as JSON with the status code
    the library chose (400, 403, 404, 422)."""

    def handle_exception(self, exc):
        if isinstance(exc, webauthn_errors.OTPWebAuthnApiError):
            return JsonResponse(
                {"detail": _passkey_error(exc), "code": exc.code}, status=exc.status_code
            )
        return super().handle_exception(exc)


class PasskeyRegistrationBegin(_PasskeyEndpoint, webauthn_views.BeginCredentialRegistrationView):
    """The browser asks how to create a passkey for the signed-in person."""


class PasskeyRegistrationComplete(
    _PasskeyEndpoint, webauthn_views.CompleteCredentialRegistrationView
):
    """The browser sends the new passkey; it is saved and the session counts as verified."""

    def post(self, *args, **kwargs):
        response = super().post(*args, **kwargs)
        if response.status_code == 200:
            self.request.session[two_factor.HAS_DEVICE_SESSION_KEY] = True
        return response


class PasskeyVerificationBegin(_PasskeyEndpoint, webauthn_views.BeginCredentialAuthenticationView):
    """The second step of signing in: the browser asks which passkeys may answer."""


class PasskeyVerificationComplete(
    _PasskeyEndpoint, webauthn_views.CompleteCredentialAuthenticationView
):
    """The browser sends the passkey's signature; the session counts as verified."""

    def complete_auth(self, device):
        super().complete_auth(device)
        self.request.session[two_factor.HAS_DEVICE_SESSION_KEY] = True

    def get_success_url(self):
        return self.get_redirect_url() or reverse("projects:space")


@never_cache
@login_required
@require_http_methods(["POST"])
def passkey_added(request):
    """Name the passkey the browser has just registered; backup codes if it is the first device."""
    try:
        passkey = passkeys.name_passkey(
            request.user, int(request.POST.get("passkey", "")), request.POST.get("name", "")
        )
    except (ValueError, WebAuthnCredential.DoesNotExist):
        raise Http404 from None
    if passkey.name:
        messages.success(request, _("The passkey “%(name)s” is added.") % {"name": passkey.name})
    else:
        messages.success(request, _("The passkey is added."))
    next_url = _next_url(request)
    tokens = passkeys.first_backup_codes(request.user)
    if tokens:
        return render(
            request, "accounts/two_factor/backup_tokens.html", {"tokens": tokens, "next": next_url}
        )
    return redirect(next_url)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def passkey_remove(request, pk: int):
    """Confirm, then remove one of the person's passkeys."""
    passkey = passkeys.passkeys_of(request.user).filter(pk=pk).first()
    if passkey is None:
        raise Http404
    if not two_factor.is_verified(request.user):
        return redirect("accounts:two_factor_verify")
    error = ""
    if request.method == "POST":
        try:
            passkeys.remove_passkey(request.user, passkey.pk)
        except ValidationError as exc:
            error = exc.messages[0]
        else:
            messages.success(request, _("The passkey is removed."))
            return redirect("accounts:two_factor")
    return render(
        request,
        "accounts/two_factor/passkey_remove.html",
        {"passkey": passkey, "error": error},
        status=400 if error else 200,
    )
