"""Pages of two-factor authentication: set-up with a QR code, verification, removal."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from . import two_factor
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
    context = {"form": form, "next": next_url if next_url != "projects:space" else ""}
    return render(request, "accounts/two_factor/verify.html", context, status=status)
