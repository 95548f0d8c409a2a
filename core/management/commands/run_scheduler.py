"""Run the periodic jobs: Wagtail's scheduled publishing, expiries, reminders, digests."""

import signal

from django.core.management.base import BaseCommand, CommandError
from django.utils import formats, timezone

import core.scheduler as scheduler


class Command(BaseCommand):
    help = (
        "Run the periodic jobs of settings.SCHEDULED_JOBS at their cron times (a long-running "
        "process, stopped by SIGTERM). --once runs the jobs due in the last minute and exits, "
        "for a system cron line every minute; --job runs the named jobs now."
    )

    def add_arguments(self, parser):
        mode = parser.add_mutually_exclusive_group()
        mode.add_argument(
            "--once",
            action="store_true",
            help="Run the jobs whose cron time fell in the last minute, then exit.",
        )
        mode.add_argument(
            "--job",
            action="append",
            metavar="NAME",
            help="Run this job now, whatever its schedule (repeat for several), then exit.",
        )
        mode.add_argument(
            "--list",
            action="store_true",
            dest="list_jobs",
            help="List the jobs and their next run, then exit.",
        )

    def handle(self, *args, once=False, job=None, list_jobs=False, **options):
        jobs = scheduler.get_jobs()
        if list_jobs:
            now = timezone.now()
            for item in jobs:
                next_time = formats.date_format(item.next_time(now), "Y-m-d H:i T")
                self.stdout.write(f"{item.name:20} {item.cron:15} next: {next_time}")
            return
        if job:
            by_name = {item.name: item for item in jobs}
            if unknown := sorted(set(job) - set(by_name)):
                raise CommandError(
                    f"Unknown job(s): {', '.join(unknown)}. Known: {', '.join(by_name)}."
                )
            outcomes = {name: scheduler.run_job(by_name[name]) for name in job}
        elif once:
            outcomes = scheduler.run_once(jobs)
        else:
            loop = scheduler.Scheduler(jobs)
            signal.signal(signal.SIGTERM, loop.stop)
            signal.signal(signal.SIGINT, loop.stop)
            self.stdout.write(f"Scheduler started: {', '.join(item.name for item in jobs)}.")
            loop.run()
            self.stdout.write("Scheduler stopped.")
            return
        for name, outcome in outcomes.items():
            self.stdout.write(f"{name}: {outcome}")
        if failed := [name for name, outcome in outcomes.items() if outcome == scheduler.FAILED]:
            raise CommandError(f"Failed: {', '.join(failed)} (see the log).")
