"""« Tell me when it opens »: alerts on calls of an experiment's funding tab.

Whoever may open the experiment's space watches, from its funding tab, a call that opens later
or a recurring call between two sessions (`can_be_watched`). `send_call_openings`, run daily by
`manage.py send_call_openings` (the scheduler's `call_openings` job), tells them once when the
call is open: an in-app notification and an e-mail in their language, with a link to the
experiment's funding tab. A recurring call watched while closed is open again when its closing
date has moved into the future (a new session was announced) and its opening date, if any, has
come. The run is idempotent (`CallWatch.notified_at`), costs a constant number of queries
whatever the number of alerts, and skips the people who may no longer open the experiment.
"""

import datetime
from collections import defaultdict

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

import projects.experiments.permissions as experiment_permissions
from accounts.models import User
from accounts.notifications import Message, notify
from accounts.roles import prime_group_names
from funding.catalogue.models import FundingCall
from funding.matching.models import CallWatch
from funding.matching.permissions import MATCHING_STATES
from projects.experiments.models import Experiment


def can_be_watched(call: FundingCall, now: datetime.datetime | None = None) -> bool:
    """A call opening later, or a recurring call closed until its next session: there is
    something to wait for."""
    status = call.status(now)
    if status == FundingCall.Status.UPCOMING:
        return True
    recurring = call.recurrence == FundingCall.Recurrence.RECURRING
    return recurring and status == FundingCall.Status.CLOSED


def watch(user: User, experiment: Experiment, call: FundingCall) -> CallWatch:
    """Ask to be told when ``call`` opens; an alert already sent is armed again (the next
    session of a recurring call)."""
    found, _created = CallWatch.objects.update_or_create(
        user=user,
        experiment=experiment,
        call=call,
        defaults={"notified_at": None},
    )
    return found


def unwatch(user: User, experiment: Experiment, call: FundingCall) -> bool:
    """Stop the alert; False when there was none."""
    deleted, _rows = CallWatch.objects.filter(user=user, experiment=experiment, call=call).delete()
    return bool(deleted)


def watched_call_ids(user: User, experiment: Experiment) -> set[int]:
    """The calls ``user`` awaits for ``experiment`` (alerts not sent yet), in one query."""
    return set(
        CallWatch.objects.filter(
            user=user, experiment=experiment, notified_at__isnull=True
        ).values_list("call_id", flat=True)
    )


# ---------------------------------------------------------------------- the daily job
def due_watches(today: datetime.date | None = None) -> list[CallWatch]:
    """The alerts not sent yet whose call is open (now, or at some moment of ``today``), for
    active people and experiments that still have a funding tab, locked until the end of the
    transaction: three queries whatever their number (the alerts with their person, experiment
    and call; the people's groups; the experiments' members)."""
    open_calls = (
        FundingCall.objects.open_now() if today is None else FundingCall.objects.open_on(today)
    )
    return list(
        CallWatch.objects.filter(
            notified_at__isnull=True,
            call__in=open_calls.values("pk"),
            user__is_active=True,
            experiment__state__in=MATCHING_STATES,
        )
        .select_for_update(of=("self",))
        .select_related("user", "experiment", "call")
        .prefetch_related("user__groups", "experiment__memberships")
        .order_by("user_id", "experiment_id", "call__name", "pk")
    )


def _still_permitted(watches: list[CallWatch]) -> list[CallWatch]:
    """The alerts whose person may still open the experiment (no query: the roles come from
    the prefetched groups and members)."""
    prime_group_names(watch.user for watch in watches)
    kept = []
    for watch in watches:
        experiment_permissions.prime_member_roles([watch.experiment], watch.user)
        if experiment_permissions.can_view(watch.user, watch.experiment):
            kept.append(watch)
    return kept


def _call_names(calls: list[FundingCall]) -> dict[tuple[str, str], str]:
    """(translation key, language) → the call's name in that language (one query)."""
    rows = FundingCall.objects.filter(
        translation_key__in={call.translation_key for call in calls}
    ).values_list("translation_key", "locale__language_code", "name")
    return {(str(key), language): name for key, language, name in rows}


def _sentence(watch: CallWatch, name: str) -> str:
    """One alert, in the active language."""
    params = {"call": name, "experiment": watch.experiment.title}
    closes_at = watch.call.local_closes_at
    if closes_at is None:
        return (
            _("You asked to be told when “%(call)s” opens, for “%(experiment)s”: it is open.")
            % params
        )
    return _(
        "You asked to be told when “%(call)s” opens, for “%(experiment)s”: it is open and "
        "closes on %(date)s."
    ) % {**params, "date": date_format(closes_at.date(), "DATE_FORMAT")}


def send_call_openings(today: datetime.date | None = None) -> int:
    """Tell each person whose watched call is open, once; returns how many alerts were sent.

    One notification per person and run (several calls opening the same day are listed in one
    message), composed in their language by `notify`. The alerts are read locked and marked
    sent in the transaction that creates the notifications: an alert is never marked without
    its notification nor notified twice, and the e-mails leave only once it commits.
    """
    with transaction.atomic():
        watches = _still_permitted(due_watches(today))
        if not watches:
            return 0
        names = _call_names([watch.call for watch in watches])
        by_user: dict[int, list[CallWatch]] = defaultdict(list)
        for watch in watches:
            by_user[watch.user_id].append(watch)

        def compose(user: User) -> Message:
            # `notify` calls this with the person's language active: the words, the dates and
            # the tab's address are theirs.
            language = user.language or settings.LANGUAGE_CODE
            own = by_user[user.pk]
            named = [
                (watch, names.get((str(watch.call.translation_key), language), watch.call.name))
                for watch in own
            ]
            if len(named) == 1:
                title = _("%(call)s is open") % {"call": named[0][1]}
            else:
                title = ngettext(
                    "%(count)d call you watch is open",
                    "%(count)d calls you watch are open",
                    len(named),
                ) % {"count": len(named)}
            return Message(
                title=title,
                body="\n".join(_sentence(watch, name) for watch, name in named),
                url=reverse("funding:experiment_funding", kwargs={"pk": own[0].experiment_id}),
            )

        notify([own[0].user for own in by_user.values()], compose, email=True)
        CallWatch.objects.filter(pk__in=[watch.pk for watch in watches]).update(
            notified_at=timezone.now()
        )
    return len(watches)
