"""Every message that puts a count before a word has a plural form (« 1 dossier », « 2 dossiers »).

Scans the code's msgids, not the extracted catalogues, so that a new message is caught before
`make messages`: `gettext`-family calls in Python (read with `ast`) and `{% translate %}` /
`{% blocktranslate %}` without `count` in templates. A msgid is flagged when a placeholder whose
name says it holds a number (`count`, `days`, `%d`…) is followed by a word: the word agrees with
the number, so the message needs `ngettext` / `{% blocktranslate count %}`.
"""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CODE = ["accounts", "config", "core", "funding", "home", "projects", "search", "site"]
SINGULAR_CALLS = {"_", "gettext", "gettext_lazy", "gettext_noop", "pgettext", "pgettext_lazy"}

NUMBER_NAME = (
    r"(?:count|counter|n|num|number|total|value|target|days?|weeks?|months?|years?|hours?|"
    r"minutes?|partners|people|members|items|\w+_count|nb_\w+)"
)
# A number placeholder followed by a word (the word that should agree with it).
COUNTED = re.compile(
    rf"(?:%\({NUMBER_NAME}\)[sd]|%\(\w+\)d|%[di]|\{{{NUMBER_NAME}\}}|\{{\{{ *{NUMBER_NAME} *\}}\}})"
    # …unless the word is a unit symbol, which does not agree: « 1 MB », « 10 MB ».
    r"\s+(?!MB\b|Mo\b|km\b)(?:\w|«)"
)

# Messages where a number placeholder precedes a word that does not agree with it, each with why.
EXCEPTIONS = {
    # An ordinal: « Version 3 du … », never « 3 versions ».
    "Version %(number)s of %(title)s",
    # A position, « Page 2 sur 7 »: « of » does not agree with the number.
    "Page {{ number }} of {{ total }}",
    # The map's label for a marker that groups organisations: only drawn for two or more
    # (site/static/js/directory-map.js names the single organisation instead).
    "%(count)s organisations here:",
    # RENEWABLE_DAYS is a constant (30): the message never reads « 1 days ».
    "A post can be renewed in the %(days)d days before it expires.",
}

TRANSLATE_TAG = re.compile(r"{%\s*(?:translate|trans)\s+(\"[^\"]*\"|'[^']*')")
BLOCK = re.compile(
    r"{%\s*blocktrans(?:late)?\b([^%]*)%}(.*?){%\s*endblocktrans(?:late)?\s*%}", re.S
)


def _python_msgids(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
        if name not in SINGULAR_CALLS:
            continue
        index = 1 if name.startswith("pgettext") else 0
        if len(node.args) > index and isinstance(node.args[index], ast.Constant):
            value = node.args[index].value
            if isinstance(value, str):
                yield node.lineno, value


def _template_msgids(path: Path):
    text = path.read_text(encoding="utf-8")
    for match in TRANSLATE_TAG.finditer(text):
        yield text.count("\n", 0, match.start()) + 1, match.group(1)[1:-1]
    for match in BLOCK.finditer(text):
        if not re.search(r"\bcount\b", match.group(1)):
            yield text.count("\n", 0, match.start()) + 1, match.group(2)


def code_msgids():
    """(file, line, msgid) of every singular message of the code and the templates."""
    for folder in CODE:
        for path in sorted((ROOT / folder).rglob("*")):
            if "migrations" in path.parts or not path.is_file():
                continue
            if path.suffix == ".py":
                found = _python_msgids(path)
            elif path.suffix in {".html", ".txt"}:
                found = _template_msgids(path)
            else:
                continue
            for line, msgid in found:
                yield path.relative_to(ROOT), line, msgid


def counted_without_plural(msgids):
    return [
        f"{path}:{line}: {msgid!r}"
        for path, line, msgid in msgids
        if COUNTED.search(msgid) and msgid not in EXCEPTIONS
    ]


def test_the_scan_finds_messages_in_code_and_templates():
    found = list(code_msgids())
    assert len(found) > 1000
    assert any(str(path).endswith(".html") for path, _line, _msgid in found)


def test_the_scan_flags_a_count_without_plural_and_nothing_else():
    msgids = [
        ("a.py", 1, "covered by %(count)s dossiers"),
        ("a.py", 2, "{count} échanges réalisés"),
        ("a.html", 3, "{{ count }} experiments"),
        ("a.py", 4, "in %d days"),
        ("a.py", 5, "target: %(target)s"),
        ("a.py", 6, "“%(title)s” was saved"),
        ("a.py", 7, "Version %(number)s of %(title)s"),
        ("a.py", 8, "The file is larger than %(max)d MB."),
    ]
    assert [line.split(":")[1] for line in counted_without_plural(msgids)] == ["1", "2", "3", "4"]


def test_every_count_in_a_message_has_its_plural_form():
    assert counted_without_plural(code_msgids()) == []
