"""Changing the sign-in e-mail address: the current password, then a link to the new address.
The address waits on the account; the link carries only the account's id and a signature."""

import datetime
import re

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import translation

from accounts.email_change import make_token
from accounts.models import Notification, User
from tests.factories import DEFAULT_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def url(name: str, language: str = "fr", **kwargs) -> str:
    with translation.override(language):
        return reverse(name, kwargs=kwargs)


def ask(client, user, email: str, capture, language: str = "en"):
    """Ask for the change, and run what waits for the commit (the e-mails' tasks)."""
    client.force_login(user)
    with capture(execute=True):
        return client.post(
            url("accounts:email_change", language),
            {"email": email, "current_password": DEFAULT_PASSWORD},
        )


def link_in(message) -> str:
    return re.search(r"http://\S+?(/\w\w/\S+)", message.body).group(1)


def token_for(user, new_email: str) -> str:
    """The token the e-mail would carry, the change being asked (as `request_change` does)."""
    user.pending_email = new_email
    user.save(update_fields=["pending_email"])
    return make_token(user)


def test_the_password_is_asked_and_errors_keep_what_was_typed(client):
    user = UserFactory(email="before@example.org")
    UserFactory(email="taken@example.org")
    client.force_login(user)
    page = url("accounts:email_change", "en")
    assert client.get(page).status_code == 200
    wrong = client.post(page, {"email": "after@example.org", "current_password": "nope"})
    assert wrong.status_code == 400
    assert 'value="after@example.org"' in wrong.content.decode()
    taken = client.post(page, {"email": "Taken@Example.org", "current_password": DEFAULT_PASSWORD})
    assert taken.status_code == 400
    assert "Another account already uses" in taken.content.decode()
    assert mail.outbox == []


def test_nothing_changes_until_the_link_sent_to_the_new_address_is_confirmed(
    client, django_capture_on_commit_callbacks
):
    user = UserFactory(email="before@example.org", full_name="Anne Avant")
    asked = ask(client, user, "After@Example.org", django_capture_on_commit_callbacks)
    assert asked.status_code == 302
    user.refresh_from_db()
    assert user.email == "before@example.org"
    (notice,) = Notification.objects.filter(recipient=user)
    assert "after@example.org" in notice.body
    to_old = [m for m in mail.outbox if m.to == ["before@example.org"]]
    to_new = [m for m in mail.outbox if m.to == ["after@example.org"]]
    assert len(to_old) == 1 and "after@example.org" in to_old[0].body
    assert len(to_new) == 1 and "Bonjour Anne Avant" in to_new[0].body
    link = link_in(to_new[0])

    # Opening the link (as a mail server's link checker would) changes nothing.
    page = client.get(link)
    assert page.status_code == 200
    assert "after@example.org" in page.content.decode()
    user.refresh_from_db()
    assert user.email == "before@example.org"

    done = client.post(link)
    assert done.status_code == 302 and done["Location"] == url("accounts:profile", "fr")
    user.refresh_from_db()
    assert user.email == "after@example.org" and user.pending_email == ""
    assert user.email_confirmed_at is not None
    assert User.objects.get_by_natural_key("AFTER@example.org") == user
    # Used once: the link names the address it replaces.
    again = client.post(link)
    assert again.status_code == 400
    assert "ne fonctionne plus" in again.content.decode()


def test_the_link_works_without_signing_in_and_leads_to_the_sign_in_page(client):
    user = UserFactory(email="before@example.org")
    link = url("accounts:email_confirm", "en", token=token_for(user, "after@example.org"))
    done = client.post(link)
    assert done.status_code == 302 and done["Location"] == url("accounts:login", "en")
    user.refresh_from_db()
    assert user.email == "after@example.org"
    assert client.login(username="after@example.org", password=DEFAULT_PASSWORD)


def test_an_expired_link_is_refused(client):
    user = UserFactory(email="before@example.org")
    with time_machine.travel(datetime.datetime(2026, 11, 1, 12, tzinfo=datetime.UTC)):
        token = token_for(user, "after@example.org")
    with time_machine.travel(datetime.datetime(2026, 11, 2, 13, tzinfo=datetime.UTC)):
        refused = client.post(url("accounts:email_confirm", "en", token=token))
    assert refused.status_code == 400
    assert "This link has expired" in refused.content.decode()
    user.refresh_from_db()
    assert user.email == "before@example.org"


@pytest.mark.parametrize("token", ["bad", "eyJ1IjoxfQ:1x:forged"])
def test_a_forged_link_is_refused_in_the_visitors_language(client, token):
    refused = client.get(url("accounts:email_confirm", "it", token=token))
    assert refused.status_code == 400
    assert "Questo link non è valido" in refused.content.decode()


def test_a_link_made_for_another_address_of_the_account_stops_working(client):
    user = UserFactory(email="before@example.org")
    first = token_for(user, "first@example.org")
    second = token_for(user, "second@example.org")
    # A later request voids the earlier link, before and after the change.
    assert client.post(url("accounts:email_confirm", "en", token=first)).status_code == 400
    assert client.post(url("accounts:email_confirm", "en", token=second)).status_code == 302
    refused = client.post(url("accounts:email_confirm", "en", token=first))
    assert refused.status_code == 400
    user.refresh_from_db()
    assert user.email == "second@example.org" and user.pending_email == ""


def test_a_link_stops_working_once_the_address_changed_otherwise(client):
    user = UserFactory(email="before@example.org")
    token = token_for(user, "after@example.org")
    # The address changes by another way (a coordinator in the admin), the request still there.
    User.objects.filter(pk=user.pk).update(email="elsewhere@example.org")
    refused = client.post(url("accounts:email_confirm", "en", token=token))
    assert refused.status_code == 400
    assert "no longer works" in refused.content.decode()
    user.refresh_from_db()
    assert user.email == "elsewhere@example.org"


def test_the_link_carries_no_address(client, django_capture_on_commit_callbacks):
    import base64

    user = UserFactory(email="before@example.org")
    ask(client, user, "after@example.org", django_capture_on_commit_callbacks)
    (to_new,) = [m for m in mail.outbox if m.to == ["after@example.org"]]
    link = link_in(to_new)
    token = link.rstrip("/").rsplit("/", 1)[1]
    payload = token.split(":")[0]
    decoded = base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)).decode()
    for text in (link, decoded):
        assert "example.org" not in text and "before" not in text and "after" not in text
    user.refresh_from_db()
    assert user.pending_email == "after@example.org"


def test_an_address_taken_meanwhile_is_refused(client):
    user = UserFactory(email="before@example.org")
    token = token_for(user, "after@example.org")
    UserFactory(email="after@example.org")
    refused = client.post(url("accounts:email_confirm", "en", token=token))
    assert refused.status_code == 400
    assert "Another account already uses this e-mail address." in refused.content.decode()
    user.refresh_from_db()
    assert user.email == "before@example.org"


def test_the_e_mails_are_in_the_persons_language(client, django_capture_on_commit_callbacks):
    user = UserFactory(email="prima@example.org", language="it")
    ask(client, user, "dopo@example.org", django_capture_on_commit_callbacks, language="fr")
    (to_new,) = [m for m in mail.outbox if m.to == ["dopo@example.org"]]
    assert "Conferma il tuo nuovo indirizzo e-mail" in to_new.subject
    assert link_in(to_new).startswith("/it/")
