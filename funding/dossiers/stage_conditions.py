"""What the review stages' transitions check: where the dossier is among its stages, what its
current stage allows, whether the reviews it needs are in.

`FundingApplication` declares them as conditions of `advance`, `accept`, `decline`,
`request_changes` and `revise_accept`; the funder's page and the API list what is missing.
A dossier without stages (taken up before stages existed) behaves as one single stage.
"""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.workflow import Requirement


def _stage(application):
    return application.stage if application.stage_id else None


def before_last_stage(application) -> list[Requirement]:
    stage = _stage(application)
    if stage is not None and not stage.is_last:
        return []
    return [Requirement("last_stage", _("This is the last stage: take the decision."))]


def at_last_stage(application) -> list[Requirement]:
    stage = _stage(application)
    if stage is None or stage.is_last:
        return []
    return [
        Requirement(
            "not_last_stage",
            _("The decision is taken at the last stage: send the dossier to the next stage."),
        )
    ]


def stage_allows_changes(application) -> list[Requirement]:
    stage = _stage(application)
    if stage is None or stage.can_request_changes:
        return []
    return [
        Requirement(
            "no_changes_here",
            _("The stage “%(stage)s” does not ask the lead for changes.") % {"stage": stage.label},
        )
    ]


def stage_allows_decline(application) -> list[Requirement]:
    stage = _stage(application)
    if stage is None or stage.can_decline:
        return []
    return [
        Requirement(
            "no_decline_here",
            _("The stage “%(stage)s” does not decline dossiers.") % {"stage": stage.label},
        )
    ]


def complete_reviews(stage) -> int:
    return sum(1 for review in stage.reviews.all() if review.complete)


def reviews_done(application) -> list[Requirement]:
    """The reviews the current stage needs are complete (overridable with a comment)."""
    stage = _stage(application)
    if stage is None or not stage.required_reviews:
        return []
    done = complete_reviews(stage)
    if done >= stage.required_reviews:
        return []
    return [
        Requirement(
            "reviews_missing",
            ngettext(
                "%(done)s review of the %(needed)s this stage needs is complete: wait for the "
                "others, or explain in a comment why the dossier moves on.",
                "%(done)s reviews of the %(needed)s this stage needs are complete: wait for the "
                "others, or explain in a comment why the dossier moves on.",
                done,
            )
            % {"done": done, "needed": stage.required_reviews},
        )
    ]


def decision_revisable(application) -> list[Requirement]:
    """Accepting again must not make two live dossiers of one experiment for one call."""
    from funding.dossiers.models import FundingApplication

    State = FundingApplication.State
    others = (
        FundingApplication.objects.filter(
            experiment_id=application.experiment_id, call_id=application.call_id
        )
        .exclude(pk=application.pk)
        .exclude(state__in=[State.DECLINED, State.WITHDRAWN])
    )
    if not others.exists():
        return []
    return [
        Requirement(
            "other_dossier",
            _("The experiment has another dossier for this call: decide on that one instead."),
        )
    ]
