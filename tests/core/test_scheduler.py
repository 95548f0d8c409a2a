"""The periodic jobs (`manage.py run_scheduler`, core/scheduler.py): scheduled publishing runs,
only due jobs run, a failing job does not stop the others, and a job never runs twice at once."""

import datetime
import io
import logging
import threading
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management import CommandError, call_command
from django.db import connections
from wagtail.models import Revision

import core.scheduler as scheduler
from home.models import NewsPage
from tests.test_deploy import compose

PARIS = ZoneInfo("Europe/Paris")
MONDAY = datetime.datetime(2026, 12, 7, tzinfo=PARIS)
TUESDAY = MONDAY + datetime.timedelta(days=1)

EVERY_MINUTE = scheduler.Job("every_minute", "* * * * *", "publish_scheduled")
DAILY = scheduler.Job("daily", "0 6 * * *", "sharing_expiry")
WEEKLY = scheduler.Job("weekly", "0 7 * * 1", "funding_digest")
JOBS = [EVERY_MINUTE, DAILY, WEEKLY]


def at(hour: int, minute: int, second: int = 0, day: datetime.datetime = MONDAY):
    return day.replace(hour=hour, minute=minute, second=second)


@pytest.fixture(autouse=True)
def _lock_dir(settings, tmp_path):
    """Each test's own file locks (SQLite): parallel workers must not see each other's."""
    settings.SCHEDULER_LOCK_DIR = str(tmp_path / "locks")


@pytest.fixture
def ran(monkeypatch) -> list[str]:
    """Replaces the commands: records each command run instead."""
    commands: list[str] = []

    def fake_call_command(name, *args, **kwargs):
        commands.append(name)

    monkeypatch.setattr(scheduler, "call_command", fake_call_command)
    return commands


# ------------------------------------------------------------------ the job table
def test_the_settings_declare_scheduled_publishing_and_the_daily_and_weekly_jobs():
    jobs = {job.name: job for job in scheduler.get_jobs()}
    assert jobs["publish_scheduled"].cron == "* * * * *"
    assert jobs["publish_scheduled"].command == "publish_scheduled"
    assert {"sharing_expiry", "dossier_reminders", "funding_digest"} <= set(jobs)


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ({"name": "x", "cron": "61 6 * * *", "command": "sharing_expiry"}, "bad cron"),
        ({"name": "x", "cron": "0 6 * * *", "command": "no_such_command"}, "no management"),
    ],
)
def test_a_wrong_job_stops_the_scheduler_at_start(entry, message):
    with pytest.raises(ImproperlyConfigured, match=message):
        scheduler.get_jobs([entry])


def test_job_names_are_distinct():
    entry = {"name": "x", "cron": "0 6 * * *", "command": "sharing_expiry"}
    with pytest.raises(ImproperlyConfigured, match="distinct"):
        scheduler.get_jobs([entry, entry])


# ------------------------------------------------------------------ due jobs
@pytest.mark.parametrize(
    ("since", "until", "expected"),
    [
        (at(5, 59, 30), at(6, 0, 30), ["every_minute", "daily"]),
        (at(6, 0, 30), at(6, 1, 30), ["every_minute"]),
        (at(6, 59, 1), at(7, 0, 1), ["every_minute", "weekly"]),
        # Not on a Tuesday.
        (at(6, 59, 1, TUESDAY), at(7, 0, 1, TUESDAY), ["every_minute"]),
        # The end of the window is included, its start is not.
        (at(5, 59), at(6, 0), ["every_minute", "daily"]),
        (at(6, 0), at(6, 0, 59), []),
    ],
)
def test_only_the_jobs_with_a_cron_time_in_the_window_are_due(since, until, expected):
    assert [job.name for job, _ in scheduler.due_jobs(JOBS, since, until)] == expected


def test_a_long_window_runs_a_job_once_for_its_latest_time():
    due = scheduler.due_jobs([EVERY_MINUTE], at(5, 0), at(6, 0, 30))
    assert due == [(EVERY_MINUTE, at(6, 0))]


def test_cron_times_are_read_in_the_site_time_zone():
    # 06:00 in Paris is 05:00 UTC in winter.
    utc = datetime.UTC
    due = scheduler.due_jobs(
        [DAILY],
        datetime.datetime(2026, 12, 7, 4, 59, 30, tzinfo=utc),
        datetime.datetime(2026, 12, 7, 5, 0, 30, tzinfo=utc),
    )
    assert [job.name for job, _ in due] == ["daily"]


