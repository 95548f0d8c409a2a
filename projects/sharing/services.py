"""Business events of the sharing board.

Posts are written, published, renewed, fulfilled and withdrawn by the members of their
organisation; publishing looks for offers and requests that fit and tells both authors; a reply
opens a private conversation between two organisations; reports go to the coordinators, who may
hide a post; a conversation may become a cooperation idea; posts expire 90 days after
publication, with a reminder a week before.

A service never receives the web request: it checks the permission itself
(`projects.experiments.permissions`), saves, and notifies in the same transaction (e-mails leave
once it commits, see `accounts.notifications`).
"""

import contextlib
import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_fsm import can_proceed
from django_tasks import task

import projects.experiments.services as services
import projects.sharing.permissions as permissions
from accounts import roles
from accounts.models import User
from accounts.notifications import Message, notify
from projects.experiments.models import Experiment, ExperimentMember
from projects.network.models import Organisation, OrganisationMembership, Territory, Theme
from projects.sharing.matching import Availability, PostFacts, matches_for
from projects.sharing.models import (
    REMINDER_DAYS,
    RENEWABLE_DAYS,
    Conversation,
    ConversationMessage,
    ConversationReadMark,
    SharingMatch,
    SharingPhoto,
    SharingPost,
    SharingReport,
    weekdays_of,
)
from projects.sharing.photos import check_photo

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

POST_TRANSITIONS = ("publish", "renew", "fulfil", "withdraw")
POST_TRANSITION_LABELS = {
    "publish": gettext_lazy("Publish"),
    "renew": gettext_lazy("Keep it 90 more days"),
    "fulfil": gettext_lazy("Mark as fulfilled"),
    "withdraw": gettext_lazy("Withdraw"),
}

# Themes of the cooperation domain of each category (an idea born from a post starts with it).
CATEGORY_THEMES = {
    SharingPost.Category.PREMISES: 1,
    SharingPost.Category.EQUIPMENT: 1,
    SharingPost.Category.VEHICLE: 1,
    SharingPost.Category.SKILLS: 3,
    SharingPost.Category.SHARED_JOB: 3,
}
CATEGORY_COOPERATION_FORMS = {
    SharingPost.Category.PREMISES: Experiment.CooperationForm.PREMISES,
    SharingPost.Category.EQUIPMENT: Experiment.CooperationForm.EQUIPMENT,
    SharingPost.Category.VEHICLE: Experiment.CooperationForm.EQUIPMENT,
    SharingPost.Category.SKILLS: Experiment.CooperationForm.JOBS,
    SharingPost.Category.SHARED_JOB: Experiment.CooperationForm.JOBS,
    SharingPost.Category.OTHER: Experiment.CooperationForm.OTHER,
}


class SharingError(Exception):
    """Something that cannot happen now; ``status`` is the HTTP answer it deserves."""

    status = 409

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


# ---------------------------------------------------------------------- addresses and people
def post_url(post: SharingPost) -> str:
    return reverse("projects:sharing_post", kwargs={"pk": post.pk})


def conversation_url(conversation: Conversation) -> str:
    return reverse("projects:conversation", kwargs={"pk": conversation.pk})


def report_url(report: SharingReport) -> str:
    return reverse("projects:sharing_report", kwargs={"pk": report.pk})


def display_name(user: User | None) -> str:
    """A person's name as other members see it: never their e-mail address."""
    if user is None:
        return _("A former member")
    return user.full_name or _("A member")


def organisation_members(organisation_ids: Iterable[int]) -> list[User]:
    return list(
        User.objects.filter(
            is_active=True, organisation_memberships__organisation_id__in=list(organisation_ids)
        ).distinct()
    )


def post_contacts(post: SharingPost) -> list[User]:
    """Who hears about a post: its author while a member of its organisation, else all its
    organisation's members."""
    author = post.author
    if (
        author is not None
        and author.is_active
        and OrganisationMembership.objects.filter(
            user=author, organisation_id=post.organisation_id
        ).exists()
    ):
        return [author]
    return organisation_members([post.organisation_id])


def _coordinators() -> list[User]:
    return list(User.objects.filter(groups__name=roles.COORDINATORS).distinct())


