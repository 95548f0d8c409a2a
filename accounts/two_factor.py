"""Two-factor authentication (django-otp): who needs it, devices, verification.

The devices are an authenticator app (TOTP), passkeys (WebAuthn, ``accounts.passkeys``) and
single-use backup codes; any confirmed app or passkey satisfies the requirement.

Who must use a second factor is decided by *requirements*: functions ``rule(user) -> bool``
registered with :func:`register_requirement`. Accounts registers the staff rule (coordinators,
moderators, superusers, anyone who may open the Wagtail admin); other apps register theirs from
their ``AppConfig.ready`` (e.g. funding: the reviewers of a funder). Requirements apply only when
``settings.TWO_FACTOR_REQUIRED`` is on (production's default). Whoever set up a device is asked for
a code at every sign-in anyway.

The check happens in :class:`accounts.middleware.TwoFactorMiddleware`: a signed-in person who needs
a second factor and has not given one this session is sent to set it up or to verify a code.
"""

import base64
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.db import transaction
from django.dispatch import receiver
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY, devices_for_user
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from .models import User
from .roles import is_coordinator, is_moderator
from .tokens import revoke_api_tokens

Requirement = Callable[[User], bool]

#: Session key: the person had a confirmed device when they signed in (or set one up since).
HAS_DEVICE_SESSION_KEY = "two_factor_has_device"
BACKUP_TOKEN_COUNT = 10
TOTP_DEVICE_NAME = "authenticator"
BACKUP_DEVICE_NAME = "backup"

_requirements: list[Requirement] = []


def register_requirement(rule: Requirement) -> Requirement:
    """Make two-factor authentication required of the users for whom ``rule(user)`` is true.

    Usable as a decorator; registering the same function twice has no effect. The rule is
    called for signed-in, active users on each request while ``TWO_FACTOR_REQUIRED`` is on:
    keep it to a query or two.
    """
    if rule not in _requirements:
        _requirements.append(rule)
    return rule


def unregister_requirement(rule: Requirement) -> None:
    if rule in _requirements:
        _requirements.remove(rule)


def requirements() -> tuple[Requirement, ...]:
    return tuple(_requirements)


def staff_need_two_factor(user: User) -> bool:
    """Coordinators, moderators, superusers and anyone who may open the Wagtail admin."""
    return (
        user.is_superuser
        or is_coordinator(user)
        or is_moderator(user)
        or user.has_perm("wagtailadmin.access_admin")
    )


def is_required(user) -> bool:
    """True if the platform requires this person to use a second factor."""
    if not getattr(settings, "TWO_FACTOR_REQUIRED", False):
        return False
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return any(rule(user) for rule in _requirements)


def confirmed_devices(user: User) -> list:
    return list(devices_for_user(user, confirmed=True))


def has_device(user: User) -> bool:
    return bool(confirmed_devices(user))


