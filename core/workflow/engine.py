"""The one engine of the platform's workflows (experiments, dossiers, sharing posts).

It reads the declarations (`core.workflow.declarations`, `core.workflow.states`) to list the
transitions a person may run with what is still missing, and runs one transition:

1. the rule of the transition, checked once and first (someone without the role learns nothing
   about the object's state from the answer);
2. under a row lock (`SELECT … FOR UPDATE`; SQLite serialises writers), the state the person saw:
   if the object moved meanwhile the transition is refused (the earlier change wins);
3. the state, the conditions (what is missing), the comment when one is required;
4. the area's own checks and changes (`Workflow.before`), the django-fsm method, the area's
   follow-up on the object (`Workflow.after`), the save, the audit record (the workflow's
   `event_model`), then `Workflow.done`: what follows in other rows and the notifications —
   in-app ones in the transaction, e-mails once it commits (`accounts.notifications`).

What differs from one workflow to the next is a `Workflow` subclass in the area: its messages
(each names its object: « the dossier changed… »), its audit model and its hooks.
"""

from dataclasses import dataclass, field
from typing import Any, ClassVar

from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_fsm import can_proceed

from core.workflow.declarations import (
    CHECKED,
    Requirement,
    TransitionDeclaration,
    declarations,
)
from core.workflow.errors import (
    CommentRequired,
    ConditionsUnmet,
    ObjectChanged,
    TransitionNotPossible,
    UnknownTransition,
)


@dataclass
class TransitionInfo:
    """What the pages and the API show about one transition for one person."""

    name: str
    label: str
    target: str  # from the current state; "" when not possible from it
    possible: bool  # from the current state
    permitted: bool  # for this person's role
    missing: list[Requirement] = field(default_factory=list)
    comment_required: bool = False
    override: bool = False  # the person may decide despite what is missing, with a comment

    @property
    def allowed(self) -> bool:
        return self.possible and self.permitted and (not self.missing or self.override)


# ---------------------------------------------------------------------- reading
def people_transitions(model) -> tuple[TransitionDeclaration, ...]:
    """The transitions people run (not those the platform runs itself), in declared order."""
    return tuple(d for d in declarations(model) if d.by_people)


def transition_names(model, rule=None) -> tuple[str, ...]:
    """The names of the transitions people run (those of one ``rule`` when given)."""
    return tuple(d.name for d in people_transitions(model) if rule is None or d.rule is rule)


def transition_label(model, name: str) -> str | Promise:
    """The label of a declared transition (its name if there is none, e.g. an old record)."""
    return next((d.label for d in declarations(model) if d.name == name), name)


def _target(obj, name: str) -> str:
    edge = getattr(type(obj), name)._django_fsm.get_transition(obj.state)
    return str(edge.target) if edge else ""


def _unmet(declaration: TransitionDeclaration, obj) -> tuple[list, list, Any]:
    """What is missing for ``declaration`` on ``obj``: from its conditions, from those a comment
    overrides, and the first of its conditions that is not met (or None)."""
    strict, first = [], None
    for condition in declaration.conditions:
        missing = condition.missing(obj)
        if missing and first is None:
            first = condition
        strict.extend(missing)
    soft = [item for c in declaration.overridable for item in c.missing(obj)]
    return strict, soft, first


def missing_for(obj, name: str) -> list[Requirement]:
    """Unmet conditions of a transition (overridable ones included), listed before anyone
    tries it; nothing for a name the workflow does not declare."""
    declaration = next((d for d in declarations(type(obj)) if d.name == name), None)
    if declaration is None:
        return []
    strict, soft, _first = _unmet(declaration, obj)
    return strict + soft


def next_steps(obj) -> list[Requirement]:
    """The checklist of the way forward: what the first transition possible from the current
    state that has conditions still needs (nothing when no such transition leaves it)."""
    for declaration in people_transitions(type(obj)):
        if declaration.has_conditions and can_proceed(
            getattr(obj, declaration.name), check_conditions=False
        ):
            return missing_for(obj, declaration.name)
    return []


def transitions_for(obj, user) -> list[TransitionInfo]:
    """Every transition people run, with whether ``user`` may run it now and what is missing."""
    infos = []
    for declaration in people_transitions(type(obj)):
        possible = can_proceed(getattr(obj, declaration.name), check_conditions=False)
        strict, soft, _first = _unmet(declaration, obj) if possible else ([], [], None)
        permitted = declaration.allows(user, obj)
        infos.append(
            TransitionInfo(
                name=declaration.name,
                label=str(declaration.label),
                target=_target(obj, declaration.name),
                possible=possible,
                permitted=permitted,
                missing=strict + soft,
                comment_required=declaration.comment_required or bool(soft),
                override=bool(soft) and not strict and permitted,
            )
        )
    return infos


# ---------------------------------------------------------------------- running
_workflows: dict[type, "Workflow"] = {}


def workflow_for(obj_or_model) -> "Workflow":
    """The workflow registered for a model (its area's services module registers it)."""
    model = obj_or_model if isinstance(obj_or_model, type) else type(obj_or_model)
    try:
        return _workflows[model]
    except KeyError:
        raise LookupError(f"No workflow is registered for {model.__name__}.") from None


