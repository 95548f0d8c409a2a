"""Who may do what with funding dossiers: the one place their views, API endpoints, transitions
and files ask.

A dossier speaks in the name of the experiment's lead organisation: the leads who are members of
that organisation (and the coordinators) open it, leads, contributors and coordinators fill it
in, and only those leads submit, resubmit and withdraw it. On the funder's side each person has
a role (`FunderMembership.Role`): the staff see all of their funder's dossiers, a reviewer only
those assigned to them, the committee those that reached a committee stage; whom the current
review stage allows take its outcomes. Nobody of a funder sees a dossier that was never
submitted, nor any dossier of another funder: for them it does not exist (404, never 403). The
workflow's transitions name their rule in their declaration (`leads`, `staff`, `deciders`).
"""

from django.db.models import Q

from accounts import roles

# `FunderMembership.Role` values (the model imports this module's rules by their path).
STAFF_ROLE, REVIEWER_ROLE, COMMITTEE_ROLE = "staff", "reviewer", "committee"


def _active(user) -> bool:
    return getattr(user, "is_authenticated", False) and user.is_active


def funder_roles(user) -> dict[int, str]:
    """The (canonical) funders ``user`` works for, with their role, cached for the request."""
    if not _active(user):
        return {}
    cached = getattr(user, "_funder_roles", None)
    if cached is None:
        from funding.dossiers.models import FunderMembership

        cached = dict(FunderMembership.objects.filter(user=user).values_list("funder_id", "role"))
        user._funder_roles = cached
    return cached


def funder_ids(user) -> frozenset[int]:
    """The funders ``user`` works for, whatever their role."""
    return frozenset(funder_roles(user))


def is_reviewer(user) -> bool:
    """Works for at least one funder: opens the funders' space."""
    return bool(funder_roles(user))


def role_for(user, application) -> str | None:
    """``user``'s role for the funder of the dossier's call (None: not one of its people)."""
    return funder_roles(user).get(application.funder_id)


def is_staff_of(user, application) -> bool:
    return role_for(user, application) == STAFF_ROLE


def _active_assignment(user, application, stage=None):
    """``user``'s assignment to the dossier (at ``stage`` when given) that no conflict ended;
    reads prefetched `assignments` when present."""
    for assignment in application.assignments.all():
        if assignment.reviewer_id != user.pk or not assignment.active:
            continue
        if stage is None or assignment.stage_id == stage.pk:
            return assignment
    return None


def _reached_committee(application) -> bool:
    return any(
        s.actors == "committee" and s.entered_at is not None for s in application.stages.all()
    )


def reviews_for(user, application) -> bool:
    """Sees the dossier on the funder's side, once it was submitted: the funder's staff, the
    reviewers assigned to it (until they declare a conflict of interest), the committee once it
    reached a committee stage."""
    if application.version_number == 0:
        return False
    role = role_for(user, application)
    if role == STAFF_ROLE:
        return True
    if role == REVIEWER_ROLE:
        return _active_assignment(user, application) is not None
    if role == COMMITTEE_ROLE:
        return _reached_committee(application)
    return False


def funder_side_filter(user) -> Q:
    """The same rule as `reviews_for`, as a filter on dossiers (lists and the API)."""
    roles_by_funder = funder_roles(user)
    if not roles_by_funder:
        return Q(pk__in=[])
    by_role: dict[str, list[int]] = {}
    for funder_id, role in roles_by_funder.items():
        by_role.setdefault(role, []).append(funder_id)
    seen = Q(pk__in=[])
    if by_role.get(STAFF_ROLE):
        seen |= Q(call__source__funder_id__in=by_role[STAFF_ROLE])
    if by_role.get(REVIEWER_ROLE):
        assigned = Q(
            call__source__funder_id__in=by_role[REVIEWER_ROLE],
            assignments__reviewer=user,
            assignments__conflict_declared_at__isnull=True,
        )
        seen |= Q(pk__in=_dossier_ids(assigned))
    if by_role.get(COMMITTEE_ROLE):
        reached = Q(
            call__source__funder_id__in=by_role[COMMITTEE_ROLE],
            stages__actors="committee",
            stages__entered_at__isnull=False,
        )
        seen |= Q(pk__in=_dossier_ids(reached))
    return seen & Q(version_number__gt=0)


