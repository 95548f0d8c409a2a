"""The lead organisation's verification as frozen in a dossier's version (funding/dossiers/
snapshots.py), for the funder's view of the dossier."""

from datetime import date

from django import template

from funding.dossiers.snapshots import lead_verified_on as _lead_verified_on

register = template.Library()


@register.filter
def lead_verified_on(snapshot: dict | None) -> date | None:
    return _lead_verified_on(snapshot) if snapshot else None
