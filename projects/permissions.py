"""Who may do what with experiments and on the sharing board: the one place every view, API
endpoint, transition and download asks.

Roles: coordinators (group "Coordination") steer everything; an experiment's members are its
lead(s), contributors and viewers; everyone else sees only public summaries.

Sharing board: visitors read what is on the board; members of organisations (people with an
`OrganisationMembership`) post on behalf of their organisations and reply to others' posts; a
conversation is readable only by the members of its two organisations, and by a coordinator
while they handle an open report about it.
"""

from collections.abc import Iterable

from accounts import roles

from .models import (
    Conversation,
    Experiment,
    ExperimentMember,
    Organisation,
    OrganisationMembership,
    SharingPhoto,
    SharingPost,
    SharingReport,
)

LEAD = ExperimentMember.Role.LEAD
CONTRIBUTOR = ExperimentMember.Role.CONTRIBUTOR

# Who may run each transition, beyond the state machine's own source/conditions.
COORDINATOR_ONLY = {"accept_idea", "decline_idea", "reopen", "mark_funded"}
LEAD_ONLY = {"formalise", "launch", "capitalise"}
LEAD_OR_COORDINATOR = {"seek_funding", "abandon"}
COMMENT_REQUIRED = {"decline_idea", "reopen", "abandon"}


def member_role(user, experiment: Experiment) -> str | None:
    """The user's role in the experiment, or None (cached per experiment instance)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    cache = experiment.__dict__.setdefault("_member_roles", {})
    if user.pk not in cache:
        cache[user.pk] = (
            ExperimentMember.objects.filter(experiment=experiment, user=user)
            .values_list("role", flat=True)
            .first()
        )
    return cache[user.pk]


def prime_member_roles(experiments: Iterable[Experiment], user) -> None:
    """Fill the role cache of each experiment for ``user``, so that the checks below cost no
    query per experiment on a list: from prefetched ``memberships`` when present, else in one
    query for all of them."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return
    experiments = list(experiments)
    prefetched = all(
        "memberships" in getattr(e, "_prefetched_objects_cache", {}) for e in experiments
    )
    if prefetched:
        found = {
            e.pk: next((m.role for m in e.memberships.all() if m.user_id == user.pk), None)
            for e in experiments
        }
    else:
        found = dict(
            ExperimentMember.objects.filter(
                user=user, experiment__in=[e.pk for e in experiments]
            ).values_list("experiment_id", "role")
        )
    for experiment in experiments:
        experiment.__dict__.setdefault("_member_roles", {})[user.pk] = found.get(experiment.pk)


def is_lead(user, experiment: Experiment) -> bool:
    return member_role(user, experiment) == LEAD


def can_view(user, experiment: Experiment) -> bool:
    """Open the experiment's private space: its members and the coordinators."""
    return roles.is_coordinator(user) or member_role(user, experiment) is not None


def can_view_public_page(user, experiment: Experiment) -> bool:
    """The public summary page: from `formalised` on, when the lead made it public."""
    public = experiment.is_public and experiment.state in Experiment.PUBLIC_STATES
    return public or can_view(user, experiment)


def can_edit(user, experiment: Experiment) -> bool:
    """Change the sheet, partners, budget, timeline: leads, contributors, coordinators."""
    if experiment.is_final:
        return False
    return roles.is_coordinator(user) or member_role(user, experiment) in {LEAD, CONTRIBUTOR}


def can_manage_members(user, experiment: Experiment) -> bool:
    """Invite and remove members: leads and coordinators."""
    return not experiment.is_final and (roles.is_coordinator(user) or is_lead(user, experiment))


def can_comment(user, experiment: Experiment) -> bool:
    return can_view(user, experiment)


def can_view_documents(user, experiment: Experiment) -> bool:
    """Documents are private to members and coordinators (funders get dossier snapshots)."""
    return can_view(user, experiment)


def can_upload_documents(user, experiment: Experiment) -> bool:
    return can_edit(user, experiment)


def can_run_transition(user, experiment: Experiment, name: str) -> bool:
    """The role part of a transition's permission (state and conditions are the FSM's)."""
    if not getattr(user, "is_authenticated", False):
        return False
    if name in COORDINATOR_ONLY:
        return roles.is_coordinator(user)
    if name in LEAD_ONLY:
        return is_lead(user, experiment)
    if name in LEAD_OR_COORDINATOR:
        return roles.is_coordinator(user) or is_lead(user, experiment)
    return False


def can_steer_pipeline(user) -> bool:
    """Steer the whole pipeline from the admin (listing, board, export, actions): coordinators
    and superusers only; editors and moderators use the admin for content, never for this."""
    return roles.is_coordinator(user)


def can_propose(user) -> bool:
    """Any signed-in person may propose an idea."""
    return getattr(user, "is_authenticated", False) and user.is_active


# ---------------------------------------------------------------------- sharing board
def _active(user) -> bool:
    return getattr(user, "is_authenticated", False) and user.is_active


def organisation_ids(user) -> frozenset[int]:
    """The organisations ``user`` acts for (cached on the user object for the request)."""
    if not _active(user):
        return frozenset()
    cached = getattr(user, "_sharing_organisation_ids", None)
    if cached is None:
        cached = frozenset(
            OrganisationMembership.objects.filter(user=user).values_list(
                "organisation_id", flat=True
            )
        )
        user._sharing_organisation_ids = cached
    return cached


def is_organisation_member(user) -> bool:
    """Acts on behalf of at least one organisation of the directory."""
    return bool(organisation_ids(user))


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