# ---------------------------------------------------------------------- posts
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
    if name not in POST_TRANSITIONS:
        raise SharingError(_("There is no such action."))
    with transaction.atomic():
        locked = SharingPost.objects.select_for_update().get(pk=post.pk)
        if not permissions.can_manage_post(by, locked):
            raise PermissionDenied(_("Only the members of the post's organisation may do this."))
        method = getattr(locked, name)
        if not can_proceed(method, check_conditions=False):
            raise SharingError(
                _("This action is not possible while the post is “%(state)s”.")
                % {"state": locked.get_state_display()}
            )
        if not can_proceed(method):  # only renewing has a condition
            raise SharingError(
                _("A post can be renewed in the %(days)d days before it expires.")
                % {"days": RENEWABLE_DAYS}
            )
        method()
        locked.save()
        if locked.is_on_board():
            find_matches(locked)
    return locked


def available_transitions(post: SharingPost, user) -> list[tuple[str, str]]:
    """(name, label) of the transitions ``user`` may run on ``post`` now."""
    if not permissions.can_manage_post(user, post):
        return []
    return [
        (name, str(POST_TRANSITION_LABELS[name]))
        for name in POST_TRANSITIONS
        if can_proceed(getattr(post, name))
    ]


# ---------------------------------------------------------------------- photos
class PhotoStorageError(Exception):
    """The photo could not be stored; nothing was changed."""


