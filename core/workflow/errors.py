"""What the engine answers when a transition cannot happen now.

Each error carries the HTTP status it deserves and a message for the person; the API's
exception handler (`config/api/errors.py`) answers `{"detail", "code", "missing"}` with that
status, the code being the class's name in snake case (`ExperimentChanged` → `experiment_changed`,
which is why each workflow names its own `ObjectChanged`).
"""

from core.workflow.declarations import Requirement


class WorkflowError(Exception):
    """A transition that cannot happen now; `status` is the HTTP answer it deserves."""

    status = 409

    def __init__(self, message: str, missing: list[Requirement] | None = None):
        super().__init__(message)
        self.message = message
        self.missing = missing or []


class UnknownTransition(WorkflowError):
    """No transition of this name that a person may run."""

    status = 404


class TransitionNotPossible(WorkflowError):
    """Not possible from the current state."""


class ConditionsUnmet(WorkflowError):
    """Possible from this state, but something is missing."""


class ObjectChanged(WorkflowError):
    """Someone changed the object since the person loaded it (each workflow names its own)."""


class CommentRequired(WorkflowError):
    """The decision needs a comment."""

    status = 400
