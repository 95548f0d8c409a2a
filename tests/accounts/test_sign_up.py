"""Sign-up: one answer whether or not the address has an account, a link to confirm it, the
privacy notice above the button."""

import base64
import re

import pytest
from django.contrib.auth.hashers import get_hasher
from django.core import mail
from django.urls import reverse
from django.utils import translation

from accounts.models import User
from tests.factories import DEFAULT_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

PASSPHRASE = "a-sound-passphrase-42"


def url(name: str, language: str = "fr", **kwargs) -> str:
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


def sign_up(client, capture, email: str, language: str = "en", **extra):
    data = {
        "email": email,
        "full_name": "New Person",
        "language": language,
        "password1": PASSPHRASE,
        "password2": PASSPHRASE,
        **extra,
    }
    with capture(execute=True):
        return client.post(url("accounts:sign_up", language), data)


def link_in(message) -> str:
    return re.search(r"http://testserver(/\w\w/\S+)", message.body).group(1)


def assert_no_address_in(link: str) -> None:
    """Neither the link nor what its signed token decodes to names an address."""
    token = link.split("?")[0].rstrip("/").rsplit("/", 1)[1]
    payload = token.split(":")[0]
    decoded = base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)).decode()
    for text in (link, decoded):
        assert "@" not in text and "%40" not in text and "example" not in text


def test_the_form_shows_the_privacy_notice_above_the_button(client):
    html = client.get(url("accounts:sign_up", "en")).content.decode()
    notice = html.index('id="sign-up-privacy"')
    assert notice < html.index(url("accounts:privacy", "en"), notice)
    assert html.index(url("accounts:privacy", "en"), notice) < html.index("Create my account</")
    assert 'aria-describedby="sign-up-privacy"' in html


def test_a_new_address_gets_an_unconfirmed_account_and_a_link(
    client, django_capture_on_commit_callbacks
):
    response = sign_up(client, django_capture_on_commit_callbacks, "New.Person@Example.org")
    assert response.status_code == 302
    assert response["Location"] == url("accounts:sign_up_sent", "en")
    assert not response.wsgi_request.user.is_authenticated
    user = User.objects.get(email="new.person@example.org")
    assert user.full_name == "New Person" and user.language == "en"
    assert user.email_confirmed_at is None and user.check_password(PASSPHRASE)
    (message,) = mail.outbox
    assert message.to == ["new.person@example.org"]
    assert "Confirm your e-mail address" in message.subject
    link = link_in(message)
    assert link.startswith("/en/")
    assert_no_address_in(link)
    # Not signed in until the link is followed.
    assert client.get(url("accounts:profile", "en")).status_code == 302


def test_the_answer_is_the_same_whether_or_not_the_address_exists(
    client, django_capture_on_commit_callbacks
):
    owner = UserFactory(email="taken@example.org", full_name="Anne Prise", language="it")
    new = sign_up(client, django_capture_on_commit_callbacks, "fresh@example.org")
    taken = sign_up(client, django_capture_on_commit_callbacks, "Taken@Example.org")
    assert (new.status_code, new["Location"]) == (taken.status_code, taken["Location"])
    assert client.get(new["Location"]).content == client.get(taken["Location"]).content
    # Nothing changed for the owner, who is told by e-mail, in their language.
    owner.refresh_from_db()
    assert owner.full_name == "Anne Prise" and owner.check_password(DEFAULT_PASSWORD)
    assert User.objects.filter(email__iexact="taken@example.org").count() == 1
    (notice,) = [m for m in mail.outbox if m.to == ["taken@example.org"]]
    assert "Bonjour" not in notice.body and "Buongiorno Anne Prise" in notice.body
    assert "/it/account/accesso/" in notice.body
    assert url("accounts:password_reset", "it") in notice.body


def test_both_paths_hash_a_password(client, django_capture_on_commit_callbacks, monkeypatch):
    """Hashing is the slow part of signing up: both answers do it once, so timing tells
    nothing."""
    hasher = type(get_hasher())
    calls = []
    original = hasher.encode

    def counting(self, *args, **kwargs):
        calls.append(1)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(hasher, "encode", counting)
    sign_up(client, django_capture_on_commit_callbacks, "fresh@example.org")
    assert len(calls) == 1
    UserFactory(email="taken@example.org")
    calls.clear()
    sign_up(client, django_capture_on_commit_callbacks, "taken@example.org")
    assert len(calls) == 1


def test_an_unconfirmed_owner_gets_the_link_again(client, django_capture_on_commit_callbacks):
    UserFactory(email="waiting@example.org", email_confirmed_at=None)
    sign_up(client, django_capture_on_commit_callbacks, "waiting@example.org")
    (message,) = mail.outbox
    assert message.to == ["waiting@example.org"]
    assert (
        "/compte/inscription/confirmation/" in message.body or "/sign-up/confirm/" in message.body
    )


def test_errors_keep_what_was_typed_and_never_say_the_address_is_taken(client):
    UserFactory(email="taken@example.org")
    response = client.post(
        url("accounts:sign_up", "en"),
        {
            "email": "taken@example.org",
            "full_name": "Jeanne Dupont",
            "language": "fr",
            "password1": "short",
            "password2": "different",
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'value="Jeanne Dupont"' in html and 'value="taken@example.org"' in html
    assert "already" not in html
    assert User.objects.filter(email="taken@example.org").count() == 1
    assert mail.outbox == []


def test_the_link_continues_where_the_person_was_going(client, django_capture_on_commit_callbacks):
    target = url("projects:propose", "en")
    sign_up(client, django_capture_on_commit_callbacks, "lea@example.org", next=target)
    link = link_in(mail.outbox[0])
    assert_no_address_in(link)
    page = client.get(link)
    assert page.status_code == 200
    assert f'value="{target}"' in page.content.decode()
    done = client.post(link)
    assert done.status_code == 302 and done["Location"] == target
    assert done.wsgi_request.user.email == "lea@example.org"


def test_a_foreign_next_is_dropped(client, django_capture_on_commit_callbacks):
    sign_up(
        client, django_capture_on_commit_callbacks, "lea@example.org", next="https://evil.test/"
    )
    done = client.post(link_in(mail.outbox[0]))
    assert done["Location"] == url("accounts:profile", "en")


def test_signed_in_people_are_sent_on(client):
    client.force_login(UserFactory())
    response = client.get(url("accounts:sign_up"))
    assert response.status_code == 302 and response["Location"] == url("accounts:profile")
