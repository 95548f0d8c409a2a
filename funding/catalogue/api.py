"""JSON API of the funding catalogue: `GET /api/v1/calls/` and `GET /api/v1/calls/{id}/`.

Public (no sign-in): the same filters and order as the catalogue page, text in the request's
language, one fixed number of queries per page of results.
"""

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import permissions, serializers, viewsets
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response
from wagtail.models import Locale

import funding.catalogue.display as catalogue
from config.api.errors import ErrorSerializer
from config.api.parsers import API_PARSER_CLASSES
from funding.catalogue.filters import BaseCallFilter
from funding.catalogue.models import AidType, CostType, Funder, FundingCall, FundingSource
from funding.catalogue.pages import FundingCatalogPage
from projects.network.api import SlugOrIdFilter, TerritorySerializer, ThemeSerializer
from projects.network.models import Organisation, Territory, Theme


class CallApiFilter(BaseCallFilter):
    """The API's query parameters: `?open=true`, themes and territories by slug or id."""

    open = django_filters.TypedChoiceFilter(
        method="filter_open",
        choices=[("true", "true"), ("false", "false")],
        coerce=lambda value: value == "true",
        help_text="`true`: calls open today; `false`: calls not open today (opening later, "
        "or closed with `include_closed=true`).",
    )
    theme = SlugOrIdFilter(
        rows=lambda: Theme.objects.canonical(),
        method="filter_theme",
        help_text="A theme's slug or id: calls on it and calls open to any theme.",
    )
    territory = SlugOrIdFilter(
        rows=lambda: Territory.objects.all(),
        method="filter_territory",
        help_text="A territory's slug or id: calls on it, on what contains it, on what it "
        "contains, and calls open anywhere.",
    )
    include_closed = django_filters.TypedChoiceFilter(
        method="filter_include_closed",
        choices=[("true", "true"), ("false", "false")],
        coerce=lambda value: value == "true",
        help_text="`true`: closed calls are listed too (after the others).",
    )

    class Meta(BaseCallFilter.Meta):
        fields = [
            "open",
            "kind",
            "theme",
            "territory",
            "legal_form",
            "aid_type",
            "closes_before",
            "amount",
            "include_closed",
        ]

    def filter_open(self, queryset: QuerySet, name: str, value: bool | None) -> QuerySet:
        if value is False:
            return queryset.exclude(pk__in=FundingCall.objects.open_now().values("pk"))
        return super().filter_open(queryset, name, value)


# ---------------------------------------------------------------------- serializers
class FunderSerializer(serializers.ModelSerializer):
    """A funder, its description in the request's language."""

    class Meta:
        model = Funder
        fields = ["id", "slug", "name", "kind", "website"]


class SourceSerializer(serializers.ModelSerializer):
    """The funding source (programme, fund, platform) a call belongs to."""

    class Meta:
        model = FundingSource
        fields = ["id", "slug", "name", "kind"]


class CallRequirementSerializer(serializers.Serializer):
    """A document to provide or a question to answer when applying."""

    kind = serializers.CharField()
    label = serializers.CharField()
    help = serializers.CharField()
    required = serializers.BooleanField()


class ProvenanceSerializer(serializers.Serializer):
    """Where an imported call comes from (all empty for calls typed in the admin)."""

    import_source = serializers.CharField()
    external_id = serializers.CharField()
    source_url = serializers.CharField()
    licence = serializers.CharField()
    last_fetched_at = serializers.DateTimeField(allow_null=True)


def _choice_list(choices) -> serializers.ListField:
    return serializers.ListField(child=serializers.ChoiceField(choices=choices))


