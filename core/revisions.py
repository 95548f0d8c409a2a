"""Revisions that say something: saving a page unchanged does not add a revision.

Wagtail saves a new revision at every save, submit and resubmit of the edit form, even when
nothing changed; the page's history then fills with identical revisions, and "Compare" between a
resubmission and its predecessor shows « no differences ». Pages that inherit
`UnchangedRevisionMixin` (every page type of the site) keep their latest revision instead. The
workflow is unaffected: a submission points at the page's latest revision, which is the same
content.
"""

import contextlib
import json
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from wagtail.models import COMMENTS_RELATION_NAME, Revision

# Fields of a page's serialised data that describe the page as a whole (its place in the tree,
# its status, its history) rather than the content of one revision: Wagtail keeps them from the
# page itself when it loads a revision (`Page.with_content_json`), so they may differ between two
# revisions of the same content.
NON_CONTENT_FIELDS = frozenset(
    {
        "pk",
        "path",
        "depth",
        "numchild",
        "url_path",
        "content_type",
        "draft_title",
        "live",
        "has_unpublished_changes",
        "owner",
        "locked",
        "locked_by",
        "locked_at",
        "latest_revision",
        "latest_revision_created_at",
        "live_revision",
        "first_published_at",
        "last_published_at",
        "alias_of",
        "expired",
    }
)
COMMENT_CONTENT_FIELDS = ("pk", "user", "text", "contentpath", "position")


def revision_content(data: dict[str, Any]) -> dict[str, Any]:
    """A page's serialised data as a revision stores it (JSON types), without the page-wide fields.

    Comments keep only what a reader sees (text, place, resolved or not), not their timestamps:
    Wagtail saves every comment again at each revision, which refreshes ``updated_at``.
    """
    content = json.loads(json.dumps(data, cls=DjangoJSONEncoder))
    for name in NON_CONTENT_FIELDS:
        content.pop(name, None)
    for name, value in content.items():
        # StreamField data is serialised as a JSON string, whose key order depends on where it
        # came from (PostgreSQL's jsonb reorders keys): compare the parsed values instead.
        if isinstance(value, str) and value[:1] in "[{":
            with contextlib.suppress(ValueError):
                content[name] = json.loads(value)
    comments = content.pop(COMMENTS_RELATION_NAME, None) or []
    content[COMMENTS_RELATION_NAME] = sorted(
        (
            [comment.get(name) for name in COMMENT_CONTENT_FIELDS]
            + [bool(comment.get("resolved_at"))]
            for comment in comments
        ),
        key=repr,
    )
    return content


def is_same_content(page, revision: Revision | None) -> bool:
    """Whether saving ``page`` now would store the same content as ``revision``."""
    if revision is None or revision.approved_go_live_at is not None:
        return False
    return revision_content(page.serializable_data()) == revision_content(revision.content)


def _user_id(user) -> int | None:
    return user.pk if user is not None and user.is_authenticated else None


class UnchangedRevisionMixin:
    """For page types: `save_revision` returns the latest revision when the content is the same.

    Only a plain save does so: overwriting an autosaved revision, reverting to an older one and
    scheduling (``approved_go_live_at``) keep Wagtail's behaviour. New comments are content, so a
    save that adds one makes a revision as before. The latest revision must also be the same
    person's: the admin's autosave then goes on overwriting "its" revision, and Wagtail lets
    nobody overwrite another person's revision.
    """

    def save_revision(
        self,
        user=None,
        approved_go_live_at=None,
        changed=True,
        log_action=False,
        previous_revision=None,
        clean=True,
        overwrite_revision=None,
    ):
        if (
            self.pk
            and approved_go_live_at is None
            and previous_revision is None
            and overwrite_revision is None
        ):
            latest = self.get_latest_revision()
            if (
                latest is not None
                and latest.user_id == _user_id(user)
                and is_same_content(self, latest)
            ):
                if clean:
                    self.full_clean()
                return latest
        return super().save_revision(
            user=user,
            approved_go_live_at=approved_go_live_at,
            changed=changed,
            log_action=log_action,
            previous_revision=previous_revision,
            clean=clean,
            overwrite_revision=overwrite_revision,
        )
