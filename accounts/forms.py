"""Sign-in, sign-up and profile forms."""

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from .models import User


class SignInForm(AuthenticationForm):
    """Sign in with an e-mail address and a password."""

    username = forms.EmailField(
        label=_("E-mail address"),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )
    error_messages = {
        "invalid_login": _("This e-mail address and password do not match an active account."),
        "inactive": _("This account is inactive."),
        "unconfirmed": _(
            "Your e-mail address is not confirmed yet: open the link we sent you when you "
            "created the account. Nothing arrived? We can send it again."
        ),
    }

    def confirm_login_allowed(self, user) -> None:
        # Said only once the password matched: it tells nothing to someone who lacks it.
        super().confirm_login_allowed(user)
        if not user.is_email_confirmed:
            raise forms.ValidationError(self.error_messages["unconfirmed"], code="unconfirmed")


class SignUpForm(forms.ModelForm):
    """Create an account: e-mail, full name, language and a password typed twice."""

    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    class Meta:
        model = User
        fields = ["email", "full_name", "language"]
        widgets = {
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "full_name": forms.TextInput(attrs={"autocomplete": "name"}),
        }

    def clean_email(self) -> str:
        # Whether an account uses the address is never said here (accounts.confirmation).
        return self.cleaned_data["email"].strip().lower()

    def validate_unique(self) -> None:
        """The address's uniqueness is not checked by the form: the answer would say which
        addresses have an account. `accounts.confirmation.sign_up` handles a taken address."""

    def clean(self):
        cleaned = super().clean()
        p1, p2 = cleaned.get("password1"), cleaned.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", _("The two passwords differ."))
        return cleaned

    def _post_clean(self):
        super()._post_clean()
        password = self.cleaned_data.get("password2")
        if password:
            try:
                password_validation.validate_password(password, self.instance)
            except forms.ValidationError as error:
                self.add_error("password1", error)


class ResendConfirmationForm(forms.Form):
    """Ask for the confirmation link again, by address."""

    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


class ProfileForm(forms.ModelForm):
    """What a person may change about themselves."""

    class Meta:
        model = User
        fields = ["full_name", "language"]
        widgets = {"full_name": forms.TextInput(attrs={"autocomplete": "name"})}


class CurrentPasswordMixin:
    """A form that asks for the person's current password before a sensitive change."""

    def clean_current_password(self) -> str:
        password = self.cleaned_data.get("current_password") or ""
        if not self.user.check_password(password):
            raise forms.ValidationError(_("This is not your current password."), code="password")
        return password


class EmailChangeForm(CurrentPasswordMixin, forms.Form):
    """Change the sign-in address: the new address and the current password."""

    email = forms.EmailField(
        label=_("New e-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    current_password = forms.CharField(
        label=_("Current password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, user: User, *args, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        if email == self.user.email:
            raise forms.ValidationError(_("This is already your e-mail address."), code="same")
        if User.objects.filter(email__iexact=email).exclude(pk=self.user.pk).exists():
            raise forms.ValidationError(
                _("Another account already uses this e-mail address."), code="taken"
            )
        return email


class TwoFactorRemoveForm(CurrentPasswordMixin, forms.Form):
    """Remove two-factor authentication: the current password is required."""

    current_password = forms.CharField(
        label=_("Current password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, user: User, *args, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)


class BackupCodesForm(TwoFactorRemoveForm):
    """Replace the backup codes: the current password is required (prefixed: it shares a page
    with the removal form)."""

    prefix = "codes"


class OTPTokenForm(forms.Form):
    """A code from the authenticator app (six digits) or a backup code."""

    token = forms.CharField(
        label=_("Code"),
        max_length=32,
        help_text=_("The six digits shown by your authenticator app, or one of your backup codes."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "text", "autofocus": True}
        ),
    )


class DeleteAccountForm(forms.Form):
    """Deleting one's account asks for the password again (checked by accounts.gdpr)."""

    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_("Type your password to confirm: this cannot be undone."),
    )
