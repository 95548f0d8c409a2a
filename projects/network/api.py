"""JSON API of the cooperation network.

The pieces every area's API shares (themes, territories and organisations given by slug or id,
and their short representations), and the network's endpoints: the directory's organisations
(public fields only) and asking to join one, themes, territories, and `/me/` (the account, the
organisations it acts for and its role in each).
"""

from typing import Any

import django_filters
from django import forms
from django.core.exceptions import ObjectDoesNotExist
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Prefetch, Q, QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import permissions as drf_permissions
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

import projects.network.permissions as permissions
import projects.network.services as services
from accounts import roles
from config.api.errors import ErrorSerializer
from config.api.parsers import API_PARSER_CLASSES
from core.text import Fold, search_terms
from core.translation import localize_all
from projects.network.models import (
    MembershipRequest,
    Organisation,
    OrganisationMembership,
    Territory,
    Theme,
)


# ---------------------------------------------------------------------- input fields
@extend_schema_field(
    {"oneOf": [{"type": "string"}, {"type": "integer"}], "description": "A slug or an id."}
)
class SlugOrIdRelatedField(serializers.RelatedField):
    """A related row given by its slug (`"gap"`) or its id (`12`); shown as its slug."""

    default_error_messages = {
        "does_not_exist": _("Nothing matches “{value}”: give a slug or an id."),
        "incorrect_type": _("Give a slug or an id."),
    }

    def to_internal_value(self, data: Any):
        if isinstance(data, bool) or not isinstance(data, int | str):
            self.fail("incorrect_type")
        text = str(data).strip()
        lookup = {"pk": int(text)} if text.isdigit() else {"slug": text}
        try:
            return self.get_queryset().get(**lookup)
        except ObjectDoesNotExist:
            self.fail("does_not_exist", value=text)

    def to_representation(self, value) -> str:
        return value.slug


class ThemeField(SlugOrIdRelatedField):
    """A theme, always the canonical (French) row that relations point at."""

    queryset = Theme.objects.all()

    def get_queryset(self) -> QuerySet:
        return Theme.objects.canonical()


class TerritoryField(SlugOrIdRelatedField):
    queryset = Territory.objects.all()


class OrganisationField(serializers.PrimaryKeyRelatedField):
    """An organisation by id, always the canonical row."""

    queryset = Organisation.objects.all()

    def get_queryset(self) -> QuerySet:
        return Organisation.objects.canonical()


# ---------------------------------------------------------------------- output pieces
class ThemeSerializer(serializers.ModelSerializer):
    """A theme, its name in the request's language."""

    class Meta:
        model = Theme
        fields = ["id", "slug", "name"]


class TerritorySerializer(serializers.ModelSerializer):
    class Meta:
        model = Territory
        fields = ["id", "slug", "name", "kind"]


class OrganisationSummarySerializer(serializers.ModelSerializer):
    """An organisation's id and name, and when a coordinator verified its identity (null when
    it is not verified: docs/security.md, "How organisations are verified")."""

    class Meta:
        model = Organisation
        fields = ["id", "name", "verified_at"]
        read_only_fields = ["verified_at"]


