"""JSON API of the sharing board: the posts on the board (public), posting (members), and one's
own conversations (read-only).

Every decision asks `projects.experiments.permissions`; every change goes through
`projects.sharing.services`. No output ever holds an e-mail address: people are named,
organisations reached on the platform.
"""

from typing import Any

import django_filters
from django import forms
from django.db.models import Prefetch, QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import permissions, serializers, status, viewsets
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response

import projects.sharing.permissions as rules
import projects.sharing.services as sharing
from config.api.parsers import API_PARSER_CLASSES
from core.contact_details import no_contact_details
from core.validators import one_line
from projects.experiments.api import _errors
from projects.network.api import OrganisationField, SlugOrIdFilter, SlugOrIdRelatedField
from projects.network.models import Organisation, Territory
from projects.sharing.models import (
    WEEKDAY_COUNT,
    Conversation,
    ConversationMessage,
    SharingPhoto,
    SharingPost,
    weekday_mask,
    weekdays_of,
)


def _absolute(request: Request | None, path: str) -> str:
    return request.build_absolute_uri(path) if request is not None else path


# ---------------------------------------------------------------------- output
class SharingTerritorySerializer(serializers.ModelSerializer):
    class Meta:
        model = Territory
        fields = ["id", "slug", "name", "kind"]


class SharingOrganisationSerializer(serializers.ModelSerializer):
    """The organisation behind a post (never its e-mail address)."""

    class Meta:
        model = Organisation
        fields = ["id", "slug", "name"]


class AvailabilitySerializer(serializers.Serializer):
    mode = serializers.CharField(
        source="availability", help_text="`ongoing`, `dates` or `recurring`."
    )
    start = serializers.DateField(source="available_from", allow_null=True)
    end = serializers.DateField(source="available_until", allow_null=True)
    weekdays = serializers.SerializerMethodField(
        help_text="Days of the week, 0 = Monday … 6 = Sunday; empty = every day."
    )

    def get_weekdays(self, post: SharingPost) -> list[int]:
        return weekdays_of(post.weekdays)


class PhotoSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()

    class Meta:
        model = SharingPhoto
        fields = ["url", "alt_text", "width", "height"]

    def get_url(self, photo: SharingPhoto) -> str:
        path = reverse("projects:sharing_photo", kwargs={"pk": photo.post_id, "photo_pk": photo.pk})
        return _absolute(self.context.get("request"), path)


class SharingPostSerializer(serializers.ModelSerializer):
    """A post of the sharing board."""

    category_label = serializers.CharField(source="get_category_display")
    territory = SharingTerritorySerializer()
    commune = SharingTerritorySerializer(allow_null=True)
    organisation = SharingOrganisationSerializer()
    availability = AvailabilitySerializer(source="*")
    photos = PhotoSerializer(many=True)
    url = serializers.SerializerMethodField(help_text="The post's page on the sharing board.")

    class Meta:
        model = SharingPost
        fields = [
            "id",
            "kind",
            "category",
            "category_label",
            "title",
            "description",
            "territory",
            "commune",
            "organisation",
            "availability",
            "terms",
            "price",
            "terms_note",
            "state",
            "published_at",
            "expires_at",
            "photos",
            "url",
        ]
        read_only_fields = fields

    def get_url(self, post: SharingPost) -> str:
        return _absolute(self.context.get("request"), sharing.post_url(post))


# ---------------------------------------------------------------------- input
class SharingTerritoryField(SlugOrIdRelatedField):
    queryset = Territory.objects.all()


