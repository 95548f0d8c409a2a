"""The confirmation link, what an unconfirmed account may not do (sign in, get an API token,
write anything), asking for the link again, and the accounts made by code."""

import base64
import datetime
import io
import re

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext
from rest_framework.authtoken.models import Token

from accounts import confirmation
from accounts.models import User
from tests.factories import DEFAULT_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

NEEDS_CONFIRMATION = (
    "Confirm your e-mail address before doing this: open the link we sent to it. "
    "Nothing arrived? Ask for it again."
)


def url(name: str, language: str = "fr", **kwargs) -> str:
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


def in_language(language: str, text: str) -> str:
    with translation.override(language):
        return gettext(text)


def link_for(user, language: str = "fr") -> str:
    return url("accounts:sign_up_confirm", language, token=confirmation.make_token(user))


@pytest.fixture
def newcomer():
    return UserFactory(email="new@example.org", email_confirmed_at=None, language="en")


# ------------------------------------------------------------------------------ the link
def test_opening_the_link_changes_nothing_and_the_button_confirms_and_signs_in(client, newcomer):
    link = link_for(newcomer, "en")
    page = client.get(link)
    assert page.status_code == 200
    assert "Confirm my address and sign in" in page.content.decode()
    newcomer.refresh_from_db()
    assert newcomer.email_confirmed_at is None
    done = client.post(link)
    assert done.status_code == 302 and done["Location"] == url("accounts:profile", "en")
    assert done.wsgi_request.user == newcomer
    assert done.cookies["c05_language"].value == "en"
    newcomer.refresh_from_db()
    assert newcomer.email_confirmed_at is not None
    # Used once: the second time says the address is confirmed, signs nobody in.
    client.logout()
    again = client.post(link, follow=True)
    assert not again.wsgi_request.user.is_authenticated
    assert escape(in_language("en", "Your e-mail address is already confirmed: sign in.")) in (
        again.content.decode()
    )


@pytest.mark.parametrize("language", ["fr", "en"])
def test_an_expired_link_is_refused_in_the_visitors_language(client, newcomer, language):
    with time_machine.travel(datetime.datetime(2026, 11, 1, 12, tzinfo=datetime.UTC)):
        link = link_for(newcomer, language)
    with time_machine.travel(datetime.datetime(2026, 11, 4, 13, tzinfo=datetime.UTC)):
        refused = client.post(link)
    assert refused.status_code == 400
    expected = in_language(language, "This link has expired: ask for a new one.")
    assert escape(expected) in refused.content.decode()
    newcomer.refresh_from_db()
    assert newcomer.email_confirmed_at is None


def test_a_link_is_valid_three_days(client, newcomer):
    with time_machine.travel(datetime.datetime(2026, 11, 1, 12, tzinfo=datetime.UTC)):
        link = link_for(newcomer)
    with time_machine.travel(datetime.datetime(2026, 11, 4, 11, tzinfo=datetime.UTC)):
        assert client.post(link).status_code == 302


@pytest.mark.parametrize("token", ["bad", "eyJ1IjoxfQ:1x:forged"])
def test_a_forged_link_is_refused(client, token):
    refused = client.get(url("accounts:sign_up_confirm", "en", token=token))
    assert refused.status_code == 400
    assert "This link is not valid" in refused.content.decode()


def test_a_link_stops_working_when_the_account_changed(client, newcomer):
    link = link_for(newcomer)
    newcomer.set_password("another-long-passphrase")
    newcomer.save()
    assert client.post(link).status_code == 400
    newcomer.refresh_from_db()
    assert newcomer.email_confirmed_at is None


def test_the_link_carries_no_address(newcomer):
    token = confirmation.make_token(newcomer)
    assert "new" not in token and "example" not in token
    payload = token.split(":")[0]
    decoded = base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)).decode()
    assert "@" not in decoded and "example" not in decoded


def test_confirm_email_is_the_service_other_proofs_call(newcomer):
    assert confirmation.confirm_email(newcomer) is True
    assert confirmation.confirm_email(newcomer) is False
    newcomer.refresh_from_db()
    assert newcomer.is_email_confirmed


