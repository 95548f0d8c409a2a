"""Logging, error reports (Sentry) and the health check.

Logging: one line per event on stderr (JSON with LOG_FORMAT=json), tagged with the request id.
Errors go to Sentry too when SENTRY_DSN is set.
"""

from config.logs import logging_config
from config.sentry import init_sentry
from config.settings.parts.environment import env

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

# Services whose failure makes /healthz answer 503 (take this server out of the pool). The
# cache, search, e-mail and tasks degrade gracefully and are only reported by default.
HEALTHZ_REQUIRED = env.list("HEALTHZ_REQUIRED", default=["database", "storage"])
