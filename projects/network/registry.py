"""The State's open register of companies and associations (« API Recherche d'entreprises »).

`lookup(number)` asks https://recherche-entreprises.api.gouv.fr/search (the setting
`COMPANY_REGISTRY_URL`; empty turns the lookup off) for a SIREN, a SIRET or an RNA number and
returns what the register says as a `RegistryEntry`: name, legal form mapped onto
`Organisation.LegalForm`, address, activity code and numbers. Every failure (off, unreachable,
slow, refused, not JSON, nothing found) is a `RegistryError` whose message says what to do, so
that a page never fails because the service does.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

import requests
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from projects.network.identifiers import normalise_rna, normalise_siret
from projects.network.models import Organisation

LegalForm = Organisation.LegalForm


class RegistryError(Exception):
    """The register gave no usable answer; ``message`` says why, for the person asking."""

    def __init__(self, message) -> None:
        super().__init__(str(message))
        self.message = message


class RegistryUnavailable(RegistryError):
    def __init__(self) -> None:
        super().__init__(
            _(
                "The register of companies cannot be reached at the moment: fill in the fields "
                "by hand, or try again later."
            )
        )


class RegistryNotFound(RegistryError):
    def __init__(self, number: str) -> None:
        super().__init__(
            _(
                "The register of companies knows no organisation with the number %(number)s. "
                "Check the number, or fill in the fields by hand."
            )
            % {"number": number}
        )


@dataclass(frozen=True)
class RegistryEntry:
    """What the register says of one organisation (its head office, or the establishment of
    the SIRET asked for)."""

    name: str
    siren: str
    siret: str
    rna: str
    legal_category: str  # INSEE's « catégorie juridique », four digits
    legal_form: str  # an `Organisation.LegalForm` value, or "" when none fits
    address: str
    naf_code: str
    is_active: bool
    is_ess: bool | None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def legal_form_for(category: str) -> str:
    """The platform's legal form for one of INSEE's legal categories (« catégorie juridique »,
    https://www.insee.fr/fr/information/2028129), or "" when the category has none.

    The worker cooperatives (SCOP) have their own codes; the other cooperatives of the list
    (agricultural, craft, consumer, HLM… and the SCIC, which the register files under them)
    are « Other cooperative »; ESUS is an approval, not a legal form, so it is never given.
    """
    code = (category or "").strip()
    if len(code) != 4 or not code.isdigit():
        return ""
    if code in {"5458", "5558", "5658"}:
        return LegalForm.SCOP
    if (code[:2] in {"54", "55", "56"} and "51" <= code[2:] <= "60") or code[:2] == "63":
        return LegalForm.COOPERATIVE
    if code[:2] == "92":
        return LegalForm.ASSOCIATION
    if code[:2] == "93":
        return LegalForm.FOUNDATION
    if code[:2] == "82":
        return LegalForm.MUTUAL
    if code[0] == "5":
        return LegalForm.COMPANY
    if code[:2] == "72" or "7343" <= code <= "7358":
        return LegalForm.LOCAL_AUTHORITY
    if code in {"7382", "7383"}:
        return LegalForm.UNIVERSITY
    if code[0] in "47" or code[:2] == "81":
        return LegalForm.PUBLIC_BODY
    return ""


def lookup(number: str) -> RegistryEntry:
    """The register's entry for a SIREN, a SIRET or an RNA number (validated beforehand)."""
    url = settings.COMPANY_REGISTRY_URL
    if not url:
        raise RegistryError(
            _("The lookup in the register of companies is turned off: fill in the fields by hand.")
        )
    siret = normalise_siret(number)
    siret, rna = (siret, "") if siret.isdigit() else ("", normalise_rna(number))
    query = siret or rna
    try:
        answer = requests.get(
            url,
            params={"q": query, "page": 1, "per_page": 5},
            headers={"Accept": "application/json"},
            timeout=settings.COMPANY_REGISTRY_TIMEOUT,
        )
    except requests.RequestException:
        raise RegistryUnavailable() from None
    if answer.status_code in (400, 404):  # a query the register refuses finds nothing
        raise RegistryNotFound(query)
    if answer.status_code != 200:
        raise RegistryUnavailable()
    try:
        results = answer.json().get("results") or []
    except (ValueError, AttributeError):
        raise RegistryUnavailable() from None
    for result in results:
        entry = _entry(result, siret=siret, rna=rna)
        if entry is not None:
            return entry
    raise RegistryNotFound(query)


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _entry(result: Any, *, siret: str, rna: str) -> RegistryEntry | None:
    """The entry of one result when it is the organisation asked for, else None."""
    if not isinstance(result, dict):
        return None
    siren = _text(result.get("siren"))
    complements = result.get("complements") if isinstance(result.get("complements"), dict) else {}
    association = normalise_rna(_text(complements.get("identifiant_association")))
    if (siret and siren != siret[:9]) or (rna and association != rna) or not siren:
        return None
    head_office = result.get("siege") if isinstance(result.get("siege"), dict) else {}
    establishment = head_office
    if len(siret) == 14 and _text(head_office.get("siret")) != siret:
        matching = [
            e
            for e in result.get("matching_etablissements") or []
            if isinstance(e, dict) and _text(e.get("siret")) == siret
        ]
        if not matching:
            return None
        establishment = matching[0]
    category = _text(result.get("nature_juridique"))
    is_ess = complements.get("est_ess")
    return RegistryEntry(
        name=_text(result.get("nom_raison_sociale")) or _text(result.get("nom_complet")),
        siren=siren,
        siret=_text(establishment.get("siret")) or siret,
        rna=association,
        legal_category=category,
        legal_form=legal_form_for(category),
        address=_text(establishment.get("adresse")),
        naf_code=_text(establishment.get("activite_principale"))
        or _text(result.get("activite_principale")),
        is_active=_text(result.get("etat_administratif")) in ("", "A"),
        is_ess=is_ess if isinstance(is_ess, bool) else None,
    )
