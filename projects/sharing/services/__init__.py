"""Business events of the sharing board (re-exported for the pages, the API, the commands and
the demo).

Posts are written, published, renewed, fulfilled and withdrawn by the members of their
organisation (`posts.py`, through the workflow engine); publishing looks for offers and requests
that fit and tells both authors (`matches.py`); a reply opens a private conversation between two
organisations, which may become a cooperation idea (`conversations.py`); reports go to the
coordinators, who may hide a post (`moderation.py`); posts expire 90 days after publication,
with a reminder a week before (`expiry.py`).

A service never receives the web request: it checks the permission itself
(`projects.sharing.permissions`), saves, and notifies in the same transaction (e-mails leave
once it commits, see `accounts.notifications`).
"""

from django.core.exceptions import PermissionDenied

from projects.sharing.services.common import (
    SharingError,
    conversation_url,
    display_name,
    organisation_members,
    post_contacts,
    post_url,
    report_url,
)
from projects.sharing.services.conversations import (
    CATEGORY_COOPERATION_FORMS,
    CATEGORY_THEMES,
    IdeaDraft,
    counterpart_post,
    idea_draft,
    mark_read,
    reply_to_post,
    send_message,
    turn_into_idea,
    unread_conversations,
)
from projects.sharing.services.expiry import (
    expire_posts,
    remind_expiring_posts,
    run_sharing_expiry,
)
from projects.sharing.services.matches import find_matches, matches_of, matching_posts
from projects.sharing.services.moderation import (
    close_report,
    hide_post,
    report,
    restore_post,
    take_report,
)
from projects.sharing.services.posts import (
    EDITABLE_POST_FIELDS,
    MAX_PHOTOS,
    POST_TRANSITION_LABELS,
    WORKFLOW,
    PhotoStorageError,
    add_photo,
    available_transitions,
    create_post,
    remove_photo,
    run_post_transition,
    update_post,
)

__all__ = [
    "CATEGORY_COOPERATION_FORMS",
    "CATEGORY_THEMES",
    "EDITABLE_POST_FIELDS",
    "MAX_PHOTOS",
    "POST_TRANSITION_LABELS",
    "WORKFLOW",
    "IdeaDraft",
    "PermissionDenied",
    "PhotoStorageError",
    "SharingError",
    "add_photo",
    "available_transitions",
    "close_report",
    "conversation_url",
    "counterpart_post",
    "create_post",
    "display_name",
    "expire_posts",
    "find_matches",
    "hide_post",
    "idea_draft",
    "mark_read",
    "matches_of",
    "matching_posts",
    "organisation_members",
    "post_contacts",
    "post_url",
    "remind_expiring_posts",
    "remove_photo",
    "reply_to_post",
    "report",
    "report_url",
    "restore_post",
    "run_post_transition",
    "run_sharing_expiry",
    "send_message",
    "take_report",
    "turn_into_idea",
    "unread_conversations",
    "update_post",
]
