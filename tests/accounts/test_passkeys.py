"""Passkeys (WebAuthn) beside the authenticator app: registration, verification, removal.

The browser's side is played by a software authenticator (an ECDSA P-256 key, "none"
attestation) that signs what the site's WebAuthn endpoints send, as a passkey would.
"""

import hashlib
import json
import os
import struct
from base64 import urlsafe_b64decode, urlsafe_b64encode

import cbor2
import pytest
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from accounts import roles, two_factor
from tests.factories import UserFactory

ORIGIN = "http://testserver"


def url(name: str, language: str = "fr", **kwargs) -> str:
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


def b64(data: bytes) -> str:
    return urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def unb64(text: str) -> bytes:
    return urlsafe_b64decode(text + "=" * (-len(text) % 4))


class SoftAuthenticator:
    """One passkey on a pretend device: creates the credential, then signs challenges."""

    def __init__(self) -> None:
        self.key = ec.generate_private_key(ec.SECP256R1())
        self.credential_id = os.urandom(32)
        self.sign_count = 0

    def _client_data(self, kind: str, challenge: str) -> bytes:
        data = {"type": kind, "challenge": challenge, "origin": ORIGIN, "crossOrigin": False}
        return json.dumps(data).encode()

    def _auth_data(self, rp_id: str, flags: int, attested: bytes = b"") -> bytes:
        self.sign_count += 1
        rp_hash = hashlib.sha256(rp_id.encode()).digest()
        return rp_hash + bytes([flags]) + struct.pack(">I", self.sign_count) + attested

    def create(self, options: dict) -> dict:
        numbers = self.key.public_key().public_numbers()
        cose_key = cbor2.dumps(
            {
                1: 2,
                3: -7,
                -1: 1,
                -2: numbers.x.to_bytes(32, "big"),
                -3: numbers.y.to_bytes(32, "big"),
            }
        )
        attested = bytes(16) + struct.pack(">H", len(self.credential_id)) + self.credential_id
        # User present, user verified, attested credential data included.
        auth_data = self._auth_data(options["rp"]["id"], 0x45, attested + cose_key)
        attestation = cbor2.dumps({"fmt": "none", "attStmt": {}, "authData": auth_data})
        client_data = self._client_data("webauthn.create", options["challenge"])
        return {
            "id": b64(self.credential_id),
            "rawId": b64(self.credential_id),
            "type": "public-key",
            "response": {
                "clientDataJSON": b64(client_data),
                "attestationObject": b64(attestation),
                "transports": ["internal"],
            },
            "clientExtensionResults": {"credProps": {"rk": True}},
            "authenticatorAttachment": "platform",
        }

    def get(self, options: dict) -> dict:
        auth_data = self._auth_data(options["rpId"], 0x05)
        client_data = self._client_data("webauthn.get", options["challenge"])
        signature = self.key.sign(
            auth_data + hashlib.sha256(client_data).digest(), ec.ECDSA(hashes.SHA256())
        )
        return {
            "id": b64(self.credential_id),
            "rawId": b64(self.credential_id),
            "type": "public-key",
            "response": {
                "clientDataJSON": b64(client_data),
                "authenticatorData": b64(auth_data),
                "signature": b64(signature),
                "userHandle": None,
            },
            "clientExtensionResults": {},
        }


@pytest.fixture(autouse=True)
def relying_party(settings):
    settings.OTP_WEBAUTHN_RP_ID = "testserver"
    settings.OTP_WEBAUTHN_ALLOWED_ORIGINS = [ORIGIN]


@pytest.fixture
def required(settings):
    settings.TWO_FACTOR_REQUIRED = True


def coordinator():
    user = UserFactory()
    user.groups.add(Group.objects.get_or_create(name=roles.COORDINATORS)[0])
    return user


def post_json(client, name: str, data: dict | None = None):
    return client.post(url(name), data=json.dumps(data or {}), content_type="application/json")


def register(client, authenticator: SoftAuthenticator, name: str = "Work laptop"):
    """The registration ceremony as the page's scripts run it; returns the naming answer."""
    options = post_json(client, "accounts:passkey_register_begin")
    assert options.status_code == 200, options.content
    answer = post_json(
        client, "accounts:passkey_register_complete", authenticator.create(options.json())
    )
    assert answer.status_code == 200, answer.content
    return client.post(
        url("accounts:passkey_added"), {"passkey": answer.json()["id"], "name": name}
    )


