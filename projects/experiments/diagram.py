"""The experiment workflow's state diagram (docs/workflow.md)."""

from core.diagram import mermaid


def diagrams() -> dict[str, str]:
    """The experiment workflow for docs/workflow.md (`WORKFLOW_DIAGRAMS` setting)."""
    from projects.experiments.models import Experiment
    from projects.experiments.permissions import COORDINATOR_ONLY, LEAD_ONLY, LEAD_OR_COORDINATOR
    from projects.experiments.services import TRANSITIONS

    roles = {}
    for name in TRANSITIONS:
        if name in COORDINATOR_ONLY:
            roles[name] = "coordinator"
        elif name in LEAD_ONLY:
            roles[name] = "lead"
        elif name in LEAD_OR_COORDINATOR:
            roles[name] = "lead or coordinator"
    return {"experiment": mermaid(Experiment, list(TRANSITIONS), roles, "idea")}