def _dossier_ids(condition: Q):
    from funding.dossiers.models import FundingApplication

    return FundingApplication.objects.filter(condition).values("pk")


def _experiment_role(user, application):
    import projects.experiments.permissions as experiment_permissions

    return experiment_permissions.member_role(user, application.experiment)


def is_experiment_side(user, application) -> bool:
    """The experiment's members and the coordinators: the leads' side of the dossier."""
    import projects.experiments.permissions as experiment_permissions

    return experiment_permissions.can_view(user, application.experiment)


def can_view_application(user, application) -> bool:
    return is_experiment_side(user, application) or reviews_for(user, application)


def can_start_application(user, experiment) -> bool:
    """Prepare a dossier for one of the experiment's calls, in the name of its lead
    organisation: a lead who is a member of that organisation, or a coordinator."""
    import projects.experiments.permissions as experiment_permissions

    return experiment_permissions.can_edit(user, experiment) and (
        roles.is_coordinator(user)
        or experiment_permissions.acts_for_lead_organisation(user, experiment)
    )


def outside_lead_organisation(user, experiment) -> bool:
    """A lead of the experiment refused only because they are not a member of its lead
    organisation (the API answers them 400 with the reason, the site 403 with it); other roles
    are refused for their role."""
    import projects.experiments.permissions as experiment_permissions

    return (
        _active(user)
        and not roles.is_coordinator(user)
        and experiment_permissions.is_lead(user, experiment)
        and not experiment_permissions.acts_for(user, experiment.lead_organisation_id)
    )


def can_edit_application(user, application) -> bool:
    """Answers, documents and requested amount, while a draft or when changes were asked."""
    from projects.experiments.models import ExperimentMember

    if not application.is_editable or not _active(user):
        return False
    return roles.is_coordinator(user) or _experiment_role(user, application) in {
        ExperimentMember.Role.LEAD,
        ExperimentMember.Role.CONTRIBUTOR,
    }


def can_reuse_document(user, application, document) -> bool:
    """Give one of the experiment's documents for the dossier: who may change the dossier, and
    only documents of the dossier's own experiment (which they may read)."""
    import projects.experiments.permissions as experiment_permissions

    return (
        document.experiment_id == application.experiment_id
        and can_edit_application(user, application)
        and experiment_permissions.can_view(user, application.experiment)
    )


# ---------------------------------------------------------------------- transitions' rules
# The role part of a dossier transition (state and conditions are the workflow's): each
# `@transition` of `FundingApplication` names one of these in its `Rule`.
def leads(user, application) -> bool:
    """The leads of the dossier's experiment who are members of its lead organisation: they
    send and withdraw the dossier in that organisation's name."""
    import projects.experiments.permissions as experiment_permissions

    return _active(user) and experiment_permissions.acts_for_lead_organisation(
        user, application.experiment
    )


def staff(user, application) -> bool:
    """The funder's staff, once the dossier was submitted: take it up, assign reviewers, take a
    new decision."""
    return _active(user) and application.version_number > 0 and is_staff_of(user, application)


def _acts_at(user, application, stage) -> bool:
    """Whether ``user`` is among those who act at ``stage`` of the dossier."""
    role = role_for(user, application)
    if stage is None:  # a dossier taken up before stages existed: one stage, the staff's
        return role == STAFF_ROLE
    if stage.actors == "staff":
        return role == STAFF_ROLE
    if stage.actors == "committee":
        return role == COMMITTEE_ROLE
    return role == REVIEWER_ROLE and _active_assignment(user, application, stage) is not None


def current_stage(application):
    return application.stage if application.stage_id else None


def deciders(user, application) -> bool:
    """Whom the current stage allows to take its outcomes (next stage, changes, decline, the
    decision): the funder's staff, and its committee at a committee stage."""
    if not (_active(user) and application.version_number > 0):
        return False
    if is_staff_of(user, application):
        return True
    stage = current_stage(application)
    return (
        stage is not None
        and stage.actors == "committee"
        and role_for(user, application) == COMMITTEE_ROLE
    )