def verify(client, authenticator: SoftAuthenticator, next_url: str = ""):
    options = post_json(client, "accounts:passkey_verify_begin")
    assert options.status_code == 200, options.content
    complete = url("accounts:passkey_verify_complete") + (f"?next={next_url}" if next_url else "")
    return client.post(
        complete,
        data=json.dumps(authenticator.get(options.json())),
        content_type="application/json",
    )


def passkey_of(user, authenticator: SoftAuthenticator | None = None) -> WebAuthnCredential:
    """A registered passkey, stored as the registration ceremony stores it."""
    authenticator = authenticator or SoftAuthenticator()
    numbers = authenticator.key.public_key().public_numbers()
    public_key = cbor2.dumps(
        {1: 2, 3: -7, -1: 1, -2: numbers.x.to_bytes(32, "big"), -3: numbers.y.to_bytes(32, "big")}
    )
    return WebAuthnCredential.objects.create(
        user=user,
        name="Security key",
        confirmed=True,
        credential_id=authenticator.credential_id,
        public_key=public_key,
        sign_count=0,
    )


@pytest.mark.django_db
def test_a_coordinator_without_a_device_sets_up_a_passkey(client, required):
    user = coordinator()
    client.force_login(user)
    assert client.get(url("projects:space")).status_code == 302  # held back to the set-up
    setup = client.get(url("accounts:two_factor_setup"))
    assert b'id="passkey-registration-available-template"' in setup.content

    response = register(client, SoftAuthenticator(), name="  Work   laptop ")

    # First device: backup codes, shown once, as for the authenticator app.
    assert response.status_code == 200
    assert len(response.context["tokens"]) == two_factor.BACKUP_TOKEN_COUNT
    passkey = WebAuthnCredential.objects.get(user=user)
    assert passkey.name == "Work laptop"
    assert two_factor.has_device(user)
    # The requirement is met: the session goes on without a code.
    assert client.get(url("projects:space")).status_code == 200


@pytest.mark.django_db
def test_a_passkey_verifies_the_second_step_of_signing_in(client, required):
    user = coordinator()
    authenticator = SoftAuthenticator()
    passkey = passkey_of(user, authenticator)
    client.force_login(user)
    held = client.get(url("projects:space"))
    assert held["Location"].startswith(url("accounts:two_factor_verify"))
    page = client.get(url("accounts:two_factor_verify"))
    assert b'id="passkey-verification-available-template"' in page.content

    answer = verify(client, authenticator, next_url=url("accounts:profile"))

    assert answer.status_code == 200, answer.content
    assert answer.json()["redirect_url"] == url("accounts:profile")
    assert client.get(url("projects:space")).status_code == 200
    passkey.refresh_from_db()
    assert passkey.last_used_at is not None
    assert passkey.sign_count == 1


@pytest.mark.django_db
def test_the_admin_is_opened_after_a_passkey(client, required):
    user = UserFactory(is_superuser=True, is_staff=True)
    authenticator = SoftAuthenticator()
    passkey_of(user, authenticator)
    client.force_login(user)
    assert client.get("/admin/")["Location"].startswith(url("accounts:two_factor_verify"))
    assert verify(client, authenticator, next_url="/admin/").json()["redirect_url"] == "/admin/"
    assert client.get("/admin/").status_code == 200


@pytest.mark.django_db
def test_someone_elses_passkey_does_not_verify(client, required):
    user, other = coordinator(), coordinator()
    passkey_of(user)
    stranger = SoftAuthenticator()
    passkey_of(other, stranger)
    client.force_login(user)
    answer = verify(client, stranger)
    assert answer.status_code == 403
    assert answer.json()["code"] == "credential_user_mismatch"
    with translation.override("fr"):
        assert answer.json()["detail"] == gettext("This passkey belongs to another account.")
    assert client.get(url("projects:space")).status_code == 302


@pytest.mark.django_db
def test_a_forged_signature_does_not_verify(client, required):
    user = coordinator()
    authenticator = SoftAuthenticator()
    passkey_of(user, authenticator)
    client.force_login(user)
    options = post_json(client, "accounts:passkey_verify_begin").json()
    assertion = authenticator.get(options)
    assertion["response"]["signature"] = b64(unb64(assertion["response"]["signature"])[:-2] + b"xx")
    answer = post_json(client, "accounts:passkey_verify_complete", assertion)
    assert answer.status_code == 422
    assert client.get(url("projects:space")).status_code == 302


@pytest.mark.django_db
def test_backup_codes_still_work_beside_a_passkey(client, required):
    user = coordinator()
    passkey_of(user)
    code = two_factor.replace_backup_tokens(user)[0]
    client.force_login(user)
    response = client.post(url("accounts:two_factor_verify"), {"token": code})
    assert response.status_code == 302
    assert client.get(url("projects:space")).status_code == 200


