"""Settings shared by every environment.

Every real service is chosen by an environment variable; without them the site runs on an
embedded default (SQLite, local memory cache, local files, Wagtail's database search backend,
immediate tasks, console e-mail) so that a fresh machine needs only Python.
"""

from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import environ
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from config.logs import logging_config
from config.sentry import init_sentry

BASE_DIR = Path(__file__).resolve().parent.parent.parent
SITE_DIR = BASE_DIR / "site"
VAR_DIR = Path(environ.Env().str("VAR_DIR", default=str(BASE_DIR / "var")))

env = environ.Env()
if env.bool("READ_DOT_ENV_FILE", default=False):
    environ.Env.read_env(str(BASE_DIR / ".env"))

DEBUG = env.bool("DEBUG", default=False)
ENVIRONMENT = "development"
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# ---------------------------------------------------------------------------------------------
# Applications
# ---------------------------------------------------------------------------------------------
INSTALLED_APPS = [
    "core",
    "accounts",
    "home",
    "projects",
    "funding",
    "search",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "csp",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "accounts.apps.UsersAppConfig",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    # First: every log line of the request carries its id (config/logs.py).
    "config.logs.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Content-Security-Policy (the admin's own policy under /admin/) and Permissions-Policy.
    "config.security.SiteCSPMiddleware",
    "config.security.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "config.middleware.LocaleMiddleware",
    # Right after the language is known: a hit is served before any other work (docs/caching.md).
    "core.cache.middleware.PageCacheMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified(): signed in with a second factor (django-otp).
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # People who need two-factor authentication set it up and use it before anything else.
    "accounts.middleware.TwoFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # After the others, as django-axes asks: a locked-out sign-in becomes the lockout page (429).
    "axes.middleware.AxesMiddleware",
    # Innermost: a view that fails on an unreachable service answers 503, not 500.
    "config.outages.ServiceUnavailableMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [SITE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# ---------------------------------------------------------------------------------------------
# Database: SQLite under var/ unless DATABASE_URL names PostgreSQL.
# ---------------------------------------------------------------------------------------------
DATABASES = {
    "default": env.db_url_config(
        env.str("DATABASE_URL", default="") or f"sqlite:///{VAR_DIR / 'db.sqlite3'}"
    ),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and a busy timeout let the dev server, the task runner and tests share the file.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 20, "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"}
    )
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# Optional read replica (config/db_routers.py): reads there, writes and transactions on the
# primary. In tests the replica mirrors the primary.
DATABASE_REPLICA_URL = env.str("DATABASE_REPLICA_URL", default="")
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = {
        **env.db_url_config(DATABASE_REPLICA_URL),
        "ATOMIC_REQUESTS": False,
        "CONN_MAX_AGE": DATABASES["default"].get("CONN_MAX_AGE", 0),
        "CONN_HEALTH_CHECKS": True,
        "TEST": {"MIRROR": "default"},
    }
    DATABASE_ROUTERS = ["config.db_routers.PrimaryReplicaRouter"]
    REPLICA_PIN_SECONDS = env.int("REPLICA_PIN_SECONDS", default=10)
    # Before anything reads the database (sessions, users).
    MIDDLEWARE.insert(1, "config.db_routers.PinToPrimaryMiddleware")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# ---------------------------------------------------------------------------------------------
# Cache: Redis when REDIS_URL is set, local memory otherwise.
# ---------------------------------------------------------------------------------------------
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            # Django's Redis backend that logs and carries on when Redis is unreachable, so that
            # the site keeps serving (uncached) pages during a Redis outage.
            "BACKEND": "core.cache.backends.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", default="c05"),
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "cluster05",
        }
    }

# Full-page cache of anonymous visitors' HTML pages (core/cache/pages.py, docs/caching.md): seconds
# an entry lives, 0 to disable. Any publication or change of a listed object purges every entry.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=0 if DEBUG else 600)
PAGE_CACHE_ALIAS = env.str("PAGE_CACHE_ALIAS", default="default")