# ---------------------------------------------------------------------- filters
class SlugOrIdFormField(forms.Field):
    """A filter value naming a row by slug or id; unknown values are invalid input."""

    def __init__(self, *, rows, **kwargs):
        self.rows = rows
        super().__init__(**kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        text = str(value).strip()
        lookup = {"pk": int(text)} if text.isdigit() else {"slug": text}
        try:
            return self.rows().get(**lookup)
        except ObjectDoesNotExist:
            raise forms.ValidationError(
                _("Nothing matches “%(value)s”: give a slug or an id."),
                code="invalid_choice",
                params={"value": text},
            ) from None


@extend_schema_field({"type": "string", "description": "A slug or an id."})
class SlugOrIdFilter(django_filters.Filter):
    field_class = SlugOrIdFormField


# ---------------------------------------------------------------------- the network's endpoints
def _errors(*codes: int) -> dict:
    """Error statuses an operation documents (they all share one body)."""
    return dict.fromkeys(codes, ErrorSerializer)


class OrganisationSerializer(serializers.ModelSerializer):
    """What the directory page of an organisation shows: nothing else about it is public."""

    commune = TerritorySerializer(read_only=True, allow_null=True)
    territories = TerritorySerializer(many=True, read_only=True)
    themes = ThemeSerializer(many=True, read_only=True)

    class Meta:
        model = Organisation
        fields = [
            "id",
            "slug",
            "name",
            "kind",
            "legal_form",
            "description",
            "commune",
            "territories",
            "themes",
            "website",
            "email",
            "is_active_member",
        ]


class OrganisationFilter(django_filters.FilterSet):
    """`?q=` (words of the name, accents ignored), `?kind=`, `?legal_form=`, `?theme=`,
    `?territory=` (based or working there, both ways) and `?mine=true`."""

    q = django_filters.CharFilter(method="filter_q", help_text="Words of the name.")
    kind = django_filters.ChoiceFilter(choices=Organisation.Kind.choices)
    legal_form = django_filters.ChoiceFilter(choices=Organisation.LegalForm.choices)
    theme = SlugOrIdFilter(
        rows=lambda: Theme.objects.canonical(),
        method="filter_theme",
        help_text="A theme's slug or id.",
    )
    territory = SlugOrIdFilter(
        rows=lambda: Territory.objects.all(),
        method="filter_territory",
        help_text="A territory's slug or id: organisations based or working on it, on what it "
        "contains or on what contains it.",
    )
    mine = django_filters.BooleanFilter(
        method="filter_mine", help_text="`true`: only the organisations you are a member of."
    )

    class Meta:
        model = Organisation
        fields = ["q", "kind", "legal_form", "theme", "territory", "mine"]

    def filter_q(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        queryset = queryset.annotate(folded=Fold("name"))
        for word in search_terms(value):
            queryset = queryset.filter(folded__contains=word)
        return queryset

    def filter_theme(self, queryset: QuerySet, name: str, theme: Theme) -> QuerySet:
        return queryset.filter(themes=theme).distinct()

    def filter_territory(self, queryset: QuerySet, name: str, territory: Territory) -> QuerySet:
        related = Territory.objects.related_both_ways(territory)
        return queryset.filter(Q(commune__in=related) | Q(territories__in=related)).distinct()

    def filter_mine(self, queryset: QuerySet, name: str, value: bool | None) -> QuerySet:
        if value is None:
            return queryset
        ids = permissions.organisation_ids(self.request.user)
        return queryset.filter(pk__in=ids) if value else queryset.exclude(pk__in=ids)


class JoinRequestSerializer(serializers.Serializer):
    message = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=2000,
        help_text="Who you are in the organisation, for the people who decide.",
    )


class MembershipRequestSerializer(serializers.ModelSerializer):
    """A request to join an organisation, as its author sees it."""

    organisation = OrganisationSummarySerializer(read_only=True)

    class Meta:
        model = MembershipRequest
        fields = ["id", "organisation", "status", "message", "created_at"]


PAGE_SIZE_PARAMETER = OpenApiParameter(
    "page_size", int, description="Items per page (1 to 100, 20 by default)."
)


@extend_schema_view(
    list=extend_schema(
        summary="List the organisations of the directory",
        description="Public fields only, as the directory shows them; open to everyone.",
        parameters=[PAGE_SIZE_PARAMETER],
    ),
    retrieve=extend_schema(
        summary="Read an organisation", responses={200: OrganisationSerializer, **_errors(404)}
    ),
)
class OrganisationViewSet(viewsets.ReadOnlyModelViewSet):
    """The directory's organisations, and asking to join one."""

    parser_classes = API_PARSER_CLASSES
    queryset = Organisation.objects.all()  # for the schema; get_queryset() gives the rows
    serializer_class = OrganisationSerializer
    filterset_class = OrganisationFilter
    lookup_value_regex = r"\d+"

    def get_permissions(self):
        if self.action in {"list", "retrieve"}:
            return [drf_permissions.AllowAny()]
        return [drf_permissions.IsAuthenticated()]

    def get_queryset(self) -> QuerySet:
        return (
            Organisation.objects.canonical()
            .select_related("commune")
            .prefetch_related(
                Prefetch("themes", queryset=Theme.objects.order_by("number")), "territories"
            )
            .order_by("name", "pk")
        )

    def list(self, request: Request) -> Response:
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        localize_all(page)
        _localize_themes(page)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def retrieve(self, request: Request, pk: str) -> Response:
        organisation = self.get_object()
        localize_all([organisation])
        _localize_themes([organisation])
        return Response(self.get_serializer(organisation).data)

    @extend_schema(
        request=JoinRequestSerializer,
        responses={201: MembershipRequestSerializer, **_errors(400, 401, 404)},
        summary="Ask to join an organisation",
        description=(
            "Its administrators (or the coordinators, when it has none) decide; you are told of "
            "the decision. 400 when you are already a member or a request is already waiting."
        ),
    )
    @action(detail=True, methods=["post"], url_path="join-requests", url_name="join-requests")
    def join_requests(self, request: Request, pk: str) -> Response:
        organisation = self.get_object()
        serializer = JoinRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            created = services.ask_to_join(
                organisation, by=request.user, message=serializer.validated_data.get("message", "")
            )
        except DjangoValidationError as error:
            raise ValidationError({"detail": error.messages}) from None
        return Response(MembershipRequestSerializer(created).data, status=status.HTTP_201_CREATED)


def _localize_themes(organisations) -> None:
    themes = [theme for org in organisations for theme in org.themes.all()]
    localize_all(themes)


class TerritoryFilter(django_filters.FilterSet):
    """`?kind=`, `?parent=` (a territory's slug or id: the ones directly inside it), `?q=`."""

    q = django_filters.CharFilter(method="filter_q", help_text="Words of the name.")
    kind = django_filters.ChoiceFilter(choices=Territory.Kind.choices)
    parent = SlugOrIdFilter(
        rows=lambda: Territory.objects.all(),
        field_name="parents",
        help_text="A territory's slug or id: the territories directly inside it.",
    )

    class Meta:
        model = Territory
        fields = ["q", "kind", "parent"]

    def filter_q(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        queryset = queryset.annotate(folded=Fold("name"))
        for word in search_terms(value):
            queryset = queryset.filter(folded__contains=word)
        return queryset


@extend_schema_view(
    list=extend_schema(
        summary="List the territories",
        description="Communes, EPCIs, départements…: the values of `territory` filters.",
        parameters=[PAGE_SIZE_PARAMETER],
    ),
    retrieve=extend_schema(summary="Read a territory", responses={200: TerritorySerializer}),
)
class TerritoryViewSet(viewsets.ReadOnlyModelViewSet):
    """Territories, to fill the API's `territory` fields and filters."""

    serializer_class = TerritorySerializer
    filterset_class = TerritoryFilter
    permission_classes = [drf_permissions.AllowAny]
    queryset = Territory.objects.order_by("rank", "name", "pk")
    lookup_value_regex = r"\d+"


class ThemeFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_q", help_text="Words of the name.")

    class Meta:
        model = Theme
        fields = ["q"]

    def filter_q(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        queryset = queryset.annotate(folded=Fold("name"))
        for word in search_terms(value):
            queryset = queryset.filter(folded__contains=word)
        return queryset


@extend_schema_view(
    list=extend_schema(
        summary="List the cooperation themes",
        description="Names in the request's language; the values of `theme` fields and filters.",
        parameters=[PAGE_SIZE_PARAMETER],
    ),
    retrieve=extend_schema(summary="Read a theme", responses={200: ThemeSerializer}),
)
class ThemeViewSet(viewsets.ReadOnlyModelViewSet):
    """The cooperation themes."""

    queryset = Theme.objects.all()  # for the schema; get_queryset() gives the rows
    serializer_class = ThemeSerializer
    filterset_class = ThemeFilter
    permission_classes = [drf_permissions.AllowAny]
    lookup_value_regex = r"\d+"

    def get_queryset(self) -> QuerySet:
        return Theme.objects.canonical().order_by("number", "pk")

    def list(self, request: Request) -> Response:
        page = localize_all(self.paginate_queryset(self.filter_queryset(self.get_queryset())))
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def retrieve(self, request: Request, pk: str) -> Response:
        return Response(self.get_serializer(localize_all([self.get_object()])[0]).data)


# ---------------------------------------------------------------------- the account
class MyMembershipSerializer(serializers.ModelSerializer):
    id = serializers.IntegerField(source="organisation.id")
    name = serializers.CharField(source="organisation.name")

    class Meta:
        model = OrganisationMembership
        fields = ["id", "name", "role"]


class MeSerializer(serializers.Serializer):
    """The signed-in account, the organisations it acts for and its requests waiting."""

    id = serializers.IntegerField()
    email = serializers.EmailField()
    full_name = serializers.CharField()
    language = serializers.CharField()
    staff_roles = serializers.ListField(
        child=serializers.ChoiceField(choices=["coordinator", "editor", "moderator"]),
        help_text="The platform's staff roles the account holds.",
    )
    organisations = MyMembershipSerializer(
        many=True, help_text="The organisations you may act for, with your role in each."
    )
    pending_requests = MembershipRequestSerializer(many=True)


class MeView(APIView):
    """The account the request is signed in with."""

    @extend_schema(
        responses={200: MeSerializer, **_errors(401)},
        summary="Your account, your organisations and your roles",
        description=(
            "Which organisations you may name when you propose, post or apply, and your role in "
            "each (`admin` decides who else joins); your requests to join that wait."
        ),
    )
    def get(self, request: Request) -> Response:
        user = request.user
        staff_roles = [
            code
            for code, check in (
                ("coordinator", roles.is_coordinator),
                ("editor", roles.is_editor),
                ("moderator", roles.is_moderator),
            )
            if check(user)
        ]
        data = {
            "id": user.pk,
            "email": user.email,
            "full_name": user.get_full_name(),
            "language": user.language,
            "staff_roles": staff_roles,
            "organisations": OrganisationMembership.objects.filter(user=user)
            .select_related("organisation")
            .order_by("organisation__name"),
            "pending_requests": MembershipRequest.objects.pending()
            .filter(user=user)
            .select_related("organisation"),
        }
        return Response(MeSerializer(data).data)