def totp_device(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def needs_verification(request) -> bool:
    """The signed-in person must give a code (or set up a device) before going on."""
    user = getattr(request, "user", None)
    if not getattr(user, "is_authenticated", False):
        return False
    if is_verified(user):
        return False
    return bool(request.session.get(HAS_DEVICE_SESSION_KEY)) or is_required(user)


def is_verified(user) -> bool:
    """The person gave a second factor this session (OTPMiddleware adds ``is_verified``; a user
    object just signed in by ``login()`` has not been through it yet)."""
    check = getattr(user, "is_verified", None)
    return bool(check()) if callable(check) else False


@receiver(user_logged_in)
def _remember_device_at_sign_in(sender, request, user, **kwargs) -> None:
    # Read once per sign-in so that pages do not query devices on every request.
    if request is not None and hasattr(request, "session"):
        request.session[HAS_DEVICE_SESSION_KEY] = has_device(user)


# --- set-up -----------------------------------------------------------------------------------


def pending_totp_device(user: User) -> TOTPDevice:
    """The unconfirmed device whose secret the set-up page shows (created on first visit)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=TOTP_DEVICE_NAME, confirmed=False)
    return device


def secret_for_display(device: TOTPDevice) -> str:
    """The base32 secret, in groups of four, for people who type it instead of scanning."""
    secret = base64.b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_code_data_uri(device: TOTPDevice) -> str:
    """An SVG QR code of the device's ``otpauth://`` URL, as a ``data:`` URI for an <img>."""
    image = qrcode.make(
        device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=10, border=2
    )
    return "data:image/svg+xml;base64," + base64.b64encode(image.to_string()).decode("ascii")


@dataclass(frozen=True)
class SetUpResult:
    device: TOTPDevice
    backup_tokens: list[str]


def confirm_totp_device(request, device: TOTPDevice, token: str) -> SetUpResult | None:
    """Confirm a pending device with a first code; sign this session in with it.

    Returns the new backup codes, or None when the code is wrong.
    """
    user = request.user
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().get(pk=device.pk, user=user)
        if not device.verify_token(_digits(token)):
            return None
        device.confirmed = True
        device.save()
        TOTPDevice.objects.filter(user=user, confirmed=True).exclude(pk=device.pk).delete()
        TOTPDevice.objects.filter(user=user, confirmed=False).delete()
        tokens = replace_backup_tokens(user)
    otp_login(request, device)
    request.session[HAS_DEVICE_SESSION_KEY] = True
    return SetUpResult(device=device, backup_tokens=tokens)


def replace_backup_tokens(user: User) -> list[str]:
    """New single-use backup codes (the old ones stop working): all or nothing, so that a
    failure never leaves the person without codes."""
    tokens = [StaticToken.random_token() for _ in range(BACKUP_TOKEN_COUNT)]
    with transaction.atomic():
        device, _created = StaticDevice.objects.get_or_create(
            user=user, name=BACKUP_DEVICE_NAME, defaults={"confirmed": True}
        )
        device.token_set.all().delete()
        StaticToken.objects.bulk_create([StaticToken(device=device, token=t) for t in tokens])
    return tokens


def backup_codes_left(user: User) -> int:
    """How many unused backup codes the person has."""
    return StaticToken.objects.filter(
        device__user=user, device__name=BACKUP_DEVICE_NAME, device__confirmed=True
    ).count()


def remove_devices(request) -> int:
    """Remove every second factor of the signed-in person (after they gave their password),
    and their API tokens, obtained with it (`accounts.tokens`); returns how many tokens."""
    user = request.user
    with transaction.atomic():
        for device in list(devices_for_user(user, confirmed=None)):
            device.delete()
        revoked = revoke_api_tokens(user)
    request.session.pop(DEVICE_ID_SESSION_KEY, None)
    request.session[HAS_DEVICE_SESSION_KEY] = False
    user.otp_device = None
    return revoked


# --- verification -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Verification:
    ok: bool
    throttled_seconds: int = 0


def verify(request, token: str) -> Verification:
    """Check a code from the authenticator app or a backup code; sign the session in with it."""
    user = request.user
    token = (token or "").strip().replace(" ", "")
    if not token:
        return Verification(ok=False)
    with transaction.atomic():
        # Passkeys answer through their own endpoints, never with a typed code.
        devices = [
            device
            for device in devices_for_user(user, confirmed=True, for_verify=True)
            if not isinstance(device, WebAuthnCredential)
        ]
        waits = _throttle_waits(devices)
        if devices and len(waits) == len(devices):
            return Verification(ok=False, throttled_seconds=max(1, min(waits)))
        for device in devices:
            candidate = _digits(token) if isinstance(device, TOTPDevice) else token.lower()
            if device.verify_token(candidate):
                break
        else:
            return Verification(ok=False)
    otp_login(request, device)
    request.session[HAS_DEVICE_SESSION_KEY] = True
    return Verification(ok=True)


def _throttle_waits(devices: Iterable) -> list[int]:
    waits = []
    for device in devices:
        allowed, data = device.verify_is_allowed()
        if not allowed:
            locked_until = (data or {}).get("locked_until")
            if locked_until is not None:
                waits.append(int((locked_until - timezone.now()).total_seconds()) + 1)
            else:
                waits.append(1)
    return waits


def normalise_token(token: str) -> str:
    """A code as typed (spaces, upper case) in the form the devices compare."""
    return (token or "").strip().replace(" ", "").lower()


def _digits(token: str) -> str:
    return "".join(ch for ch in (token or "") if ch.isdigit())
