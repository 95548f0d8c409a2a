"""Deadline reminders of draft dossiers: 7 days and 1 day before the call closes, once each."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

import funding.dossiers.services as dossiers
from accounts.models import Notification
from funding.dossiers.models import ReminderSent
from tests.dossiers.helpers import (
    draft,
    submitted,
)

pytestmark = pytest.mark.django_db


def _close_in(call, delta: datetime.timedelta) -> None:
    call.closes_at = timezone.now() + delta
    call.save()


def _reminders_of(user) -> int:
    return Notification.objects.filter(recipient=user, url__contains="/dossiers/").count()


def test_reminders_at_7_days_then_1_day_once_each(world):
    application = draft(world)
    ReminderSent.objects.exclude(application=application).delete()
    _close_in(world.call_a, datetime.timedelta(days=10))
    assert dossiers.send_reminders() == 0
    _close_in(world.call_a, datetime.timedelta(days=6, hours=12))
    assert dossiers.send_reminders() == 1
    assert dossiers.send_reminders() == 0  # idempotent
    assert _reminders_of(world.lead) == 1
    assert _reminders_of(world.contributor) == 0  # reminders go to leads
    output = io.StringIO()
    call_command("dossier_reminders", stdout=output)
    assert output.getvalue().startswith("0 ")
    assert _reminders_of(world.lead) == 1
    # One day before: the second reminder, once.
    now = world.call_a.closes_at - datetime.timedelta(hours=20)
    assert dossiers.send_reminders(now=now) == 1
    assert dossiers.send_reminders(now=now) == 0
    assert set(
        ReminderSent.objects.filter(application=application).values_list("kind", flat=True)
    ) == {
        "7d",
        "1d",
    }


def test_no_reminder_for_submitted_dossiers_or_closed_calls(world):
    submitted(world)
    _close_in(world.call_a, datetime.timedelta(days=3))
    closed = draft(world, world.call_b)
    _close_in(world.call_b, -datetime.timedelta(hours=1))
    before = Notification.objects.count()
    dossiers.send_reminders()
    assert not ReminderSent.objects.filter(application__experiment=world.experiment).exists()
    assert Notification.objects.count() == before
    assert closed.state == "draft"


def test_a_moved_deadline_is_reminded_again(world):
    draft(world)
    _close_in(world.call_a, datetime.timedelta(days=5))
    assert dossiers.send_reminders() == 1
    _close_in(world.call_a, datetime.timedelta(days=6))
    assert dossiers.send_reminders() == 1
