"""The lead organisation's verification frozen in a dossier's snapshot, its PDF's parts and the
funder's view (funding/dossiers/snapshots.py)."""

import datetime

from django.template.loader import render_to_string
from django.utils import translation

from funding.dossiers.snapshots import diff, flatten, lead_identity, lead_verified_on
from projects.network.models import Organisation


def _snapshot(verified_on: str) -> dict:
    return {
        "lead_identity": {"siret": "849123450", "rna": "W051000123", "verified_on": verified_on}
    }


def test_lead_identity_freezes_numbers_and_date():
    organisation = Organisation(
        siret="849123450",
        rna="",
        verified_at=datetime.datetime(2026, 3, 12, 10, tzinfo=datetime.UTC),
    )
    assert lead_identity(organisation) == {
        "siret": "849123450",
        "rna": "",
        "verified_on": "2026-03-12",
    }
    assert lead_identity(Organisation())["verified_on"] == ""


def test_parts_say_verified_with_the_date():
    with translation.override("en"):
        parts = flatten(_snapshot("2026-03-12"))
        assert parts["lead_identity.verified"][1] == "Verified organisation (since March 12, 2026)"
        assert parts["lead_identity.siren"] == ("SIREN", "849123450")
        assert parts["lead_identity.rna"] == ("RNA number", "W051000123")
        assert "lead_identity.siret" not in parts  # a SIREN alone: no establishment number
        assert flatten(_snapshot(""))["lead_identity.verified"][1] == "Not verified"
    assert lead_verified_on(_snapshot("2026-03-12")) == datetime.date(2026, 3, 12)
    assert lead_verified_on(_snapshot("garbage")) is None
    assert "lead_identity.verified" not in flatten({})  # versions frozen before the feature


def test_the_diff_shows_a_verification_gained():
    changes = diff(_snapshot(""), _snapshot("2026-03-12"))
    assert [change.key for change in changes] == ["lead_identity.verified"]


def test_badge_template_says_it_in_words():
    with translation.override("en"):
        html = render_to_string(
            "includes/verified_badge.html", {"date": datetime.date(2026, 3, 12)}
        )
    assert "Verified organisation" in html and "March 12, 2026" in html
    assert 'aria-hidden="true"' in html  # the check mark is decoration; the words carry it
