"""The platform's periodic jobs and what runs them (`manage.py run_scheduler`, docs/deploy.md).

Each job is a management command with a cron expression, in ``settings.SCHEDULED_JOBS``, read
in the site's time zone (``TIME_ZONE``): Wagtail's ``publish_scheduled`` every minute (pages
and snippets whose "go live" or "expiry" time has come), the sharing board's expiry, the
dossiers' deadline reminders and the weekly funding digest.

- **Due**: a job is due when one of its cron times falls in the window since the previous
  tick (the loop) or in the last minute (``--once``, for a system cron line every minute).
- **One failing job does not stop the others**: its exception is logged and the next job runs.
- **Never twice at once**: a job runs under a lock held for its whole run: a PostgreSQL
  advisory lock (``pg_try_advisory_xact_lock`` in a transaction of a connection of its own, so
  that it also holds behind PgBouncer's transaction pooling), or on SQLite a file lock beside
  the data (``SCHEDULER_LOCK_DIR``). A process that dies releases it. A job whose lock is taken
  is skipped, not queued.
- **Once per cron time**: the last cron time run is noted in the cache, so that a second
  scheduler (a rolling deployment, a cron line left behind) skips a time already run. Every job
  is idempotent anyway (running it twice changes nothing), so this is a saving, not a safeguard.

A well-kept library was weighed: APScheduler 3 runs jobs in one process and says not to share
its job stores between processes, so the lock would have to be written anyway, and it has no
"run what is due now and exit" mode for cron; django-tasks has no periodic tasks. What is left
is a loop over a table and two locks, so the module keeps to croniter for the cron expressions.
"""

from __future__ import annotations

import datetime
import fcntl
import hashlib
import io
import logging
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from croniter import croniter
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command, get_commands
from django.db import close_old_connections, connections
from django.utils import timezone

logger = logging.getLogger(__name__)

# What ``run_job`` reports.
RAN, FAILED, LOCKED, ALREADY_RAN = "ran", "failed", "locked", "already-ran"
# A cron time run by one scheduler is remembered this long for the others (longer than any gap
# between two cron times of a job that needs it: a week).
LAST_RUN_TTL = 8 * 24 * 3600
ONCE_WINDOW = datetime.timedelta(minutes=1)


@dataclass(frozen=True)
class Job:
    """A periodic job: a management command run at the times of a cron expression."""

    name: str
    cron: str
    command: str
    args: tuple[str, ...] = field(default_factory=tuple)

    def last_time_in(
        self, since: datetime.datetime, until: datetime.datetime
    ) -> datetime.datetime | None:
        """The latest cron time of the job in ``(since, until]``, or None."""
        until = timezone.localtime(until)
        # croniter's get_prev is strictly before its start: start just after ``until``.
        times = croniter(self.cron, until + datetime.timedelta(seconds=1))
        latest = times.get_prev(datetime.datetime)
        if latest > until:
            latest = times.get_prev(datetime.datetime)
        return latest if latest > since else None

    def next_time(self, after: datetime.datetime) -> datetime.datetime:
        return croniter(self.cron, timezone.localtime(after)).get_next(datetime.datetime)


def get_jobs(table: Iterable[dict] | None = None) -> list[Job]:
    """The jobs of ``settings.SCHEDULED_JOBS`` (or of ``table``), checked.

    An unknown command or a wrong cron expression stops the scheduler at start, with the job's
    name, rather than failing silently at 6 in the morning.
    """
    table = settings.SCHEDULED_JOBS if table is None else table
    commands = get_commands()
    jobs = []
    for entry in table:
        job = Job(
            name=entry["name"],
            cron=entry["cron"],
            command=entry["command"],
            args=tuple(entry.get("args", ())),
        )
        if not croniter.is_valid(job.cron):
            raise ImproperlyConfigured(f"Scheduled job {job.name!r}: bad cron {job.cron!r}.")
        if job.command not in commands:
            raise ImproperlyConfigured(
                f"Scheduled job {job.name!r}: no management command {job.command!r}."
            )
        jobs.append(job)
    names = [job.name for job in jobs]
    if len(set(names)) != len(names):
        raise ImproperlyConfigured("Scheduled jobs need distinct names.")
    return jobs


def due_jobs(
    jobs: Iterable[Job], since: datetime.datetime, until: datetime.datetime
) -> list[tuple[Job, datetime.datetime]]:
    """The jobs with a cron time in ``(since, until]``, each with its latest such time."""
    due = []
    for job in jobs:
        if (cron_time := job.last_time_in(since, until)) is not None:
            due.append((job, cron_time))
    return due


