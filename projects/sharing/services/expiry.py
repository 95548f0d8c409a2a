"""The daily expiry run: reminders a week before a post leaves the board, then its expiry."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django_tasks import task

from accounts.models import User
from accounts.notifications import Message, notify
from projects.sharing.models import REMINDER_DAYS, SharingPost
from projects.sharing.services.common import post_contacts, post_url


def remind_expiring_posts(today: datetime.date | None = None) -> int:
    """Remind the authors of published posts that expire within a week (once per lifetime)."""
    today = today or timezone.localdate()
    horizon = today + datetime.timedelta(days=REMINDER_DAYS)
    due = SharingPost.objects.filter(
        state=SharingPost.State.PUBLISHED,
        hidden_at__isnull=True,
        reminded_at__isnull=True,
        expires_at__gte=today,
        expires_at__lte=horizon,
    ).select_related("author")
    count = 0
    for post in due:
        with transaction.atomic():
            updated = SharingPost.objects.filter(pk=post.pk, reminded_at__isnull=True).update(
                reminded_at=timezone.now()
            )
            if not updated:
                continue  # reminded by a concurrent run

            def compose(user: User, post=post) -> Message:
                return Message(
                    title=_("Your post “%(title)s” leaves the board on %(date)s")
                    % {"title": post.title, "date": _format_date(post.expires_at)},
                    body=_(
                        "Still current? Keep it 90 more days from its page. Done? Mark it as "
                        "fulfilled: it counts for the cluster's dashboard."
                    ),
                    url=post_url(post),
                )

            notify(post_contacts(post), compose)
            count += 1
    return count


def expire_posts(today: datetime.date | None = None) -> int:
    """Take published posts past their expiry date off the board; their authors are told."""
    today = today or timezone.localdate()
    due = SharingPost.objects.filter(
        state=SharingPost.State.PUBLISHED, expires_at__lt=today
    ).values_list("pk", flat=True)
    count = 0
    for pk in list(due):
        with transaction.atomic():
            post = (
                SharingPost.objects.select_for_update(of=("self",))
                .select_related("author")
                .get(pk=pk)
            )
            if post.state != SharingPost.State.PUBLISHED or post.expires_at >= today:
                continue
            post.expire()
            post.save()  # a save, not an update: the board's cached pages are purged

            def compose(user: User, post=post) -> Message:
                return Message(
                    title=_("Your post “%(title)s” has expired") % {"title": post.title},
                    body=_("It is no longer on the board. You may put it back from its page."),
                    url=post_url(post),
                )

            notify(post_contacts(post), compose)
            count += 1
    return count


def _format_date(day: datetime.date) -> str:
    return date_format(day, "DATE_FORMAT")


@task()
def run_sharing_expiry() -> dict[str, int]:
    """The daily expiry run as a Django task, for deployments that schedule work through the
    task worker rather than cron (`manage.py sharing_expiry` does the same)."""
    return {"expired": expire_posts(), "reminded": remind_expiring_posts()}
