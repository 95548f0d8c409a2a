"""The identity of organisations: filling it from the register of companies, and the
coordinators' verification (docs/security.md, "How organisations are verified").

`plan_fill` is pure: it says, for each field, what the register found and whether it fills an
empty field or differs from what an editor typed (which it never replaces). `verify_organisation`
and `unverify_organisation` are the business events, checked and logged in the organisation's
history.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

import projects.network.permissions as permissions
from projects.network.identifiers import normalise_rna, normalise_siret
from projects.network.models import Organisation
from projects.network.registry import RegistryEntry

VERIFY_ACTION = "projects.organisation.verify"
UNVERIFY_ACTION = "projects.organisation.unverify"

# The fields the register fills, in the order the admin shows them.
FILLED_FIELDS = ("name", "legal_form", "siret", "rna", "address", "naf_code")


@dataclass(frozen=True)
class FillItem:
    """One field: the register's value and what happens to it."""

    field: str
    label: str
    value: str  # what the register says, in the field's stored form
    display: str  # the same, as people read it (a legal form's label)
    action: str  # "filled": the field was empty; "kept": the editor's text differs; "same"


def _comparable(field: str, value: str) -> str:
    if field == "siret":
        return normalise_siret(value)
    if field == "rna":
        return normalise_rna(value)
    return " ".join((value or "").split()).casefold()


def plan_fill(current: dict[str, str], entry: RegistryEntry, *, is_new: bool) -> list[FillItem]:
    """What the register's ``entry`` brings to a form holding ``current``.

    A field is filled only when it is empty; a legal form counts as empty on a new organisation
    whose form still shows the default. A typed value that differs is kept and reported.
    """
    found = {
        "name": entry.name,
        "legal_form": entry.legal_form,
        "siret": entry.siret or entry.siren,
        "rna": entry.rna,
        "address": entry.address,
        "naf_code": entry.naf_code,
    }
    default_form = Organisation._meta.get_field("legal_form").default
    items = []
    for field in FILLED_FIELDS:
        value = found[field]
        if not value:
            continue
        typed = (current.get(field) or "").strip()
        if field == "legal_form" and is_new and typed == default_form:
            typed = ""
        if field == "siret" and typed and normalise_siret(typed)[:9] == entry.siren:
            # The SIREN typed is the head office's SIRET's first part: nothing differs.
            value = typed
        if not typed:
            action = "filled"
        elif _comparable(field, typed) == _comparable(field, value):
            action = "same"
        else:
            action = "kept"
        display = Organisation.LegalForm(value).label if field == "legal_form" else value
        label = Organisation._meta.get_field(field).verbose_name
        items.append(FillItem(field, str(label), value, str(display), action))
    return items


def verify_organisation(organisation: Organisation, *, by, note: str = "") -> Organisation:
    """A coordinator vouches that the organisation is the one its numbers name."""
    if not permissions.can_verify_organisations(by):
        raise PermissionDenied
    with transaction.atomic():
        organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
        if not (organisation.siret or organisation.rna):
            raise ValidationError(
                _("Give its SIREN, SIRET or RNA number and save before verifying it.")
            )
        organisation.verified_at = timezone.now()
        organisation.verified_by = by
        organisation.verification_note = note.strip()
        _save_verification(organisation)
        log(instance=organisation, action=VERIFY_ACTION, user=by, data={"note": note.strip()})
    return organisation


def unverify_organisation(organisation: Organisation, *, by, note: str = "") -> Organisation:
    """A coordinator withdraws the verification (the numbers turned out wrong, the
    organisation closed…)."""
    if not permissions.can_verify_organisations(by):
        raise PermissionDenied
    with transaction.atomic():
        organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
        organisation.verified_at = None
        organisation.verified_by = None
        organisation.verification_note = ""
        _save_verification(organisation)
        log(instance=organisation, action=UNVERIFY_ACTION, user=by, data={"note": note.strip()})
    return organisation


def _save_verification(organisation: Organisation) -> None:
    fields = ["verified_at", "verified_by", "verification_note"]
    organisation.save(update_fields=[*fields, "updated_at"])  # purges the page cache
    # Translated rows copy the verification (SynchronizedField), without a new translation.
    Organisation.objects.filter(translation_key=organisation.translation_key).exclude(
        pk=organisation.pk
    ).update(**{name: getattr(organisation, name) for name in fields})
