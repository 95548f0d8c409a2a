"""The experiment workflow's state diagram (docs/workflow.md), read from its declaration."""

from core.diagram import mermaid


def diagrams() -> dict[str, str]:
    """The experiment workflow for docs/workflow.md (`WORKFLOW_DIAGRAMS` setting)."""
    from projects.experiments.models import Experiment

    return {"experiment": mermaid(Experiment)}