@pytest.mark.django_db
def test_adding_a_passkey_needs_the_current_second_factor(client):
    user = UserFactory()
    TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)
    client.force_login(user)  # password only: the session has not given its code
    answer = post_json(client, "accounts:passkey_register_begin")
    assert answer.status_code == 403
    assert not WebAuthnCredential.objects.filter(user=user).exists()


@pytest.mark.django_db
def test_a_second_passkey_keeps_the_backup_codes(client):
    user = UserFactory()
    client.force_login(user)
    register(client, SoftAuthenticator(), name="Phone")
    first_codes = two_factor.backup_codes_left(user)
    response = register(client, SoftAuthenticator(), name="Security key")
    assert response.status_code == 302
    assert two_factor.backup_codes_left(user) == first_codes
    assert list(WebAuthnCredential.objects.filter(user=user).values_list("name", flat=True)) == [
        "Phone",
        "Security key",
    ]


@pytest.mark.django_db
def test_naming_someone_elses_passkey_is_not_found(client):
    other = passkey_of(UserFactory())
    client.force_login(UserFactory())
    response = client.post(url("accounts:passkey_added"), {"passkey": other.pk, "name": "Mine"})
    assert response.status_code == 404
    other.refresh_from_db()
    assert other.name == "Security key"


@pytest.mark.django_db
@pytest.mark.parametrize("method", ["get", "post"])
def test_someone_elses_passkey_cannot_be_removed(client, method):
    other = passkey_of(UserFactory())
    client.force_login(UserFactory())
    response = getattr(client, method)(url("accounts:passkey_remove", pk=other.pk))
    assert response.status_code == 404
    assert WebAuthnCredential.objects.filter(pk=other.pk).exists()


@pytest.mark.django_db
def test_a_passkey_is_removed_after_confirmation(client):
    user = UserFactory()
    authenticator = SoftAuthenticator()
    first, second = passkey_of(user), passkey_of(user, authenticator)
    client.force_login(user)
    verify(client, authenticator)
    confirm = client.get(url("accounts:passkey_remove", pk=first.pk))
    assert confirm.status_code == 200
    assert WebAuthnCredential.objects.filter(pk=first.pk).exists()
    response = client.post(url("accounts:passkey_remove", pk=first.pk))
    assert response.status_code == 302
    assert list(WebAuthnCredential.objects.filter(user=user)) == [second]


@pytest.mark.django_db
def test_the_last_device_of_someone_who_must_use_two_factors_stays(client, required):
    user = coordinator()
    authenticator = SoftAuthenticator()
    passkey = passkey_of(user, authenticator)
    client.force_login(user)
    verify(client, authenticator)
    response = client.post(url("accounts:passkey_remove", pk=passkey.pk))
    assert response.status_code == 400
    with translation.override("fr"):
        message = gettext(
            "Your role requires two-factor authentication: add another passkey or "
            "an authenticator app before removing your last passkey."
        )
    assert escape(message) in response.content.decode()
    assert WebAuthnCredential.objects.filter(pk=passkey.pk).exists()

    # With the authenticator app beside it, the passkey may go.
    TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)
    assert client.post(url("accounts:passkey_remove", pk=passkey.pk)).status_code == 302
    assert not WebAuthnCredential.objects.filter(pk=passkey.pk).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_passkey_pages_render_in_each_language(client, language):
    user = UserFactory()
    authenticator = SoftAuthenticator()
    passkey = passkey_of(user, authenticator)
    client.force_login(user)
    verify(client, authenticator)
    overview = client.get(url("accounts:two_factor", language))
    assert overview.status_code == 200
    html = overview.content.decode()
    assert f'lang="{language}"' in html
    assert "Security key" in html
    assert url("accounts:passkey_remove", language, pk=passkey.pk) in html
    assert 'id="otp_webauthn_config"' in html and 'type="application/json"' in html
    # The library's scripts read their texts from the page, in the page's language.
    assert 'id="passkey-strings"' in html
    with translation.override(language):
        expected = gettext("Add a passkey")
    assert overview.context["passkey_strings"]["Register a Passkey"] == expected
    assert client.get(url("accounts:passkey_remove", language, pk=passkey.pk)).status_code == 200
    client.logout()
    client.force_login(user)
    assert client.get(url("accounts:two_factor_verify", language)).status_code == 200


@pytest.mark.django_db
def test_a_passkey_registered_by_someone_signed_out_is_refused(client):
    answer = post_json(client, "accounts:passkey_register_begin")
    assert answer.status_code == 403
    assert answer.json()["detail"]
