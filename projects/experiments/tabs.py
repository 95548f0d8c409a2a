"""Tabs other apps add to an experiment's space (funding adds "Funding" and "Dossiers").

`projects` never imports those apps: they register their tabs here from their AppConfig.ready,
and the space's template shows the ones the user may open.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise


@dataclass(frozen=True)
class ExperimentTab:
    key: str
    label: str | Promise
    url_name: str  # reversed with the experiment's pk as ``pk``
    visible: Callable  # (user, experiment) -> bool
    position: int = 50  # after "Budget" (40), before "Timeline" (60)


_registry: dict[str, ExperimentTab] = {}


def register(tab: ExperimentTab) -> None:
    _registry[tab.key] = tab


def tabs_for(user, experiment) -> list[dict]:
    """The registered tabs ``user`` may open for ``experiment``, with their addresses."""
    return [
        {
            "key": tab.key,
            "label": tab.label,
            "url": reverse(tab.url_name, kwargs={"pk": experiment.pk}),
        }
        for tab in sorted(_registry.values(), key=lambda t: (t.position, t.key))
        if tab.visible(user, experiment)
    ]