# ---------------------------------------------------------------------------------------------
# Accounts
# ---------------------------------------------------------------------------------------------
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
# failures for one account or from one address, that account or address waits
# AXES_COOLOFF_MINUTES (each new failure during the wait starts it again). Site, admin and API.
AXES_ENABLED = env.bool("AXES_ENABLED", default=True)
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = env.list("AXES_LOCKOUT_PARAMETERS", default=["username", "ip_address"])
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

# ---------------------------------------------------------------------------------------------
# Languages: French first, English and Italian translations.
# ---------------------------------------------------------------------------------------------
LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français"), ("en", "English"), ("it", "Italiano")]
# The languages of the content as the admin names them, in the editor's language and as they read
# inside a sentence (« Publier en anglais », « Pubblica in inglese »): the switcher above keeps
# each language's own name.
WAGTAIL_CONTENT_LANGUAGES = [
    ("fr", pgettext_lazy("language of the content", "French")),
    ("en", pgettext_lazy("language of the content", "English")),
    ("it", pgettext_lazy("language of the content", "Italian")),
]
WAGTAIL_I18N_ENABLED = True
LOCALE_PATHS = [SITE_DIR / "locale"]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True
LANGUAGE_COOKIE_NAME = "c05_language"
LANGUAGE_COOKIE_SAMESITE = "Lax"

# ---------------------------------------------------------------------------------------------
# Static and media files. S3 (through boto3 and django-storages) when a bucket is named.
# ---------------------------------------------------------------------------------------------
STATICFILES_DIRS = [SITE_DIR / "static"]
STATIC_ROOT = VAR_DIR / "static"
STATIC_URL = "/static/"
MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "/media/"
PRIVATE_MEDIA_ROOT = VAR_DIR / "private"

