"""The API: Django REST framework and its OpenAPI schema (drf-spectacular)."""

from config.settings.parts.environment import env

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
    # The public API reads JSON only, declared by each of its views (config/api/parsers.py).
    "DEFAULT_PAGINATION_CLASS": "config.api.pagination.PageNumberPagination",
    "PAGE_SIZE": 20,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "EXCEPTION_HANDLER": "config.api.errors.api_exception_handler",
    # Every write is limited per address and per account (RATE_LIMITS["api_write"],
    # ratelimits.py); scoped throttles limit the views that name a scope (sign-in by token).
    # Both count the client address behind NUM_PROXIES (core.client.client_ip), as the sign-in
    # and the forms. A view that sets its own throttle_classes keeps WriteThrottle among them.
    "DEFAULT_THROTTLE_CLASSES": [
        "config.throttling.WriteThrottle",
        "config.throttling.ScopedRateThrottle",
    ],
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
    "PREPROCESSING_HOOKS": ["config.api.urls.only_public_api"],
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
