"""The workflow endpoints of the JSON API, shared by the experiments and the dossiers.

`GET …/{id}/transitions/` lists the transitions with whether the person may run them and what is
missing; `POST …/{id}/transitions/{name}/` runs one through the engine. A viewset mixes in
`TransitionActionsMixin`, names its `workflow` and its request serializer, and documents both
operations with `extend_schema_view` (their wording and answers are its own). Errors are the
engine's, answered by the API's exception handler (`config/api/errors.py`).
"""

from typing import Any, ClassVar

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from core.workflow.engine import Workflow


class RequirementSerializer(serializers.Serializer):
    """Something a workflow step needs and lacks (schema only)."""

    code = serializers.CharField()
    message = serializers.CharField()


class TransitionSerializer(serializers.Serializer):
    """One step of the workflow and whether the current user may take it now."""

    name = serializers.CharField()
    label = serializers.CharField()
    target = serializers.CharField(help_text="The state it leads to ('' when not possible now).")
    allowed = serializers.BooleanField(help_text="The current user may run it now.")
    possible = serializers.BooleanField(help_text="Possible from the current state.")
    permitted = serializers.BooleanField(help_text="The current user's role allows it.")
    missing = RequirementSerializer(many=True, help_text="Conditions still unmet.")
    comment_required = serializers.BooleanField()
    override = serializers.BooleanField(
        help_text="A coordinator may run it despite what is missing, with a comment."
    )


# What comes with a transition: a comment, and the state the user saw (subclasses declare
# `expected_state` with their workflow's states, and their own fields). No docstring: the API's
# schema would give it to the subclasses that have none.
class TransitionRequestSerializer(serializers.Serializer):
    comment = serializers.CharField(required=False, allow_blank=True, default="", max_length=5000)


def transition_name_parameter(workflow: Workflow) -> OpenApiParameter:
    """The `{name}` of `POST …/transitions/{name}/`, with the names of the workflow's steps."""
    return OpenApiParameter(
        "name",
        OpenApiTypes.STR,
        OpenApiParameter.PATH,
        enum=[*workflow.names],
        description="The transition to run.",
    )


class TransitionActionsMixin:
    """The two workflow endpoints of a viewset whose objects follow ``workflow``."""

    workflow: ClassVar[Workflow]
    transition_request_serializer: ClassVar[type[TransitionRequestSerializer]]

    def check_transitions_access(self, obj) -> None:
        """Refuse the listing to those who may see the object but not its workflow."""

    def transitioned(self, obj) -> dict[str, Any]:
        """The answer after a transition: the object as the person may now read it."""
        raise NotImplementedError

    @action(detail=True, methods=["get"], filter_backends=[], pagination_class=None)
    def transitions(self, request: Request, pk: str) -> Response:
        obj = self.get_object()
        self.check_transitions_access(obj)
        infos = self.workflow.transitions_for(obj, request.user)
        return Response(TransitionSerializer(infos, many=True).data)

    @action(
        detail=True,
        methods=["post"],
        url_path=r"transitions/(?P<name>[^/.]+)",
        url_name="transition",
        filter_backends=[],
        pagination_class=None,
    )
    def run_transition(self, request: Request, pk: str, name: str) -> Response:
        obj = self.get_object()
        serializer = self.transition_request_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        params = dict(serializer.validated_data)
        self.workflow.run(
            obj,
            name,
            by=request.user,
            comment=params.pop("comment"),
            expected_state=params.pop("expected_state"),
            **params,
        )
        return Response(self.transitioned(obj))
