"""Two-factor authentication: who must use it, set-up, verification, removal, API tokens."""

import re

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import translation
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import roles, two_factor
from tests.factories import DEFAULT_PASSWORD, UserFactory


def url(name: str, language: str = "fr", **kwargs) -> str:
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


def code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


@pytest.fixture
def required(settings):
    settings.TWO_FACTOR_REQUIRED = True


def staff(group: str, **kwargs):
    user = UserFactory(**kwargs)
    user.groups.add(Group.objects.get_or_create(name=group)[0])
    return user


def with_device(user) -> TOTPDevice:
    device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)
    two_factor.replace_backup_tokens(user)
    return device


@pytest.mark.django_db
@pytest.mark.parametrize("group", [roles.COORDINATORS, roles.MODERATORS, roles.EDITORS])
def test_staff_without_a_device_are_sent_to_the_set_up_page(client, required, group):
    client.force_login(staff(group))
    response = client.get(url("projects:space"))
    assert response.status_code == 302
    assert response["Location"].startswith(url("accounts:two_factor_setup") + "?next=")


@pytest.mark.django_db
def test_funder_reviewers_are_sent_to_the_set_up_page(client, required):
    from funding.dossiers.models import FunderMembership
    from tests.factories import FunderFactory

    reviewer = UserFactory()
    FunderMembership.objects.create(user=reviewer, funder=FunderFactory())
    client.force_login(reviewer)
    response = client.get(url("projects:space"))
    assert response.status_code == 302
    assert response["Location"].startswith(url("accounts:two_factor_setup"))


@pytest.mark.django_db
def test_superusers_are_held_back_from_the_admin(client, required):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith(url("accounts:two_factor_setup"))


@pytest.mark.django_db
def test_members_without_a_role_are_not_asked(client, required):
    client.force_login(UserFactory())
    assert client.get(url("projects:space")).status_code == 200


@pytest.mark.django_db
def test_staff_are_not_asked_while_the_setting_is_off(client, settings):
    settings.TWO_FACTOR_REQUIRED = False
    client.force_login(staff(roles.COORDINATORS))
    assert client.get(url("projects:space")).status_code == 200


@pytest.mark.django_db
def test_whoever_has_a_device_is_asked_even_when_not_required(client, settings):
    settings.TWO_FACTOR_REQUIRED = False
    user = UserFactory()
    with_device(user)
    client.force_login(user)
    response = client.get(url("projects:space"))
    assert response.status_code == 302
    assert response["Location"].startswith(url("accounts:two_factor_verify"))


@pytest.mark.django_db
def test_a_registered_requirement_applies(client, required):
    user = UserFactory(email="reviewer@example.org")

    def reviewers(candidate) -> bool:
        return candidate.email == "reviewer@example.org"

    two_factor.register_requirement(reviewers)
    try:
        client.force_login(user)
        assert client.get(url("projects:space")).status_code == 302
        assert two_factor.is_required(user)
        assert not two_factor.is_required(UserFactory())
    finally:
        two_factor.unregister_requirement(reviewers)
    assert not two_factor.is_required(user)


@pytest.mark.django_db
def test_set_up_with_a_qr_code_then_backup_codes(client, required):
    user = staff(roles.COORDINATORS)
    client.force_login(user)
    page = client.get(url("accounts:two_factor_setup", "en"))
    assert page.status_code == 200
    html = page.content.decode()
    assert 'src="data:image/svg+xml;base64,' in html
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    assert "".join(two_factor.secret_for_display(device).split()) in "".join(html.split())

    wrong = client.post(url("accounts:two_factor_setup", "en"), {"token": "000000"})
    assert wrong.status_code == 400
    assert "This code is not right" in wrong.content.decode()
    device.refresh_from_db()
    device.throttle_reset()  # a wrong code makes the next try wait a second: skip the wait

    done = client.post(url("accounts:two_factor_setup", "en"), {"token": code(device)})
    assert done.status_code == 200
    backup = re.findall(r"<li><code>([a-z0-9]+)</code></li>", done.content.decode())
    assert len(backup) == two_factor.BACKUP_TOKEN_COUNT
    assert set(backup) == set(
        StaticToken.objects.filter(device__user=user).values_list("token", flat=True)
    )
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(url("projects:space")).status_code == 200


