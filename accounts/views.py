"""Sign-in, sign-up, sign-out, password reset and the profile page."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from core.translation import path_in_language

from . import confirmation, gdpr, two_factor
from . import email_change as email_change_service
from .forms import (
    DeleteAccountForm,
    EmailChangeForm,
    ProfileForm,
    ResendConfirmationForm,
    SignInForm,
    SignUpForm,
)
from .tokens import TOKEN_REVOKED, revoke_api_tokens


def _remember_language(response, language: str):
    """Store the person's language so that `/` sends them to it next time."""
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=365 * 24 * 3600,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        secure=getattr(settings, "LANGUAGE_COOKIE_SECURE", False),
    )
    return response


class SignInView(auth_views.LoginView):
    """Sign in by e-mail address."""

    template_name = "accounts/sign_in.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        super().form_valid(form)
        # The person lands in their own language, wherever they signed in from.
        language = form.get_user().language
        target = path_in_language(self.request, self.get_success_url(), language)
        with translation.override(language):
            response = _second_step(self.request, target) or redirect(target)
        return _remember_language(response, language)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = context.get("form")
        # The password matched but the address waits for its link: offer to send it again.
        if form is not None and form.has_error("__all__", "unconfirmed"):
            context["resend_form"] = ResendConfirmationForm(
                initial={"email": form.cleaned_data.get("username", "")}
            )
        return context


def _second_step(request, next_url: str):
    """The two-factor step of signing in (then where the person was going), if it is needed."""
    if not two_factor.needs_verification(request):
        return None
    step = "accounts:two_factor_verify"
    if not request.session.get(two_factor.HAS_DEVICE_SESSION_KEY):
        step = "accounts:two_factor_setup"
    return redirect(f"{reverse(step)}?{urlencode({'next': next_url})}")


def _next_url(request) -> str:
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return ""
    return next_url


class SignOutView(auth_views.LogoutView):
    """Sign out (POST only, as Django requires)."""


@require_http_methods(["GET", "POST"])
def sign_up(request):
    """Create an account; the link sent to the address confirms it and signs the person in.
    The answer is the same whether or not the address already has an account."""
    next_url = _next_url(request)
    if request.user.is_authenticated:
        return redirect(next_url or "accounts:profile")
    form = SignUpForm(request.POST or None, initial={"language": translation.get_language()})
    if request.method == "POST" and form.is_valid():
        confirmation.sign_up(form.instance, form.cleaned_data["password1"], next_url=next_url)
        return redirect("accounts:sign_up_sent")
    status = 400 if request.method == "POST" else 200
    return render(request, "accounts/sign_up.html", {"form": form, "next": next_url}, status=status)


@never_cache
@require_safe
def sign_up_sent(request):
    """« Check your mailbox »: after signing up, or after asking for the link again."""
    context = {"days": confirmation.LINK_VALIDITY_DAYS}
    return render(request, "accounts/sign_up_sent.html", context)


@never_cache
@require_http_methods(["GET", "POST"])
def sign_up_confirm(request, token: str):
    """The link sent at sign-up. GET: a page with one button (mail servers' link checkers open
    links, and must change nothing); POST: the address is confirmed and the person signed in,
    then sent where they were going."""
    next_url = _next_url(request)
    try:
        if request.method == "GET":
            user = confirmation.read(token)
            context = {"person": user, "next": next_url}
            return render(request, "accounts/sign_up_confirm.html", context)
        user = confirmation.confirm(token)
    except confirmation.AlreadyConfirmed as error:
        messages.info(request, error.message)
        return redirect(next_url or "accounts:profile")
    except confirmation.InvalidLink as error:
        context = {"error": error.message}
        return render(request, "accounts/sign_up_confirm.html", context, status=400)
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    messages.success(request, _("Your e-mail address is confirmed. Welcome!"))
    with translation.override(user.language):
        target = next_url or reverse("accounts:profile")
        response = _second_step(request, target) or redirect(target)
    return _remember_language(response, user.language)


@require_http_methods(["GET", "POST"])
def sign_up_resend(request):
    """Send the confirmation link again: to one's own address when signed in, else to the
    address typed (the answer never says whether it has an account)."""
    user = request.user
    if user.is_authenticated and user.is_email_confirmed:
        messages.info(request, _("Your e-mail address is already confirmed."))
        return redirect("accounts:profile")
    form = None if user.is_authenticated else ResendConfirmationForm(request.POST or None)
    if request.method == "POST":
        if user.is_authenticated:
            confirmation.send_link_again(user.email)
            return redirect("accounts:sign_up_sent")
        if form.is_valid():
            confirmation.send_link_again(form.cleaned_data["email"])
            return redirect("accounts:sign_up_sent")
    status = 400 if request.method == "POST" else 200
    return render(request, "accounts/sign_up_resend.html", {"form": form}, status=status)


