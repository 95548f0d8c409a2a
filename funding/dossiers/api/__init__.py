"""JSON API of funding dossiers: list and read what one may see, create a draft, run the
workflow; the review (stages, assignments, conflicts, reviews) is `review.py`.

Each role sees what it may see: an experiment's members and the coordinators its dossiers (drafts
included); a funder's reviewers the dossiers submitted to their funder's calls. Anything else is
404, as on the web pages. Statuses are those of the experiments API: 400 invalid input, 401 not
signed in, 403 visible but not allowed, 404 unknown or not visible, 409 not possible now.
"""

from django.db.models import Prefetch, Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response

import funding.dossiers.permissions as rules
import funding.dossiers.services as dossiers
from config.api.errors import ErrorSerializer
from config.api.parsers import API_PARSER_CLASSES
from core.workflow.api import (
    TransitionActionsMixin,
    TransitionSerializer,
    transition_name_parameter,
)
from core.workflow.api import TransitionRequestSerializer as BaseTransitionRequestSerializer
from funding.catalogue.models import FundingCall
from funding.dossiers.api.review import (
    AssignmentSerializer,
    ReviewActionsMixin,
    assignments_for,
)
from funding.dossiers.models import FundingApplication, Review, ReviewAssignment
from projects.experiments.models import Experiment

State = FundingApplication.State


def _errors(*codes: int) -> dict:
    return dict.fromkeys(codes, ErrorSerializer)


class VersionSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    submitted_at = serializers.DateTimeField(source="created_at")


class ApplicationSerializer(serializers.ModelSerializer):
    """A dossier as its reader may see it."""

    experiment = serializers.SerializerMethodField()
    call = serializers.SerializerMethodField()
    state_label = serializers.CharField(source="get_state_display")
    versions = VersionSerializer(many=True)
    missing = serializers.SerializerMethodField(
        help_text="What the dossier still lacks before it can be sent (drafts and changes)."
    )
    average_score = serializers.SerializerMethodField(
        help_text="Weighted average of the reviewers' scores (reviewers only), 0 to 5."
    )
    url = serializers.SerializerMethodField(help_text="The dossier's web page for you.")
    stage = serializers.SerializerMethodField(
        help_text="The review stage the dossier is at (or was decided at), in your language."
    )
    assignments = serializers.SerializerMethodField(
        help_text="The funder's side only (null for others): the reviewers assigned (staff and "
        "committee: all; a reviewer: their own)."
    )

    class Meta:
        model = FundingApplication
        fields = [
            "id",
            "experiment",
            "call",
            "state",
            "state_label",
            "stage",
            "assignments",
            "requested_amount",
            "granted_amount",
            "conditions",
            "decision_reason",
            "version_number",
            "submitted_at",
            "versions",
            "missing",
            "average_score",
            "created_at",
            "updated_at",
            "url",
        ]
        read_only_fields = fields

    def _user(self):
        return self.context["request"].user

    def get_experiment(self, application: FundingApplication) -> dict:
        return {"id": application.experiment_id, "title": application.experiment.title}

    def get_call(self, application: FundingApplication) -> dict:
        call = application.call
        return {"id": call.pk, "name": call.name, "funder": call.source.funder.name}

    def get_stage(self, application: FundingApplication) -> str | None:
        stage = next((s for s in application.stages.all() if s.pk == application.stage_id), None)
        return None if stage is None else str(stage.label)

    @extend_schema_field(AssignmentSerializer(many=True, allow_null=True))
    def get_assignments(self, application: FundingApplication) -> list[dict] | None:
        return assignments_for(self._user(), application)

    def get_missing(self, application: FundingApplication) -> list[dict]:
        if not application.is_editable or not rules.is_experiment_side(self._user(), application):
            return []
        return [item.as_dict() for item in dossiers.checklist(application)]

    def get_average_score(self, application: FundingApplication) -> str | None:
        if not rules.reviews_for(self._user(), application):
            return None
        average = dossiers.review_summary(application).weighted_average
        return None if average is None else str(average)

    def get_url(self, application: FundingApplication) -> str:
        path = (
            dossiers.lead_url(application)
            if rules.is_experiment_side(self._user(), application)
            else dossiers.funder_url(application)
        )
        return self.context["request"].build_absolute_uri(path)


class ApplicationCreateSerializer(serializers.Serializer):
    """A new draft (or the open one) of an experiment for a call."""

    experiment = serializers.IntegerField()
    call = serializers.IntegerField(help_text="The call's id (its French entry).")


class TransitionRequestSerializer(BaseTransitionRequestSerializer):
    expected_state = serializers.ChoiceField(
        choices=State.choices,
        required=False,
        allow_null=True,
        default=None,
        help_text="Refuse (409) if the dossier is no longer in this state.",
    )
    expected_stage = serializers.IntegerField(
        required=False,
        allow_null=True,
        default=None,
        help_text="Refuse (409) if the dossier is no longer at this review stage (its id).",
    )
    granted_amount = serializers.DecimalField(
        max_digits=12,
        decimal_places=2,
        required=False,
        allow_null=True,
        default=None,
        help_text="accept only: at most the requested amount (default: the requested amount).",
    )
    conditions = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=5000
    )


