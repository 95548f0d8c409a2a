"""State badges drawn from the workflow declaration: the colour a state declares on its
`StateInfo`, and always its label as text (the colour is never the only cue)."""

from django.utils.html import format_html
from django.utils.safestring import SafeString
from wagtail.admin.ui.tables import Column

from core.workflow.states import BADGE_COLOURS, WorkflowStates


def state_of(obj, field: str = "state") -> WorkflowStates | None:
    """The declared state of ``obj``'s workflow ``field`` (its model's nested `State`)."""
    value = getattr(obj, field, None)
    choices = getattr(type(obj), "State", None)
    if value in (None, "") or choices is None or not issubclass(choices, WorkflowStates):
        return None
    try:
        return choices(value)
    except ValueError:
        return None


def badge_colour(state: WorkflowStates | None) -> str:
    """The badge colour of ``state``, or "none" (neutral) if it declares none we draw."""
    colour = state.badge if state is not None else ""
    return colour if colour in BADGE_COLOURS else "none"


def state_badge_html(obj, field: str = "state") -> SafeString:
    """``<span class="state-badge state-badge--<colour>" data-state="…">label</span>``."""
    state = state_of(obj, field)
    if state is None:
        return format_html("{}", getattr(obj, field, "") or "")
    return format_html(
        '<span class="state-badge state-badge--{}" data-state="{}">{}</span>',
        badge_colour(state),
        state.value,
        state.label,
    )


class StateBadgeColumn(Column):
    """A listing column showing the object's state as a coloured badge with its label."""

    cell_template_name = "core/admin/state_badge_cell.html"

    def __init__(self, name: str, *, field: str = "state", **kwargs) -> None:
        super().__init__(name, **kwargs)
        self.field = field

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["badge"] = state_badge_html(instance, self.field)
        return context
