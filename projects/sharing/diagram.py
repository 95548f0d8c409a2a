"""The sharing post workflow's state diagram (docs/workflow.md), read from its declaration."""

from core.diagram import mermaid


def sharing_post_diagram() -> str:
    """The life of a post of the sharing board."""
    from projects.sharing.models import SharingPost

    return mermaid(SharingPost)


def diagrams() -> dict[str, str]:
    """The sharing post workflow for docs/workflow.md (`WORKFLOW_DIAGRAMS` setting)."""
    return {"sharing_post": sharing_post_diagram()}