@pytest.mark.django_db
def test_sign_in_asks_for_the_code_then_goes_on(client, required):
    # Sign-in goes on in the account's language: an English-speaking moderator.
    user = staff(roles.MODERATORS, email="moderator@example.org", language="en")
    device = with_device(user)
    signed = client.post(
        url("accounts:login", "en") + "?next=/en/my-space/",
        {"username": "moderator@example.org", "password": DEFAULT_PASSWORD},
    )
    assert signed.status_code == 302
    assert signed["Location"].startswith(url("accounts:two_factor_verify", "en") + "?next=")
    assert client.get(url("projects:space", "en")).status_code == 302

    page = client.get(signed["Location"])
    assert page.status_code == 200
    wrong = client.post(signed["Location"], {"token": "123"})
    assert wrong.status_code == 400
    device.refresh_from_db()
    device.throttle_reset()  # a wrong code makes the next try wait a second: skip the wait
    right = client.post(signed["Location"], {"token": code(device)})
    assert right.status_code == 302
    assert right["Location"] == "/en/my-space/"
    assert client.get(url("projects:space", "en")).status_code == 200


@pytest.mark.django_db
def test_a_backup_code_works_once(client, required):
    user = staff(roles.COORDINATORS)
    with_device(user)
    token = StaticToken.objects.filter(device__user=user).first().token
    client.force_login(user)
    assert (
        client.post(url("accounts:two_factor_verify"), {"token": token.upper()}).status_code == 302
    )
    client.logout()
    client.force_login(user)
    assert client.post(url("accounts:two_factor_verify"), {"token": token}).status_code == 400


@pytest.mark.django_db
def test_repeated_wrong_codes_are_slowed_down(client, required):
    user = staff(roles.COORDINATORS)
    with_device(user)
    StaticToken.objects.filter(device__user=user).delete()
    client.force_login(user)
    statuses = [
        client.post(url("accounts:two_factor_verify", "en"), {"token": "999999"}).status_code
        for _ in range(3)
    ]
    assert statuses[0] == 400
    assert 429 in statuses
    last = client.post(url("accounts:two_factor_verify", "en"), {"token": "999999"})
    assert "Too many wrong codes" in last.content.decode()


@pytest.mark.django_db
def test_an_unsafe_next_address_is_ignored(client, required):
    user = staff(roles.COORDINATORS)
    device = with_device(user)
    client.force_login(user)
    response = client.post(
        url("accounts:two_factor_verify") + "?next=https://evil.example/", {"token": code(device)}
    )
    assert response.status_code == 302
    assert response["Location"] == url("projects:space")


@pytest.mark.django_db
def test_removal_needs_the_current_password(client, required):
    user = staff(roles.COORDINATORS)
    device = with_device(user)
    client.force_login(user)
    client.post(url("accounts:two_factor_verify"), {"token": code(device)})
    refused = client.post(url("accounts:two_factor", "en"), {"current_password": "wrong"})
    assert refused.status_code == 400
    assert "This is not your current password" in refused.content.decode()
    assert two_factor.has_device(user)

    removed = client.post(url("accounts:two_factor", "en"), {"current_password": DEFAULT_PASSWORD})
    assert not two_factor.has_device(user)
    # A coordinator must set up a new device straight away.
    assert removed["Location"] == url("accounts:two_factor_setup", "en")
    assert client.get(url("projects:space")).status_code == 302


