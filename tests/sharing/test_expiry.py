"""Posts expire 90 days after publication, with a reminder a week before: the daily command,
tested with a frozen clock."""

import datetime
import io

import pytest
import time_machine
from django.core import mail
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone, translation

import projects.sharing.services as sharing
from accounts.models import Notification
from projects.sharing.models import SharingPost
from tests.factories import OrganisationFactory, member_of, sharing_post

START = datetime.datetime(2031, 3, 2, 9, 0, tzinfo=datetime.UTC)


def run_daily() -> str:
    out = io.StringIO()
    call_command("sharing_expiry", stdout=out)
    return out.getvalue()


def board_titles(client) -> set[str]:
    with translation.override("fr"):
        response = client.get(reverse("projects:sharing_board"))
    return {post.title for post in response.context["posts"]}


@pytest.fixture
def author(empty_board):
    organisation = OrganisationFactory(name="Structure qui publie")
    return member_of(organisation, email="expiry@example.org"), organisation


@pytest.mark.django_db
def test_reminder_then_expiry_with_a_frozen_clock(
    client, author, django_capture_on_commit_callbacks
):
    user, organisation = author
    with time_machine.travel(START, tick=False):
        post = sharing_post(user, organisation, title="Une salle à Embrun", territory="embrun")
        assert post.expires_at == datetime.date(2031, 5, 31)  # 90 days
        assert "0 post(s) expired, 0 reminder(s) sent." in run_daily()

    # Eight days before: nothing yet.
    with time_machine.travel(START + datetime.timedelta(days=82), tick=False):
        assert "0 reminder(s)" in run_daily()

    # A week before: one reminder, e-mailed, linking to the post; once only.
    with time_machine.travel(START + datetime.timedelta(days=83), tick=False):
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            assert "1 reminder(s) sent" in run_daily()
            assert "0 reminder(s) sent" in run_daily()
        (email,) = mail.outbox
        assert email.to == ["expiry@example.org"]
        assert sharing.post_url(post) in email.body
        assert post.title in board_titles(client)

    # The last day: still on the board.
    with time_machine.travel(START + datetime.timedelta(days=90), tick=False):
        assert "0 post(s) expired" in run_daily()
        assert post.title in board_titles(client)

    # The day after: off the board even before the run, then expired by it; the author is told.
    with time_machine.travel(START + datetime.timedelta(days=91), tick=False):
        assert post.title not in board_titles(client)
        assert "1 post(s) expired" in run_daily()
        assert "0 post(s) expired" in run_daily()  # idempotent
        post.refresh_from_db()
        assert post.state == SharingPost.State.EXPIRED
        assert Notification.objects.filter(recipient=user).count() == 2  # reminder + expiry

        # Renewed, it is back for 90 days and will be reminded again.
        post = sharing.run_post_transition(post, "renew", by=user)
        assert post.state == SharingPost.State.PUBLISHED
        assert post.expires_at == timezone.localdate() + datetime.timedelta(days=90)
        assert post.reminded_at is None
        assert post.title in board_titles(client)


@pytest.mark.django_db
def test_renewing_is_offered_in_the_last_month_only(author):
    user, organisation = author
    with time_machine.travel(START, tick=False):
        post = sharing_post(user, organisation)
        assert "renew" not in dict(sharing.available_transitions(post, user))
    with time_machine.travel(START + datetime.timedelta(days=61), tick=False):
        post.refresh_from_db()
        assert "renew" in dict(sharing.available_transitions(post, user))


@pytest.mark.django_db
def test_drafts_and_closed_posts_are_neither_reminded_nor_expired(author):
    user, organisation = author
    with time_machine.travel(START, tick=False):
        draft = sharing_post(user, organisation, title="Brouillon", publish=False)
        fulfilled = sharing_post(user, organisation, title="Fait")
        sharing.run_post_transition(fulfilled, "fulfil", by=user)
    with time_machine.travel(START + datetime.timedelta(days=120), tick=False):
        assert "0 post(s) expired, 0 reminder(s) sent." in run_daily()
    draft.refresh_from_db()
    fulfilled.refresh_from_db()
    assert (draft.state, fulfilled.state) == (SharingPost.State.DRAFT, SharingPost.State.FULFILLED)


@pytest.mark.django_db
def test_the_command_catches_up_on_a_given_day(author):
    user, organisation = author
    post = sharing_post(user, organisation)
    later = (post.expires_at + datetime.timedelta(days=1)).isoformat()
    assert "1 post(s) expired" in call_command_output("--date", later)
    with pytest.raises(CommandError):
        call_command("sharing_expiry", "--date", "yesterday")


def call_command_output(*args) -> str:
    out = io.StringIO()
    call_command("sharing_expiry", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_the_task_runs_the_same_expiry(author):
    user, organisation = author
    with time_machine.travel(START, tick=False):
        sharing_post(user, organisation)
    with time_machine.travel(START + datetime.timedelta(days=95), tick=False):
        result = sharing.run_sharing_expiry.enqueue()
        assert result.return_value == {"expired": 1, "reminded": 0}
