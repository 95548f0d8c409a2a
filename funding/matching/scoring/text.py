"""Text relevance: the words two texts share, in French, English and Italian."""

import math
import re
import unicodedata
from functools import lru_cache

_STOPWORD_LIST = (
    # French
    "les des une aux avec dans pour par sur sous entre vers chez sans son ses leur leurs nos "
    "vos notre votre cette ces cet qui que quoi dont est sont etre avoir ont elle elles ils "
    "nous vous pas plus moins tout tous toute toutes autre autres ainsi comme mais donc car "
    "aussi tres bien fait faire peut peuvent doit afin lors ete etait "
    # English
    "the and for with from into onto over under about this that these those which who whom "
    "are was were been being has have had not but all any each their its our your can may "
    "will would should also such than then them they more most other some very "
    # Italian
    "gli dei del della delle dello degli nel nella nelle nei con per tra fra sul sulla "
    "che chi cui non una uno sono essere loro suo sua suoi sue nostro nostra questo questa "
    "questi queste quello quella anche come piu"
)
STOPWORDS = frozenset(_STOPWORD_LIST.split())
_WORD = re.compile(r"[a-z0-9]+")


def _stem(token: str) -> str:
    """Crude plural and gender stripping shared by French, English and Italian."""
    if len(token) > 4 and token.endswith("aux"):  # locaux → local
        token = token[:-3] + "al"
    elif len(token) > 4 and token.endswith("ies"):  # activities → activity
        token = token[:-3] + "y"
    elif len(token) > 3 and token[-1] in "sx":  # associations → association
        token = token[:-1]
    if len(token) > 4 and token[-1] in "aeio":  # cooperativa, cooperative, cooperativi
        token = token[:-1]
    return token


@lru_cache(maxsize=65536)
def terms(text: str) -> frozenset[str]:
    """The stemmed content words of a text: lowercase, accents stripped, stopwords dropped.

    Cached by text, so each call's words are computed once per process.
    """
    folded = unicodedata.normalize("NFKD", text.lower())
    ascii_text = folded.encode("ascii", "ignore").decode("ascii")
    return frozenset(
        _stem(word)
        for word in _WORD.findall(ascii_text)
        if len(word) > 2 and word not in STOPWORDS and not word.isdigit()
    )


def text_relevance(a: str, b: str) -> float:
    """How much two texts talk about the same things, from 0 to 1.

    A light stand-in for the search layer's full-text rank, which will replace it: the cosine
    between the two sets of stemmed content words (|A ∩ B| / √(|A|·|B|)), French, English and
    Italian alike.
    """
    words_a = terms(a)
    words_b = terms(b)
    if not words_a or not words_b:
        return 0.0
    return len(words_a & words_b) / math.sqrt(len(words_a) * len(words_b))
