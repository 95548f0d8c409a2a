"""The services the site uses, each chosen by an environment variable: database, cache,
e-mail, background tasks, search. Without them, embedded defaults."""

from config.settings.parts.applications import MIDDLEWARE
from config.settings.parts.environment import DEBUG, VAR_DIR, env

# Database: SQLite under var/ unless DATABASE_URL names PostgreSQL.
DATABASES = {
    "default": env.db_url_config(
        env.str("DATABASE_URL", default="") or f"sqlite:///{VAR_DIR / 'db.sqlite3'}"
    ),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
# SQLite: WAL lets readers go on while one writes; transactions start IMMEDIATE (they take the
# write lock at BEGIN and wait up to the busy timeout for it), so that concurrent writers queue.
# In SQLite's default DEFERRED mode a transaction that read first and then writes cannot wait: it
# fails at once with « database is locked » when another writer got there in between.
SQLITE_OPTIONS = {
    "timeout": env.int("SQLITE_BUSY_TIMEOUT", default=20),
    "transaction_mode": "IMMEDIATE",
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(SQLITE_OPTIONS)
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
    # In the middleware of applications.py, before anything reads the database (sessions, users).
    MIDDLEWARE.insert(1, "config.db_routers.PinToPrimaryMiddleware")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: Redis when REDIS_URL is set, local memory otherwise.
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

# E-mail: SMTP when EMAIL_URL is set, the console otherwise.
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

# Background tasks (e-mails, index updates): immediate unless a worker is configured.
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
    {"name": "review_reminders", "cron": "0 8 * * *", "command": "send_review_reminders"},
    {"name": "call_openings", "cron": "30 7 * * *", "command": "send_call_openings"},
    {"name": "funding_digest", "cron": "0 7 * * 1", "command": "funding_digest"},
]
# Where the scheduler's job locks live on SQLite (PostgreSQL uses advisory locks): beside the data.
SCHEDULER_LOCK_DIR = env.str("SCHEDULER_LOCK_DIR", default=str(VAR_DIR / "locks"))

# Search: Elasticsearch when ELASTICSEARCH_URL is set, Wagtail's database backend otherwise.
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
