"""Fixtures of the funding tests (the dossier fixtures live in `dossier_helpers`)."""

from tests.dossiers.helpers import world  # noqa: F401 (fixture)