@require_safe
def privacy(request):
    """The privacy notice: what the platform keeps about people, why, how long, who to ask.
    The durations the code sets are read from it; the contact address is the site settings'."""
    context = {
        "session_days": settings.SESSION_COOKIE_AGE // (24 * 60 * 60),
        "link_days": confirmation.LINK_VALIDITY_DAYS,
        "lockout_minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
    }
    return render(request, "accounts/privacy.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def profile(request):
    """The person's own page: name, language, password, and links to their spaces."""
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        messages.success(request, _("Your profile is saved."))
        with translation.override(user.language):
            target = reverse("accounts:profile")
        return _remember_language(redirect(target), user.language)
    status = 400 if request.method == "POST" else 200
    return render(request, "accounts/profile.html", {"form": form}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def email_change(request):
    """Ask to change the sign-in e-mail address (the current password again); it changes once
    the link sent to the new address is confirmed (`accounts.email_change`)."""
    form = EmailChangeForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        email_change_service.request_change(request.user, form.cleaned_data["email"])
        messages.success(
            request,
            _(
                "We sent a link to %(email)s: open it within 24 hours to confirm the new address. "
                "Until then, you sign in with %(current)s."
            )
            % {"email": form.cleaned_data["email"], "current": request.user.email},
        )
        return redirect("accounts:profile")
    status = 400 if request.method == "POST" else 200
    return render(request, "accounts/email_change.html", {"form": form}, status=status)


@never_cache
@require_http_methods(["GET", "POST"])
def email_confirm(request, token: str):
    """The link sent to a new address. GET: a page with one button (mail servers' link checkers
    open links, and must change nothing); POST: the address changes. Signed in or not: holding
    the link is the proof."""
    try:
        if request.method == "GET":
            _user, new_email = email_change_service.read(token)
            return render(request, "accounts/email_confirm.html", {"new_email": new_email})
        user = email_change_service.confirm(token)
    except email_change_service.InvalidLink as error:
        context = {"error": error.message}
        return render(request, "accounts/email_confirm.html", context, status=400)
    messages.success(
        request,
        _("Your e-mail address is changed: sign in with %(email)s from now on.")
        % {"email": user.email},
    )
    if request.user.is_authenticated and request.user.pk == user.pk:
        return redirect("accounts:profile")
    return redirect("accounts:login")


@never_cache
@login_required
@require_safe
def export_data(request):
    """The person's data as a JSON download (GDPR right of access and portability)."""
    data = gdpr.export_user_data(request.user)
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 2})
    filename = f"cluster05-my-data-{timezone.localdate().isoformat()}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def delete_account(request):
    """The person deletes their account after typing their password (see accounts/gdpr.py)."""
    form = DeleteAccountForm(request.POST or None)
    blockers = gdpr.deletion_blockers(request.user)
    status = 200
    if request.method == "POST":
        if form.is_valid() and not blockers:
            try:
                gdpr.delete_account(request.user, password=form.cleaned_data["password"])
            except gdpr.AccountDeletionRefused as error:
                wrong_password = getattr(error, "code", None) == "password"
                form.add_error("password" if wrong_password else None, error)
            else:
                logout(request)
                messages.success(request, _("Your account is deleted. Goodbye!"))
                return redirect("/" + translation.get_language() + "/")
        status = 409 if blockers else 400
    context = {"form": form, "blockers": blockers}
    return render(request, "accounts/delete_account.html", context, status=status)


class _InvalidIs400:
    """Django's password views answer a form with errors with 200: 400 here, as everywhere."""

    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = 400
        return response


class PasswordResetView(_InvalidIs400, auth_views.PasswordResetView):
    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(_InvalidIs400, auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        # The link came to the address: it is proven, as with the sign-up's link.
        confirmation.confirm_email(form.user)
        if revoke_api_tokens(form.user):
            messages.info(self.request, TOKEN_REVOKED)
        return response


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


class PasswordChangeView(_InvalidIs400, auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:profile")

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, _("Your password is changed."))
        if revoke_api_tokens(form.user):
            messages.info(self.request, TOKEN_REVOKED)
        return response
