"""What follows the decisions: the experiment's secured funding, crowdfunding campaigns, and the
reminders of drafts whose call closes soon."""

import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

import funding.dossiers.permissions as permissions
import projects.experiments.services as experiment_services
from accounts.models import User
from accounts.notifications import Message, notify
from funding.catalogue.models import CALL_TIMEZONE
from funding.dossiers.models import ZERO, Campaign, FundingApplication, ReminderSent
from funding.dossiers.services.people import lead_url
from funding.dossiers.services.standing import secured_by
from projects.experiments.models import Experiment

State = FundingApplication.State


# ---------------------------------------------------------------------- funding secured
def secured_funding_of(experiment: Experiment) -> Decimal:
    """Granted amounts of accepted dossiers (crowdfunding: what their campaigns secured)."""
    accepted = FundingApplication.objects.filter(
        experiment=experiment, state=State.ACCEPTED
    ).select_related("call", "campaign")
    return sum((secured_by(application) for application in accepted), ZERO)


def refresh_secured_funding(experiment: Experiment) -> Decimal:
    amount = secured_funding_of(experiment)
    experiment_services.record_secured_funding(experiment, amount)
    return amount


def update_campaign(
    application: FundingApplication,
    *,
    by: User,
    goal: Decimal,
    pledged: Decimal,
    ends_on: datetime.date,
    all_or_nothing: bool | None = None,
) -> Campaign:
    """The lead or the platform's reviewer records where the campaign stands; the experiment's
    secured funding follows."""
    if not permissions.can_update_campaign(by, application):
        raise PermissionDenied
    if goal <= 0 or pledged < 0:
        raise ValidationError(_("The goal must be above zero and the pledges not negative."))
    with transaction.atomic():
        FundingApplication.objects.select_for_update().get(pk=application.pk)
        campaign = Campaign.objects.filter(application=application).first() or Campaign(
            application=application, all_or_nothing=application.call.all_or_nothing
        )
        campaign.goal, campaign.pledged, campaign.ends_on = goal, pledged, ends_on
        if all_or_nothing is not None:
            campaign.all_or_nothing = all_or_nothing
        campaign.updated_by = by
        campaign.save()
        application.campaign = campaign
        refresh_secured_funding(application.experiment)
    return campaign


# ---------------------------------------------------------------------- reminders
REMINDERS = (("7d", datetime.timedelta(days=7)), ("1d", datetime.timedelta(days=1)))


def send_reminders(now: datetime.datetime | None = None) -> int:
    """Remind the leads of drafts whose call closes within 7 days, then within 1 day; each
    reminder once per deadline (a moved deadline is reminded again). Returns how many."""
    now = now or timezone.now()
    drafts = (
        FundingApplication.objects.filter(
            state=State.DRAFT,
            call__closes_at__gt=now,
            call__closes_at__lte=now + REMINDERS[0][1],
        )
        .select_related("experiment", "call")
        .order_by("pk")
    )
    sent = 0
    for application in drafts:
        closes = application.call.closes_at
        left = closes - now
        kind = next(k for k, delay in reversed(REMINDERS) if left <= delay)
        with transaction.atomic():
            _reminder, created = ReminderSent.objects.get_or_create(
                application=application, kind=kind, deadline=closes
            )
            if not created:
                continue
            leads = User.objects.filter(
                experiment_memberships__experiment_id=application.experiment_id,
                experiment_memberships__role="lead",
            )
            local = timezone.localtime(closes, CALL_TIMEZONE)

            def compose(user: User, application=application, local=local) -> Message:
                return Message(
                    title=_("The call “%(call)s” closes on %(date)s")
                    % {"call": application.call.name, "date": date_format(local, "DATE_FORMAT")},
                    body=_(
                        "Your dossier for “%(experiment)s” is still a draft. Submit it before "
                        "%(time)s (Paris time) on %(date)s."
                    )
                    % {
                        "experiment": application.experiment.title,
                        "time": local.strftime("%H:%M"),
                        "date": date_format(local, "DATE_FORMAT"),
                    },
                    url=lead_url(application),
                )

            notify(leads, compose)
            sent += 1
    return sent
