"""Panels of the Wagtail admin's home page (the dashboard) that list a few items of a queue.

Each business area registers its own panels (`construct_homepage_panels` in its
`wagtail_hooks.py`) with a loader from its service module that returns the first items and the
total: the panel shows them, links each item to its page in the admin and says how many more
there are. The panel itself knows no business area.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.utils.translation import ngettext
from wagtail.admin.ui.components import Component

# How many items a dashboard panel lists before « N more ».
PANEL_SIZE = 5


@dataclass(frozen=True)
class QueueItem:
    """One line of a panel: what it is, where it opens, a short detail and an optional badge
    (a state's label and its colour from the workflow declaration)."""

    label: str
    url: str
    detail: str = ""
    badge: str = ""
    badge_label: str = ""


@dataclass(frozen=True)
class Queue:
    """The first items of a queue and how many there are in all."""

    items: Sequence[QueueItem]
    total: int

    @property
    def more(self) -> int:
        return max(self.total - len(self.items), 0)


class QueuePanel(Component):
    """A dashboard panel listing the first items of a queue, with its count and a « more » link.

    ``load`` is called once, when the panel is rendered, and costs a constant number of queries.
    """

    template_name = "core/admin/queue_panel.html"

    def __init__(
        self,
        *,
        name: str,
        heading: str,
        order: int,
        load: Callable[[], Queue],
        empty: str,
        more_url: str = "",
    ) -> None:
        self.name = name
        self.heading = heading
        self.order = order
        self.load = load
        self.empty = empty
        self.more_url = more_url

    def get_context_data(self, parent_context=None):
        queue = self.load()
        more = ""
        if queue.more:
            more = ngettext("%(count)s more", "%(count)s more", queue.more) % {"count": queue.more}
        return {
            "panel_id": f"dashboard-{self.name}",
            "heading": self.heading,
            "queue": queue,
            "more": more,
            "more_url": self.more_url,
            "empty": self.empty,
        }
