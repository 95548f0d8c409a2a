"""Private conversations between two organisations about a post, and the cooperation idea a
conversation may become."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

import projects.experiments.services as services
import projects.sharing.permissions as permissions
from accounts.models import User
from accounts.notifications import Message, notify
from projects.experiments.models import Experiment, ExperimentMember
from projects.network.models import Organisation, Territory, Theme
from projects.sharing.models import (
    Conversation,
    ConversationMessage,
    ConversationReadMark,
    SharingMatch,
    SharingPost,
)
from projects.sharing.services.common import (
    SharingError,
    conversation_url,
    display_name,
    organisation_members,
)

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
