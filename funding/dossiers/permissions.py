"""Who may do what with funding dossiers: the one place their views, API endpoints, transitions
and files ask.

A dossier speaks in the name of the experiment's lead organisation: the leads who are members of
that organisation (and the coordinators) open it, leads, contributors and coordinators fill it
in, and only those leads submit, resubmit and withdraw it; reviewers of the funder of the call's
source review and decide. A reviewer never sees a dossier that was never submitted, nor any
dossier of another funder: for them it does not exist (404, never 403). The workflow's
transitions name their rule in their declaration (`leads` or `reviews` below).
"""

from accounts import roles


def _active(user) -> bool:
    return getattr(user, "is_authenticated", False) and user.is_active


def funder_ids(user) -> frozenset[int]:
    """The (canonical) funders ``user`` reviews for, cached on the user for the request."""
    if not _active(user):
        return frozenset()
    cached = getattr(user, "_funder_ids", None)
    if cached is None:
        from funding.dossiers.models import FunderMembership

        cached = frozenset(
            FunderMembership.objects.filter(user=user).values_list("funder_id", flat=True)
        )
        user._funder_ids = cached
    return cached


def is_reviewer(user) -> bool:
    """Reviews for at least one funder: opens the funders' space."""
    return bool(funder_ids(user))


def reviews_for(user, application) -> bool:
    """A reviewer of the funder of the dossier's call, once the dossier was submitted."""
    return application.version_number > 0 and application.funder_id in funder_ids(user)


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


def reviews(user, application) -> bool:
    """The reviewers of the funder of the dossier's call, once it was submitted."""
    return _active(user) and reviews_for(user, application)


def can_view_documents_of(user, application) -> bool:
    return can_view_application(user, application)


def can_read_decision_letter(user, application) -> bool:
    """A decision's letter: the experiment's side it was written to, and the funder's
    reviewers who decided."""
    return can_view_application(user, application)


def can_write_message(user, application) -> bool:
    """Messages between the experiment's people and the funder's reviewers, once submitted
    (before, the experiment's people have their own activity feed)."""
    if application.version_number == 0:
        return False
    return reviews_for(user, application) or (_experiment_role(user, application) is not None)


def can_review(user, application) -> bool:
    """Score the dossier: its funder's reviewers, while it is under review."""
    return reviews_for(user, application) and application.state == "under_review"


def can_use_notes(user, application) -> bool:
    """Internal notes: the funder's reviewers only."""
    return reviews_for(user, application)


def can_update_campaign(user, application) -> bool:
    """The campaign of an accepted crowdfunding dossier: its lead or the platform's reviewer."""
    from projects.experiments.models import ExperimentMember

    if application.state != "accepted" or not application.is_crowdfunding:
        return False
    return reviews_for(user, application) or (
        _experiment_role(user, application) == ExperimentMember.Role.LEAD
    )
