"""What the conditions of the dossier workflow check: the call is open, the dossier complete.

The model declares them as the conditions of `submit` (both) and `resubmit` (complete only);
the leads' page and the API show the same checklist before anyone submits.
"""

import datetime

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from core.workflow import Requirement
from funding.catalogue.models import CALL_TIMEZONE, CallRequirement, FundingCall


def requirements_of(application) -> list[CallRequirement]:
    """The call's questions and documents (prefetched ones when present)."""
    return list(application.call.requirements.all())


def closing_moment(call: FundingCall) -> datetime.datetime | None:
    """The call's closing moment (stored aware; shown and compared in Paris time)."""
    return dict(call.deadlines()).get("closing")


def deadline_gaps(application, now: datetime.datetime | None = None) -> list[Requirement]:
    """The call must be open: opened already, and not closed (closing moment, Paris time)."""
    now = now or timezone.now()
    call = application.call
    closes = closing_moment(call)
    if closes is not None and now >= closes:
        local = timezone.localtime(closes, CALL_TIMEZONE)
        return [
            Requirement(
                "deadline",
                _("The call closed on %(date)s at %(time)s (Paris time): it is too late to submit.")
                % {"date": date_format(local, "DATE_FORMAT"), "time": local.strftime("%H:%M")},
            )
        ]
    if call.opens_on and call.opens_on > timezone.localtime(now, CALL_TIMEZONE).date():
        return [
            Requirement(
                "not_open",
                _("The call opens on %(date)s: submit from that day on.")
                % {"date": date_format(call.opens_on, "DATE_FORMAT")},
            )
        ]
    return []


def checklist(application) -> list[Requirement]:
    """What the dossier still lacks before it can be sent (answers, documents, amount)."""
    gaps = []
    if application.requested_amount is None or application.requested_amount <= 0:
        gaps.append(Requirement("amount", _("Give the amount you request.")))
    answered = {a.requirement_id for a in application.answers.all() if a.text.strip()}
    uploaded = {d.requirement_id for d in application.documents.all()}
    for requirement in requirements_of(application):
        if not requirement.required:
            continue
        if requirement.kind == CallRequirement.Kind.QUESTION and requirement.pk not in answered:
            gaps.append(
                Requirement(
                    f"question-{requirement.pk}",
                    _("Answer the question “%(label)s”.") % {"label": requirement.label},
                )
            )
        if requirement.kind == CallRequirement.Kind.DOCUMENT and requirement.pk not in uploaded:
            gaps.append(
                Requirement(
                    f"document-{requirement.pk}",
                    _("Add the document “%(label)s”.") % {"label": requirement.label},
                )
            )
    return gaps
