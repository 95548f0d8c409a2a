"""Business events of translation: save a draft, submit it for review, approve or send back.

A translated page follows the same moderation as its source: what the translator typed in
wagtail-localize's editor becomes a draft revision of the page, the "Relecture" workflow reviews
it, and approving publishes it. Nothing here publishes directly.
"""

import json
from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.coreutils import find_available_slug
from wagtail.models import Page, PageLogEntry, Revision, WorkflowState
from wagtail_localize.fields import copy_synchronised_fields, get_translatable_fields
from wagtail_localize.models import Translation, TranslationLog
from wagtail_localize.segments.ingest import ingest_segments

from home.localize import permissions

APPROVE = "approve"
REQUEST_CHANGES = "reject"


class TranslationReviewError(Exception):
    """The review step asked for is not possible now (message for the person who asked)."""


def translated_page(translation: Translation) -> Page:
    """The target page of ``translation``, fresh from the database (specific)."""
    page = translation.get_target_instance()
    if not isinstance(page, Page):
        raise TranslationReviewError(_("Only pages go through review; this is not a page."))
    return Page.objects.get(pk=page.pk).specific


@transaction.atomic
def save_translation_draft(translation: Translation, *, user) -> Revision:
    """Store the current translations of the segments as a draft revision of the target page.

    wagtail-localize's own draft (`Translation.save_target(publish=False)`) writes the translated
    fields on the page's row, which for a live page is what visitors see: unreviewed text would
    go online. A page that was never published takes that path (its row is not shown); a live
    page gets the draft built in memory and stored as a revision only, as Wagtail's edit view
    saves the drafts of live pages.
    """
    page = translated_page(translation)
    if not page.live or page.alias_of_id:
        translation.save_target(user=user, publish=False)
        return translated_page(translation).get_latest_revision()
    source = translation.source
    locale = translation.target_locale
    original = source.as_instance()
    draft = page.get_latest_revision_as_object()
    copy_synchronised_fields(original, draft)
    # The segments with their translations, the untranslated ones in the source's language, as
    # `save_target` takes them (wagtail-localize has no public name for this list).
    segments = source._get_segments_for_translation(locale, fallback=True)
    ingest_segments(original, draft, source.locale, locale, segments)
    draft.slug = find_available_slug(
        draft.get_parent(), slugify(draft.slug), ignore_page_id=draft.pk
    )
    revision = draft.save_revision(user=user, log_action=True)
    TranslationLog.objects.create(source=source, locale=locale, revision=revision)
    return revision


@transaction.atomic
def submit_translation(translation: Translation, *, by) -> WorkflowState:
    """The translator sends the translated page to review (again, after requested changes).

    The draft saved first is the revision the moderators review and approval publishes.
    """
    page = translated_page(translation)
    if not permissions.can_submit_for_review(by, page):
        raise PermissionDenied
    save_translation_draft(translation, user=by)
    page = translated_page(translation)
    state = page.current_workflow_state
    if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        state.resume(by)
    else:
        page.get_workflow().start(page, by)
    return translated_page(translation).current_workflow_state


@transaction.atomic
def review_translation(
    translation: Translation, *, by, action: str, comment: str = ""
) -> WorkflowState:
    """A moderator approves the translated page (which publishes it) or requests changes.

    Approving first saves what the segments hold now, as Wagtail's edit view saves a moderator's
    corrections before approving: the moderator publishes what they read in the editor.
    """
    page = translated_page(translation)
    task_state = page.current_workflow_task_state
    if task_state is None:
        raise TranslationReviewError(_("This translation is not awaiting review."))
    if action not in {name for name, _label, _comment in permissions.review_actions(by, page)}:
        raise PermissionDenied
    if action == APPROVE:
        save_translation_draft(translation, user=by)
    task_state.task.specific.on_action(task_state, by, action, comment=comment)
    return WorkflowState.objects.get(pk=task_state.workflow_state_id)


def _same_for_translations(page: Page, old: Revision, new: Revision) -> bool:
    """Whether two revisions of a page hold the same values in every field a translation takes
    (translated or synchronised), whatever else differs (dates, status, comments)."""
    if old.pk == new.pk:
        return True
    fields = [field.field_name for field in get_translatable_fields(type(page))]
    return all(
        _comparable(old.content.get(name)) == _comparable(new.content.get(name)) for name in fields
    )


def _comparable(value):
    # StreamFields are stored as JSON text, whose key order PostgreSQL's jsonb does not keep.
    if isinstance(value, str) and value[:1] in ("[", "{"):
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


@dataclass(frozen=True)
class SourceChange:
    """The source page changed after the translation was last synced from it."""

    changed_at: datetime
    synced_at: datetime
    page: Page
    synced_revision: Revision | None  # the source's revision online at the last sync
    current_revision: Revision | None  # the one a sync would take now


def source_change(translation: Translation) -> SourceChange | None:
    """What changed in the source page since the translation's last sync, if anything.

    A sync takes the source page as stored (its live version when published, else its draft), so
    the source changed when that version is newer than the sync. Snippets keep no revisions: no
    date to compare, nothing is reported for them.
    """
    source = translation.source
    try:
        page = source.get_source_instance()
    except ObjectDoesNotExist:
        return None
    if not isinstance(page, Page):
        return None
    if page.live:
        changed_at, current = page.last_published_at, page.live_revision
    else:
        changed_at, current = page.latest_revision_created_at, page.latest_revision
    if changed_at is None or changed_at <= source.last_updated_at:
        return None
    published = (
        PageLogEntry.objects.filter(
            page=page,
            action="wagtail.publish",
            timestamp__lte=source.last_updated_at,
            revision__isnull=False,
        )
        .select_related("revision")
        .order_by("-timestamp", "-pk")
        .first()
    )
    synced = published.revision if published else None
    if synced is not None and current is not None and _same_for_translations(page, synced, current):
        return None  # published again without a change translations take
    return SourceChange(
        changed_at=changed_at,
        synced_at=source.last_updated_at,
        page=page,
        synced_revision=synced,
        current_revision=current,
    )
