"""The states of a workflow, declared once on their `TextChoices` with what other code asks.

Each state says its label (as any choice), the colour of its badge, whether it is terminal (no
transition leaves it) and named flags that other code asks instead of listing states:

    class State(WorkflowStates):
        IDEA = "idea", StateInfo("amber"), _("Idea")
        FORMALISED = "formalised", StateInfo("blue", public=True), _("Formalised")
        ABANDONED = "abandoned", StateInfo("red", terminal=True), _("Abandoned")

    Experiment.State.where("public")      # the states flagged `public`, in declaration order
    Experiment.State("idea").terminal     # False

The value and the label stay those of plain `TextChoices` (`choices`, migrations and forms do
not change); the `StateInfo` rides along on each member.
"""

from django.db import models

# Badge colours of the site's stylesheets (`badge--<state>` rules): the palette a state picks in.
BADGE_COLOURS = frozenset({"amber", "blue", "green", "purple", "orange", "red"})


class StateInfo:
    """What a state is beyond its label: its badge colour, whether it is terminal, its flags."""

    __slots__ = ("badge", "flags", "terminal")

    def __init__(self, badge: str, *, terminal: bool = False, **flags: bool) -> None:
        self.badge = badge
        self.terminal = terminal
        self.flags = frozenset(name for name, on in flags.items() if on)

    def __repr__(self) -> str:
        flags = "".join(f", {name}=True" for name in sorted(self.flags))
        return f"StateInfo({self.badge!r}, terminal={self.terminal}{flags})"


class WorkflowStates(models.TextChoices):
    """Base of a workflow's `State` choices: `NAME = value, StateInfo(...), label`."""

    def __new__(cls, value: str, info: StateInfo | None = None):
        member = str.__new__(cls, value)
        member._value_ = value
        member.info = info
        return member

    @property
    def badge(self) -> str:
        return self.info.badge if self.info else ""

    @property
    def terminal(self) -> bool:
        return bool(self.info and self.info.terminal)

    def has(self, flag: str) -> bool:
        """Whether the state carries ``flag`` (`"terminal"` is asked like any flag)."""
        if flag == "terminal":
            return self.terminal
        return bool(self.info and flag in self.info.flags)

    @classmethod
    def where(cls, flag: str, *, present: bool = True) -> tuple["WorkflowStates", ...]:
        """The states that carry ``flag`` (or lack it, with ``present=False``), in order."""
        return tuple(state for state in cls if state.has(flag) is present)


def states_where(model, flag: str, *, present: bool = True) -> tuple[WorkflowStates, ...]:
    """The states of ``model``'s workflow (its nested `State`) that carry ``flag``."""
    return model.State.where(flag, present=present)
