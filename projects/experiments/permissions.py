"""Who may do what with experiments: the one place every view, API endpoint, transition and
download asks (the workflow's transitions name their rule in their declaration, and the engine
asks the functions below).

Roles: coordinators (group "Coordination") steer everything; an experiment's members are its
lead(s), contributors and viewers; everyone else sees only public summaries.
"""

from collections.abc import Iterable

from accounts import roles
from projects.experiments.models import Experiment, ExperimentMember
from projects.network.permissions import organisation_ids

LEAD = ExperimentMember.Role.LEAD
CONTRIBUTOR = ExperimentMember.Role.CONTRIBUTOR


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


# ---------------------------------------------------------------------- transitions' rules
# The role part of a transition (state and conditions are the workflow's): each `@transition`
# of `Experiment` names one of these in its `Rule`.
def coordinates(user, experiment: Experiment) -> bool:
    """The coordinators."""
    return getattr(user, "is_authenticated", False) and roles.is_coordinator(user)


def leads(user, experiment: Experiment) -> bool:
    """The experiment's leads."""
    return getattr(user, "is_authenticated", False) and is_lead(user, experiment)


def leads_or_coordinates(user, experiment: Experiment) -> bool:
    """The experiment's leads and the coordinators."""
    return getattr(user, "is_authenticated", False) and (
        roles.is_coordinator(user) or is_lead(user, experiment)
    )


def can_steer_pipeline(user) -> bool:
    """Steer the whole pipeline from the admin (listing, board, export, actions): coordinators
    and superusers only; editors and moderators use the admin for content, never for this."""
    return roles.is_coordinator(user)


# ---------------------------------------------------------------------- acting for organisations
# Only members of an organisation (`OrganisationMembership`) speak in its name: they propose an
# idea it leads, and they answer the partner invitations addressed to it.
def can_propose(user) -> bool:
    """Propose an idea: a signed-in member of at least one organisation of the directory."""
    return bool(organisation_ids(user))


def acts_for(user, organisation_id: int | None) -> bool:
    """``user`` is a member of the organisation, and may speak in its name."""
    return organisation_id is not None and organisation_id in organisation_ids(user)


def can_lead_for(user, organisation_id: int | None) -> bool:
    """Name the organisation as the lead of an idea one proposes: its members only."""
    return acts_for(user, organisation_id)


def acts_for_lead_organisation(user, experiment: Experiment) -> bool:
    """A lead of the experiment who is a member of its lead organisation: the person who may
    apply for funding in that organisation's name."""
    return is_lead(user, experiment) and acts_for(user, experiment.lead_organisation_id)


def can_invite_partners(user, experiment: Experiment) -> bool:
    """Name, remove or invite again partner organisations: who may edit the experiment."""
    return can_edit(user, experiment)


def can_answer_partner_invitation(user, link) -> bool:
    """Accept or decline an invitation: a member of the invited organisation."""
    return acts_for(user, link.organisation_id)
