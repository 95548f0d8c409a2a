"""The workflow engine shared by every workflow of the platform (docs/workflow.md).

A workflow is declared once, in its area: its states on their `TextChoices` (`states`), its
transitions as django-fsm-2 `@transition`s carrying their metadata (`declarations`), and what
differs in running them in a `Workflow` subclass (`engine`). This package reads them.
"""

from core.workflow.declarations import (
    Condition,
    Requirement,
    Rule,
    TransitionDeclaration,
    declaration,
    declarations,
    declare,
)
from core.workflow.engine import (
    TransitionInfo,
    Workflow,
    missing_for,
    next_steps,
    people_transitions,
    run_transition,
    transition_label,
    transition_names,
    transitions_for,
    workflow_for,
)
from core.workflow.errors import (
    CommentRequired,
    ConditionsUnmet,
    ObjectChanged,
    TransitionNotPossible,
    UnknownTransition,
    WorkflowError,
)
from core.workflow.states import BADGE_COLOURS, StateInfo, WorkflowStates, states_where

__all__ = [
    "BADGE_COLOURS",
    "CommentRequired",
    "Condition",
    "ConditionsUnmet",
    "ObjectChanged",
    "Requirement",
    "Rule",
    "StateInfo",
    "TransitionDeclaration",
    "TransitionInfo",
    "TransitionNotPossible",
    "UnknownTransition",
    "Workflow",
    "WorkflowError",
    "WorkflowStates",
    "declaration",
    "declarations",
    "declare",
    "missing_for",
    "next_steps",
    "people_transitions",
    "run_transition",
    "states_where",
    "transition_label",
    "transition_names",
    "transitions_for",
    "workflow_for",
]
