"""`GET /api/v1/search/`: the site search as JSON, paginated like every list of the API."""

from django.utils import translation
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.generics import GenericAPIView
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response

from config.api.pagination import PageNumberPagination
from config.api.parsers import API_PARSER_CLASSES

from . import services
from .forms import SearchForm
from .pages import ResultPage
from .text import query_terms


class SearchResultSerializer(serializers.Serializer):
    type = serializers.CharField(
        source="kind", help_text="page, organisation, call, sharing or experiment"
    )
    title = serializers.CharField()
    url = serializers.CharField(help_text="Address of the result's page (in the query's language)")
    extract = serializers.CharField(help_text="HTML: the text around the words, in <mark>")
    state = serializers.CharField(help_text="An experiment's state; empty for other types")


class SearchView(GenericAPIView):
    """Pages, organisations, funding calls, sharing posts and the experiments the caller may see,
    in the language of `lang` (else `Accept-Language`). Every word must match; accents, case and
    plurals do not matter. Filters: `type`, `theme`, `territory`, `state` (repeatable), `open`."""

    parser_classes = API_PARSER_CLASSES
    permission_classes = [AllowAny]
    serializer_class = SearchResultSerializer
    pagination_class = PageNumberPagination
    filter_backends: list = []  # the filters are the search form's (no queryset)

    @extend_schema(
        operation_id="search",
        parameters=[
            OpenApiParameter("q", OpenApiTypes.STR, description="Words to look for"),
            OpenApiParameter("lang", OpenApiTypes.STR, enum=["fr", "en", "it"]),
            OpenApiParameter("type", OpenApiTypes.STR, many=True),
            OpenApiParameter("theme", OpenApiTypes.STR, many=True, description="Theme slug"),
            OpenApiParameter("territory", OpenApiTypes.STR, many=True, description="Slug"),
            OpenApiParameter("state", OpenApiTypes.STR, many=True),
            OpenApiParameter("open", OpenApiTypes.BOOL, description="Open funding calls only"),
        ],
        # A list: drf-spectacular adds the pagination's parameters and envelope.
        responses=SearchResultSerializer(many=True),
    )
    def get(self, request: Request) -> Response:
        language = request.query_params.get("lang") or translation.get_language() or "fr"
        language = language.split("-")[0]
        if language not in ("fr", "en", "it"):
            raise ValidationError({"lang": [_("Choose fr, en or it.")]})
        data = request.query_params.copy()
        data.pop("page", None)
        data.pop("page_size", None)
        form = SearchForm(data)
        if not form.is_valid():
            raise ValidationError(
                {
                    name: [e["message"] for e in errors]
                    for name, errors in form.errors.get_json_data().items()
                }
            )
        criteria = form.criteria()
        paginator = self.paginator
        per_page = paginator.get_page_size(request)
        try:
            page = max(1, int(request.query_params.get("page", 1)))
        except ValueError:
            page = 1
        criteria.update(page=page, per_page=per_page)
        if not query_terms(criteria["text"], language) and not form.is_filtered:
            # Nothing to look for: an empty list, not an error.
            return Response({"count": 0, "next": None, "previous": None, "results": []})
        with translation.override(language):
            results = services.search(request.user, language=language, **criteria)
        hits = paginator.paginate_queryset(ResultPage(results, page, per_page), request, view=self)
        return paginator.get_paginated_response(self.get_serializer(hits, many=True).data)
