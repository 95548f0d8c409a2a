"""The account views as the URL maps serve them: behind their rate limits (core.ratelimit).

Kept apart from `accounts.views` so that the limits are read in one place, and the views stay
unaware of them. The limits' values are ``RATE_LIMITS`` (config/settings/parts/ratelimits.py);
docs/security.md lists them.
"""

from wagtail.admin.views import account as wagtail_account

from core.ratelimit import EVERY, rate_limited

from . import views

# Every attempt counts, right or wrong: many accounts tried from one address. django-axes counts
# the failures per account and address.
sign_in = rate_limited("sign_in", counts=EVERY)(views.SignInView.as_view())

# Accepted requests count, per address and per the e-mail address typed (a form sent back with
# its errors does not count).
sign_up = rate_limited("sign_up", account_field="email")(views.sign_up)
password_reset = rate_limited("password_reset", account_field="email")(
    views.PasswordResetView.as_view()
)
# Sending the confirmation link again mails an address as a reset does: the same limits.
sign_up_resend = rate_limited("password_reset", account_field="email")(views.sign_up_resend)

# Per signed-in account (each request sends a link to the new address and a notice to the old).
email_change = rate_limited("email_change")(views.email_change)

# The Wagtail admin's own sign-in and password reset, under the same limits (config/urls.py
# serves them before the admin's URLs). Wagtail's reset form answers its errors with 200, so
# every request counts there.
admin_sign_in = rate_limited("sign_in", counts=EVERY)(wagtail_account.LoginView.as_view())
admin_password_reset = rate_limited("password_reset", counts=EVERY, account_field="email")(
    wagtail_account.PasswordResetView.as_view()
)