class SharingPostCreateSerializer(serializers.Serializer):
    """A new offer or request, on behalf of one of the member's organisations."""

    organisation = OrganisationField(help_text="One of your organisations (id).")
    kind = serializers.ChoiceField(choices=SharingPost.Kind.choices)
    category = serializers.ChoiceField(choices=SharingPost.Category.choices)
    title = serializers.CharField(max_length=150, validators=[one_line, no_contact_details])
    description = serializers.CharField(max_length=4000, validators=[no_contact_details])
    territory = SharingTerritoryField(help_text="A territory's slug or id.")
    commune = SharingTerritoryField(
        required=False, allow_null=True, default=None, help_text="A commune's slug or id."
    )
    availability = serializers.ChoiceField(
        choices=SharingPost.Availability.choices, default=SharingPost.Availability.ONGOING
    )
    available_from = serializers.DateField(required=False, allow_null=True, default=None)
    available_until = serializers.DateField(required=False, allow_null=True, default=None)
    weekdays = serializers.ListField(
        child=serializers.IntegerField(min_value=0, max_value=WEEKDAY_COUNT - 1),
        required=False,
        default=list,
        help_text="Days of the week, 0 = Monday … 6 = Sunday.",
    )
    terms = serializers.ChoiceField(
        choices=SharingPost.Terms.choices, default=SharingPost.Terms.FREE
    )
    price = serializers.DecimalField(
        max_digits=10, decimal_places=2, min_value=0, required=False, allow_null=True, default=None
    )
    terms_note = serializers.CharField(
        max_length=200,
        required=False,
        allow_blank=True,
        default="",
        validators=[no_contact_details],
    )
    publish = serializers.BooleanField(
        default=True, help_text="Publish at once (default) or keep as a draft."
    )

    def validate_organisation(self, organisation: Organisation) -> Organisation:
        user = self.context["request"].user
        if not rules.can_post_for(user, organisation):
            raise serializers.ValidationError(
                _("You may only post on behalf of your own organisations.")
            )
        return organisation

    def validate_weekdays(self, value: list[int]) -> int:
        return weekday_mask(value)


# ---------------------------------------------------------------------- filters
class SharingPostFilter(django_filters.FilterSet):
    """The board's filters: `q`, `kind`, `category`, `territory` (both ways), `available`."""

    q = django_filters.CharFilter(
        method="filter_text", max_length=100, help_text="Words of the title or description."
    )
    kind = django_filters.ChoiceFilter(choices=SharingPost.Kind.choices)
    category = django_filters.ChoiceFilter(choices=SharingPost.Category.choices)
    territory = SlugOrIdFilter(
        rows=lambda: Territory.objects.all(),
        method="filter_territory",
        help_text="A territory's slug or id: posts on it, on what it contains or on what "
        "contains it.",
    )
    available = django_filters.DateFilter(
        method="filter_available",
        widget=forms.DateInput,
        help_text="A day (YYYY-MM-DD) the post's availability includes.",
    )

    class Meta:
        model = SharingPost
        fields = ["q", "kind", "category", "territory", "available"]

    def filter_text(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.matching_text(value)

    def filter_territory(self, queryset: QuerySet, name: str, territory: Territory) -> QuerySet:
        return queryset.in_territory(territory)

    def filter_available(self, queryset: QuerySet, name: str, value) -> QuerySet:
        return queryset.available_on(value)


# ---------------------------------------------------------------------- conversations
class MessageSerializer(serializers.ModelSerializer):
    """A message: its author's name and organisation (no e-mail address)."""

    author = serializers.SerializerMethodField()
    organisation = SharingOrganisationSerializer()

    class Meta:
        model = ConversationMessage
        fields = ["author", "organisation", "body", "created_at"]

    def get_author(self, message: ConversationMessage) -> str:
        return sharing.display_name(message.author)


class ConversationSerializer(serializers.ModelSerializer):
    post = serializers.SerializerMethodField()
    organisations = serializers.SerializerMethodField()
    unread_count = serializers.IntegerField()
    idea = serializers.PrimaryKeyRelatedField(source="experiment", read_only=True)
    url = serializers.SerializerMethodField()

    class Meta:
        model = Conversation
        fields = ["id", "post", "organisations", "last_message_at", "unread_count", "idea", "url"]

    @extend_schema_field(
        {
            "type": "object",
            "properties": {
                "id": {"type": "integer"},
                "title": {"type": "string"},
                "url": {"type": "string"},
            },
        }
    )
    def get_post(self, conversation: Conversation) -> dict[str, Any]:
        post = conversation.post
        path = sharing.post_url(post)
        return {
            "id": post.pk,
            "title": post.title,
            "url": _absolute(self.context.get("request"), path),
        }

    @extend_schema_field(SharingOrganisationSerializer(many=True))
    def get_organisations(self, conversation: Conversation) -> list[dict]:
        return SharingOrganisationSerializer(
            [conversation.post.organisation, conversation.organisation], many=True
        ).data

    def get_url(self, conversation: Conversation) -> str:
        return _absolute(self.context.get("request"), sharing.conversation_url(conversation))


class ConversationDetailSerializer(ConversationSerializer):
    messages = MessageSerializer(many=True)

    class Meta(ConversationSerializer.Meta):
        fields = [*ConversationSerializer.Meta.fields, "messages"]


# ---------------------------------------------------------------------- viewsets
class SharingPostViewSet(viewsets.GenericViewSet):
    """The sharing board: posts on the board for everyone; posting for members."""

    parser_classes = API_PARSER_CLASSES
    serializer_class = SharingPostSerializer
    filterset_class = SharingPostFilter
    filter_backends = [django_filters.rest_framework.DjangoFilterBackend]
    lookup_value_regex = r"\d+"
    http_method_names = ["get", "post", "head", "options"]

    def get_permissions(self):
        if self.action in {"list", "retrieve"}:
            return [permissions.AllowAny()]
        return [permissions.IsAuthenticated()]

    def get_queryset(self) -> QuerySet:
        return SharingPost.objects.for_listing().order_by("-published_at", "-pk")

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "page_size", int, description="Items per page (1 to 100, 20 by default)."
            )
        ],
        summary="List the posts on the sharing board",
        description=(
            "Published offers and requests that have not expired, latest first, for everyone. "
            "`territory` is matched both ways (a post on the Hautes-Alpes is found from Gap, "
            "and the other way round)."
        ),
    )
    def list(self, request: Request) -> Response:
        queryset = self.filter_queryset(self.get_queryset().on_board())
        page = self.paginate_queryset(queryset)
        serializer = SharingPostSerializer(page, many=True, context={"request": request})
        return self.get_paginated_response(serializer.data)

    @extend_schema(
        responses={200: SharingPostSerializer, **_errors(404)},
        summary="Read a post",
        description="A post on the board; drafts and closed posts only for their organisation "
        "and the coordinators (404 otherwise).",
    )
    def retrieve(self, request: Request, pk: str) -> Response:
        post = self.get_queryset().filter(pk=pk).first()
        if post is None or not rules.can_view_post(request.user, post):
            raise NotFound()
        return Response(SharingPostSerializer(post, context={"request": request}).data)

    @extend_schema(
        request=SharingPostCreateSerializer,
        responses={201: SharingPostSerializer, **_errors(400, 401, 403)},
        summary="Post an offer or a request",
        description=(
            "Members of an organisation, on its behalf; published at once unless `publish` is "
            "false. Someone without an organisation gets 403 with how to join one."
        ),
    )
    def create(self, request: Request) -> Response:
        if not rules.can_post(request.user):
            self.permission_denied(
                request,
                message=_(
                    "Posts are made on behalf of an organisation of the directory: ask its "
                    "administrator to invite you, or write to the cluster's coordinators."
                ),
            )
        serializer = SharingPostCreateSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        organisation = data.pop("organisation")
        publish = data.pop("publish")
        post = sharing.create_post(
            by=request.user, organisation=organisation, fields=data, publish=publish
        )
        post = self.get_queryset().get(pk=post.pk)
        location = request.build_absolute_uri(reverse("api:sharing-detail", kwargs={"pk": post.pk}))
        return Response(
            SharingPostSerializer(post, context={"request": request}).data,
            status=status.HTTP_201_CREATED,
            headers={"Location": location},
        )