# ------------------------------------------------------------------------------ the API
def test_no_api_token_for_an_unconfirmed_account(client, newcomer):
    body = {"email": "new@example.org", "password": DEFAULT_PASSWORD}
    refused = client.post(
        "/api/v1/auth/token/", body, content_type="application/json", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert refused.status_code == 400
    assert "Confirm your e-mail address" in str(refused.json())
    assert not Token.objects.filter(user=newcomer).exists()
    # A wrong password says nothing about the account.
    wrong = client.post(
        "/api/v1/auth/token/",
        {"email": "new@example.org", "password": "wrong"},
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert wrong.status_code == 400 and "Confirm" not in str(wrong.json())


@pytest.mark.parametrize("how", ["token", "session"])
def test_the_api_refuses_writes_of_an_unconfirmed_account(client, newcomer, how):
    if how == "token":
        headers = {"HTTP_AUTHORIZATION": f"Token {Token.objects.create(user=newcomer).key}"}
    else:
        client.force_login(newcomer)
        headers = {}
    endpoint = reverse("api:experiment-list")
    assert client.get(endpoint, HTTP_ACCEPT_LANGUAGE="en", **headers).status_code == 200
    refused = client.post(
        endpoint, {}, content_type="application/json", HTTP_ACCEPT_LANGUAGE="en", **headers
    )
    assert refused.status_code == 403
    assert refused.json()["detail"] == NEEDS_CONFIRMATION


def test_the_api_lets_confirmed_accounts_write(client):
    token = Token.objects.create(user=UserFactory()).key
    response = client.post(
        reverse("api:experiment-list"),
        {},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Token {token}",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400  # the empty proposal's errors, not a refusal


# ------------------------------------------------------------------------------ the site
def propose(client, language: str = "fr"):
    return client.post(url("projects:propose", language), {"title": ""})


@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_signed_in_unconfirmed_account_writes_nothing(client, newcomer, language):
    client.force_login(newcomer)
    assert client.get(url("projects:propose", language)).status_code == 200
    refused = propose(client, language)
    assert refused.status_code == 403
    html = refused.content.decode()
    assert escape(in_language(language, NEEDS_CONFIRMATION)) in html
    assert f'action="{url("accounts:sign_up_resend", language)}"' in html


@pytest.mark.parametrize("role", ["visitor", "member", "coordinator"])
def test_other_roles_are_not_held_by_the_confirmation(client, role):
    if role != "visitor":
        user = UserFactory(is_staff=role == "coordinator", is_superuser=role == "coordinator")
        client.force_login(user)
    response = propose(client)
    assert escape(in_language("fr", NEEDS_CONFIRMATION)) not in response.content.decode()


def test_the_admin_refuses_writes_of_an_unconfirmed_superuser(client):
    admin = User.objects.create_superuser(
        "boss@example.org", "pw", full_name="Boss", email_confirmed_at=None
    )
    client.force_login(admin)
    response = client.post(reverse("wagtailusers_users:add"), {"email": "x@example.org"})
    assert response.status_code == 403
    assert not User.objects.filter(email="x@example.org").exists()


def test_the_own_account_pages_stay_open(client, newcomer, django_capture_on_commit_callbacks):
    client.force_login(newcomer)
    saved = client.post(url("accounts:profile", "en"), {"full_name": "Now Named", "language": "en"})
    assert saved.status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post(url("accounts:sign_up_resend", "en"))
    assert sent.status_code == 302 and sent["Location"] == url("accounts:sign_up_sent", "en")
    (message,) = mail.outbox
    assert message.to == ["new@example.org"]
    assert client.post(url("accounts:logout", "en")).status_code == 302


# ------------------------------------------------------------------------------ the link again
def test_asking_again_never_tells_whether_the_address_has_an_account(
    client, newcomer, django_capture_on_commit_callbacks
):
    UserFactory(email="confirmed@example.org")
    answers = []
    for email in ("new@example.org", "confirmed@example.org", "nobody@example.org"):
        with django_capture_on_commit_callbacks(execute=True):
            answers.append(client.post(url("accounts:sign_up_resend", "en"), {"email": email}))
    assert {(a.status_code, a["Location"]) for a in answers} == {
        (302, url("accounts:sign_up_sent", "en"))
    }
    (message,) = mail.outbox
    assert message.to == ["new@example.org"]
    link = re.search(r"http://testserver(/\w\w/\S+)", message.body).group(1)
    assert "example" not in link and "@" not in link
    assert client.post(link).status_code == 302


def test_asking_again_with_a_bad_address_keeps_it(client):
    response = client.post(url("accounts:sign_up_resend", "en"), {"email": "not-an-address"})
    assert response.status_code == 400
    assert 'value="not-an-address"' in response.content.decode()


# ------------------------------------------------------------------------------ made by code
def test_accounts_made_by_code_are_confirmed_unless_told(monkeypatch):
    assert User.objects.create_user("script@example.org", "pw").is_email_confirmed
    assert not User.objects.create_user(
        "later@example.org", "pw", email_confirmed_at=None
    ).is_email_confirmed
    monkeypatch.setenv("ADMIN_EMAIL", "root@example.org")
    monkeypatch.setenv("ADMIN_PASSWORD", "a-long-admin-passphrase")
    call_command("ensure_admin", stdout=io.StringIO())
    assert User.objects.get(email="root@example.org").is_email_confirmed


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_existing_accounts_are_confirmed_when_they_joined_and_the_migration_goes_back():
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    before = [("accounts", "0003_hygiene_one_line_fields")]
    after = [("accounts", "0004_accounts_email_confirmation")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old_user = executor.loader.project_state(before).apps.get_model("accounts", "User")
    joined = datetime.datetime(2025, 3, 4, 5, 6, tzinfo=datetime.UTC)
    old_user.objects.create(email="old@example.org", full_name="Old", date_joined=joined)
    executor = MigrationExecutor(connection)
    executor.migrate(after)
    assert User.objects.get(email="old@example.org").email_confirmed_at == joined
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
