"""The text normaliser shared by documents and queries, and highlighted extracts.

The database backends index and query *normalised* words, so that « Trésoreries », « tresorerie »
and « TRÉSORERIE » are one word whatever the engine does with accents:

1. folding: lower case, accents stripped, typographic apostrophes made straight — the site's one
   folding, `core.text.fold`;
2. elision: « l'association », « d'économie », « dell'economia » keep the word after the
   apostrophe;
3. light stemming of plurals (and Italian gender/number endings) per language: « locaux » →
   « local », « activities » → « activity », « progetti » and « progetto » → « progett ».

The same function runs on both sides, so a stemming that is "wrong" linguistically is harmless as
long as it is consistent. Elasticsearch does the same with its own analysers (asciifolding,
elision, light stemmers): see `search/backends/elastic.py`.
"""

import re
from collections.abc import Iterable
from functools import lru_cache

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from core.text import fold

LANGUAGES = ("fr", "en", "it")
# Elided articles and prepositions before an apostrophe (French and Italian).
FRENCH_ELISIONS = ["l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu"]
ITALIAN_ELISIONS = ["dell", "dall", "nell", "sull", "all", "un", "quest", "quell", "tutt"]
ELISIONS = frozenset(FRENCH_ELISIONS + ITALIAN_ELISIONS)
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z0-9]+)?")
# Extract: how many characters around the first matching word, and at most.
EXTRACT_BEFORE = 60
EXTRACT_LENGTH = 220


def _elide(word: str) -> str:
    if "'" in word:
        head, _, tail = word.partition("'")
        return tail if head in ELISIONS or not tail else head + tail
    return word


def stem(word: str, language: str) -> str:
    """The light stem of a folded word in ``language``."""
    if word.isdigit() or len(word) <= 3:
        return word
    if language == "it":
        if len(word) > 4 and word[-2:] in ("he", "hi"):  # banche → banc, like banca
            return word[:-2]
        if len(word) > 4 and word[-1] in "aeio":
            word = word[:-1]
        return word
    if language == "en":
        if len(word) > 4 and word.endswith("ies"):
            return word[:-3] + "y"
        if word.endswith("sses"):
            return word[:-2]
        if word[-1] == "s" and word[-2] not in "su":
            return word[:-1]
        return word
    # French (and the default)
    if len(word) > 4 and word.endswith("eaux"):
        return word[:-1]
    if len(word) > 4 and word.endswith("aux"):  # locaux → local
        return word[:-3] + "al"
    if word[-1] in "sx" and word[-2] not in "su":
        return word[:-1]
    return word


@lru_cache(maxsize=4096)
def _stem_cached(word: str, language: str) -> str:
    return stem(word, language)


def terms(text: str | None, language: str) -> list[str]:
    """The normalised words of ``text``, in order (duplicates kept)."""
    if not text:
        return []
    return [_stem_cached(_elide(word), language) for word in _WORD.findall(fold(text))]


def normalise(text: str | None, language: str) -> str:
    """The normalised words of ``text`` joined by spaces: what the database indexes."""
    return " ".join(terms(text, language))


def query_terms(text: str | None, language: str, *, limit: int = 12) -> list[str]:
    """The distinct normalised words of a visitor's query, at most ``limit`` of them."""
    found: list[str] = []
    for word in terms(text, language):
        if word not in found:
            found.append(word)
    return found[:limit]


# Words of the displayed text: an elided article stays outside the mark
# (« l'<mark>économie</mark> »).
_RAW_WORD = re.compile(r"\w+")


def highlight(text: str, words: Iterable[str], language: str) -> SafeString:
    """An extract of ``text`` around the first word matching one of the normalised ``words``,
    HTML-escaped, each matching word wrapped in ``<mark>``.

    The text is escaped piece by piece: what the visitor or an editor typed never becomes HTML.
    Only the words up to the first match and those of the extract are normalised.
    """
    text = " ".join((text or "").split())
    wanted = frozenset(words)
    first = None
    if wanted:
        first = next(
            (m for m in _RAW_WORD.finditer(text) if _matches(m.group(), wanted, language)), None
        )
    start = 0
    if first is not None and first.start() > EXTRACT_BEFORE:
        start = text.rfind(" ", 0, first.start() - EXTRACT_BEFORE) + 1
    end = min(len(text), start + EXTRACT_LENGTH)
    if end < len(text):
        end = max(text.rfind(" ", start, end), start + 1)
    pieces = ["…" if start else ""]
    cursor = start
    if first is not None:
        for match in _RAW_WORD.finditer(text, start, end):
            if _matches(match.group(), wanted, language):
                pieces.append(escape(text[cursor : match.start()]))
                pieces.append(f"<mark>{escape(match.group())}</mark>")
                cursor = match.end()
    pieces.append(escape(text[cursor:end]))
    if end < len(text):
        pieces.append("…")
    return mark_safe("".join(pieces))  # noqa: S308 (every piece of text is escaped above)


def _matches(raw: str, wanted: frozenset[str], language: str) -> bool:
    return _term_of(raw, language) in wanted


@lru_cache(maxsize=65536)
def _term_of(raw: str, language: str) -> str:
    """The normalised form of one displayed word (cached: texts repeat their words)."""
    found = terms(raw, language)
    return found[0] if found else ""
