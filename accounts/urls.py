from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import ratelimits, two_factor_views, views

app_name = "accounts"

urlpatterns = [
    path(_("sign-in/"), ratelimits.sign_in, name="login"),
    path(_("sign-out/"), views.SignOutView.as_view(), name="logout"),
    path(_("sign-up/"), ratelimits.sign_up, name="sign_up"),
    path(_("sign-up/sent/"), views.sign_up_sent, name="sign_up_sent"),
    path(_("sign-up/resend/"), ratelimits.sign_up_resend, name="sign_up_resend"),
    path(_("sign-up/confirm/<str:token>/"), views.sign_up_confirm, name="sign_up_confirm"),
    path(_("privacy/"), views.privacy, name="privacy"),
    path(_("profile/"), views.profile, name="profile"),
    path(_("e-mail/"), ratelimits.email_change, name="email_change"),
    path(_("e-mail/confirm/<str:token>/"), views.email_confirm, name="email_confirm"),
    path(_("two-factor/"), two_factor_views.overview, name="two_factor"),
    path(_("two-factor/set-up/"), two_factor_views.setup, name="two_factor_setup"),
    path(_("two-factor/verify/"), two_factor_views.verify, name="two_factor_verify"),
    path(
        _("two-factor/backup-codes/"),
        two_factor_views.backup_codes,
        name="two_factor_backup_codes",
    ),
    path(_("profile/my-data.json"), views.export_data, name="export_data"),
    path(_("profile/delete/"), views.delete_account, name="delete_account"),
    path(_("password/"), views.PasswordChangeView.as_view(), name="password_change"),
    path(_("password/reset/"), ratelimits.password_reset, name="password_reset"),
    path(
        _("password/reset/sent/"),
        views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        _("password/reset/<uidb64>/<token>/"),
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        _("password/reset/done/"),
        views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]

# Passkeys (WebAuthn) beside the authenticator app: the browser's endpoints, then the pages.
passkey_urlpatterns = [
    path(
        _("two-factor/passkeys/registration/begin/"),
        two_factor_views.PasskeyRegistrationBegin.as_view(),
        name="passkey_register_begin",
    ),
    path(
        _("two-factor/passkeys/registration/complete/"),
        two_factor_views.PasskeyRegistrationComplete.as_view(),
        name="passkey_register_complete",
    ),
    path(
        _("two-factor/passkeys/verification/begin/"),
        two_factor_views.PasskeyVerificationBegin.as_view(),
        name="passkey_verify_begin",
    ),
    path(
        _("two-factor/passkeys/verification/complete/"),
        two_factor_views.PasskeyVerificationComplete.as_view(),
        name="passkey_verify_complete",
    ),
    path(_("two-factor/passkeys/added/"), two_factor_views.passkey_added, name="passkey_added"),
    path(
        _("two-factor/passkeys/<int:pk>/remove/"),
        two_factor_views.passkey_remove,
        name="passkey_remove",
    ),
]
urlpatterns += passkey_urlpatterns
