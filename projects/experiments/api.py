"""JSON API of the experiment workflow: serializers and the experiments viewset.

Every decision asks `projects.experiments.permissions`; every change goes through
`projects.experiments.services`. People who may open an experiment's private space (its members,
the coordinators) get the full representation (`"access": "full"`); everyone else gets the public
summary of public experiments (`"access": "public"`: no budget, no members, no documents).
"""

from collections.abc import Iterable, Mapping
from typing import Any

import django_filters
from django.db.models import Prefetch, QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import (
    OpenApiParameter,
    PolymorphicProxySerializer,
    extend_schema,
    extend_schema_view,
)
from rest_framework import filters, permissions, serializers, status, viewsets
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response

import projects.experiments.permissions as rules
import projects.experiments.services as services
from config.api.errors import ErrorSerializer
from config.api.parsers import API_PARSER_CLASSES
from config.throttling import TooManyRequests
from core.contact_details import no_contact_details
from core.ratelimit.limits import RateLimited, account_ident, reserve
from core.translation import localize_all
from core.validators import one_line
from core.workflow.api import (
    TransitionActionsMixin,
    TransitionSerializer,
    transition_name_parameter,
)
from core.workflow.api import TransitionRequestSerializer as BaseTransitionRequestSerializer
from projects.experiments.models import Experiment, ExperimentMember
from projects.experiments.serializers import (
    AcceptedPartnersField,
    BudgetLineSerializer,
    MemberSerializer,
    MilestoneSerializer,
    PartnerStatusSerializer,
)
from projects.network.api import (
    OrganisationField,
    OrganisationSummarySerializer,
    SlugOrIdFilter,
    TerritoryField,
    TerritorySerializer,
    ThemeField,
    ThemeSerializer,
)
from projects.network.models import Territory, Theme

# The public page of an experiment, served by the leads' space (projects/urls.py).
PUBLIC_PAGE_ROUTE = "projects:public_detail"


# ---------------------------------------------------------------------- output pieces
def public_page_url(experiment: Experiment) -> str | None:
    """The public page's path when the experiment has one (public, from `formalised` on)."""
    if experiment.is_public and experiment.state in Experiment.PUBLIC_STATES:
        return reverse(PUBLIC_PAGE_ROUTE, kwargs={"slug": experiment.slug})
    return None


class PublicExperimentSerializer(serializers.ModelSerializer):
    """The public summary of an experiment: what its public page shows."""

    ACCESS = "public"

    access = serializers.SerializerMethodField(help_text="`public`: the public summary only.")
    state_label = serializers.CharField(source="get_state_display")
    themes = ThemeSerializer(many=True)
    territories = TerritorySerializer(many=True)
    lead_organisation = OrganisationSummarySerializer()
    partners = AcceptedPartnersField(
        help_text="The partner organisations that accepted to take part."
    )
    url = serializers.SerializerMethodField(help_text="The web page of the experiment.")

    class Meta:
        model = Experiment
        fields = [
            "access",
            "id",
            "slug",
            "title",
            "summary",
            "state",
            "state_label",
            "state_changed_at",
            "themes",
            "territories",
            "lead_organisation",
            "partners",
            "start_date",
            "end_date",
            "is_public",
            "url",
        ]
        read_only_fields = fields

    def get_access(self, experiment: Experiment) -> str:
        return self.ACCESS

    def get_url(self, experiment: Experiment) -> str | None:
        path = self.page_path(experiment)
        request = self.context.get("request")
        return request.build_absolute_uri(path) if path and request else path

    def page_path(self, experiment: Experiment) -> str | None:
        return public_page_url(experiment)