AWS_STORAGE_BUCKET_NAME = env.str("AWS_STORAGE_BUCKET_NAME", default="")
if AWS_STORAGE_BUCKET_NAME:
    from botocore.config import Config as BotoConfig

    _s3 = {
        "bucket_name": AWS_STORAGE_BUCKET_NAME,
        "endpoint_url": env.str("AWS_S3_ENDPOINT_URL", default=None),
        "region_name": env.str("AWS_S3_REGION_NAME", default=None),
        "access_key": env.str("AWS_ACCESS_KEY_ID", default=None),
        "secret_key": env.str("AWS_SECRET_ACCESS_KEY", default=None),
        "file_overwrite": False,
        "signature_version": "s3v4",
        # Short timeouts and few retries: a request must not hang on an unreachable store.
        "client_config": BotoConfig(
            signature_version="s3v4",
            connect_timeout=env.int("AWS_S3_CONNECT_TIMEOUT", default=3),
            read_timeout=env.int("AWS_S3_READ_TIMEOUT", default=20),
            retries={"max_attempts": 2, "mode": "standard"},
        ),
    }
    STORAGES = {
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {**_s3, "location": "media", "querystring_auth": False},
        },
        # Private documents: never public, served through presigned URLs valid 5 minutes,
        # issued only after the permission check.
        "private": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                **_s3,
                "bucket_name": env.str("AWS_PRIVATE_BUCKET_NAME", default=AWS_STORAGE_BUCKET_NAME),
                "location": "private",
                "default_acl": "private",
                "querystring_auth": True,
                "querystring_expire": 300,
            },
        },
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
else:
    STORAGES = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        # Never served by URL: downloads go through a permission-checked view.
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(PRIVATE_MEDIA_ROOT), "base_url": None},
        },
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
# Where `manage.py backup s3://bucket/prefix` writes (credentials: boto3's lookup when unset).
BACKUP_S3 = {
    "endpoint_url": env.str("BACKUP_S3_ENDPOINT_URL", default="")
    or env.str("AWS_S3_ENDPOINT_URL", default=""),
    "region_name": env.str("AWS_S3_REGION_NAME", default=""),
    "access_key": env.str("AWS_ACCESS_KEY_ID", default=""),
    "secret_key": env.str("AWS_SECRET_ACCESS_KEY", default=""),
}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# ---------------------------------------------------------------------------------------------
# E-mail: SMTP when EMAIL_URL is set, the console otherwise.
# ---------------------------------------------------------------------------------------------
EMAIL_URL = env.str("EMAIL_URL", default="")
if EMAIL_URL:
    vars().update(env.email_url("EMAIL_URL"))
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = env.str(
    "DEFAULT_FROM_EMAIL", default="Cluster 05 IS <noreply@cluster05.example.org>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# ---------------------------------------------------------------------------------------------
# Background tasks (e-mails, index updates): immediate unless a worker is configured.
# ---------------------------------------------------------------------------------------------
TASKS_BACKEND = env.str("TASKS_BACKEND", default="immediate")
TASKS = {
    "default": {
        "BACKEND": {
            "immediate": "django_tasks.backends.immediate.ImmediateBackend",
            "database": "django_tasks_db.DatabaseBackend",
            "dummy": "django_tasks.backends.dummy.DummyBackend",
        }[TASKS_BACKEND],
    }
}
# Periodic jobs run by `manage.py run_scheduler` (core/scheduler.py, docs/deploy.md): a
# management command at the times of a cron expression read in TIME_ZONE.
SCHEDULED_JOBS = [
    # Pages and snippets whose "go live" or "expiry" time has come.
    {"name": "publish_scheduled", "cron": "* * * * *", "command": "publish_scheduled"},
    {"name": "sharing_expiry", "cron": "0 6 * * *", "command": "sharing_expiry"},
    {"name": "dossier_reminders", "cron": "30 6 * * *", "command": "dossier_reminders"},
    {"name": "funding_digest", "cron": "0 7 * * 1", "command": "funding_digest"},
]
# Where the scheduler's job locks live on SQLite (PostgreSQL uses advisory locks): beside the data.
SCHEDULER_LOCK_DIR = env.str("SCHEDULER_LOCK_DIR", default=str(VAR_DIR / "locks"))

# ---------------------------------------------------------------------------------------------
# Search: Elasticsearch when ELASTICSEARCH_URL is set, Wagtail's database backend otherwise.
# ---------------------------------------------------------------------------------------------
ELASTICSEARCH_URL = env.str("ELASTICSEARCH_URL", default="")
ELASTICSEARCH_INDEX_PREFIX = env.str("ELASTICSEARCH_INDEX_PREFIX", default="cluster05")
if ELASTICSEARCH_URL:
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "wagtail.search.backends.elasticsearch9",
            "URLS": [ELASTICSEARCH_URL],
            # Same index names as the deprecated INDEX option gave ("<INDEX>_<model>").
            "INDEX_PREFIX": f"{ELASTICSEARCH_INDEX_PREFIX}-wagtail_",
            "TIMEOUT": 5,
            "OPTIONS": {},
            "INDEX_SETTINGS": {},
        }
    }
else:
    WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}

