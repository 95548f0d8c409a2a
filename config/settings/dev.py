"""Development settings: debug on, console e-mail, embedded services unless told otherwise."""

from .base import *
from .base import env

DEBUG = env.bool("DEBUG", default=True)
# A development-only key; production refuses to start without its own SECRET_KEY.
SECRET_KEY = env.str(
    "SECRET_KEY", default="django-insecure-development-only-key-not-for-production"
)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
# The page cache would hide template and code changes while debugging.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=0 if DEBUG else 600)