class ExperimentSerializer(PublicExperimentSerializer):
    """The whole sheet, for the experiment's members and the coordinators."""

    ACCESS = "full"

    access = serializers.SerializerMethodField(help_text="`full`: the whole sheet.")
    url = serializers.SerializerMethodField(help_text="The experiment's page in the leads' space.")
    cooperation_forms = serializers.ListField(
        child=serializers.ChoiceField(choices=Experiment.CooperationForm.choices)
    )
    support_needed = serializers.ListField(
        child=serializers.ChoiceField(choices=Experiment.Support.choices)
    )
    budget_total = serializers.DecimalField(max_digits=14, decimal_places=2)
    funding_need = serializers.DecimalField(max_digits=14, decimal_places=2)
    funding_gap = serializers.DecimalField(max_digits=14, decimal_places=2)
    budget_lines = BudgetLineSerializer(many=True)
    milestones = MilestoneSerializer(many=True)
    members = MemberSerializer(source="memberships", many=True)
    partners = PartnerStatusSerializer(
        source="partner_links",
        many=True,
        help_text="Every named partner organisation, with its answer (`invited`, `accepted`, "
        "`declined`).",
    )
    can_edit = serializers.SerializerMethodField(
        help_text="Whether the current user may PATCH the sheet."
    )

    class Meta(PublicExperimentSerializer.Meta):
        fields = [
            *PublicExperimentSerializer.Meta.fields,
            "description",
            "objectives",
            "expected_results",
            "indicators",
            "cooperation_forms",
            "support_needed",
            "budget_total",
            "self_financing",
            "secured_funding",
            "funding_need",
            "funding_gap",
            "budget_lines",
            "milestones",
            "members",
            "capitalisation_worked",
            "capitalisation_did_not_work",
            "capitalisation_advice",
            "created_at",
            "updated_at",
            "can_edit",
        ]
        read_only_fields = fields

    def page_path(self, experiment: Experiment) -> str:
        return services.space_url(experiment)

    def get_can_edit(self, experiment: Experiment) -> bool:
        request = self.context.get("request")
        return bool(request) and rules.can_edit(request.user, experiment)


EXPERIMENT_RESPONSE = PolymorphicProxySerializer(
    component_name="ExperimentAnyAccess",
    serializers={
        ExperimentSerializer.ACCESS: ExperimentSerializer,
        PublicExperimentSerializer.ACCESS: PublicExperimentSerializer,
    },
    resource_type_field_name="access",
)


def represent(experiment: Experiment, request: Request) -> dict:
    """The full sheet if ``request.user`` may open the experiment's space, else its summary."""
    full = rules.can_view(request.user, experiment)
    serializer_class = ExperimentSerializer if full else PublicExperimentSerializer
    return serializer_class(experiment, context={"request": request}).data


def prepare(experiments: Iterable[Experiment], user) -> list[Experiment]:
    """Ready a page of prefetched experiments for `represent`, in a constant number of queries:
    the user's role in each, theme names in the active language."""
    experiments = list(experiments)
    rules.prime_member_roles(experiments, user)
    localize_all([theme for experiment in experiments for theme in experiment.themes.all()])
    return experiments


# ---------------------------------------------------------------------- input serializers
class ExperimentCreateSerializer(serializers.Serializer):
    """A new cooperation idea; whoever proposes it becomes its lead."""

    title = serializers.CharField(max_length=200, validators=[one_line, no_contact_details])
    summary = serializers.CharField(max_length=600, validators=[no_contact_details])
    description = serializers.CharField(required=False, allow_blank=True, default="")
    lead_organisation = OrganisationField()
    partner = OrganisationField(required=False, allow_null=True, default=None)
    themes = ThemeField(many=True, required=False, default=list)
    territories = TerritoryField(many=True, required=False, default=list)

    def validate_lead_organisation(self, organisation):
        """Only a member of the organisation proposes in its name."""
        user = self.context["request"].user
        if not rules.can_propose(user):
            raise serializers.ValidationError(str(services.NO_ORGANISATION_MESSAGE))
        if not rules.can_lead_for(user, organisation.pk):
            raise serializers.ValidationError(str(services.NOT_YOUR_ORGANISATION_MESSAGE))
        return organisation

    def validate(self, attrs: dict) -> dict:
        partner = attrs.get("partner")
        if partner is not None and partner.pk == attrs["lead_organisation"].pk:
            raise serializers.ValidationError(
                {"partner": [_("The partner must be another organisation than the lead.")]}
            )
        return attrs


