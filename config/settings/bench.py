"""Benchmark settings (bench/pages.py): production-like behaviour on local files.

DEBUG off, a throwaway database under var/bench/ (or BENCH_DATABASE_URL), media under
var/bench/media, static files served by whitenoise from the finders (no collectstatic), the page
cache lifetime from PAGE_CACHE_SECONDS (the script runs the server once with 0, once without).
"""

from .base import *
from .base import SQLITE_OPTIONS, VAR_DIR, env

BENCH_DIR = VAR_DIR / "bench"

DEBUG = False
SECRET_KEY = "bench-only-secret-key-never-used-outside-the-benchmark-0123456789"  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]

_url = env.str("BENCH_DATABASE_URL", default="") or f"sqlite:///{BENCH_DIR / 'bench.sqlite3'}"
DATABASES = {"default": env.db_url_config(_url)}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = dict(SQLITE_OPTIONS)
else:
    DATABASES["default"]["CONN_MAX_AGE"] = 60

MEDIA_ROOT = BENCH_DIR / "media"
STATIC_ROOT = BENCH_DIR / "static"  # empty: whitenoise serves from the finders
STORAGES["default"] = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
WHITENOISE_USE_FINDERS = True

# Fast demo accounts; e-mails go nowhere.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