class Workflow:
    """How the engine runs one model's workflow; an area subclasses it once and instantiates
    it in its services module, which registers it for its model."""

    model: ClassVar[type[models.Model]]
    # The audit record of a transition (a `core.workflow.models.WorkflowEvent`), if any.
    event_model: ClassVar[type[models.Model] | None] = None
    changed_error: ClassVar[type[ObjectChanged]] = ObjectChanged
    denied_message: ClassVar[str | Promise] = gettext_lazy("Your role does not allow this action.")
    # Each says its object: « …while the dossier is “%(state)s”. »
    not_possible_message: ClassVar[str | Promise]
    # When the object moved since the person saw it (None: the "not possible" message).
    changed_message: ClassVar[str | Promise | None] = None
    # The refusal when conditions are unmet (None: the first missing item's message).
    unmet_message: ClassVar[str | Promise | None] = None

    def __init__(self) -> None:
        _workflows[self.model] = self

    # -- hooks: what an area adds around the FSM method
    def before(self, obj, name: str, *, by, comment: str, **params: Any) -> None:
        """After every check, before the FSM method: the area's own checks and changes."""

    def after(self, obj, name: str, *, by, **params: Any) -> None:
        """After the FSM method, before the save: what the transition adds to the object."""

    def done(self, obj, name: str, *, by, event, **params: Any) -> None:
        """After the save and the audit record, in the transaction: other rows, notifications."""

    # -- the engine
    @property
    def names(self) -> tuple[str, ...]:
        return transition_names(self.model)

    def names_for(self, rule) -> tuple[str, ...]:
        """The transitions whose declared rule is ``rule`` (e.g. those of the lead's side)."""
        return transition_names(self.model, rule)

    def label(self, name: str) -> str | Promise:
        return transition_label(self.model, name)

    def transitions_for(self, obj, user) -> list[TransitionInfo]:
        return transitions_for(obj, user)

    def lock(self, obj):
        """The object's row, locked until the transaction ends, as it is now."""
        return self.model._default_manager.select_for_update().get(pk=obj.pk)

    def run(
        self,
        obj,
        name: str,
        *,
        by,
        comment: str = "",
        expected_state: str | None = None,
        **params: Any,
    ):
        """Run one transition as ``by``; returns the object in its new state.

        ``expected_state`` is the state the person saw: if the object moved meanwhile, the
        transition is refused rather than applied to a state they did not see.
        """
        declaration = next((d for d in people_transitions(self.model) if d.name == name), None)
        if declaration is None:
            raise UnknownTransition(_("There is no such action."))
        comment = (comment or "").strip()
        with transaction.atomic():
            locked = self.lock(obj)
            if not declaration.allows(by, locked):
                raise PermissionDenied(str(self.denied_message))
            if expected_state and locked.state != expected_state:
                raise self.changed_error(str(self.changed_message or self._not_possible(locked)))
            method = getattr(locked, name)
            if not can_proceed(method, check_conditions=False):
                raise TransitionNotPossible(self._not_possible(locked))
            strict, soft, first = _unmet(declaration, locked)
            if strict or (soft and not comment):
                if first is None:  # only overridable conditions are unmet
                    first = next((c for c in declaration.overridable if c.missing(locked)), None)
                raise ConditionsUnmet(self._refusal(first, strict or soft), strict + soft)
            if declaration.comment_required and not comment:
                raise CommentRequired(_("Please explain this decision in a comment."))
            self.before(locked, name, by=by, comment=comment, **params)
            from_state = locked.state
            locked.__dict__[CHECKED] = declaration.conditions
            try:
                method()
            finally:
                locked.__dict__.pop(CHECKED, None)
            self.after(locked, name, by=by, **params)
            locked.save()
            event = self.record(locked, name, by=by, from_state=from_state, comment=comment)
            self.done(locked, name, by=by, event=event, **params)
        return locked

    def record(self, obj, name: str, *, by, from_state: str, comment: str):
        """The audit record: who, when, from, to, comment (never edited nor deleted)."""
        if self.event_model is None:
            return None
        subject = next(
            f.name
            for f in self.event_model._meta.concrete_fields
            if f.is_relation and f.related_model is self.model
        )
        return self.event_model.objects.create(
            **{subject: obj},
            actor=by,
            transition=name,
            from_state=from_state,
            to_state=obj.state,
            comment=comment,
        )

    def _not_possible(self, obj) -> str:
        return str(self.not_possible_message) % {"state": obj.get_state_display()}

    def _refusal(self, first, missing: list[Requirement]) -> str:
        """The message of a refusal for unmet conditions (``first``: the first condition not
        met; the first overridable one not met when only those are)."""
        if self.unmet_message is None or (first is not None and first.own_refusal):
            return str(missing[0].message)
        return str(self.unmet_message)


def run_transition(obj, name: str, *, by, comment: str = "", expected_state=None, **params):
    """Run one transition of ``obj``'s workflow as ``by`` (see `Workflow.run`)."""
    return workflow_for(obj).run(
        obj, name, by=by, comment=comment, expected_state=expected_state, **params
    )
