"""Reminders of the reviews due: from 3 days before the due date, once a day, then every day
while late; none once the review is complete, nor after a conflict of interest."""

import datetime
import io

import pytest
import time_machine
from django.core.management import call_command
from django.db.models import Q

import funding.dossiers.services as dossiers
from accounts.models import Notification
from funding.dossiers.models import ReviewAssignment
from tests.dossiers.helpers import under_review

pytestmark = pytest.mark.django_db

DUE = datetime.date(2026, 11, 5)


def morning(day: int):
    """8:00 in Paris on that day of November 2026, when the scheduler runs the job."""
    return time_machine.travel(datetime.datetime(2026, 11, day, 7, tzinfo=datetime.UTC))


def run_job() -> str:
    output = io.StringIO()
    call_command("send_review_reminders", stdout=output)
    return output.getvalue()


def reminders_of(user) -> list[str]:
    """The titles of the review reminders ``user`` received, oldest first."""
    reminders = Q(title__startswith="Review due soon") | Q(title__startswith="Late review")
    return list(
        Notification.objects.filter(reminders, recipient=user)
        .order_by("pk")
        .values_list("title", flat=True)
    )


@pytest.fixture
def assigned(world):
    # Only this dossier's reviewer: the demo's assignments (due after its loading day) are not
    # this test's.
    ReviewAssignment.objects.all().delete()
    # Reminders are written in the reviewer's language: these tests read English.
    world.reviewer_a2.language = "en"
    world.reviewer_a2.save(update_fields=["language"])
    with morning(1):
        application = under_review(world)
        dossiers.assign_reviewer(
            application, by=world.reviewer_a, reviewer=world.reviewer_a2, due_on=DUE
        )
    return application


def test_reminded_from_3_days_before_once_a_day_then_late(world, assigned):
    with morning(1):
        assert run_job().startswith("0 ")  # 4 days before
    with morning(2):
        assert run_job().startswith("1 ")
        assert run_job().startswith("0 ")  # once a day
    with morning(3):
        assert run_job().startswith("1 ")
    with morning(7):
        assert run_job().startswith("1 ")
    titles = reminders_of(world.reviewer_a2)
    assert [title.split(":")[0] for title in titles] == ["Review due soon"] * 2 + ["Late review"]
    assert "Cuisine partagée à Gap" in titles[-1]
    assert ReviewAssignment.objects.get(application=assigned).reminded_on == datetime.date(
        2026, 11, 7
    )
    assert reminders_of(world.reviewer_a) == []


def test_no_reminder_once_the_review_is_complete(world, assigned):
    criteria = dossiers.criteria_of(assigned, assigned.stage)
    with morning(2):
        dossiers.save_review(
            assigned,
            by=world.reviewer_a2,
            scores={c["key"]: (4, "") for c in criteria},
            recommendation="fund",
        )
        assert run_job().startswith("0 ")
    assert reminders_of(world.reviewer_a2) == []


def test_an_incomplete_review_is_still_reminded(world, assigned):
    criteria = dossiers.criteria_of(assigned, assigned.stage)
    with morning(2):
        dossiers.save_review(assigned, by=world.reviewer_a2, scores={criteria[0]["key"]: (3, "")})
        assert run_job().startswith("1 ")


def test_no_reminder_after_a_conflict_of_interest(world, assigned):
    with morning(2):
        dossiers.declare_conflict(assigned, by=world.reviewer_a2, reason="Je siège au bureau.")
        assert run_job().startswith("0 ")
    assert reminders_of(world.reviewer_a2) == []


def test_the_job_is_scheduled_every_morning(settings):
    jobs = {job["name"]: job for job in settings.SCHEDULED_JOBS}
    assert jobs["review_reminders"] == {
        "name": "review_reminders",
        "cron": "0 8 * * *",
        "command": "send_review_reminders",
    }
