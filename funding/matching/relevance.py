"""The text relevance of calls to an experiment, from the search layer when one registered.

`funding` may not import `search` (dependencies flow one way: `search` imports every app), so the
search layer registers its scorer here from its `AppConfig.ready`; `recommendations.recommend`
passes the scores into the matcher, which falls back to its own word overlap without them.
"""

from collections.abc import Callable, Iterable, Mapping

# (experiment text, call ids, language) → {call id: relevance from 0 to 1}
TextScorer = Callable[[str, Iterable[int], str], Mapping[int, float]]

_scorer: dict[str, TextScorer] = {}


def register_text_scorer(scorer: TextScorer) -> None:
    _scorer["default"] = scorer


def text_scores(
    text: str, call_ids: Iterable[int], language: str = "fr"
) -> dict[int, float] | None:
    """Each call's relevance to ``text``, or None when no scorer is registered."""
    scorer = _scorer.get("default")
    if scorer is None:
        return None
    return dict(scorer(text, call_ids, language))