@extend_schema_view(
    transitions=extend_schema(
        responses={200: TransitionSerializer(many=True), **_errors(401, 404)},
        summary="The workflow steps and whether you may take them",
    ),
    run_transition=extend_schema(
        request=TransitionRequestSerializer,
        responses={200: ApplicationSerializer, **_errors(400, 401, 403, 404, 409)},
        parameters=[transition_name_parameter(dossiers.WORKFLOW)],
        summary="Run a workflow step",
        description="409 when the step is not possible now (state, missing answers or "
        "documents, call closed, stale `expected_state`); 400 when a comment is required "
        "(requesting changes, declining), the granted amount is missing (accepting) or exceeds "
        "the requested one.",
    ),
)
class FundingApplicationViewSet(
    ReviewActionsMixin, TransitionActionsMixin, viewsets.GenericViewSet
):
    """Funding dossiers: list, read, create, move through the workflow, review."""

    workflow = dossiers.WORKFLOW
    transition_request_serializer = TransitionRequestSerializer

    parser_classes = API_PARSER_CLASSES
    serializer_class = ApplicationSerializer
    permission_classes = [permissions.IsAuthenticated]
    lookup_value_regex = r"\d+"
    http_method_names = ["get", "post", "delete", "head", "options"]

    def get_queryset(self) -> QuerySet:
        user = self.request.user
        experiments = Experiment.objects.visible_to(user).values("pk")
        visible = Q(experiment__in=experiments) | rules.funder_side_filter(user)
        return (
            FundingApplication.objects.filter(visible)
            .with_context()
            .prefetch_related(
                "versions",
                "answers",
                "documents",
                "call__requirements",
                "call__criteria",
                "stages__reviews",
                Prefetch(
                    "assignments", queryset=ReviewAssignment.objects.select_related("reviewer")
                ),
                Prefetch(
                    "reviews",
                    queryset=Review.objects.select_related("reviewer").prefetch_related("scores"),
                ),
            )
            .order_by("-updated_at", "-pk")
        )

    def get_object(self) -> FundingApplication:
        application = self.get_queryset().filter(pk=self.kwargs["pk"]).first()
        if application is None:
            raise NotFound()
        return application

    def _represent(self, application: FundingApplication) -> dict:
        return ApplicationSerializer(application, context={"request": self.request}).data

    @extend_schema(
        summary="List the dossiers you may see",
        description="Members and coordinators: their experiments' dossiers, drafts included. "
        "Reviewers: the dossiers submitted to their funder's calls.",
        responses={200: ApplicationSerializer(many=True), **_errors(401)},
    )
    def list(self, request: Request) -> Response:
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response([self._represent(a) for a in page])

    @extend_schema(
        summary="Read a dossier",
        responses={200: ApplicationSerializer, **_errors(401, 404)},
    )
    def retrieve(self, request: Request, pk: str) -> Response:
        return Response(self._represent(self.get_object()))

    @extend_schema(
        request=ApplicationCreateSerializer,
        responses={201: ApplicationSerializer, **_errors(400, 401, 403, 404)},
        summary="Prepare a dossier",
        description="The experiment's leads and contributors (and coordinators): a draft for the "
        "call, or the open dossier the experiment already has for it.",
    )
    def create(self, request: Request) -> Response:
        serializer = ApplicationCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        experiment = (
            Experiment.objects.visible_to(request.user).filter(pk=data["experiment"]).first()
        )
        if experiment is None:
            raise NotFound(_("No experiment of yours has this id."))
        call = FundingCall.objects.canonical().filter(pk=data["call"]).first()
        if call is None:
            raise serializers.ValidationError({"call": [_("No call has this id.")]})
        if rules.outside_lead_organisation(request.user, experiment):
            raise serializers.ValidationError(
                {"experiment": [dossiers.outside_lead_organisation_message(experiment)]}
            )
        if not rules.can_start_application(request.user, experiment):
            self.permission_denied(
                request, message=_("Your role does not allow you to prepare a dossier.")
            )
        application = dossiers.start_application(experiment, call, by=request.user)
        application = self.get_queryset().get(pk=application.pk)
        location = request.build_absolute_uri(
            reverse("api:application-detail", kwargs={"pk": application.pk})
        )
        return Response(
            self._represent(application),
            status=status.HTTP_201_CREATED,
            headers={"Location": location},
        )

    @action(
        detail=True,
        methods=["post"],
        url_path=TransitionActionsMixin.run_transition.url_path,
        url_name=TransitionActionsMixin.run_transition.url_name,
        filter_backends=[],
        pagination_class=None,
    )
    def run_transition(self, request: Request, pk: str, name: str) -> Response:
        """The lead's steps speak for the lead organisation: 400 with the reason for someone of
        the experiment who is not a member of it."""
        application = self.get_object()
        if name in dossiers.LEAD_TRANSITIONS and rules.outside_lead_organisation(
            request.user, application.experiment
        ):
            raise serializers.ValidationError(
                dossiers.outside_lead_organisation_message(application.experiment)
            )
        # The site asks to confirm the amount; the API has no such step, so it never takes
        # the requested amount for granted.
        if (
            name in dossiers.MONEY_TRANSITIONS
            and rules.deciders(request.user, application)
            and request.data.get("granted_amount") in (None, "")
        ):
            raise serializers.ValidationError({"granted_amount": [_("Give the granted amount.")]})
        return super().run_transition(request, pk, name)

    def transitioned(self, application: FundingApplication) -> dict:
        return self._represent(self.get_object())