def can_view_documents_of(user, application) -> bool:
    return can_view_application(user, application)


def can_read_decision_letter(user, application) -> bool:
    """A decision's letter: the experiment's side it was written to, and the funder's staff
    (not the reviewers assigned to one stage, nor the committee)."""
    return is_experiment_side(user, application) or staff(user, application)


def can_write_message(user, application) -> bool:
    """Messages between the experiment's people and the funder's staff, once submitted (before,
    the experiment's people have their own activity feed; reviewers and committees speak to the
    lead through the staff)."""
    if application.version_number == 0:
        return False
    return staff(user, application) or (_experiment_role(user, application) is not None)


def can_review(user, application) -> bool:
    """Write a review (scores when the stage scores, a general comment, a recommendation):
    those who act at the dossier's current stage, while it is under review."""
    return (
        application.state == "under_review"
        and reviews_for(user, application)
        and _acts_at(user, application, current_stage(application))
    )


def can_assign(user, application) -> bool:
    """Assign reviewers (and remove an assignment): the funder's staff, before a decision."""
    return staff(user, application) and application.state in {"submitted", "under_review"}


def can_declare_conflict(user, application) -> bool:
    """A reviewer assigned to the dossier declares a conflict of interest (and leaves it)."""
    return (
        application.version_number > 0
        and not application.is_final
        and _active_assignment(user, application) is not None
    )


def can_read_all_reviews(user, application) -> bool:
    """Every review: the funder's staff and committee; an assigned reviewer reads their own."""
    return reviews_for(user, application) and role_for(user, application) in {
        STAFF_ROLE,
        COMMITTEE_ROLE,
    }


def can_share_review(user, application) -> bool:
    """Share a review's general comment with the lead: the funder's staff."""
    return staff(user, application)


def can_use_notes(user, application) -> bool:
    """Internal notes: the funder's people who see the dossier."""
    return reviews_for(user, application)


def can_update_campaign(user, application) -> bool:
    """The campaign of an accepted crowdfunding dossier: its lead or the platform's reviewer."""
    from projects.experiments.models import ExperimentMember

    if application.state != "accepted" or not application.is_crowdfunding:
        return False
    return staff(user, application) or (
        _experiment_role(user, application) == ExperimentMember.Role.LEAD
    )


# ---------------------------------------------------------------------- review processes (admin)
# How a funder reviews (`ReviewProcess`) is edited in the Wagtail admin: the coordinators keep
# every process, the shipped presets included; a funder's staff keep their funder's processes,
# read the presets and copy them. Nobody else opens them.
def staff_funder_ids(user) -> frozenset[int]:
    """The funders ``user`` is staff of."""
    return frozenset(f for f, role in funder_roles(user).items() if role == STAFF_ROLE)


def can_manage_review_processes(user) -> bool:
    """Open the review processes in the admin (and add one): coordinators and funders' staff."""
    return roles.is_coordinator(user) or bool(staff_funder_ids(user))


def can_edit_review_process(user, process) -> bool:
    """Change or delete ``process``: coordinators, and its funder's staff (presets: the
    coordinators only)."""
    if roles.is_coordinator(user):
        return True
    return process.funder_id is not None and process.funder_id in staff_funder_ids(user)


def can_view_review_process(user, process) -> bool:
    """Read ``process``: who may edit it, and every funder's staff for the shipped presets."""
    if can_edit_review_process(user, process):
        return True
    return process.funder_id is None and can_manage_review_processes(user)


def review_processes_filter(user, *, editable: bool = False) -> Q:
    """`can_view_review_process` (or `can_edit_review_process`) as a filter on processes."""
    if roles.is_coordinator(user):
        return Q()
    funders = staff_funder_ids(user)
    if not funders:
        return Q(pk__in=[])
    own = Q(funder_id__in=funders)
    return own if editable else own | Q(funder__isnull=True)
