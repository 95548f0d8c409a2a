"""The sharing board: organisations offer and request premises, equipment, vehicles, skills and
shared jobs; replies open private conversations between organisations; reports go to the
coordinators (re-exports; migrations name the callables they reference here too).

`posts.py` holds the posts and their workflow, photos and matches; `conversations.py` the
conversations, read marks and reports.
"""

from projects.sharing.models.conversations import (
    Conversation,
    ConversationMessage,
    ConversationQuerySet,
    ConversationReadMark,
    SharingReport,
    unread_messages,
)
from projects.sharing.models.posts import (
    ALL_WEEKDAYS,
    DAILY_RUN,
    ITS_ORGANISATION,
    POST_LIFETIME_DAYS,
    REMINDER_DAYS,
    RENEWABLE_DAYS,
    WEEKDAY_COUNT,
    WEEKDAY_NAMES,
    SharingMatch,
    SharingPhoto,
    SharingPost,
    SharingPostQuerySet,
    default_expiry,
    fold_text,
    masks_including,
    photo_path,
    weekday_mask,
    weekdays_of,
)

__all__ = [
    "ALL_WEEKDAYS",
    "DAILY_RUN",
    "ITS_ORGANISATION",
    "POST_LIFETIME_DAYS",
    "REMINDER_DAYS",
    "RENEWABLE_DAYS",
    "WEEKDAY_COUNT",
    "WEEKDAY_NAMES",
    "Conversation",
    "ConversationMessage",
    "ConversationQuerySet",
    "ConversationReadMark",
    "SharingMatch",
    "SharingPhoto",
    "SharingPost",
    "SharingPostQuerySet",
    "SharingReport",
    "default_expiry",
    "fold_text",
    "masks_including",
    "photo_path",
    "unread_messages",
    "weekday_mask",
    "weekdays_of",
]
