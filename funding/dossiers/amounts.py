"""Amounts of money in words, for decision letters and the confirmation of money decisions
(« quinze mille euros »).

`num2words` spells the numbers; the currency's words and how they join are ours, because its
own currency spelling says « zéro centimes » and « un million euros ».
"""

from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from num2words import num2words


@dataclass(frozen=True)
class _Currency:
    euro: str
    euros: str
    cent: str
    cents: str
    joiner: str
    large: tuple[str, ...] = ()  # words after which the unit takes « of » (un million d'euros)
    of_euros: str = ""


_CURRENCIES = {
    "fr": _Currency(
        "euro",
        "euros",
        "centime",
        "centimes",
        " et ",
        ("million", "millions", "milliard", "milliards"),
        "d\u2019euros",  # typographic apostrophe
    ),
    "en": _Currency("euro", "euros", "cent", "cents", " and "),
    "it": _Currency(
        "euro",
        "euro",
        "centesimo",
        "centesimi",
        " e ",
        ("milione", "milioni", "miliardo", "miliardi"),
        "di euro",
    ),
}


def _words(number: int, language: str) -> str:
    words = num2words(number, lang=language)
    if language == "it" and number == 1:
        words = "un"  # « un euro », not « uno euro »
    return words


def amount_in_words(amount: Decimal | int | str, language: str) -> str:
    """``amount`` euros written in words in ``language`` (fr, en, it; others: the platform's),
    e.g. « quinze mille deux cent cinquante euros et cinquante centimes ». Raises ValueError
    for a negative amount or one that is not a number."""
    value = Decimal(str(amount)).quantize(Decimal("0.01"))
    if value < 0:
        raise ValueError("An amount in words is never negative.")
    code = (language or "").split("-")[0].lower()
    if code not in _CURRENCIES:
        code = settings.LANGUAGE_CODE
    currency = _CURRENCIES[code]
    euros, cents = int(value), int((value - int(value)) * 100)
    words = _words(euros, code)
    singular = euros <= 1 if code == "fr" else euros == 1
    if currency.large and words.split()[-1] in currency.large:
        unit = currency.of_euros
    else:
        unit = currency.euro if singular else currency.euros
    text = f"{words} {unit}"
    if cents:
        cent_unit = currency.cent if cents == 1 else currency.cents
        text += f"{currency.joiner}{_words(cents, code)} {cent_unit}"
    return text