def add_photo(post: SharingPost, *, by: User, uploaded, alt_text: str) -> SharingPhoto:
    """A member of the post's organisation adds a checked photo (JPEG or PNG)."""
    if not permissions.can_manage_post(by, post):
        raise PermissionDenied
    if post.photos.count() >= MAX_PHOTOS:
        raise ValidationError(
            _("A post has %(max)d photos at most: remove one first.") % {"max": MAX_PHOTOS}
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
    try:
        with transaction.atomic():
            photo.file.save(checked.name, uploaded, save=False)
            photo.save()
    except Exception as error:  # storage or database failure: remove what was written
        if photo.file.name:
            with contextlib.suppress(Exception):
                photo.file.storage.delete(photo.file.name)
        raise PhotoStorageError(str(error)) from error
    return photo


def remove_photo(photo: SharingPhoto, *, by: User) -> None:
    if not permissions.can_manage_post(by, photo.post):
        raise PermissionDenied
    name, storage = photo.file.name, photo.file.storage
    photo.delete()
    transaction.on_commit(lambda: storage.delete(name))


# ---------------------------------------------------------------------- matching
def _facts(posts: list[SharingPost]) -> dict[int, PostFacts]:
    """Plain facts of the posts for `projects.sharing.matching` (one query for territories)."""
    territory_ids = {post.territory_id for post in posts}
    ancestors: dict[int, set[int]] = {pk: set() for pk in territory_ids}
    links = Territory.ancestors.through.objects.filter(
        from_territory_id__in=territory_ids
    ).values_list("from_territory_id", "to_territory_id")
    for child, ancestor in links:
        ancestors[child].add(ancestor)
    return {
        post.pk: PostFacts(
            id=post.pk,
            kind=post.kind,
            category=post.category,
            organisation_id=post.organisation_id,
            territory_id=post.territory_id,
            territory_ancestors=frozenset(ancestors[post.territory_id]),
            availability=Availability(
                start=post.available_from,
                end=post.available_until,
                weekdays=frozenset(weekdays_of(post.weekdays)),
            ),
        )
        for post in posts
    }


def matching_posts(post: SharingPost, *, today: datetime.date | None = None) -> list[SharingPost]:
    """Posts on the board that fit ``post`` (the database narrows, the pure rules decide)."""
    today = today or timezone.localdate()
    opposite = (
        SharingPost.Kind.REQUEST if post.kind == SharingPost.Kind.OFFER else SharingPost.Kind.OFFER
    )
    candidates = list(
        SharingPost.objects.on_board(today)
        .filter(kind=opposite, category=post.category)
        .exclude(organisation_id=post.organisation_id)
        .in_territory(post.territory)
        .select_related("organisation", "author")
    )
    facts = _facts([post, *candidates])
    fitting = {
        f.id for f in matches_for(facts[post.pk], [facts[c.pk] for c in candidates], today=today)
    }
    return [c for c in candidates if c.pk in fitting]


def find_matches(post: SharingPost) -> list[SharingMatch]:
    """Record the offers/requests that fit ``post`` and were not matched yet; tell both
    authors, each with a link to the other's post."""
    found = []
    for other in matching_posts(post):
        offer, request = (post, other) if post.kind == SharingPost.Kind.OFFER else (other, post)
        try:
            with transaction.atomic():
                match, created = SharingMatch.objects.get_or_create(offer=offer, request=request)
        except IntegrityError:  # matched meanwhile by a concurrent publication
            continue
        if created:
            found.append(match)
            _notify_match(post, other)
            _notify_match(other, post)
    return found


def _notify_match(post: SharingPost, other: SharingPost) -> None:
    """Tell ``post``'s author that ``other`` fits it."""

    def compose(user: User) -> Message:
        if other.kind == SharingPost.Kind.OFFER:
            title = _("An offer fits your request “%(title)s”")
        else:
            title = _("A request fits your offer “%(title)s”")
        return Message(
            title=title % {"title": post.title},
            body=_("%(organisation)s: “%(title)s”. Reply to it on the platform.")
            % {"organisation": other.organisation.name, "title": other.title},
            url=post_url(other),
        )

    notify(post_contacts(post), compose)


def matches_of(post: SharingPost) -> list[SharingPost]:
    """The posts recorded as fitting ``post`` that are still on the board."""
    if post.kind == SharingPost.Kind.OFFER:
        ids = SharingMatch.objects.filter(offer=post).values("request_id")
    else:
        ids = SharingMatch.objects.filter(request=post).values("offer_id")
    return list(SharingPost.objects.on_board().filter(pk__in=ids).select_related("organisation"))


# ---------------------------------------------------------------------- conversations
def reply_to_post(
    post: SharingPost, *, by: User, organisation: Organisation, body: str
) -> Conversation:
    """A member of another organisation answers a post: the private conversation between the
    two organisations opens (or goes on) with this message."""
    body = (body or "").strip()
    if not body:
        raise ValidationError(_("The message is empty."))
    with transaction.atomic():
        # Read the post again, locked: it may have left the board since the page was shown.
        post = SharingPost.objects.select_for_update().get(pk=post.pk)
        if not permissions.can_reply(by, post) or organisation.pk not in (
            permissions.reply_organisations(by, post)
        ):
            raise PermissionDenied(
                _("You may reply to posts on the board, on behalf of your own organisations only.")
            )
        conversation, _created = Conversation.objects.get_or_create(
            post=post, organisation=organisation, defaults={"started_by": by}
        )
        _add_message(conversation, by=by, organisation=organisation, body=body)
    return conversation


def _side(user: User, conversation: Conversation) -> int:
    """The organisation ``user`` writes for in the conversation (the replying one first)."""
    mine = permissions.organisation_ids(user)
    if conversation.organisation_id in mine:
        return conversation.organisation_id
    return conversation.post.organisation_id


def send_message(conversation: Conversation, *, by: User, body: str) -> ConversationMessage:
    """A participant writes in the conversation; the other participants are told."""
    body = (body or "").strip()
    if not body:
        raise ValidationError(_("The message is empty."))
    if not permissions.can_write_in_conversation(by, conversation):
        raise PermissionDenied
    with transaction.atomic():
        organisation = Organisation.objects.get(pk=_side(by, conversation))
        return _add_message(conversation, by=by, organisation=organisation, body=body)


def _add_message(
    conversation: Conversation, *, by: User, organisation: Organisation, body: str
) -> ConversationMessage:
    now = timezone.now()
    message = ConversationMessage.objects.create(
        conversation=conversation, author=by, organisation=organisation, body=body, created_at=now
    )
    Conversation.objects.filter(pk=conversation.pk).update(last_message_at=now)
    mark_read(conversation, by, when=now)
    post = conversation.post

    def compose(user: User) -> Message:
        return Message(
            title=_("Message from %(organisation)s about “%(title)s”")
            % {"organisation": organisation.name, "title": post.title},
            body=f"{display_name(by)} ({organisation.name}): {body[:500]}",
            url=conversation_url(conversation),
        )

    recipients = [u for u in organisation_members(conversation.organisation_ids) if u.pk != by.pk]
    notify(recipients, compose)
    return message


def mark_read(conversation: Conversation, user: User, *, when=None) -> None:
    """``user`` has read the conversation up to now (participants only)."""
    if not permissions.is_participant(user, conversation):
        return
    ConversationReadMark.objects.update_or_create(
        conversation=conversation, user=user, defaults={"read_at": when or timezone.now()}
    )


def unread_conversations(user) -> int:
    """How many of ``user``'s conversations have messages they have not read (one query)."""
    if not getattr(user, "is_authenticated", False):
        return 0
    return Conversation.objects.of_participant(user).unread_by(user).count()


# ---------------------------------------------------------------------- conversation → idea
@dataclass(frozen=True)
class IdeaDraft:
    """What a conversation pre-fills in the idea form."""

    title: str
    summary: str
    description: str
    themes: list[Theme]
    territories: list[Territory]
    cooperation_forms: list[str]
    lead: Organisation
    partner: Organisation


def counterpart_post(conversation: Conversation) -> SharingPost | None:
    """The replying organisation's own post that fitted the one replied to, if any."""
    post = conversation.post
    if post.kind == SharingPost.Kind.OFFER:
        ids = SharingMatch.objects.filter(offer=post).values("request_id")
    else:
        ids = SharingMatch.objects.filter(request=post).values("offer_id")
    return (
        SharingPost.objects.filter(pk__in=ids, organisation_id=conversation.organisation_id)
        .select_related("organisation", "territory")
        .order_by("-published_at", "-pk")
        .first()
    )


def idea_draft(conversation: Conversation, user: User) -> IdeaDraft:
    """The idea pre-filled from the posts: the user's organisation leads, the other one is the
    partner."""
    lead_id = _side(user, conversation)
    lead = Organisation.objects.get(pk=lead_id)
    partner = conversation.other_organisation(lead_id)
    posts = [conversation.post]
    counterpart = counterpart_post(conversation)
    if counterpart is not None:
        posts.append(counterpart)
    offer = next((p for p in posts if p.kind == SharingPost.Kind.OFFER), None)
    request = next((p for p in posts if p.kind == SharingPost.Kind.REQUEST), None)
    paragraphs = []
    for post in (offer, request):
        if post is None:
            continue
        heading = (
            _("%(organisation)s offers: %(title)s")
            if post.kind == SharingPost.Kind.OFFER
            else _("%(organisation)s is looking for: %(title)s")
        ) % {"organisation": post.organisation.name, "title": post.title}
        paragraphs.append(f"{heading}\n{post.description}")
    first = conversation.post
    theme_numbers = {CATEGORY_THEMES[p.category] for p in posts if p.category in CATEGORY_THEMES}
    territories = {p.territory_id: p.territory for p in posts}
    return IdeaDraft(
        title=(_("Sharing: %(title)s") % {"title": first.title})[:200],
        summary=first.description[:600],
        description="\n\n".join(paragraphs),
        themes=list(Theme.objects.canonical().filter(number__in=theme_numbers)),
        territories=list(territories.values()),
        cooperation_forms=sorted({CATEGORY_COOPERATION_FORMS[p.category] for p in posts}),
        lead=lead,
        partner=partner,
    )


def turn_into_idea(
    conversation: Conversation,
    *,
    by: User,
    title: str,
    summary: str,
    description: str = "",
    themes: Iterable[Theme] = (),
    territories: Iterable[Territory] = (),
) -> Experiment:
    """A participant turns the conversation into a cooperation idea: their organisation leads
    it, the other one is its partner, and the other side's writers join as contributors."""
    with transaction.atomic():
        locked = Conversation.objects.select_for_update().get(pk=conversation.pk)
        if locked.experiment_id is not None:
            raise SharingError(_("This conversation already became a cooperation idea."))
        if not permissions.can_turn_into_idea(by, locked):
            raise PermissionDenied
        draft = idea_draft(locked, by)
        experiment = services.propose_idea(
            by=by,
            title=title,
            summary=summary,
            description=description,
            lead_organisation=draft.lead,
            partner=draft.partner,
            themes=list(themes),
            territories=list(territories),
        )
        services.update_experiment(
            experiment, by=by, changes={"cooperation_forms": draft.cooperation_forms}
        )
        writers = User.objects.filter(
            pk__in=locked.messages.filter(organisation=draft.partner).values("author_id"),
            is_active=True,
        )
        for writer in writers:
            services.add_member(
                experiment,
                writer,
                role=ExperimentMember.Role.CONTRIBUTOR,
                organisation=draft.partner,
            )
        locked.experiment = experiment
        locked.save(update_fields=["experiment"])

        def compose(user: User) -> Message:
            return Message(
                title=_("Your conversation became a cooperation idea: “%(title)s”")
                % {"title": experiment.title},
                body=_("%(name)s (%(organisation)s) proposed it with %(partner)s as partner.")
                % {
                    "name": display_name(by),
                    "organisation": draft.lead.name,
                    "partner": draft.partner.name,
                },
                url=conversation_url(locked),
            )

        notify([u for u in organisation_members(locked.organisation_ids) if u.pk != by.pk], compose)
    return experiment


# ---------------------------------------------------------------------- reports and moderation
def report(
    *,
    by: User,
    post: SharingPost,
    reason: str,
    details: str = "",
    conversation: Conversation | None = None,
) -> SharingReport:
    """Someone reports a post, or a conversation they take part in; the coordinators are told."""
    if conversation is not None:
        if conversation.post_id != post.pk or not permissions.can_report_conversation(
            by, conversation
        ):
            raise PermissionDenied
    elif not permissions.can_report_post(by, post):
        raise PermissionDenied
    if reason not in SharingReport.Reason.values:
        raise ValidationError(_("Choose a reason."))
    with transaction.atomic():
        created = SharingReport.objects.create(
            post=post,
            conversation=conversation,
            reporter=by,
            reason=reason,
            details=(details or "").strip(),
        )

        def compose(user: User) -> Message:
            return Message(
                title=_("Report about “%(title)s”") % {"title": post.title},
                body=str(SharingReport.Reason(reason).label),
                url=report_url(created),
            )

        notify(_coordinators(), compose)
    return created


def take_report(report_: SharingReport, *, by: User) -> SharingReport:
    """A coordinator takes charge of a report (and may then read the conversation reported)."""
    if not permissions.can_moderate_sharing(by):
        raise PermissionDenied
    with transaction.atomic():
        locked = SharingReport.objects.select_for_update().get(pk=report_.pk)
        if not locked.is_open:
            raise SharingError(_("This report is closed."))
        locked.handled_by = by
        locked.taken_at = timezone.now()
        locked.save(update_fields=["handled_by", "taken_at"])
    return locked


def close_report(
    report_: SharingReport, *, by: User, outcome: str, note: str = ""
) -> SharingReport:
    """The coordinator handling a report closes it, hiding the post or not; the person who
    reported is told."""
    if not permissions.can_moderate_sharing(by):
        raise PermissionDenied
    if outcome not in SharingReport.Outcome.values:
        raise ValidationError(_("Choose an outcome."))
    note = (note or "").strip()
    if outcome == SharingReport.Outcome.HIDDEN and not note:
        raise ValidationError(_("Say why the post is hidden: its organisation will read it."))
    with transaction.atomic():
        locked = (
            SharingReport.objects.select_for_update(of=("self",))
            .select_related("post")
            .get(pk=report_.pk)
        )
        if not locked.is_open:
            raise SharingError(_("This report is closed."))
        if locked.handled_by_id not in (None, by.pk):
            raise SharingError(_("Another coordinator handles this report: take it over first."))
        if outcome == SharingReport.Outcome.HIDDEN and not locked.post.is_hidden:
            hide_post(locked.post, by=by, reason=note)
        now = timezone.now()
        locked.handled_by = by
        locked.taken_at = locked.taken_at or now
        locked.closed_at = now
        locked.outcome = outcome
        locked.note = note
        locked.save()

        def compose(user: User) -> Message:
            return Message(
                title=_("Your report about “%(title)s” was examined")
                % {"title": locked.post.title},
                body=str(SharingReport.Outcome(outcome).label),
                url=post_url(locked.post)
                if locked.post.is_on_board()
                else reverse("projects:sharing_board"),
            )

        if locked.reporter is not None:
            notify([locked.reporter], compose)
    return locked


def hide_post(post: SharingPost, *, by: User, reason: str) -> SharingPost:
    """A coordinator takes a post off the board; its organisation is told why."""
    if not permissions.can_moderate_sharing(by):
        raise PermissionDenied
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Say why the post is hidden: its organisation will read it."))
    with transaction.atomic():
        locked = SharingPost.objects.select_for_update().get(pk=post.pk)
        locked.hidden_at = timezone.now()
        locked.hidden_by = by
        locked.hidden_reason = reason
        locked.save(update_fields=["hidden_at", "hidden_by", "hidden_reason", "updated_at"])

        def compose(user: User) -> Message:
            return Message(
                title=_("Your post “%(title)s” was hidden by the coordinators")
                % {"title": locked.title},
                body=reason,
                url=post_url(locked),
            )

        notify(organisation_members([locked.organisation_id]), compose)
    return locked


def restore_post(post: SharingPost, *, by: User) -> SharingPost:
    """A coordinator puts a hidden post back."""
    if not permissions.can_moderate_sharing(by):
        raise PermissionDenied
    with transaction.atomic():
        locked = SharingPost.objects.select_for_update().get(pk=post.pk)
        locked.hidden_at = None
        locked.hidden_by = None
        locked.hidden_reason = ""
        locked.save(update_fields=["hidden_at", "hidden_by", "hidden_reason", "updated_at"])
    return locked


# ---------------------------------------------------------------------- expiry
def remind_expiring_posts(today: datetime.date | None = None) -> int:
    """Remind the authors of published posts that expire within a week (once per lifetime)."""
    today = today or timezone.localdate()
    horizon = today + datetime.timedelta(days=REMINDER_DAYS)
    due = SharingPost.objects.filter(
        state=SharingPost.State.PUBLISHED,
        hidden_at__isnull=True,
        reminded_at__isnull=True,
        expires_at__gte=today,
        expires_at__lte=horizon,
    ).select_related("author")
    count = 0
    for post in due:
        with transaction.atomic():
            updated = SharingPost.objects.filter(pk=post.pk, reminded_at__isnull=True).update(
                reminded_at=timezone.now()
            )
            if not updated:
                continue  # reminded by a concurrent run

            def compose(user: User, post=post) -> Message:
                return Message(
                    title=_("Your post “%(title)s” leaves the board on %(date)s")
                    % {"title": post.title, "date": _format_date(post.expires_at)},
                    body=_(
                        "Still current? Keep it 90 more days from its page. Done? Mark it as "
                        "fulfilled: it counts for the cluster's dashboard."
                    ),
                    url=post_url(post),
                )

            notify(post_contacts(post), compose)
            count += 1
    return count


def expire_posts(today: datetime.date | None = None) -> int:
    """Take published posts past their expiry date off the board; their authors are told."""
    today = today or timezone.localdate()
    due = SharingPost.objects.filter(
        state=SharingPost.State.PUBLISHED, expires_at__lt=today
    ).values_list("pk", flat=True)
    count = 0
    for pk in list(due):
        with transaction.atomic():
            post = (
                SharingPost.objects.select_for_update(of=("self",))
                .select_related("author")
                .get(pk=pk)
            )
            if post.state != SharingPost.State.PUBLISHED or post.expires_at >= today:
                continue
            post.expire()
            post.save()  # a save, not an update: the board's cached pages are purged

            def compose(user: User, post=post) -> Message:
                return Message(
                    title=_("Your post “%(title)s” has expired") % {"title": post.title},
                    body=_("It is no longer on the board. You may put it back from its page."),
                    url=post_url(post),
                )

            notify(post_contacts(post), compose)
            count += 1
    return count


def _format_date(day: datetime.date) -> str:
    return date_format(day, "DATE_FORMAT")


@task()
def run_sharing_expiry() -> dict[str, int]:
    """The daily expiry run as a Django task, for deployments that schedule work through the
    task worker rather than cron (`manage.py sharing_expiry` does the same)."""
    return {"expired": expire_posts(), "reminded": remind_expiring_posts()}
