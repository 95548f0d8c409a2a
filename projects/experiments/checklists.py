"""What the conditions of the experiment workflow check, item by item, with what to do.

Each function reads one experiment (prefetched data when present, see
`ExperimentQuerySet.with_sheet`) and returns what is still missing; the model declares them as
the conditions of its transitions (`formalise`, `mark_funded`, `capitalise`) and offers them as
methods (`experiment.formalisation_gaps()`).
"""

from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from core.workflow import Requirement

MIN_DESCRIPTION_LENGTH = 300


def formalisation_gaps(experiment) -> list[Requirement]:
    """What the formalisation sheet still lacks."""
    gaps = []
    if not experiment.lead_organisation_id or not experiment.partner_links.all():
        gaps.append(
            Requirement("partners", _("Add at least one partner organisation beside the lead."))
        )
    if not experiment.themes.all():
        gaps.append(Requirement("themes", _("Choose at least one theme.")))
    if not experiment.territories.all():
        gaps.append(Requirement("territories", _("Choose at least one territory.")))
    length = len((experiment.description or "").strip())
    if length < MIN_DESCRIPTION_LENGTH:
        gaps.append(
            Requirement(
                "description",
                ngettext_lazy(
                    "Write a description of at least %(minimum)d character (%(count)d so far).",
                    "Write a description of at least %(minimum)d characters (%(count)d so far).",
                    "minimum",
                )
                % {"minimum": MIN_DESCRIPTION_LENGTH, "count": length},
            )
        )
    if not (experiment.objectives or "").strip():
        gaps.append(Requirement("objectives", _("State the objectives.")))
    if experiment.budget_total <= 0:
        gaps.append(Requirement("budget", _("Add budget lines with a total above zero.")))
    if not experiment.start_date:
        gaps.append(Requirement("start_date", _("Give a start date.")))
    return gaps


def funding_gaps(experiment) -> list[Requirement]:
    """Whether secured funding and self-financing cover the budget."""
    if experiment.funding_gap > 0:
        return [
            Requirement(
                "funding",
                _(
                    "Secured funding and self-financing do not cover the budget yet: "
                    "%(gap)s € are missing."
                )
                % {"gap": number_format(experiment.funding_gap, 2, force_grouping=True)},
            )
        ]
    return []


def capitalisation_gaps(experiment) -> list[Requirement]:
    """What the capitalisation report still lacks."""
    gaps = []
    if not (experiment.capitalisation_worked or "").strip():
        gaps.append(Requirement("worked", _("Write what worked.")))
    if not (experiment.capitalisation_did_not_work or "").strip():
        gaps.append(Requirement("did_not_work", _("Write what did not work.")))
    if not (experiment.capitalisation_advice or "").strip():
        gaps.append(Requirement("advice", _("Write your advice to others.")))
    return gaps