class ExperimentUpdateSerializer(serializers.ModelSerializer):
    """The sheet fields that may change directly (PATCH); anything else is refused."""

    themes = ThemeField(many=True, required=False)
    territories = TerritoryField(many=True, required=False)
    cooperation_forms = serializers.ListField(
        child=serializers.ChoiceField(choices=Experiment.CooperationForm.choices), required=False
    )
    support_needed = serializers.ListField(
        child=serializers.ChoiceField(choices=Experiment.Support.choices), required=False
    )

    class Meta:
        model = Experiment
        fields = [*services.EDITABLE_FIELDS, "themes", "territories"]

    def to_internal_value(self, data: Any) -> dict:
        refused = self._refused_keys(data) if isinstance(data, Mapping) else {}
        try:
            value = super().to_internal_value(data)
        except serializers.ValidationError as exc:
            if not refused or not isinstance(exc.detail, dict):
                raise
            raise serializers.ValidationError({**exc.detail, **refused}) from exc
        if refused:
            raise serializers.ValidationError(refused)
        return value

    def _refused_keys(self, data: Mapping) -> dict[str, list[str]]:
        refused = {}
        for name in data:
            if name in self.fields:
                continue
            if name == "state":
                refused[name] = [
                    _(
                        "The state changes only through transitions: "
                        "POST /api/v1/experiments/{id}/transitions/{name}/."
                    )
                ]
            else:
                refused[name] = [_("This field cannot be changed here.")]
        return refused


class TransitionRequestSerializer(BaseTransitionRequestSerializer):
    """What comes with a transition: a comment, and the state the user saw."""

    expected_state = serializers.ChoiceField(
        choices=Experiment.State.choices,
        required=False,
        allow_null=True,
        default=None,
        help_text="Refuse (409) if the experiment is no longer in this state.",
    )


# ---------------------------------------------------------------------- filters
class ExperimentFilter(django_filters.FilterSet):
    """`?state=`, `?theme=` (slug or id) and `?territory=` (slug or id, both ways)."""

    state = django_filters.ChoiceFilter(choices=Experiment.State.choices)
    theme = SlugOrIdFilter(
        rows=lambda: Theme.objects.canonical(),
        method="filter_theme",
        help_text="A theme's slug or id.",
    )
    territory = SlugOrIdFilter(
        rows=lambda: Territory.objects.all(),
        method="filter_territory",
        help_text="A territory's slug or id: experiments on it, on what it contains or on what "
        "contains it.",
    )

    class Meta:
        model = Experiment
        fields = ["state", "theme", "territory"]

    def filter_theme(self, queryset: QuerySet, name: str, theme: Theme) -> QuerySet:
        return queryset.filter(themes=theme).distinct()

    def filter_territory(self, queryset: QuerySet, name: str, territory: Territory) -> QuerySet:
        related = Territory.objects.related_both_ways(territory)
        return queryset.filter(territories__in=related).distinct()


# ---------------------------------------------------------------------- the viewset
def _errors(*codes: int) -> dict:
    """Error statuses an operation documents (they all share one body)."""
    return dict.fromkeys(codes, ErrorSerializer)


