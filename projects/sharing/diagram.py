"""The sharing post workflow's state diagram (docs/workflow.md)."""

from core.diagram import mermaid


def sharing_post_diagram() -> str:
    """The life of a post of the sharing board."""
    from projects.sharing.models import SharingPost
    from projects.sharing.services import POST_TRANSITIONS

    roles = dict.fromkeys(POST_TRANSITIONS, "its organisation")
    roles["expire"] = "daily run"
    return mermaid(SharingPost, [*POST_TRANSITIONS, "expire"], roles, "draft")


def diagrams() -> dict[str, str]:
    """The sharing post workflow for docs/workflow.md (`WORKFLOW_DIAGRAMS` setting)."""
    return {"sharing_post": sharing_post_diagram()}
