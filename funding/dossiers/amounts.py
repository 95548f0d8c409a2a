"""Amounts of money in words, for the confirmation of money decisions (« quinze mille euros »).

`num2words` spells the numbers; the currency's words and how they join are ours, because its
own currency spelling says « zéro centimes » and « un million euros ».
"""

from decimal import ROUND_HALF_UP, Decimal

from num2words import num2words

# language -> (euro singular, plural, cent singular, plural, « and », « of » before « euro »)
_WORDS = {
    "fr": ("euro", "euros", "centime", "centimes", " et ", "d\u2019"),
    "it": ("euro", "euro", "centesimo", "centesimi", " e ", "di "),
    "en": ("euro", "euros", "cent", "cents", " and ", ""),
}
# Words after which French and Italian say « d'euros », « di euro ».
_LARGE = {
    "million",
    "millions",
    "milliard",
    "milliards",
    "milione",
    "milioni",
    "miliardo",
    "miliardi",
}


def _spelled(number: int, language: str) -> str:
    words = num2words(number, lang=language)
    # Before a noun Italian says « un euro », « un centesimo » (num2words: « uno »).
    return "un" if language == "it" and words == "uno" else words


def amount_in_words(amount, language: str) -> str:
    """``amount`` (euros, two decimals) in words in ``language`` (fr, it or en; others read
    in English): « quinze mille euros », « mille deux cent trente-quatre euros et cinquante-six
    centimes »."""
    language = (language or "en").split("-")[0].lower()
    if language not in _WORDS:
        language = "en"
    euro, euros, cent, cents, joiner, of = _WORDS[language]
    value = Decimal(str(amount)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    whole, fraction = int(value), int((value - int(value)) * 100)
    parts = []
    if whole or not fraction:
        words = _spelled(whole, language)
        unit = euro if whole == 1 else euros
        joined = of if of and words.split()[-1] in _LARGE else ""
        parts.append(f"{words} {joined}{unit}")
    if fraction:
        parts.append(f"{_spelled(fraction, language)} {cent if fraction == 1 else cents}")
    return joiner.join(parts)
