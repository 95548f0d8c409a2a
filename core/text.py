"""Accent- and case-insensitive text: the one folding of the site, the same on every database.

Visitors type « echanges », « ÉCHANGES » or « Échanges » and expect the same results. Both sides
are *folded* the same way by `fold()`: lower case; accents and other marks removed (Unicode's
compatibility decomposition, NFKD, so « ﬁ » and « ² » become « fi » and « 2 » too); the letters
that do not decompose written in plain letters (œ → oe, æ → ae, ß → ss, ø → o); typographic
apostrophes made straight. Every part of the site that folds uses it: the directory's search,
the search layer's normaliser (`search/text.py`), the import of funding calls.

- In Python, `fold()`.
- In the database, the `Fold` expression: on SQLite it calls `fold()` itself, registered as an
  SQL function on each connection (SQLite's own `lower()` ignores accented capitals); on
  PostgreSQL it is `lower(replace(…translate(…)))` with tables computed from `fold()`, which
  needs no `unaccent` extension and gives the same result for every character of
  `DATABASE_FOLDED` (Latin-1 and Latin Extended-A: the letters of the languages of Western and
  Central Europe, and the combining accents of decomposed text).

A scan with this expression suits the few thousand rows of a directory; a search engine takes
over for larger volumes (see `search/`).
"""

import unicodedata
from typing import overload

from django.db.backends.signals import connection_created
from django.db.models import Func, TextField, Value
from django.db.models.functions import Lower, Replace
from django.dispatch import receiver

SQLITE_FUNCTION = "c05_fold"

# Written for an apostrophe: the typographic one, the modifier letter, a lone grave or acute.
APOSTROPHES = "\u2019\u02bc`\u00b4"
# Letters that Unicode does not decompose into a plain letter and an accent.
PLAIN_LETTERS = {"œ": "oe", "æ": "ae", "ß": "ss", "ø": "o"}
# The lone acute accent is read before the decomposition, which would make it a space.
_BEFORE = str.maketrans({"\u00b4": "'"})
_AFTER = str.maketrans({**dict.fromkeys(APOSTROPHES, "'"), **PLAIN_LETTERS})


@overload
def fold(text: str) -> str: ...
@overload
def fold(text: None) -> None: ...
def fold(text: str | None) -> str | None:
    """The text lower-cased, without accents, apostrophes straight: « Œuvre de Saint-Étienne »
    → « oeuvre de saint-etienne ». None stays None."""
    if text is None:
        return None
    decomposed = unicodedata.normalize("NFKD", text.translate(_BEFORE))
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return plain.lower().translate(_AFTER)


# The characters `Fold` folds in the database as `fold()` does.
COMBINING_ACCENTS = "".join(map(chr, range(0x0300, 0x0370)))
DATABASE_FOLDED = "".join(map(chr, range(0x00A0, 0x0180))) + APOSTROPHES + COMBINING_ACCENTS


def _database_tables() -> tuple[str, str, dict[str, str]]:
    """(from, to) of SQL's translate() and the replacements of one character by several, such
    that lower(replace(translate(text))) folds each character of `DATABASE_FOLDED` as `fold()`
    does. translate() deletes the characters of `from` that have no counterpart in `to` (the
    combining accents: they come last); lower() is only needed for plain ASCII letters, so that
    the result does not depend on the database's locale."""
    sources, targets, deleted, several = [], [], [], {}
    for char in DATABASE_FOLDED:
        folded = fold(char)
        if folded == char:
            continue
        if not folded:
            deleted.append(char)
        elif len(folded) == 1:
            sources.append(char)
            targets.append(folded)
        else:
            several[char] = folded
    return "".join(sources + deleted), "".join(targets), several


_FROM, _TO, _SEVERAL = _database_tables()


class Fold(Func):
    """`fold()` of a column or expression, computed by the database."""

    function = SQLITE_FUNCTION
    arity = 1
    output_field = TextField()

    def as_sqlite(self, compiler, connection, **extra_context):
        return super().as_sql(compiler, connection, **extra_context)

    def as_sql(self, compiler, connection, **extra_context):
        expression = Func(
            self.source_expressions[0],
            Value(_FROM),
            Value(_TO),
            function="TRANSLATE",
            output_field=TextField(),
        )
        # After translate(): what a replacement writes is already folded.
        for char, folded in _SEVERAL.items():
            expression = Replace(expression, Value(char), Value(folded))
        return compiler.compile(Lower(expression, output_field=TextField()))


def search_terms(query: str, *, limit: int = 8) -> list[str]:
    """The folded words of a visitor's query (each must match), at most ``limit`` of them."""
    return [word for word in (fold(query) or "").split() if word][:limit]


@receiver(connection_created)
def register_sqlite_fold(sender, connection, **kwargs) -> None:
    """Make `fold()` callable from SQL on each new SQLite connection."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(SQLITE_FUNCTION, 1, fold, deterministic=True)