@pytest.mark.django_db
def test_the_loop_wakes_each_minute_and_runs_the_due_jobs_only(ran):
    now = [at(5, 58, 10)]

    def fake_wait(seconds: float) -> bool:
        now[0] += datetime.timedelta(seconds=seconds)
        return False

    loop = scheduler.Scheduler(JOBS, clock=lambda: now[0], wait=fake_wait)
    loop.run(ticks=3)  # wakes at 05:59:00.5, 06:00:00.5 and 06:01:00.5
    assert now[0] == at(6, 1, 0) + datetime.timedelta(milliseconds=500)
    assert ran == ["publish_scheduled", "publish_scheduled", "sharing_expiry", "publish_scheduled"]


def test_the_loop_stops_when_asked(ran):
    loop = scheduler.Scheduler(JOBS)
    loop.stop()
    loop.run()  # returns at once, without waiting for the next minute
    assert ran == []


@pytest.mark.django_db
def test_once_runs_the_jobs_of_the_last_minute(ran):
    with time_machine.travel(at(6, 0, 2), tick=False):
        outcomes = scheduler.run_once(JOBS)
    assert outcomes == {"every_minute": scheduler.RAN, "daily": scheduler.RAN}
    assert ran == ["publish_scheduled", "sharing_expiry"]


# ------------------------------------------------------------------ scheduled publishing
@pytest.mark.django_db
def test_a_page_scheduled_to_go_live_is_published_by_one_run(client, demo_user):
    page = NewsPage.objects.live().filter(locale__language_code="fr").first()
    page.unpublish()
    page = NewsPage.objects.get(pk=page.pk)
    go_live_at = MONDAY.replace(hour=9) + datetime.timedelta(days=30)
    page.go_live_at = go_live_at
    with time_machine.travel(MONDAY.replace(hour=9), tick=False):
        page.save_revision(user=demo_user("relecture")).publish(user=demo_user("relecture"))
    page.refresh_from_db()
    assert not page.live
    assert Revision.objects.filter(object_id=str(page.pk), approved_go_live_at=go_live_at)
    with time_machine.travel(go_live_at - datetime.timedelta(minutes=5), tick=False):
        call_command("run_scheduler", "--once", stdout=io.StringIO())
    page.refresh_from_db()
    assert not page.live  # not yet
    with time_machine.travel(go_live_at + datetime.timedelta(seconds=30), tick=False):
        out = io.StringIO()
        call_command("run_scheduler", "--once", stdout=out)
    assert "publish_scheduled: ran" in out.getvalue()
    page.refresh_from_db()
    assert page.live
    assert client.get(page.url).status_code == 200


# ------------------------------------------------------------------ failures
@pytest.mark.django_db
def test_a_failing_job_is_logged_and_does_not_stop_the_others(monkeypatch, caplog):
    ran = []

    def fake_call_command(name, *args, **kwargs):
        ran.append(name)
        if name == "publish_scheduled":
            raise RuntimeError("the database went away")

    monkeypatch.setattr(scheduler, "call_command", fake_call_command)
    with caplog.at_level(logging.INFO, logger="core.scheduler"):
        outcomes = scheduler.run_due(JOBS, at(5, 59, 30), at(6, 0, 30))
    assert outcomes == {"every_minute": scheduler.FAILED, "daily": scheduler.RAN}
    assert ran == ["publish_scheduled", "sharing_expiry"]
    failure = next(record for record in caplog.records if record.levelno == logging.ERROR)
    assert "every_minute" in failure.getMessage()
    assert "the database went away" in str(failure.exc_info[1])


@pytest.mark.django_db
def test_a_lock_that_cannot_be_taken_is_a_failure_of_that_job_only(ran, monkeypatch, caplog):
    real_lock = scheduler.job_lock

    def lock(name):
        if name == EVERY_MINUTE.name:
            raise ConnectionError("the database is unreachable")
        return real_lock(name)

    monkeypatch.setattr(scheduler, "job_lock", lock)
    with caplog.at_level(logging.ERROR, logger="core.scheduler"):
        outcomes = scheduler.run_due(JOBS, at(5, 59, 30), at(6, 0, 30))
    assert outcomes == {"every_minute": scheduler.FAILED, "daily": scheduler.RAN}
    assert ran == ["sharing_expiry"]
    assert "could not start" in caplog.text


@pytest.mark.django_db
def test_the_loop_ends_after_the_running_job_when_stopped(monkeypatch):
    now = [at(5, 59, 50)]
    ran = []

    def fake_wait(seconds: float) -> bool:
        now[0] += datetime.timedelta(seconds=seconds)
        return False

    loop = scheduler.Scheduler(JOBS, clock=lambda: now[0], wait=fake_wait)

    def fake_call_command(name, *args, **kwargs):
        ran.append(name)
        loop.stop()  # SIGTERM while the first job of the minute runs

    monkeypatch.setattr(scheduler, "call_command", fake_call_command)
    loop.run(ticks=5)
    assert ran == ["publish_scheduled"]  # sharing_expiry, due too, waits for the next start


