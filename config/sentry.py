"""Optional error reporting to Sentry (or a compatible server such as GlitchTip).

Off unless ``SENTRY_DSN`` is set. No personal data is sent (``send_default_pii=False``): the
platform holds unpublished projects and people's addresses. Traces are off unless
``SENTRY_TRACES_SAMPLE_RATE`` asks for a share of requests.
"""


def init_sentry(dsn: str, *, environment: str, release: str = "", traces: float = 0.0) -> bool:
    """Start the Sentry client when ``dsn`` is set; returns whether it was started."""
    if not dsn:
        return False
    import sentry_sdk
    from sentry_sdk.integrations.django import DjangoIntegration
    from sentry_sdk.integrations.logging import LoggingIntegration

    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        release=release or None,
        integrations=[DjangoIntegration(), LoggingIntegration(event_level=None)],
        send_default_pii=False,
        traces_sample_rate=traces,
    )
    return True
