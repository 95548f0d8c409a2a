"""How a workflow's transitions are declared, and how the engine reads them.

Each edge is a django-fsm-2 `@transition` on the model, and carries everything else the code
needs in the decorator itself:

    @transition(
        field=state,
        source=State.FORMALISATION,
        target=State.FORMALISED,
        conditions=[Condition(formalisation_gaps)],
        permission=LEAD,
        custom=declare(_("Declare the sheet complete")),
    )
    def formalise(self): ...

- `permission=` is a `Rule`: who may run it (a phrase for the diagrams, and the check). The
  engine checks it once, before anything else; django-fsm itself never checks `permission=`
  when the method is called.
- `conditions=` are `Condition`s: each says what is missing when it is not met.
- `custom=declare(label, ...)`: the label people read, whether a comment is required, the
  conditions a comment may override (a decision taken despite them), and any flag of the area's
  own (read with `TransitionDeclaration.custom`).
"""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from django.utils.functional import Promise
from django.utils.module_loading import import_string

# Where the engine notes, on the object it runs a transition of, the conditions it checked.
CHECKED = "_workflow_conditions_checked"


@dataclass(frozen=True)
class Requirement:
    """A condition a transition needs that is not met yet, with what to do about it."""

    code: str
    message: str | Promise

    def as_dict(self) -> dict[str, str]:
        return {"code": self.code, "message": str(self.message)}


class Rule:
    """Who may run a transition: ``who`` for the diagrams, and ``check(user, obj) -> bool``.

    ``check`` may be a dotted path, imported on first use: a model cannot import its area's
    `permissions` module, which imports the model. ``check=None`` declares a transition the
    platform runs itself (a scheduled job): no person may run it through the engine.
    """

    def __init__(self, who: str, check: Callable[[Any, Any], bool] | str | None) -> None:
        self.who = who
        self._check = check

    def __repr__(self) -> str:
        return f"Rule({self.who!r})"

    @property
    def by_people(self) -> bool:
        return self._check is not None

    def allows(self, user, obj) -> bool:
        if self._check is None:
            return False
        if isinstance(self._check, str):
            self._check = import_string(self._check)
        return bool(self._check(user, obj))

    def __call__(self, instance, user) -> bool:
        """django-fsm's `permission=` signature (`has_transition_perm` and its helpers)."""
        return self.allows(user, instance)


class Condition:
    """A transition's condition that says what is missing when it is not met.

    ``check(instance)`` returns either the list of `Requirement`s still missing (empty when met)
    or a bool (met or not) with the ``code`` and ``message`` of the one thing missing;
    ``params`` fill the message's placeholders when it is read. The refusal of a transition
    says the workflow's general message (« the dossier is not complete yet »), or this
    condition's own first message when ``own_refusal`` is set (« the call closed on … »).
    """

    def __init__(
        self,
        check: Callable[[Any], Any],
        *,
        code: str = "",
        message: str | Promise | None = None,
        params: Mapping[str, Any] | None = None,
        own_refusal: bool = False,
    ) -> None:
        self.check = check
        self.code = code or getattr(check, "__name__", "condition").strip("_")
        self.message = message
        self.params = dict(params or {})
        self.own_refusal = own_refusal

    def __repr__(self) -> str:
        return f"Condition({self.code!r})"

    def missing(self, instance) -> list[Requirement]:
        result = self.check(instance)
        if isinstance(result, bool):
            if result:
                return []
            message = str(self.message) % self.params if self.params else self.message
            return [Requirement(self.code, message or self.code)]
        return list(result)

    def __call__(self, instance) -> bool:
        """django-fsm's condition signature: met or not (the engine, having just checked its
        conditions under the row lock, marks them met for the FSM method it then calls)."""
        if self in instance.__dict__.get(CHECKED, ()):
            return True
        return not self.missing(instance)


def declare(
    label: str | Promise,
    *,
    comment_required: bool = False,
    overridable: Iterable[Condition] = (),
    **extra: Any,
) -> dict[str, Any]:
    """A transition's `custom=`: its label, whether a comment is required, the conditions a
    comment overrides (listed as missing, but a person permitted may decide despite them by
    explaining why), and the area's own flags."""
    return {
        "label": label,
        "comment_required": comment_required,
        "overridable": tuple(overridable),
        **extra,
    }


@dataclass(frozen=True)
class TransitionDeclaration:
    """One transition as declared on its model: what the engine and the diagrams read."""

    name: str
    sources: tuple[str, ...]
    target: str
    rule: Rule | None
    conditions: tuple[Condition, ...]
    custom: Mapping[str, Any] = field(default_factory=dict)

    @property
    def label(self) -> str | Promise:
        return self.custom.get("label", self.name)

    @property
    def comment_required(self) -> bool:
        return bool(self.custom.get("comment_required"))

    @property
    def overridable(self) -> tuple[Condition, ...]:
        return tuple(self.custom.get("overridable", ()))

    @property
    def by_people(self) -> bool:
        return self.rule is not None and self.rule.by_people

    @property
    def has_conditions(self) -> bool:
        return bool(self.conditions or self.overridable)

    def allows(self, user, obj) -> bool:
        return self.rule is not None and self.rule.allows(user, obj)


@cache
def declarations(model) -> tuple[TransitionDeclaration, ...]:
    """Every transition declared on ``model`` (or its bases), in the order of the code."""
    found: dict[str, TransitionDeclaration] = {}
    for klass in reversed(model.__mro__):
        for name, attribute in vars(klass).items():
            meta = getattr(attribute, "_django_fsm", None)
            if meta is None or not meta.transitions:
                continue
            edges = list(meta.transitions.values())
            first = edges[0]
            found[name] = TransitionDeclaration(
                name=name,
                sources=tuple(str(edge.source) for edge in edges),
                target=str(first.target),
                rule=first.permission if isinstance(first.permission, Rule) else None,
                conditions=tuple(
                    c if isinstance(c, Condition) else Condition(c) for c in first.conditions
                ),
                custom=first.custom,
            )
    return tuple(found.values())


def declaration(model, name: str) -> TransitionDeclaration | None:
    return next((d for d in declarations(model) if d.name == name), None)
