"""Who may do what on the sharing board: the one place its views, API endpoints and files ask.

Visitors read what is on the board; members of organisations post on behalf of their
organisations and reply to others' posts; a conversation is readable only by the members of its
two organisations, and by a coordinator while they handle an open report about it.
"""

from accounts import roles
from projects.experiments.permissions import can_propose
from projects.network.models import Organisation
from projects.network.permissions import active as _active
from projects.network.permissions import is_organisation_member, organisation_ids
from projects.sharing.models import Conversation, SharingPhoto, SharingPost, SharingReport


def can_post(user) -> bool:
    """Write offers and requests: members of an organisation."""
    return is_organisation_member(user)


def can_post_for(user, organisation: Organisation) -> bool:
    return organisation.pk in organisation_ids(user)


def can_manage_post(user, post: SharingPost) -> bool:
    """Edit, publish, renew, close a post and its photos: the members of its organisation."""
    return post.organisation_id in organisation_ids(user)


def can_view_post(user, post: SharingPost) -> bool:
    """Posts on the board are public; others only for their organisation and coordinators."""
    return post.is_on_board() or can_manage_post(user, post) or roles.is_coordinator(user)


def can_view_photo(user, photo: SharingPhoto) -> bool:
    return can_view_post(user, photo.post)


def reply_organisations(user, post: SharingPost) -> list[int]:
    """The organisations ``user`` may reply for: theirs, except the post's own."""
    return sorted(organisation_ids(user) - {post.organisation_id})


def can_reply(user, post: SharingPost) -> bool:
    """Reply to a post on the board, on behalf of another organisation than the post's."""
    return post.is_on_board() and bool(reply_organisations(user, post))


def is_participant(user, conversation: Conversation) -> bool:
    """A member of one of the conversation's two organisations."""
    return bool(organisation_ids(user) & conversation.organisation_ids)


def handles_report_on(user, conversation: Conversation) -> bool:
    """A coordinator who took charge of an open report about this conversation."""
    if not roles.is_coordinator(user):
        return False
    return SharingReport.objects.filter(
        conversation=conversation, handled_by=user, closed_at__isnull=True
    ).exists()


def can_view_conversation(user, conversation: Conversation) -> bool:
    """Its two organisations' members; a coordinator only while handling a report on it."""
    return is_participant(user, conversation) or handles_report_on(user, conversation)


def can_write_in_conversation(user, conversation: Conversation) -> bool:
    """Only participants write: a coordinator handling a report reads."""
    return is_participant(user, conversation)


def can_turn_into_idea(user, conversation: Conversation) -> bool:
    """A participant turns the conversation into a cooperation idea, once."""
    return (
        conversation.experiment_id is None
        and can_propose(user)
        and is_participant(user, conversation)
    )


def can_report_post(user, post: SharingPost) -> bool:
    """Any signed-in person who can read a post may report it (not its own organisation)."""
    return _active(user) and can_view_post(user, post) and not can_manage_post(user, post)


def can_report_conversation(user, conversation: Conversation) -> bool:
    return is_participant(user, conversation)


def can_moderate_sharing(user) -> bool:
    """Read reports, take them in charge, hide and restore posts: coordinators."""
    return roles.is_coordinator(user)
