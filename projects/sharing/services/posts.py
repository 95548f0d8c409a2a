"""Writing posts and moving them through their workflow (declared on `SharingPost`), with
their photos.

Transitions run through the engine (`core.workflow`): it checks the declared rule (the members
of the post's organisation), locks the row, checks the state and the condition (renewing only in
the last month), runs the transition and saves; `SharingWorkflow` then looks for the offers and
requests that fit a post on the board. Posts have no audit trail and no comment.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

import projects.sharing.permissions as permissions
from accounts.models import User
from core.documents import DocumentStorageError, save_with_file
from core.workflow import Workflow
from projects.network.models import Organisation
from projects.sharing.models import SharingPhoto, SharingPost
from projects.sharing.photos import check_photo
from projects.sharing.services.common import SharingError
from projects.sharing.services.matches import find_matches

MAX_PHOTOS = 4

# Fields of a post its organisation's members may change directly (the state changes only
# through the transitions below).
EDITABLE_POST_FIELDS = (
    "kind",
    "category",
    "title",
    "description",
    "territory",
    "commune",
    "availability",
    "available_from",
    "available_until",
    "weekdays",
    "terms",
    "price",
    "terms_note",
)


class SharingWorkflow(Workflow):
    """The sharing post workflow: its messages, and matching once a post is on the board."""

    model = SharingPost
    denied_message = gettext_lazy("Only the members of the post's organisation may do this.")
    not_possible_message = gettext_lazy(
        "This action is not possible while the post is “%(state)s”."
    )

    def done(self, obj, name, *, by, event, **params) -> None:
        if obj.is_on_board():
            find_matches(obj)


WORKFLOW = SharingWorkflow()
# The labels of the transitions people run, by name (the pages' "Done: …" message).
POST_TRANSITION_LABELS = {name: WORKFLOW.label(name) for name in WORKFLOW.names}


def create_post(
    *, by: User, organisation: Organisation, fields: dict, publish: bool = True
) -> SharingPost:
    """A member writes an offer or a request for their organisation (published at once unless
    kept as a draft)."""
    if not permissions.can_post_for(by, organisation):
        raise PermissionDenied(_("You may only post on behalf of your own organisations."))
    unknown = set(fields) - set(EDITABLE_POST_FIELDS)
    if unknown:
        raise ValueError(f"Not editable: {', '.join(sorted(unknown))}")
    with transaction.atomic():
        post = SharingPost(organisation=organisation, author=by, **fields)
        post.full_clean(exclude=["state", "expires_at", "search_text"])
        post.save()
        if publish:
            post = run_post_transition(post, "publish", by=by)
    return post


def update_post(post: SharingPost, *, by: User, changes: dict) -> SharingPost:
    """A member of the post's organisation changes it; a post on the board is matched again."""
    unknown = set(changes) - set(EDITABLE_POST_FIELDS)
    if unknown:
        raise ValueError(f"Not editable: {', '.join(sorted(unknown))}")
    with transaction.atomic():
        locked = SharingPost.objects.select_for_update().get(pk=post.pk)
        if not permissions.can_manage_post(by, locked):
            raise PermissionDenied(_("Only the members of the post's organisation may change it."))
        if locked.is_final:
            raise SharingError(_("This post is closed: it can no longer be changed."))
        for name, value in changes.items():
            setattr(locked, name, value)
        locked.full_clean(exclude=["state", "expires_at", "search_text"])
        locked.save()
        if locked.is_on_board():
            find_matches(locked)
    return locked


def run_post_transition(post: SharingPost, name: str, *, by: User) -> SharingPost:
    """Publish, renew, fulfil or withdraw a post, as a member of its organisation."""
    return WORKFLOW.run(post, name, by=by)


def available_transitions(post: SharingPost, user) -> list[tuple[str, str]]:
    """(name, label) of the transitions ``user`` may run on ``post`` now."""
    return [(t.name, t.label) for t in WORKFLOW.transitions_for(post, user) if t.allowed]


# ---------------------------------------------------------------------- photos
class PhotoStorageError(DocumentStorageError):
    """The photo could not be stored; nothing was changed."""


def add_photo(post: SharingPost, *, by: User, uploaded, alt_text: str) -> SharingPhoto:
    """A member of the post's organisation adds a checked photo (JPEG or PNG)."""
    if not permissions.can_manage_post(by, post):
        raise PermissionDenied
    if post.photos.count() >= MAX_PHOTOS:
        raise ValidationError(
            ngettext(
                "A post has %(max)d photo at most: remove it first.",
                "A post has %(max)d photos at most: remove one first.",
                MAX_PHOTOS,
            )
            % {"max": MAX_PHOTOS}
        )
    alt_text = (alt_text or "").strip()
    if not alt_text:
        raise ValidationError(_("Describe what the photo shows."))
    checked = check_photo(uploaded)  # ValidationError with the reason
    uploaded.name = checked.name
    photo = SharingPhoto(
        post=post,
        alt_text=alt_text[:200],
        content_type=checked.content_type,
        size=checked.size,
        width=checked.width,
        height=checked.height,
        position=post.photos.count(),
        uploaded_by=by,
    )
    # The re-encoded copy, without the camera's metadata (GPS position…), never the upload.
    save_with_file(photo, "file", checked.name, checked.content, error=PhotoStorageError)
    return photo


def remove_photo(photo: SharingPhoto, *, by: User) -> None:
    if not permissions.can_manage_post(by, photo.post):
        raise PermissionDenied
    name, storage = photo.file.name, photo.file.storage
    photo.delete()
    transaction.on_commit(lambda: storage.delete(name))