@pytest.mark.django_db
def test_once_reports_a_failure_after_running_the_others(monkeypatch, settings):
    settings.SCHEDULED_JOBS = [
        {"name": "first", "cron": "* * * * *", "command": "publish_scheduled"},
        {"name": "second", "cron": "* * * * *", "command": "dossier_reminders"},
    ]
    ran = []

    def fake_call_command(name, *args, **kwargs):
        ran.append(name)
        if name == "publish_scheduled":
            raise RuntimeError("boom")

    monkeypatch.setattr(scheduler, "call_command", fake_call_command)
    out = io.StringIO()
    with pytest.raises(CommandError, match="first"):
        call_command("run_scheduler", "--once", stdout=out)
    assert ran == ["publish_scheduled", "dossier_reminders"]
    assert "second: ran" in out.getvalue()


def test_an_unknown_job_name_is_refused_with_the_known_ones():
    with pytest.raises(CommandError, match="publish_scheduled"):
        call_command("run_scheduler", "--job", "publish_everything")


@pytest.mark.django_db
def test_job_runs_a_named_job_now(ran):
    out = io.StringIO()
    call_command("run_scheduler", "--job", "funding_digest", stdout=out)
    assert ran == ["funding_digest"]
    assert "funding_digest: ran" in out.getvalue()


def test_list_shows_each_job_with_its_next_run():
    out = io.StringIO()
    with time_machine.travel(at(6, 10), tick=False):
        call_command("run_scheduler", "--list", stdout=out)
    assert "sharing_expiry" in out.getvalue()
    assert "next: 2026-12-08 06:00" in out.getvalue()


# ------------------------------------------------------------------ never twice at once
@pytest.mark.django_db
def test_a_job_is_not_started_while_another_scheduler_runs_it(ran):
    """The lock is the database's (an advisory lock on PostgreSQL, a file lock on SQLite):
    held from another connection, as a second scheduler process would."""
    started, release = threading.Event(), threading.Event()
    outcomes = {}

    def other_scheduler():
        with scheduler.job_lock(DAILY.name) as acquired:
            outcomes["other"] = acquired
            started.set()
            release.wait(10)
        connections.close_all()

    thread = threading.Thread(target=other_scheduler)
    thread.start()
    try:
        assert started.wait(10)
        assert outcomes["other"] is True
        assert scheduler.run_job(DAILY, at(6, 0)) == scheduler.LOCKED
        assert ran == []
        # Another job is not held up by it.
        assert scheduler.run_job(EVERY_MINUTE, at(6, 0)) == scheduler.RAN
    finally:
        release.set()
        thread.join(10)
    assert scheduler.run_job(DAILY, at(6, 0)) == scheduler.RAN
    assert ran == ["publish_scheduled", "sharing_expiry"]


@pytest.mark.django_db
def test_a_job_still_running_at_its_next_time_is_not_started_again(monkeypatch):
    """publish_scheduled runs every minute: a run that lasts longer is not doubled."""
    inner = {}

    def slow_command(name, *args, **kwargs):
        # The next minute comes while this run goes on.
        inner["outcome"] = scheduler.run_job(EVERY_MINUTE, at(6, 1))

    monkeypatch.setattr(scheduler, "call_command", slow_command)
    assert scheduler.run_job(EVERY_MINUTE, at(6, 0)) == scheduler.RAN
    assert inner["outcome"] == scheduler.LOCKED


@pytest.mark.django_db
def test_a_cron_time_run_by_one_scheduler_is_skipped_by_another(ran):
    assert scheduler.run_job(DAILY, at(6, 0)) == scheduler.RAN
    assert scheduler.run_job(DAILY, at(6, 0)) == scheduler.ALREADY_RAN
    assert scheduler.run_job(DAILY, at(6, 0) + datetime.timedelta(days=1)) == scheduler.RAN
    assert scheduler.run_job(DAILY) == scheduler.RAN  # --job: whatever ran before
    assert ran == ["sharing_expiry"] * 3


# ------------------------------------------------------------------ deployment
def test_the_reference_deployment_runs_the_scheduler_with_the_app_settings():
    services = compose()["services"]
    assert services["scheduler"]["command"][-1] == "run_scheduler"
    assert services["scheduler"]["environment"] == services["app"]["environment"]
    assert services["scheduler"].get("deploy", {}).get("replicas", 1) == 1


def test_the_deployment_guide_explains_the_scheduler_and_the_cron_alternative():
    guide = (settings.BASE_DIR / "docs" / "deploy.md").read_text()
    assert "run_scheduler" in guide
    assert "run_scheduler --once" in guide
