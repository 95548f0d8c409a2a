"""The JSON API, version 1: every endpoint under /api/v1/ (outside the language prefix).

Each app keeps its serializers and viewsets in its own `api.py` and registers them here, one
line per resource: `router.register("organisations", OrganisationViewSet, basename="organisation")
router.register("themes", ThemeViewSet, basename="theme")
router.register("territories", TerritoryViewSet, basename="territory")
router.register("calls", FundingCallViewSet, basename="call")`. URL names
are namespaced `api:` (`reverse("api:experiment-detail", kwargs={"pk": 1})`). Shared endpoints:
sign-in by token, the OpenAPI schema and its browsable documentation.
"""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import SimpleRouter

from accounts.api import TokenView
from funding.catalogue.api import FundingCallViewSet
from funding.dossiers.api import FundingApplicationViewSet
from funding.matching.api import (
    ExperimentCallMatchView,
    ExperimentFundingPlanView,
    ExperimentMatchesView,
)
from projects.experiments.api import ExperimentViewSet
from projects.network.api import MeView, OrganisationViewSet, TerritoryViewSet, ThemeViewSet
from projects.sharing.api import ConversationViewSet, SharingPostViewSet
from search.api import SearchView

app_name = "api"

router = SimpleRouter()
router.register("experiments", ExperimentViewSet, basename="experiment")
router.register("organisations", OrganisationViewSet, basename="organisation")
router.register("themes", ThemeViewSet, basename="theme")
router.register("territories", TerritoryViewSet, basename="territory")
router.register("calls", FundingCallViewSet, basename="call")
router.register("applications", FundingApplicationViewSet, basename="application")
router.register("sharing/conversations", ConversationViewSet, basename="sharing-conversation")
router.register("sharing", SharingPostViewSet, basename="sharing")

urlpatterns = [
    path("auth/token/", TokenView.as_view(), name="token"),
    # The account (projects/network/api.py: it lists the organisations the account acts for).
    path("me/", MeView.as_view(), name="me"),
    path("search/", SearchView.as_view(), name="search"),
    # An experiment's funding recommendations (funding/matching/api.py), before the router so
    # that `projects` needs no knowledge of `funding`.
    path(
        "experiments/<int:pk>/matches/",
        ExperimentMatchesView.as_view(),
        name="experiment-matches",
    ),
    path(
        "experiments/<int:pk>/matches/<int:call_pk>/",
        ExperimentCallMatchView.as_view(),
        name="experiment-call-match",
    ),
    path(
        "experiments/<int:pk>/funding-plan/",
        ExperimentFundingPlanView.as_view(),
        name="experiment-funding-plan",
    ),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path(
        "docs/",
        SpectacularSwaggerSplitView.as_view(url_name="api:schema", template_name="api/docs.html"),
        name="docs",
    ),
    *router.urls,
]

API_PATH_PREFIX = "/api/v1/"


def only_public_api(endpoints: list[tuple]) -> list[tuple]:
    """drf-spectacular preprocessing hook: describe /api/v1/ only, not the admin's endpoints."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith(API_PATH_PREFIX)]
