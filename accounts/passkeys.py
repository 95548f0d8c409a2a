"""Passkeys (WebAuthn, django-otp-webauthn): a second factor beside the authenticator app.

A passkey is a ``WebAuthnCredential``, a django-otp device like the TOTP one: having a confirmed
passkey satisfies the two-factor requirement (``two_factor.has_device``) and signing in with it
marks the session verified. The WebAuthn ceremonies are the library's views
(``accounts.two_factor_views``); this module holds what the platform adds: names, the list,
removal, and the rule that a person who must use two factors keeps at least one device.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from . import two_factor
from .models import User

NAME_MAX_LENGTH = WebAuthnCredential._meta.get_field("name").max_length


def passkeys_of(user: User) -> QuerySet[WebAuthnCredential]:
    """The person's passkeys, oldest first: the only ones their pages may show or change."""
    return WebAuthnCredential.objects.filter(user=user, confirmed=True).order_by("created_at", "pk")


def has_passkey(user: User) -> bool:
    return passkeys_of(user).exists()


def other_devices_count(user: User, passkey: WebAuthnCredential) -> int:
    """Devices that give a second factor (authenticator app, passkeys) besides ``passkey``.

    Backup codes do not count: they are for the day a device is lost, not a device of their own.
    """
    passkeys = passkeys_of(user).exclude(pk=passkey.pk).count()
    return passkeys + TOTPDevice.objects.filter(user=user, confirmed=True).count()


def name_passkey(user: User, passkey_id: int, name: str) -> WebAuthnCredential:
    """Give a passkey of ``user`` the name they typed (``DoesNotExist`` for anyone else's)."""
    passkey = passkeys_of(user).get(pk=passkey_id)
    passkey.name = " ".join((name or "").split())[:NAME_MAX_LENGTH]
    passkey.save(update_fields=["name"])
    return passkey


def remove_passkey(user: User, passkey_id: int) -> WebAuthnCredential:
    """Remove a passkey of ``user``; refused (``ValidationError``) when the platform requires
    two factors of them and it is their last device."""
    with transaction.atomic():
        passkey = passkeys_of(user).select_for_update().get(pk=passkey_id)
        if two_factor.is_required(user) and other_devices_count(user, passkey) == 0:
            raise ValidationError(
                _(
                    "Your role requires two-factor authentication: add another passkey or "
                    "an authenticator app before removing your last passkey."
                ),
                code="last_device",
            )
        passkey.delete()
    return passkey


def first_backup_codes(user: User) -> list[str]:
    """Backup codes for a person whose first device is a passkey (none when they already have
    codes: those keep working and are not shown again)."""
    if two_factor.backup_codes_left(user):
        return []
    return two_factor.replace_backup_tokens(user)
