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
            "--ignore",
            "site/static/vendor/*",
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


# Library msgids the project translates differently on purpose, with the reason. Everything else
# that a library of INSTALLED_APPS also translates must keep the library's translation: the
# project's catalogue comes first in LOCALE_PATHS, so a different one renames the library's own
# screens (Wagtail's « Reports » menu became the sharing board's « Signalements »). A word the
# project uses in another sense takes a context (`pgettext`, `{% translate … context … %}`).
_LOCALE_IS_A_LANGUAGE = "wagtail-localize says « région » where it means a language"
_NO_ENGLISH_DATE = "wagtail-localize formats this date in English: the sentence goes without it"
_TYPOGRAPHY = "spelling, typography or wording of the library's translation corrected"
DELIBERATE_OVERRIDES: dict[str, dict[str, str]] = {
    "fr": {
        "Locale": _LOCALE_IS_A_LANGUAGE,
        "Locales": _LOCALE_IS_A_LANGUAGE,
        "{} locales": _LOCALE_IS_A_LANGUAGE,
        "This locale cannot be synced into itself.": _LOCALE_IS_A_LANGUAGE,
        "Synchronise content from another locale": _LOCALE_IS_A_LANGUAGE,
        "Choose a locale to synchronise content from. Any existing and future content authored "
        "in the selected locale will be automatically copied to this one.": _LOCALE_IS_A_LANGUAGE,
        "Translated with {tool_name} on {date}": _NO_ENGLISH_DATE,
        "Translated manually on {date}": _NO_ENGLISH_DATE,
        "Machine translated on {date}": _NO_ENGLISH_DATE,
        "All child pages will be created.": _TYPOGRAPHY,
        "Are you sure you want to convert this page into an alias? This will overwrite the "
        "content of the page with the content of '%(source_page_title)s' "
        "(%(source_page_locale)s)": _TYPOGRAPHY,
        "Cannot import PO file that was created for a different translation.": _TYPOGRAPHY,
        "The {model_name} '{object}' was successfully submitted for translation into "
        "{locales}": _TYPOGRAPHY,
        "New validation errors were found when publishing '{object}' in {locale}. Please fix "
        "them or click publish again to ignore these translations for now.": _TYPOGRAPHY,
        "Translate '%(title)s'": _TYPOGRAPHY,
        "Sync translations of '%(title)s'": _TYPOGRAPHY,
        "More options for '%(title)s'": _TYPOGRAPHY,
    },
    "en": {},
    "it": {
        # Italian writes months in lower case (core/month_names.py).
        **dict.fromkeys(
            [
                "January",
                "February",
                "March",
                "April",
                "May",
                "June",
                "July",
                "August",
                "September",
                "October",
                "November",
                "December",
            ],
            "months are not capitalised in Italian",
        ),
        "Translated with {tool_name} on {date}": _NO_ENGLISH_DATE,
        "Translated manually on {date}": _NO_ENGLISH_DATE,
        "Machine translated on {date}": _NO_ENGLISH_DATE,
        "Translate '%(title)s'": _TYPOGRAPHY,
        "Sync translated snippets": _TYPOGRAPHY,
        "Sync translations of '%(title)s'": _TYPOGRAPHY,
        "More options for '%(title)s'": _TYPOGRAPHY,
    },
}


def _library_catalogues(language: str) -> list[Path]:
    import django
    from django.apps import apps

    roots = [Path(django.__file__).parent / "conf"]
    roots += [
        Path(config.path)
        for config in apps.get_app_configs()
        if not Path(config.path).is_relative_to(ROOT) or ".venv" in Path(config.path).parts
    ]
    found = []
    for root in roots:
        path = root / "locale" / language / "LC_MESSAGES" / "django.po"
        if path.exists():
            found.append(path)
    return found


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_library_string_is_translated_differently(language):
    library: dict[str, set[str]] = {}
    for path in _library_catalogues(language):
        for entry in polib.pofile(str(path)):
            if not entry.msgctxt and (entry.msgstr or language == "en"):
                # English catalogues mostly leave msgstr empty: the msgid is the text.
                library.setdefault(entry.msgid, {entry.msgid}).add(entry.msgstr or entry.msgid)
    assert library, "no library catalogue found"
    ours = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))
    clashes = {
        entry.msgid: entry.msgstr
        for entry in ours
        if not entry.msgctxt
        and not entry.obsolete
        and entry.msgid in library
        and entry.msgstr not in library[entry.msgid]
        and entry.msgid not in DELIBERATE_OVERRIDES[language]
    }
    assert clashes == {}, f"{language}: give these a context or the library's translation"
