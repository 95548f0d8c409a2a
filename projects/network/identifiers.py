"""The official numbers of French organisations: SIREN or SIRET, and the RNA number of
associations.

- A SIREN (9 digits) names a legal unit, a SIRET (14 digits: the SIREN and an establishment
  number) one of its establishments; both end with a Luhn check digit, except La Poste's
  establishments (SIREN 356000000), whose digits add up to a multiple of 5. python-stdnum knows
  both rules.
- An RNA number (« W » and 9 characters) names an association in the national register of
  associations; Corsica's start « W2A » or « W2B ».

The normalisers accept what people type (spaces, dots, lower case) and return the stored form;
the validators accept either and raise a translated `ValidationError`.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum.exceptions import ValidationError as NumberError
from stdnum.fr import siren, siret

_SEPARATORS = re.compile(r"[\s.\-]+")
_RNA = re.compile(r"W(?:\d{9}|2[AB]\d{7})")

LA_POSTE_SIREN = "356000000"


def normalise_siret(value: str | None) -> str:
    """A SIREN or SIRET without its spaces, dots and dashes (« 356 000 000 00048 »)."""
    return _SEPARATORS.sub("", value or "")


def normalise_rna(value: str | None) -> str:
    """An RNA number in capitals without spaces (« w 051 000 123 » → « W051000123 »)."""
    return _SEPARATORS.sub("", value or "").upper()


def validate_siret(value: str) -> None:
    """A SIREN (9 digits) or a SIRET (14 digits) whose check digit is right."""
    number = normalise_siret(value)
    if not number:
        return
    if not number.isdigit() or len(number) not in (9, 14):
        raise ValidationError(
            _("A SIREN has 9 digits and a SIRET 14 digits; “%(value)s” has neither form."),
            code="siret_format",
            params={"value": value},
        )
    module = siren if len(number) == 9 else siret
    try:
        module.validate(number)
    except NumberError:
        raise ValidationError(
            _(
                "“%(value)s” is not a valid SIREN or SIRET: its check digit is wrong. Check it "
                "against the organisation's registration notice."
            ),
            code="siret_checksum",
            params={"value": value},
        ) from None


def validate_rna(value: str) -> None:
    """An RNA number: « W » followed by 9 digits (« W2A »/« W2B » and 7 digits in Corsica)."""
    number = normalise_rna(value)
    if number and not _RNA.fullmatch(number):
        raise ValidationError(
            _("An RNA number is the letter W followed by 9 digits, such as W051000123."),
            code="rna_format",
        )


def siren_of(number: str) -> str:
    """The SIREN of a SIREN or SIRET (its first 9 digits); empty when there is none."""
    number = normalise_siret(number)
    return number[:9] if len(number) in (9, 14) else ""
