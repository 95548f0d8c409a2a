"""A person's rights over their data (GDPR art. 15, 17 and 20): export it, delete the account.

Export: the account and every row of every model that points at the person (found through the
models' foreign keys, so a new app's data is included without changes here), as JSON.

Deletion anonymises instead of deleting the row: the audit trail (workflow events, comments,
sharing posts, conversation messages, documents uploaded) keeps pointing at the same account,
now named "Deleted account" with an address that cannot receive mail, no password, no group
and no way to sign in. Personal-only data (notifications, API tokens, memberships of
organisations) is deleted. Other apps add their own steps and blocking rules through
:func:`register_eraser` and :func:`register_blocker` (``accounts`` imports no other app).

Policy for experiments (``projects`` registers it): a person who is the only lead of an
experiment still in progress cannot delete their account until another lead is named (a
coordinator or a partner can take over); the experiment would otherwise be left without anyone
able to act on it.
"""

import datetime
import decimal
import uuid
from collections.abc import Callable
from typing import Any

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext

from .tokens import revoke_api_tokens

# Fields never exported: secrets that would let someone act as the person.
SECRET_FIELDS = frozenset({"password", "token", "key", "session_key", "session_data"})
DELETED_DOMAIN = "deleted.invalid"

Blocker = Callable[[Any], list[str]]
Eraser = Callable[[Any], None]
_blockers: list[Blocker] = []
_erasers: list[Eraser] = []


def register_blocker(blocker: Blocker) -> Blocker:
    """``blocker(user)`` returns the reasons (translated) the account cannot be deleted yet."""
    if blocker not in _blockers:
        _blockers.append(blocker)
    return blocker


def register_eraser(eraser: Eraser) -> Eraser:
    """``eraser(user)`` removes or anonymises an app's personal data, inside the transaction."""
    if eraser not in _erasers:
        _erasers.append(eraser)
    return eraser


# ------------------------------------------------------------------ export
def _plain(value: Any) -> Any:
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, models.fields.files.FieldFile):
        return value.name or None
    return value


def _row(instance: models.Model) -> dict[str, Any]:
    data: dict[str, Any] = {}
    if instance._meta.pk.name not in SECRET_FIELDS:  # an API token's key is its primary key
        data["id"] = instance.pk
    for field in instance._meta.concrete_fields:
        if field.primary_key or field.name in SECRET_FIELDS:
            continue
        if field.is_relation:
            data[field.name] = _plain(getattr(instance, field.name))
        else:
            data[field.name] = _plain(field.value_from_object(instance))
    return data


def _user_foreign_keys() -> list[tuple[type[models.Model], models.ForeignKey]]:
    user_model = get_user_model()
    found = []
    for model in apps.get_models():
        if model._meta.proxy or model is user_model:
            continue
        for field in model._meta.local_concrete_fields:  # inherited ones: once, on the parent
            if field.is_relation and field.related_model is user_model:
                found.append((model, field))
    return found


def export_user_data(user) -> dict[str, Any]:
    """Everything the platform holds about ``user``, grouped by model and field."""
    account = _row(user)
    account["groups"] = sorted(user.groups.values_list("name", flat=True))
    records: dict[str, list[dict[str, Any]]] = {}
    for model, field in _user_foreign_keys():
        related = [
            f.name
            for f in model._meta.concrete_fields
            if f.is_relation and (f.many_to_one or f.one_to_one)
        ]
        rows = model._base_manager.filter(**{field.name: user}).select_related(*related)
        exported = [_row(row) for row in rows.order_by("pk")]
        if exported:
            records[f"{model._meta.label} ({field.name})"] = exported
    return {
        "exported_at": timezone.now().isoformat(),
        "platform": str(settings.PLATFORM_NAME),
        "account": account,
        "records": records,
    }


# ------------------------------------------------------------------ deletion
def deletion_blockers(user) -> list[str]:
    reasons: list[str] = []
    for blocker in _blockers:
        reasons.extend(blocker(user))
    return reasons


class AccountDeletionRefused(ValidationError):
    """The password is wrong or the account cannot be deleted yet (messages say why)."""


def delete_account(user, *, password: str) -> None:
    """The person deletes their account: anonymised, signed out everywhere, audit trail kept."""
    if not user.check_password(password):
        raise AccountDeletionRefused(gettext("The password is not correct."), code="password")
    user_model = get_user_model()
    with transaction.atomic():
        user = user_model.objects.select_for_update().get(pk=user.pk)
        reasons = deletion_blockers(user)
        if reasons:
            raise AccountDeletionRefused(reasons, code="blocked")
        for eraser in _erasers:
            eraser(user)
        from .models import Notification

        Notification.objects.filter(recipient=user).delete()
        revoke_api_tokens(user)
        user.groups.clear()
        user.user_permissions.clear()
        with translation.override(settings.LANGUAGE_CODE):
            user.full_name = gettext("Deleted account")
        user.email = f"deleted-{user.pk}-{uuid.uuid4().hex[:8]}@{DELETED_DOMAIN}"
        user.pending_email = ""  # a change of address asked and never confirmed
        user.language = settings.LANGUAGE_CODE
        user.is_active = False
        user.is_staff = False
        user.is_superuser = False
        user.last_login = None
        user.set_unusable_password()
        user.save()


def is_anonymised(user) -> bool:
    return user.email.endswith("@" + DELETED_DOMAIN)
