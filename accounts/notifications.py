"""Notify people: an in-app notification now, an e-mail after the transaction commits.

Each message is written in its recipient's language. E-mails go through a Django task so that a
request never waits on the mail server (immediate in development and tests, a worker in
production).
"""

import contextlib
import contextvars
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django_tasks import task

from core.mail import subject_line

from .models import Notification, User

_emails_suppressed = contextvars.ContextVar("emails_suppressed", default=False)


@contextlib.contextmanager
def emails_suppressed() -> Iterator[None]:
    """Create in-app notifications without e-mailing them (the demo loader uses it)."""
    token = _emails_suppressed.set(True)
    try:
        yield
    finally:
        _emails_suppressed.reset(token)


def emails_are_suppressed() -> bool:
    """Inside `emails_suppressed()`: other e-mails of a business event (a decision letter)
    stay unsent too."""
    return _emails_suppressed.get()


@dataclass(frozen=True)
class Message:
    title: str
    body: str
    url: str = ""


def notify(
    recipients: Iterable[User],
    compose: Callable[[User], Message],
    *,
    email: bool = True,
) -> list[Notification]:
    """Create one notification per distinct active recipient, composed in their language.

    ``compose`` is called with the recipient while their language is active. Call inside the
    business transaction: the e-mails are sent only once it commits.
    """
    notifications = []
    seen: set[int] = set()
    for user in recipients:
        if user is None or not user.is_active or user.pk in seen:
            continue
        seen.add(user.pk)
        with translation.override(user.language or settings.LANGUAGE_CODE):
            message = compose(user)
            notifications.append(
                Notification(
                    recipient=user,
                    title=str(message.title)[:200],
                    body=str(message.body),
                    url=str(message.url),
                )
            )
    created = Notification.objects.bulk_create(notifications)
    if email and created and not _emails_suppressed.get():
        # PostgreSQL and SQLite (3.35+) return the primary keys of bulk-created rows.
        ids = [n.pk for n in created]
        transaction.on_commit(lambda: send_notification_emails.enqueue(ids))
    return created


@task()
def send_notification_emails(notification_ids: list[int]) -> int:
    """Send the e-mail copy of notifications not e-mailed yet; returns how many were sent."""
    sent = 0
    pending = Notification.objects.filter(pk__in=notification_ids, emailed_at__isnull=True)
    for notification in pending.select_related("recipient"):
        user = notification.recipient
        with translation.override(user.language or settings.LANGUAGE_CODE):
            url = notification.url
            if url.startswith("/"):
                url = settings.SITE_URL.rstrip("/") + url
            body = render_to_string(
                "accounts/email/notification.txt",
                {"user": user, "notification": notification, "url": url},
            )
            EmailMessage(
                subject=subject_line(f"[Cluster 05 IS] {notification.title}"),
                body=body,
                to=[user.email],
            ).send()
        Notification.objects.filter(pk=notification.pk).update(emailed_at=timezone.now())
        sent += 1
    return sent
