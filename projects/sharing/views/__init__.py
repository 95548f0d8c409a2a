"""The sharing board (public) and the members' side of it: posts, photos, conversations,
reports and moderation.

Views parse input, ask `projects.experiments.permissions`, call one service of
`projects.sharing.services`, and turn its exceptions into a message or a 4xx answer. A form with
errors comes back with what was typed (status 400). The board and the posts on it are public and go
through the full-page cache for visitors; everything else is personal.
"""

from projects.sharing.views.conversations import (
    conversation,
    conversation_idea,
    conversation_report,
    space,
)
from projects.sharing.views.moderation import post_hide, report_detail, reports
from projects.sharing.views.posts import (
    board,
    photo,
    photo_delete,
    post_detail,
    post_edit,
    post_new,
    post_photos,
    post_reply,
    post_report,
    post_transition,
)

__all__ = [
    "board",
    "conversation",
    "conversation_idea",
    "conversation_report",
    "photo",
    "photo_delete",
    "post_detail",
    "post_edit",
    "post_hide",
    "post_new",
    "post_photos",
    "post_reply",
    "post_report",
    "post_transition",
    "report_detail",
    "reports",
    "space",
]
