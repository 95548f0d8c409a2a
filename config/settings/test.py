"""Test settings: fast hashing, in-memory e-mail and cache, media in a temporary folder."""

import os
import tempfile
from pathlib import Path

from .base import *
from .base import CACHES, REDIS_URL, STORAGES, env

DEBUG = False
SECRET_KEY = "test-only-secret-key-that-is-long-enough-for-django-checks-0123456789"  # noqa: S105
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

_TMP = Path(tempfile.mkdtemp(prefix="cluster05-test-"))
MEDIA_ROOT = _TMP / "media"
PRIVATE_MEDIA_ROOT = _TMP / "private"
if STORAGES["private"]["BACKEND"].endswith("FileSystemStorage"):
    STORAGES["private"]["OPTIONS"]["location"] = str(PRIVATE_MEDIA_ROOT)
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}

if not REDIS_URL:
    CACHES["default"]["LOCATION"] = "cluster05-tests"
elif os.environ.get("PYTEST_XDIST_WORKER"):
    # Tests clear the cache (FLUSHDB on Redis): each parallel worker gets a database of its own,
    # counting down from the one REDIS_URL names (gw0 → n, gw1 → n - 1, …).
    _base, _, _db = REDIS_URL.rstrip("/").rpartition("/")
    _worker = int(os.environ["PYTEST_XDIST_WORKER"].removeprefix("gw") or 0)
    CACHES["default"]["LOCATION"] = f"{_base}/{max(int(_db or 0) - _worker, 0)}"

TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
WAGTAILADMIN_BASE_URL = SITE_URL = "http://testserver"
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}
REQUIRE_BROWSER = env.bool("REQUIRE_BROWSER", default=False)
# Serve static files from the finders, without a collectstatic run.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
# The full-page cache is off in tests except where a test turns it on
# (tests/core/test_page_cache.py): feature tests must see each request rendered.
PAGE_CACHE_SECONDS = 0
# Two-factor authentication is asked only of people who set it up; the feature's own tests
# turn the requirement on (tests/accounts/test_two_factor.py).
TWO_FACTOR_REQUIRED = False