class ConversationViewSet(viewsets.GenericViewSet):
    """Your organisations' conversations on the sharing board (read-only)."""

    parser_classes = API_PARSER_CLASSES
    serializer_class = ConversationSerializer
    filter_backends: list = []
    lookup_value_regex = r"\d+"
    http_method_names = ["get", "head", "options"]

    def get_queryset(self) -> QuerySet:
        user = self.request.user
        return (
            Conversation.objects.of_participant(user)
            .with_unread_count(user)
            .select_related("post__organisation", "organisation")
        )

    @extend_schema(
        summary="List your conversations",
        description="Conversations of the organisations you act for, latest message first, "
        "with how many messages you have not read.",
    )
    def list(self, request: Request) -> Response:
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(
            ConversationSerializer(page, many=True, context={"request": request}).data
        )

    @extend_schema(
        responses={200: ConversationDetailSerializer, **_errors(401, 404)},
        summary="Read a conversation",
        description="Only for the members of its two organisations (404 for anyone else).",
    )
    def retrieve(self, request: Request, pk: str) -> Response:
        messages = ConversationMessage.objects.select_related("author", "organisation")
        conversation = (
            self.get_queryset()
            .prefetch_related(Prefetch("messages", queryset=messages))
            .filter(pk=pk)
            .first()
        )
        if conversation is None:
            raise NotFound()
        return Response(
            ConversationDetailSerializer(conversation, context={"request": request}).data
        )