# ---------------------------------------------------------------------------------------------
# Wagtail
# ---------------------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "Cluster 05 Innovation Sociale"
WAGTAILADMIN_BASE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")
SITE_URL = WAGTAILADMIN_BASE_URL
WAGTAILDOCS_EXTENSIONS = ["pdf", "odt", "ods", "odp", "docx", "xlsx", "pptx", "csv", "txt"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# Every document is downloaded, never shown inline from the site's origin (not even PDFs).
WAGTAILDOCS_INLINE_CONTENT_TYPES: list[str] = []
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# Every uploaded image needs a description: Wagtail uses it as the default alt text.
WAGTAILIMAGES_IMAGE_FORM_BASE = "home.image_forms.ImageForm"
# Templates ask for WebP with a JPEG or PNG fallback (includes/picture.html). Renditions without
# a format-* filter keep WebP uploads as WebP instead of Wagtail's default conversion to PNG.
WAGTAILIMAGES_FORMAT_CONVERSIONS = {"webp": "webp"}
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAIL_ENABLE_UPDATE_CHECK = False
# The sign-in address changes on the site's account page, which asks for the password again.
WAGTAIL_EMAIL_MANAGEMENT_ENABLED = False
# Starting a translation creates draft pages, which go through the moderation workflow like any
# page: nothing is published in English or Italian before someone translated and approved it.
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
# Translators translate: no machine translation unless the deployment has a DeepL key, in which
# case the editor offers "Translate with DeepL" (docs/translation.md).
DEEPL_API_KEY = env.str("DEEPL_API_KEY", default="")
WAGTAILLOCALIZE_MACHINE_TRANSLATOR = (
    {
        "CLASS": "wagtail_localize.machine_translators.deepl.DeepLTranslator",
        "OPTIONS": {"AUTH_KEY": DEEPL_API_KEY, "TIMEOUT": 10},
    }
    if DEEPL_API_KEY
    else None
)

# ---------------------------------------------------------------------------------------------
# API
# ---------------------------------------------------------------------------------------------
REST_FRAMEWORK = {
    # Token first: its `WWW-Authenticate` header makes DRF answer 401 (not 403) to anonymous
    # requests that need a user. Browsers signed in to the site use their session (with CSRF).
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    # Closed by default: an endpoint open to visitors says so itself.
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    # JSON only: the browsable API needs inline scripts; /api/v1/docs/ is the browsable page.
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    # No DEFAULT_PARSER_CLASSES: DRF's default (JSON, form, multipart) is what the admin's own
    # DRF endpoints need (wagtail-localize's translation editor saves segments as form data).
    # The public API reads JSON only, declared by each of its views (config/api_parsers.py).
    "DEFAULT_PAGINATION_CLASS": "config.api_pagination.PageNumberPagination",
    "PAGE_SIZE": 20,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "EXCEPTION_HANDLER": "config.api_errors.api_exception_handler",
    # Scoped throttles: only views that name a scope are throttled (sign-in by token). Counted
    # per client address behind NUM_PROXIES (core.client.client_ip), as the sign-in and the forms.
    "DEFAULT_THROTTLE_CLASSES": ["config.throttling.ScopedRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"auth": env.str("API_AUTH_THROTTLE", default="20/minute")},
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Cluster 05 IS API",
    "DESCRIPTION": (
        "Cooperation experiments, funding calls and dossiers of the Cluster 05 IS. "
        "Authenticate with `Authorization: Token <key>` (POST /api/v1/auth/token/) or the "
        "site's session. Errors are JSON with a `detail` message in the request's language."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "ENABLE_DJANGO_DEPLOY_CHECK": False,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    # The schema describes our API only, not the Wagtail admin's internal endpoints.
    "PREPROCESSING_HOOKS": ["config.api.only_public_api"],
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "ExperimentStateEnum": "projects.models.Experiment.State",
        "FunderKindEnum": "funding.models.Funder.Kind",
        "SourceKindEnum": "funding.models.FundingSource.Kind",
        "SharingPostKindEnum": "projects.models.SharingPost.Kind",
        "TerritoryKindEnum": "projects.models.Territory.Kind",
    },
    # Swagger UI and Redoc from the drf-spectacular-sidecar package: no CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

# ---------------------------------------------------------------------------------------------
# Logging: one line per event on stderr (JSON with LOG_FORMAT=json), tagged with the request id.
# Errors go to Sentry too when SENTRY_DSN is set.
# ---------------------------------------------------------------------------------------------
LOG_LEVEL = env.str("LOG_LEVEL", default="INFO")
LOG_FORMAT = env.str("LOG_FORMAT", default="plain")
LOGGING = logging_config(LOG_LEVEL, LOG_FORMAT)
SENTRY_DSN = env.str("SENTRY_DSN", default="")
SENTRY_ENABLED = init_sentry(
    SENTRY_DSN,
    environment=env.str("SENTRY_ENVIRONMENT", default="production"),
    release=env.str("SENTRY_RELEASE", default=""),
    traces=env.float("SENTRY_TRACES_SAMPLE_RATE", default=0.0),
)

# ---------------------------------------------------------------------------------------------
# Project settings
# ---------------------------------------------------------------------------------------------
# Services whose failure makes /healthz answer 503 (take this server out of the pool). The
# cache, search, e-mail and tasks degrade gracefully and are only reported by default.
HEALTHZ_REQUIRED = env.list("HEALTHZ_REQUIRED", default=["database", "storage"])

# Label shown to visitors when a role or an e-mail needs a name for the platform.
PLATFORM_NAME = _("Cluster 05 Innovation Sociale")

# Map of the directory: any tile server with a {z}/{x}/{y} URL template. OpenStreetMap's
# standard tiles suit low traffic only (https://operations.osmfoundation.org/policies/tiles/).
MAP_TILE_URL = env.str("MAP_TILE_URL", default="https://tile.openstreetmap.org/{z}/{x}/{y}.png")
MAP_TILE_ATTRIBUTION = env.str(
    "MAP_TILE_ATTRIBUTION",
    default='&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> '
    "contributors",
)
# Reverse proxies in front of the app servers that append the client to X-Forwarded-For
# (0: use the connection's address). Used to rate-limit forms per visitor.
NUM_PROXIES = env.int("NUM_PROXIES", default=0)
# Contact form: at most this many accepted submissions per client address and window (seconds).
CONTACT_FORM_RATE_LIMIT = (
    env.int("CONTACT_FORM_RATE_LIMIT", default=5),
    env.int("CONTACT_FORM_RATE_WINDOW", default=600),
)

# ---------------------------------------------------------------------------------------------
# Security headers (config/security.py, docs/security.md)
# ---------------------------------------------------------------------------------------------
# The site's pages: no inline script, no inline style, no plugin, framed by nobody. Images from
# the map's tile server and, with S3, from the media bucket.


def _origin(url: str) -> str | None:
    """Scheme and host of an absolute URL; Leaflet's "{s}." subdomain becomes "*."."""
    parts = urlsplit(url or "")
    if parts.scheme in ("http", "https") and parts.hostname:
        return f"{parts.scheme}://{parts.netloc.split('@')[-1].replace('{s}.', '*.')}"
    return None


_IMG_SOURCES = ["'self'", "data:"]
for _url in (MAP_TILE_URL, env.str("AWS_S3_ENDPOINT_URL", default="")):
    if (_source := _origin(_url)) and _source not in _IMG_SOURCES:
        _IMG_SOURCES.append(_source)
if AWS_STORAGE_BUCKET_NAME and not env.str("AWS_S3_ENDPOINT_URL", default=""):
    _IMG_SOURCES.append(f"https://{AWS_STORAGE_BUCKET_NAME}.s3.amazonaws.com")
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": _IMG_SOURCES,
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "media-src": ["'self'"],
        "frame-src": ["'none'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}
# The Wagtail admin ships inline scripts and styles and previews pages in frames of itself.
CONTENT_SECURITY_POLICY_ADMIN = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", "'unsafe-inline'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": [*_IMG_SOURCES, "blob:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "frame-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'self'"],
    },
}
CSP_ADMIN_PATH_PREFIXES = ("/admin/",)
# The admin's previews of pages (config.security.is_preview_request) get the site's policy with
# `frame-ancestors 'self'`: the admin frames them, nobody else does.
# No Gravatar: avatars are the uploaded one or Wagtail's default, served by the site itself
# (a third-party request would also hand out a hash of each editor's e-mail address).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
PERMISSIONS_POLICY = (
    "accelerometer=(), autoplay=(), camera=(), display-capture=(), geolocation=(), "
    "gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=(), interest-cohort=()"
)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# The state diagrams written into docs/workflow.md by `manage.py workflow_diagram`.
WORKFLOW_DIAGRAMS = [
    "projects.experiments.diagram.diagrams",
    "projects.sharing.diagram.diagrams",
    "funding.dossiers.services.diagrams",
]
