"""Sign-in by e-mail, sign-up, password reset by e-mail, profile, admin user forms."""

import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from accounts.forms import SignInForm
from accounts.models import User
from tests.factories import DEFAULT_PASSWORD, UserFactory


def url(name: str, language: str = "fr", **kwargs) -> str:
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


def test_account_urls_are_translated():
    assert url("accounts:login", "fr") == "/fr/compte/connexion/"
    assert url("accounts:login", "en") == "/en/account/sign-in/"
    assert url("accounts:login", "it") == "/it/account/accesso/"


@pytest.mark.django_db
def test_sign_in_with_the_e_mail_address_in_any_case(client):
    UserFactory(email="lea@example.org")
    response = client.post(
        url("accounts:login"), {"username": "Lea@Example.org", "password": DEFAULT_PASSWORD}
    )
    assert response.status_code == 302
    assert response.wsgi_request.user.is_authenticated


@pytest.mark.django_db
def test_wrong_password_keeps_the_address_and_explains(client):
    UserFactory(email="lea@example.org")
    response = client.post(url("accounts:login"), {"username": "lea@example.org", "password": "x"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="lea@example.org"' in html
    assert "ne correspondent à aucun compte actif" in html


@pytest.mark.django_db
def test_sign_in_remembers_the_preferred_language(client):
    UserFactory(email="giulia@example.org", language="it")
    response = client.post(
        url("accounts:login"), {"username": "giulia@example.org", "password": DEFAULT_PASSWORD}
    )
    assert response.cookies["c05_language"].value == "it"
    assert client.get("/").headers["Location"] == "/it/"


@pytest.mark.django_db
def test_an_unconfirmed_account_is_told_only_once_the_password_matches(client):
    UserFactory(email="new@example.org", email_confirmed_at=None)
    wrong = client.post(url("accounts:login"), {"username": "new@example.org", "password": "x"})
    assert "ne correspondent à aucun compte actif" in wrong.content.decode()
    with translation.override("fr"):
        unconfirmed = str(SignInForm.error_messages["unconfirmed"])
    assert escape(unconfirmed) not in wrong.content.decode()
    right = client.post(
        url("accounts:login"), {"username": "new@example.org", "password": DEFAULT_PASSWORD}
    )
    assert right.status_code == 200
    assert not right.wsgi_request.user.is_authenticated
    html = right.content.decode()
    with translation.override("fr"):
        expected = str(SignInForm.error_messages["unconfirmed"])
    assert escape(expected) in html
    # The action to send the link again, with the address typed.
    assert f'action="{url("accounts:sign_up_resend")}"' in html
    assert 'value="new@example.org"' in html


@pytest.mark.django_db
def test_password_reset_by_e_mail(client):
    user = UserFactory(email="oubli@example.org", full_name="Anne Oubli")
    response = client.post(url("accounts:password_reset"), {"email": "oubli@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["oubli@example.org"]
    assert "Bonjour Anne Oubli" in message.body
    link = re.search(r"http://testserver(/fr/\S+)", message.body).group(1)
    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    response = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "a-brand-new-passphrase", "new_password2": "a-brand-new-passphrase"},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("a-brand-new-passphrase")


@pytest.mark.django_db
def test_a_password_reset_confirms_the_address_it_was_sent_to(client):
    user = UserFactory(email="oubli@example.org", email_confirmed_at=None)
    client.post(url("accounts:password_reset"), {"email": "oubli@example.org"})
    link = re.search(r"http://testserver(/fr/\S+)", mail.outbox[0].body).group(1)
    form_page = client.get(link, follow=True)
    client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "a-brand-new-passphrase", "new_password2": "a-brand-new-passphrase"},
    )
    user.refresh_from_db()
    assert user.email_confirmed_at is not None
    credentials = {"username": "oubli@example.org", "password": "a-brand-new-passphrase"}
    signed_in = client.post(url("accounts:login"), credentials)
    assert signed_in.status_code == 302


@pytest.mark.django_db
def test_a_password_reset_revokes_the_api_token(client):
    from rest_framework.authtoken.models import Token

    user = UserFactory(email="oubli@example.org")
    Token.objects.create(user=user)
    client.post(url("accounts:password_reset"), {"email": "oubli@example.org"})
    link = re.search(r"http://testserver(/fr/\S+)", mail.outbox[0].body).group(1)
    form_page = client.get(link, follow=True)
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "a-brand-new-passphrase", "new_password2": "a-brand-new-passphrase"},
        follow=True,
    )
    assert "API ne fonctionne plus : demandez-en un nouveau" in done.content.decode()
    assert not Token.objects.filter(user=user).exists()


@pytest.mark.django_db
def test_a_password_change_revokes_the_api_token_and_a_failed_one_does_not(client):
    from rest_framework.authtoken.models import Token

    user = UserFactory()
    Token.objects.create(user=user)
    client.force_login(user)
    page = url("accounts:password_change")
    wrong = client.post(
        page,
        {
            "old_password": "not-the-password",
            "new_password1": "a-brand-new-passphrase",
            "new_password2": "a-brand-new-passphrase",
        },
    )
    assert wrong.status_code == 400
    assert 'value="a-brand-new-passphrase"' not in wrong.content.decode()  # never echoed
    assert Token.objects.filter(user=user).exists()
    done = client.post(
        page,
        {
            "old_password": DEFAULT_PASSWORD,
            "new_password1": "a-brand-new-passphrase",
            "new_password2": "a-brand-new-passphrase",
        },
        follow=True,
    )
    assert "API ne fonctionne plus : demandez-en un nouveau" in done.content.decode()
    assert not Token.objects.filter(user=user).exists()


@pytest.mark.django_db
def test_password_reset_for_unknown_address_reveals_nothing(client):
    response = client.post(url("accounts:password_reset"), {"email": "nobody@example.org"})
    assert response.status_code == 302
    assert mail.outbox == []


@pytest.mark.django_db
def test_profile_needs_sign_in_and_saves_the_language(client):
    assert client.get(url("accounts:profile")).status_code == 302
    user = UserFactory()
    client.force_login(user)
    response = client.post(url("accounts:profile"), {"full_name": "Nom Changé", "language": "it"})
    assert response.status_code == 302
    assert response["Location"] == "/it/account/profilo/"
    user.refresh_from_db()
    assert (user.full_name, user.language) == ("Nom Changé", "it")


@pytest.mark.django_db
def test_profile_with_errors_keeps_input(client):
    client.force_login(UserFactory())
    response = client.post(url("accounts:profile"), {"full_name": "Nom gardé", "language": "xx"})
    assert response.status_code == 400
    assert 'value="Nom gardé"' in response.content.decode()


@pytest.mark.django_db
def test_admin_creates_a_user_with_our_fields(client):
    admin = User.objects.create_superuser("boss@example.org", "pw", full_name="Boss")
    client.force_login(admin)
    response = client.post(
        reverse("wagtailusers_users:add"),
        {
            "email": "made@example.org",
            "full_name": "Made In Admin",
            "language": "it",
            "password1": "a-long-admin-made-pass",
            "password2": "a-long-admin-made-pass",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    made = User.objects.get(email="made@example.org")
    assert made.full_name == "Made In Admin" and made.language == "it"
    # Made by someone else: the address is confirmed only by the person following a link.
    assert made.email_confirmed_at is None