@extend_schema_view(
    transitions=extend_schema(
        responses={200: TransitionSerializer(many=True), **_errors(401, 403, 404)},
        summary="The workflow steps and whether you may take them",
        description="For the experiment's members and coordinators, with what is still missing.",
    ),
    run_transition=extend_schema(
        request=TransitionRequestSerializer,
        responses={200: ExperimentSerializer, **_errors(400, 401, 403, 404, 409)},
        parameters=[transition_name_parameter(services.WORKFLOW)],
        summary="Run a workflow step",
        description=(
            "409 when the step is not possible from the current state, when conditions are "
            "unmet (with `missing`) or when `expected_state` is stale; 400 when a comment is "
            "required (declining, reopening, abandoning, marking funded despite a gap)."
        ),
    ),
)
class ExperimentViewSet(TransitionActionsMixin, viewsets.GenericViewSet):
    """Cooperation experiments: list, propose, read, change, and move through the workflow."""

    workflow = services.WORKFLOW
    transition_request_serializer = TransitionRequestSerializer

    parser_classes = API_PARSER_CLASSES
    serializer_class = ExperimentSerializer
    filterset_class = ExperimentFilter
    filter_backends = [django_filters.rest_framework.DjangoFilterBackend, filters.SearchFilter]
    # Searches public text only: a match must not reveal what a private sheet says.
    search_fields = ["title", "summary"]
    lookup_value_regex = r"\d+"
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_permissions(self):
        if self.action in {"list", "retrieve"}:
            return [permissions.AllowAny()]
        return [permissions.IsAuthenticated()]

    def get_queryset(self) -> QuerySet:
        members = ExperimentMember.objects.select_related("user", "organisation")
        return (
            Experiment.objects.viewable_by(self.request.user)
            .with_sheet()
            .prefetch_related(Prefetch("memberships", queryset=members), "milestones")
            .order_by("-updated_at", "-pk")
        )

    def get_object(self) -> Experiment:
        return self.fetch(self.kwargs["pk"])

    def fetch(self, pk: int | str) -> Experiment:
        """The experiment if the user may at least see it; 404 otherwise (never reveal it)."""
        experiment = self.get_queryset().filter(pk=pk).first()
        if experiment is None:
            raise NotFound()
        return prepare([experiment], self.request.user)[0]

    def _require_space(self, experiment: Experiment) -> None:
        if not rules.can_view(self.request.user, experiment):
            self.permission_denied(
                self.request,
                message=_(
                    "Only the experiment's members and the coordinators may see its workflow."
                ),
            )

    @extend_schema(
        responses=EXPERIMENT_RESPONSE,
        parameters=[
            OpenApiParameter(
                "page_size", int, description="Items per page (1 to 100, 20 by default)."
            )
        ],
        summary="List the experiments you may see",
        description=(
            "Members and coordinators get the full sheet of the experiments whose space they "
            "may open; everyone, signed in or not, gets the public summary of public "
            "experiments (formalised or later, made public by their lead)."
        ),
    )
    def list(self, request: Request) -> Response:
        queryset = self.filter_queryset(self.get_queryset())
        page = prepare(self.paginate_queryset(queryset), request.user)
        return self.get_paginated_response([represent(e, request) for e in page])

    @extend_schema(
        request=ExperimentCreateSerializer,
        responses={201: ExperimentSerializer, **_errors(400, 401)},
        summary="Propose a cooperation idea",
        description=(
            "A member of the lead organisation (see `GET /api/v1/me/`); they become the lead "
            "and the coordinators are told. Another organisation as lead answers 400."
        ),
    )
    def create(self, request: Request) -> Response:
        serializer = ExperimentCreateSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        # The site form's limit on ideas (each e-mails the coordinators), per account.
        try:
            counted = reserve("propose", address=None, account=account_ident(user=request.user))
        except RateLimited as refusal:
            raise TooManyRequests(refusal.retry_after) from None
        try:
            experiment = services.propose_idea(by=request.user, **serializer.validated_data)
        except Exception:
            counted.release()  # refused ideas do not count
            raise
        experiment = self.fetch(experiment.pk)
        location = request.build_absolute_uri(
            reverse("api:experiment-detail", kwargs={"pk": experiment.pk})
        )
        return Response(
            represent(experiment, request),
            status=status.HTTP_201_CREATED,
            headers={"Location": location},
        )

    @extend_schema(
        responses={200: EXPERIMENT_RESPONSE, **_errors(404)},
        summary="Read an experiment",
        description="The full sheet or the public summary, as in the list; 404 if not visible.",
    )
    def retrieve(self, request: Request, pk: str) -> Response:
        return Response(represent(self.get_object(), request))

    @extend_schema(
        request=ExperimentUpdateSerializer,
        responses={200: ExperimentSerializer, **_errors(400, 401, 403, 404)},
        summary="Change the sheet",
        description=(
            "Leads, contributors and coordinators, until the experiment is finished. The state "
            "is never writable: it changes only through the transitions."
        ),
    )
    def partial_update(self, request: Request, pk: str) -> Response:
        experiment = self.get_object()
        if not rules.can_edit(request.user, experiment):
            self.permission_denied(request, message=_("You may not change this experiment."))
        serializer = ExperimentUpdateSerializer(experiment, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        changes = dict(serializer.validated_data)
        services.update_experiment(
            experiment,
            by=request.user,
            changes=changes,
            themes=changes.pop("themes", None),
            territories=changes.pop("territories", None),
        )
        return Response(represent(self.get_object(), request))

    def check_transitions_access(self, experiment: Experiment) -> None:
        self._require_space(experiment)

    def transitioned(self, experiment: Experiment) -> dict:
        return represent(self.get_object(), self.request)