@pytest.mark.django_db
def test_new_backup_codes_need_the_password_and_replace_the_old_ones(client, required):
    user = staff(roles.COORDINATORS)
    device = with_device(user)
    old = set(StaticToken.objects.filter(device__user=user).values_list("token", flat=True))
    client.force_login(user)
    # Before the second factor of this session: sent to give it first.
    early = client.post(url("accounts:two_factor_backup_codes"), {})
    assert early["Location"].startswith(url("accounts:two_factor_verify"))
    client.post(url("accounts:two_factor_verify"), {"token": code(device)})
    page = client.get(url("accounts:two_factor", "en")).content.decode()
    assert "You have 10 unused backup codes." in page

    refused = client.post(
        url("accounts:two_factor_backup_codes", "en"), {"codes-current_password": "wrong"}
    )
    assert refused.status_code == 400
    assert "This is not your current password" in refused.content.decode()
    assert set(StaticToken.objects.filter(device__user=user).values_list("token", flat=True)) == old

    made = client.post(
        url("accounts:two_factor_backup_codes", "en"),
        {"codes-current_password": DEFAULT_PASSWORD},
    )
    assert made.status_code == 200
    new = set(StaticToken.objects.filter(device__user=user).values_list("token", flat=True))
    assert len(new) == len(old) and not new & old
    shown = made.content.decode()
    assert all(f"<code>{token}</code>" in shown for token in new)
    # An old code no longer signs in; a new one does.
    client.logout()
    client.force_login(user)
    assert client.post(url("accounts:two_factor_verify"), {"token": old.pop()}).status_code == 400
    device.refresh_from_db()
    device.throttle_reset()
    StaticToken.objects.filter(device__user=user).first().device.throttle_reset()
    assert client.post(url("accounts:two_factor_verify"), {"token": new.pop()}).status_code == 302


@pytest.mark.django_db
def test_a_member_may_remove_it_and_go_on(client, settings):
    user = UserFactory()
    device = with_device(user)
    client.force_login(user)
    client.post(url("accounts:two_factor_verify"), {"token": code(device)})
    client.post(url("accounts:two_factor"), {"current_password": DEFAULT_PASSWORD})
    assert not two_factor.has_device(user)
    assert client.get(url("projects:space")).status_code == 200


@pytest.mark.django_db
def test_removing_it_revokes_the_api_tokens_obtained_with_it(client, settings):
    from rest_framework.authtoken.models import Token

    user, other = UserFactory(), UserFactory()
    device = with_device(user)
    key = Token.objects.create(user=user).key
    kept = Token.objects.create(user=other).key
    api = client.get("/api/v1/experiments/", HTTP_AUTHORIZATION=f"Token {key}")
    assert api.status_code == 200
    client.force_login(user)
    client.post(url("accounts:two_factor_verify"), {"token": code(device)})
    done = client.post(
        url("accounts:two_factor", "en"), {"current_password": DEFAULT_PASSWORD}, follow=True
    )
    assert "Your API token no longer works" in done.content.decode()
    assert list(Token.objects.values_list("key", flat=True)) == [kept]
    client.logout()
    api = client.get("/api/v1/experiments/", HTTP_AUTHORIZATION=f"Token {key}")
    assert api.status_code == 401


@pytest.mark.django_db
def test_the_profile_links_to_the_security_pages(client):
    client.force_login(UserFactory())
    html = client.get(url("accounts:profile")).content.decode()
    assert url("accounts:email_change") in html
    assert url("accounts:two_factor") in html


@pytest.mark.django_db
def test_session_api_calls_wait_for_the_code(client, required):
    client.force_login(staff(roles.COORDINATORS))
    response = client.get("/api/v1/experiments/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 403
    assert "two-factor" in response.json()["detail"]


@pytest.mark.django_db
def test_api_token_needs_the_code_of_a_device(client, settings):
    user = UserFactory(email="api@example.org")
    device = with_device(user)
    endpoint = "/api/v1/auth/token/"
    credentials = {"email": "api@example.org", "password": DEFAULT_PASSWORD}
    missing = client.post(endpoint, credentials, content_type="application/json")
    assert missing.status_code == 400
    assert "otp_token" in missing.json()["errors"]
    ok = client.post(
        endpoint, {**credentials, "otp_token": code(device)}, content_type="application/json"
    )
    assert ok.status_code == 200 and ok.json()["token"]


@pytest.mark.django_db
def test_api_token_refused_to_required_staff_without_a_device(client, required):
    staff(roles.COORDINATORS, email="coord-api@example.org")
    response = client.post(
        "/api/v1/auth/token/",
        {"email": "coord-api@example.org", "password": DEFAULT_PASSWORD},
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400
    assert "Set up two-factor authentication" in str(response.json())
