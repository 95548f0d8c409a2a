"""Where a project is, in words: a territory's name and its preposition in each language.

French needs the preposition and article by name (« en France », « dans les Hautes-Alpes »,
« à Gap », « au Monêtier-les-Bains »), Italian too (« in Francia », « nelle Alte Alpi », « a
Gap »), English says « in ». A territory stores them (blank: the default rule below) and hands a
plain, hashable `Place` to the code that writes messages, so the matcher stays free of the
database and one result can be shown in each language.
"""

from dataclasses import dataclass

from django.utils.translation import get_language

LANGUAGES = ("fr", "en", "it")

# Choices offered in the admin; blank means « the default rule ».
PREPOSITIONS = {
    "fr": ("en", "au", "aux", "à", "dans le", "dans la", "dans les", "dans l'"),
    "en": ("in", "in the"),
    "it": ("in", "a", "nel", "nello", "nella", "nell'", "nei", "negli", "nelle"),
}

# « à » + « Le Monêtier-les-Bains » reads « au Monêtier-les-Bains »; « à Les Orres », « aux Orres ».
_FRENCH_CONTRACTIONS = (("Le ", "au "), ("Les ", "aux "))

_VOWELS = "AEIOUYÂÉÈÊÎÔÛaeiouyâéèêîôû"
_FRENCH_COUNTRIES_AU = {"Royaume-Uni", "Mexique", "Cambodge", "Mozambique", "Zimbabwe"}
_FRENCH_COUNTRIES_A = {"Monaco", "Malte", "Chypre", "Saint-Marin"}


def _first_word(name: str) -> str:
    return name.replace("-", " ").split(" ", 1)[0]


def _french_article(name: str) -> str:
    """« dans le / la / les / l' » guessed from the name's first word."""
    word = _first_word(name)
    if word.lower().endswith(("es", "x")) and len(word) > 3:
        return "dans les"
    if name[:1] in _VOWELS:
        return "dans l'"
    if word.lower().endswith(("e", "té", "tion")):
        return "dans la"
    return "dans le"


def default_preposition(language: str, name: str, kind: str) -> str:
    """The preposition a territory gets when none is stored: right for most names.

    Communes take « à » / « a » (and « in » in English); countries and regions « en » when
    feminine or starting with a vowel, « au » otherwise; other perimeters take « dans » and the
    article the name's first word suggests. Editors correct the exceptions in the admin.
    """
    if language == "en":
        return "in"
    if language == "it":
        return "a" if kind == "commune" else "in"
    if kind == "commune":
        return "à"
    if kind == "nation":
        if name in _FRENCH_COUNTRIES_A:
            return "à"
        if name in _FRENCH_COUNTRIES_AU:
            return "au"
        if _first_word(name).endswith("s"):
            return "aux"
        if name[:1] in _VOWELS or _first_word(name).endswith("e"):
            return "en"
        return "au"
    if kind == "region" and (name[:1] in _VOWELS or _first_word(name).endswith("e")):
        return "en"
    return _french_article(name)


def phrase(preposition: str, name: str) -> str:
    """Join a preposition and a name: « dans l'Isère », « au Monêtier-les-Bains »."""
    if preposition == "à":
        for article, contracted in _FRENCH_CONTRACTIONS:
            if name.startswith(article):
                return f"{contracted}{name[len(article) :]}"
    if preposition.endswith("'"):
        return f"{preposition}{name}"
    return f"{preposition} {name}"


def _language(language: str | None) -> str:
    code = (language or get_language() or "fr").split("-")[0]
    return code if code in LANGUAGES else "en"


@dataclass(frozen=True)
class Place:
    """A territory as messages quote it: its names and prepositions per language."""

    name: str  # the official name, as written locally
    kind: str = ""
    names: tuple[tuple[str, str], ...] = ()  # (language, name) where it differs
    prepositions: tuple[tuple[str, str], ...] = ()  # (language, preposition) stored

    def local_name(self, language: str | None = None) -> str:
        """The name in `language` (the active one by default): « Alte Alpi » in Italian."""
        return dict(self.names).get(_language(language)) or self.name

    def located_in(self, language: str | None = None) -> str:
        """« en France », « dans les Hautes-Alpes », « nelle Alte Alpi », « in Gap »."""
        language = _language(language)
        name = self.local_name(language)
        preposition = dict(self.prepositions).get(language) or default_preposition(
            language, name, self.kind
        )
        return phrase(preposition, name)

    def __str__(self) -> str:
        return self.local_name()


PLACE_FIELDS = tuple(f"{prefix}_{code}" for prefix in ("name", "in") for code in LANGUAGES)
"""The territory's columns a `Place` is built from (``name_fr`` … ``in_it``)."""


def place_from(name: str, kind: str, values: dict[str, str]) -> Place:
    """A `Place` from a territory's name, kind and `PLACE_FIELDS` values (a row or a model)."""
    return Place(
        name=name,
        kind=kind,
        names=tuple((code, values[f"name_{code}"]) for code in LANGUAGES if values[f"name_{code}"]),
        prepositions=tuple(
            (code, values[f"in_{code}"]) for code in LANGUAGES if values[f"in_{code}"]
        ),
    )