def _lock_key(name: str) -> int:
    """A signed 64-bit key for PostgreSQL's advisory locks, stable across processes."""
    digest = hashlib.blake2b(f"cluster05.scheduler:{name}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


@contextmanager
def job_lock(name: str) -> Iterator[bool]:
    """Hold the job's lock for the block; yields whether it was free (False: run elsewhere)."""
    if connections["default"].vendor == "postgresql":
        with _advisory_lock(name) as acquired:
            yield acquired
    else:
        with _file_lock(name) as acquired:
            yield acquired


@contextmanager
def _advisory_lock(name: str) -> Iterator[bool]:
    # A connection of its own, in a transaction for the whole run: the job's queries and
    # commits do not touch it, and a transaction-scoped lock survives transaction pooling.
    connection = connections.create_connection("default")
    try:
        connection.set_autocommit(False)
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_try_advisory_xact_lock(%s)", [_lock_key(name)])
            acquired = bool(cursor.fetchone()[0])
        yield acquired
    finally:
        try:
            connection.rollback()  # ends the transaction: releases the lock
        finally:
            connection.close()


@contextmanager
def _file_lock(name: str) -> Iterator[bool]:
    directory = Path(getattr(settings, "SCHEDULER_LOCK_DIR", "") or settings.VAR_DIR)
    directory.mkdir(parents=True, exist_ok=True)
    with open(directory / f"scheduler-{name}.lock", "a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _last_run_key(job: Job) -> str:
    return f"scheduler:last-run:{job.name}"


def run_job(job: Job, cron_time: datetime.datetime | None = None) -> str:
    """Run one job now under its lock; never raises (a failure is logged and reported).

    ``cron_time`` is the cron time being served; None runs the job whatever was run before
    (``run_scheduler --job``).
    """
    _release_connections()
    try:
        with job_lock(job.name) as acquired:
            if not acquired:
                logger.info("Scheduled job %s skipped: it is running elsewhere.", job.name)
                return LOCKED
            return _run_locked(job, cron_time)
    except Exception:  # the lock itself failed (the database is down…): try at the next time
        logger.exception("Scheduled job %s could not start.", job.name)
        return FAILED
    finally:
        _release_connections()


def _run_locked(job: Job, cron_time: datetime.datetime | None) -> str:
    stamp = cron_time.isoformat() if cron_time else None
    if stamp and _cache_get(_last_run_key(job)) == stamp:
        logger.info("Scheduled job %s skipped: %s already run.", job.name, stamp)
        return ALREADY_RAN
    output = io.StringIO()
    started = time.monotonic()
    try:
        call_command(job.command, *job.args, stdout=output, stderr=output)
    except Exception:
        logger.exception("Scheduled job %s failed.", job.name)
        outcome = FAILED
    else:
        logger.info(
            "Scheduled job %s done in %.1f s. %s",
            job.name,
            time.monotonic() - started,
            " ".join(output.getvalue().split())[:500],
        )
        outcome = RAN
    if stamp:
        _cache_set(_last_run_key(job), stamp)
    return outcome


def _release_connections() -> None:
    """Drop connections that are broken or past their age, as Django does between requests:
    the scheduler lives for weeks. Never inside a transaction (the caller's, or a test's)."""
    if connections["default"].in_atomic_block:
        return
    try:
        close_old_connections()
    except Exception as error:
        logger.warning("Scheduler: closing old database connections failed (%s).", error)


def _cache_get(key: str):
    try:
        return cache.get(key)
    except Exception as error:  # the cache only saves duplicate runs: carry on without it
        logger.warning("Scheduler: cache unavailable (%s).", error)
        return None


def _cache_set(key: str, value: str) -> None:
    try:
        cache.set(key, value, LAST_RUN_TTL)
    except Exception as error:
        logger.warning("Scheduler: cache unavailable (%s).", error)


def run_due(
    jobs: Iterable[Job], since: datetime.datetime, until: datetime.datetime
) -> dict[str, str]:
    """Run, one after the other, the jobs due in ``(since, until]``; their outcomes by name."""
    return {job.name: run_job(job, cron_time) for job, cron_time in due_jobs(jobs, since, until)}


def run_once(jobs: Iterable[Job], now: datetime.datetime | None = None) -> dict[str, str]:
    """The ``--once`` mode: the jobs with a cron time in the minute before ``now``."""
    now = now or timezone.now()
    return run_due(jobs, now - ONCE_WINDOW, now)


class Scheduler:
    """The long-running loop: wakes at each minute and runs the jobs due since the last wake."""

    def __init__(self, jobs: list[Job], *, clock=timezone.now, wait=None):
        self.jobs = jobs
        self.clock = clock
        self.stopped = threading.Event()
        # Sleeps the given seconds, True when stopped meanwhile (tests pass a fake clock's).
        self.wait = wait or self.stopped.wait

    def stop(self, *args) -> None:
        """Ends the loop after the running job (SIGTERM, SIGINT)."""
        self.stopped.set()

    def seconds_to_next_minute(self) -> float:
        now = self.clock()
        return 60 - now.second - now.microsecond / 1_000_000 + 0.5

    def run(self, *, ticks: int | None = None) -> None:
        """Loop until stopped (or ``ticks`` wakes, for tests)."""
        since = self.clock()
        done = 0
        while not self.stopped.is_set() and (ticks is None or done < ticks):
            if self.wait(self.seconds_to_next_minute()) or self.stopped.is_set():
                break
            until = self.clock()
            for job, cron_time in due_jobs(self.jobs, since, until):
                if self.stopped.is_set():
                    break
                run_job(job, cron_time)
            since = until
            done += 1
