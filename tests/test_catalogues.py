"""The French, English and Italian UI catalogues are complete, compiled and up to date."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "site" / "locale"
LANGUAGES = ["fr", "en", "it"]
DOMAINS = ["django", "djangojs"]


def _catalogues():
    for language in LANGUAGES:
        for domain in DOMAINS:
            path = LOCALE / language / "LC_MESSAGES" / f"{domain}.po"
            if domain == "django" or path.exists():
                yield language, domain, path


@pytest.mark.parametrize(("language", "domain", "path"), list(_catalogues()))
def test_catalogue_is_complete(language, domain, path):
    catalogue = polib.pofile(str(path))
    assert not catalogue.metadata_is_fuzzy
    untranslated = [e.msgid for e in catalogue.untranslated_entries()]
    fuzzy = [e.msgid for e in catalogue.fuzzy_entries()]
    assert untranslated == [], f"{language}/{domain}: untranslated {untranslated[:5]}"
    assert fuzzy == [], f"{language}/{domain}: fuzzy {fuzzy[:5]}"


@pytest.mark.parametrize(("language", "domain", "path"), list(_catalogues()))
def test_compiled_catalogue_matches_its_source(language, domain, path):
    source = {
        (e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural.get(0)
        for e in polib.pofile(str(path))
        if e.translated() and not e.obsolete
    }
    compiled = {
        (e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural.get(0)
        for e in polib.mofile(str(path.with_suffix(".mo")))
        if e.msgid
    }
    assert compiled == source, f"run `make compile-messages` ({language}/{domain})"


def test_catalogues_hold_every_string_of_the_code(tmp_path):
    """Re-extract the strings in a copy of the project and compare: nothing missing or stale."""
    if not shutil.which("xgettext"):
        if os.environ.get("REQUIRE_GETTEXT") == "1":
            pytest.fail("REQUIRE_GETTEXT=1 but GNU gettext (xgettext) is not installed")
        pytest.skip("GNU gettext is not installed: cannot re-extract the strings")
    copy = tmp_path / "project"
    shutil.copytree(
        ROOT,
        copy,
        ignore=shutil.ignore_patterns(".venv", "var", ".git", "node_modules", "__pycache__", ".*"),
    )
    # makemessages writes into the nearest locale folder it finds: run it in the copy only.
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "makemessages",
            "--no-location",
            "--no-obsolete",
            "-l",
            "fr",
            "--ignore",
            "tests/*",
            "--ignore",
            "bench/*",
            "-v",
            "0",
        ],
        cwd=copy,
        check=True,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"},
    )
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "makemessages",
            "--no-location",
            "--no-obsolete",
            "-d",
            "djangojs",
            "-l",
            "fr",
            "-v",
            "0",
        ],
        cwd=copy,
        check=True,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"},
    )
    for domain in DOMAINS:
        committed_path = LOCALE / "fr" / "LC_MESSAGES" / f"{domain}.po"
        fresh_path = copy / "site" / "locale" / "fr" / "LC_MESSAGES" / f"{domain}.po"
        committed = _msgids(committed_path)
        fresh = _msgids(fresh_path)
        assert fresh - committed == set(), f"strings missing from {domain}.po: run `make messages`"
        assert committed - fresh == set(), f"stale strings in {domain}.po: run `make messages`"


def _msgids(path: Path) -> set[str]:
    if not path.exists():
        return set()
    return {e.msgid for e in polib.pofile(str(path)) if not e.obsolete}