class FundingCallSerializer(serializers.ModelSerializer):
    """A funding call as the catalogue shows it."""

    url = serializers.SerializerMethodField(help_text="The call's page on this site.")
    funder = FunderSerializer(source="source.funder")
    source = SourceSerializer()
    source_kind = serializers.ChoiceField(source="source.kind", choices=FundingSource.Kind.choices)
    territory = TerritorySerializer(allow_null=True)
    themes = serializers.SerializerMethodField()
    status = serializers.SerializerMethodField(
        help_text="`upcoming`, `open`, `closing_soon` (within 14 days) or `closed`."
    )
    eligible_legal_forms = _choice_list(Organisation.LegalForm.choices)
    eligible_audiences = serializers.ListField(child=serializers.CharField())
    aid_types = _choice_list(AidType.choices)
    cost_types = serializers.SerializerMethodField()
    required_countries = serializers.ListField(child=serializers.CharField())
    provenance = serializers.SerializerMethodField()

    class Meta:
        model = FundingCall
        fields = [
            "id",
            "slug",
            "name",
            "summary",
            "url",
            "funder",
            "source",
            "source_kind",
            "territory",
            "themes",
            "status",
            "recurrence",
            "opens_on",
            "pre_deposit_at",
            "closes_at",
            "eligible_legal_forms",
            "eligible_audiences",
            "aid_types",
            "cost_types",
            "amount_min",
            "amount_max",
            "rate_min",
            "rate_max",
            "min_self_financing_rate",
            "min_partners",
            "required_countries",
            "platform_fee_rate",
            "all_or_nothing",
            "application_url",
            "is_illustrative",
            "provenance",
        ]
        read_only_fields = fields

    def get_url(self, call: FundingCall) -> str | None:
        base = self.context.get("catalogue_url")
        return f"{base}{call.slug}/" if base else None

    @extend_schema_field(ThemeSerializer(many=True))
    def get_themes(self, call: FundingCall) -> list[dict]:
        themes = getattr(call, "display_themes", None)
        if themes is None:
            themes = call.themes.all()
        return ThemeSerializer(themes, many=True).data

    def get_status(self, call: FundingCall) -> str:
        return call.status(self.context.get("now"))

    @extend_schema_field(serializers.ListField(child=serializers.ChoiceField(CostType.choices)))
    def get_cost_types(self, call: FundingCall) -> list[str]:
        return call.covered_cost_types

    @extend_schema_field(ProvenanceSerializer(allow_null=True))
    def get_provenance(self, call: FundingCall) -> dict | None:
        if not call.import_source:
            return None
        return ProvenanceSerializer(call).data


class FundingCallDetailSerializer(FundingCallSerializer):
    """A call with its description, co-funders and what applying requires."""

    co_funders = FunderSerializer(many=True)
    requirements = serializers.SerializerMethodField()

    class Meta(FundingCallSerializer.Meta):
        fields = [*FundingCallSerializer.Meta.fields, "description", "co_funders", "requirements"]
        read_only_fields = fields

    @extend_schema_field(CallRequirementSerializer(many=True))
    def get_requirements(self, call: FundingCall) -> list[dict]:
        return CallRequirementSerializer(call.display_requirements, many=True).data


# ---------------------------------------------------------------------- the viewset
def catalogue_url(request: Request, locale: Locale, default: Locale) -> str | None:
    """The absolute address of the catalogue page in ``locale`` (else in ``default``)."""
    pages = FundingCatalogPage.objects.live().public()
    page = pages.filter(locale=locale).first() or pages.filter(locale=default).first()
    if page is None:
        return None
    return request.build_absolute_uri(page.get_url(request))


class FundingCallViewSet(viewsets.GenericViewSet):
    """The funding catalogue: calls with their eligibility rules, amounts and deadlines."""

    parser_classes = API_PARSER_CLASSES
    serializer_class = FundingCallSerializer
    filterset_class = CallApiFilter
    permission_classes = [permissions.AllowAny]
    lookup_value_regex = r"\d+"

    def initial(self, request: Request, *args, **kwargs) -> None:
        super().initial(request, *args, **kwargs)
        # Looked up once per request: every helper below needs them.
        self.locale = Locale.get_active()
        self.default_locale = Locale.get_default()

    def get_queryset(self) -> QuerySet:
        # `initial` has not run when the schema generator asks.
        default = getattr(self, "default_locale", None) or Locale.get_default()
        return FundingCall.objects.filter(locale=default).for_listing()

    def get_serializer_context(self) -> dict:
        url = catalogue_url(self.request, self.locale, self.default_locale)
        return {**super().get_serializer_context(), "catalogue_url": url}

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "page_size", int, description="Items per page (1 to 100, 20 by default)."
            )
        ],
        summary="List funding calls",
        description=(
            "Calls open now or opening later, narrowest territory first then soonest closing "
            "date; `include_closed=true` adds closed calls after them. Text in the language of "
            "`Accept-Language`."
        ),
    )
    def list(self, request: Request) -> Response:
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(queryset)
        themes = catalogue.themes_in(self.locale, self.default_locale)
        calls = catalogue.prepare_calls(page, self.locale, themes=themes)
        serializer = self.get_serializer(calls, many=True)
        return self.get_paginated_response(serializer.data)

    @extend_schema(
        responses={200: FundingCallDetailSerializer, 404: ErrorSerializer},
        summary="Read a funding call",
        description="One call with its description, co-funders and required documents.",
    )
    def retrieve(self, request: Request, pk: str) -> Response:
        found = catalogue.calls_with_details().filter(pk=pk).first()
        if found is None:
            raise NotFound(_("No funding call with this id."))
        found = catalogue.prepare_call(found, self.locale)
        return Response(
            FundingCallDetailSerializer(found, context=self.get_serializer_context()).data
        )
