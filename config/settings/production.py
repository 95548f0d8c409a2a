"""Production settings: refuse to start without the variables that must never default."""

import os
import sys

from django.core.exceptions import ImproperlyConfigured

_REQUIRED = ("SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL")
_missing = [name for name in _REQUIRED if not os.environ.get(name, "").strip()]
if _missing:
    message = (
        "Production settings need the environment variable(s) "
        + ", ".join(_missing)
        + ". See the configuration table in README.md."
    )
    sys.stderr.write(message + "\n")
    raise ImproperlyConfigured(message)

from config.logs import logging_config  # noqa: E402

from .base import *  # noqa: E402
from .base import (  # noqa: E402
    CONTENT_SECURITY_POLICY,
    CONTENT_SECURITY_POLICY_ADMIN,
    LOG_LEVEL,
    REDIS_URL,
    env,
)

DEBUG = False
SECRET_KEY = env.str("SECRET_KEY")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
X_FRAME_OPTIONS = "DENY"
# Coordinators, moderators, funder reviewers and admin users sign in with a second factor.
TWO_FACTOR_REQUIRED = env.bool("TWO_FACTOR_REQUIRED", default=True)
CONTENT_SECURITY_POLICY["DIRECTIVES"]["upgrade-insecure-requests"] = True
CONTENT_SECURITY_POLICY_ADMIN["DIRECTIVES"]["upgrade-insecure-requests"] = True
STORAGES["staticfiles"] = {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}
ENVIRONMENT = "production"
# A per-process cache would keep serving purged pages from the other workers: without a shared
# cache (REDIS_URL) the page cache is off unless PAGE_CACHE_SECONDS says otherwise.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=600 if REDIS_URL else 0)
# One JSON object per log line for the log collector (LOG_FORMAT=plain to read them by eye).
LOGGING = logging_config(LOG_LEVEL, env.str("LOG_FORMAT", default="json"))
