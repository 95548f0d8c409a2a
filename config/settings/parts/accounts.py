"""Accounts: the user model, sign-in and its throttling, passwords, sessions, two factors."""

from datetime import timedelta
from urllib.parse import urlsplit

from config.settings.parts.environment import env

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # First: refuses to check a password while the account or the address is locked out.
    "accounts.backends.SignInThrottleBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "projects:space"
LOGOUT_REDIRECT_URL = "/"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=60 * 60 * 24 * 14)

# Throttling of failed sign-ins (django-axes, docs/security.md): after AXES_FAILURE_LIMIT
# failures for one account from one address, that account waits AXES_COOLOFF_MINUTES from that
# address (each new failure during the wait starts it again); others signing in from the same
# address, and the account's owner elsewhere, are not held. Site, admin and API. Many accounts
# tried from one address are held off by the per-address limit on sign-in attempts.
AXES_ENABLED = env.bool("AXES_ENABLED", default=True)
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
# django-axes' syntax: a list of criteria, each a parameter or a list of parameters counted
# together. In the variable, criteria are separated by commas and combined parameters by "+":
# the default "username+ip_address" is [["username", "ip_address"]].
AXES_LOCKOUT_PARAMETERS = [
    criterion.split("+") if "+" in criterion else criterion
    for criterion in env.list("AXES_LOCKOUT_PARAMETERS", default=["username+ip_address"])
]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "accounts.lockout.lockout_response"
# The client address behind NUM_PROXIES trusted proxies, as for the contact form and the API.
AXES_CLIENT_IP_CALLABLE = "core.client.client_ip"
AXES_USERNAME_CALLABLE = "accounts.lockout.username_of"
# The sign-in forms (the site's and Wagtail's) name the e-mail field "username".
AXES_USERNAME_FORM_FIELD = "username"
AXES_HTTP_RESPONSE_CODE = 429
AXES_VERBOSE = False

# Two-factor authentication (TOTP, django-otp; accounts/two_factor.py): required, when True,
# of coordinators, moderators, funder reviewers, superusers and anyone who may open the admin.
# Whoever set up a device is always asked for a code, whatever this setting says.
TWO_FACTOR_REQUIRED = env.bool("TWO_FACTOR_REQUIRED", default=False)
OTP_TOTP_ISSUER = "Cluster 05 IS"
OTP_TOTP_TOLERANCE = 1


# Passkeys (WebAuthn, django-otp-webauthn; accounts/passkeys.py): a second factor beside TOTP.
# A passkey belongs to one site name (the relying party ID): the host of SITE_URL, unless
# OTP_WEBAUTHN_RP_ID says otherwise. Changing it later makes every registered passkey unusable.
# Browsers accept WebAuthn only over HTTPS or on http://localhost: a development server reached
# at http://127.0.0.1 is given the localhost origin (open the site at http://localhost:PORT/).
def _passkey_origin(site_url: str) -> tuple[str, str]:
    parts = urlsplit(site_url)
    host = parts.hostname or "localhost"
    if parts.scheme == "http" and host in {"127.0.0.1", "::1", "localhost"}:
        host = "localhost"
    port = f":{parts.port}" if parts.port else ""
    return host, f"{parts.scheme}://{host}{port}"


_PASSKEY_HOST, _PASSKEY_ORIGIN = _passkey_origin(
    env.str("SITE_URL", default="http://127.0.0.1:8000")
)
OTP_WEBAUTHN_RP_ID = env.str("OTP_WEBAUTHN_RP_ID", default=_PASSKEY_HOST)
OTP_WEBAUTHN_RP_NAME = env.str("OTP_WEBAUTHN_RP_NAME", default="Cluster 05 IS")
OTP_WEBAUTHN_ALLOWED_ORIGINS = env.list("OTP_WEBAUTHN_ALLOWED_ORIGINS", default=[_PASSKEY_ORIGIN])
# Passkeys are a second factor only: signing in always starts with the password (and its
# throttling), never with a passkey alone.
OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN = False
