"""Accent- and case-insensitive text matching that behaves the same on SQLite and PostgreSQL.

Visitors type « echanges », « ÉCHANGES » or « Échanges » and expect the same results. Both sides
are *folded* the same way: accented Latin letters (French, Italian, German, Spanish) become their
plain letters, typographic apostrophes become straight ones, then the text is lower-cased.

- In Python, `fold()`.
- In the database, the `Fold` expression: on SQLite it calls `fold()` itself, registered as an
  SQL function on each connection (SQLite's own `lower()` ignores accented capitals); on
  PostgreSQL it is `lower(translate(…))`, which needs no `unaccent` extension.

A scan with this expression suits the few thousand rows of a directory; a search engine takes
over for larger volumes (see `search/`).
"""

from django.db.backends.signals import connection_created
from django.db.models import Func, TextField, Value
from django.db.models.functions import Lower, Replace
from django.dispatch import receiver

SQLITE_FUNCTION = "c05_fold"

# Letters that fold to one letter, by plain letter (capitals are added below).
_SINGLE = {
    "a": "àáâãäå",
    "c": "ç",
    "e": "èéêë",
    "i": "ìíîï",
    "n": "ñ",
    "o": "òóôõöø",
    "u": "ùúûü",
    "y": "ýÿ",
}
# Letters that fold to two letters, and apostrophes.
_MULTI = {"æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "ß": "ss"}
_APOSTROPHES = "\u2019\u02bc"  # typographic apostrophe, modifier letter apostrophe

_FROM = ""
_TO = ""
for _plain, _letters in _SINGLE.items():
    for _letter in _letters + _letters.upper():
        _FROM += _letter
        _TO += _plain
_FROM += _APOSTROPHES
_TO += "'" * len(_APOSTROPHES)

_TABLE = str.maketrans({**dict(zip(_FROM, _TO, strict=True)), **_MULTI})


def fold(text: str | None) -> str | None:
    """The text without accents, lower-cased: « Pôle Santé » → « pole sante »."""
    if text is None:
        return None
    return text.translate(_TABLE).lower()


class Fold(Func):
    """`fold()` of a column or expression, computed by the database."""

    function = SQLITE_FUNCTION
    arity = 1
    output_field = TextField()

    def as_sqlite(self, compiler, connection, **extra_context):
        return super().as_sql(compiler, connection, **extra_context)

    def as_sql(self, compiler, connection, **extra_context):
        expression = self.source_expressions[0]
        for letter, plain in _MULTI.items():
            expression = Replace(expression, Value(letter), Value(plain))
        translated = Func(
            expression, Value(_FROM), Value(_TO), function="TRANSLATE", output_field=TextField()
        )
        return compiler.compile(Lower(translated, output_field=TextField()))


def search_terms(query: str, *, limit: int = 8) -> list[str]:
    """The folded words of a visitor's query (each must match), at most ``limit`` of them."""
    return [word for word in (fold(query) or "").split() if word][:limit]


@receiver(connection_created)
def register_sqlite_fold(sender, connection, **kwargs) -> None:
    """Make `fold()` callable from SQL on each new SQLite connection."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(SQLITE_FUNCTION, 1, fold, deterministic=True)
