"""Areas of the platform outside the page tree that the main menu may link to.

Editors pick them by name in the menu; the address is reversed in the visitor's language, so a
menu item follows the translated URLs (``/fr/mutualisation/``, ``/it/condivisione/``…).
"""

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

AREAS = {
    "sharing_board": (_("Sharing board"), "projects:sharing_board"),
    "experiments": (_("Cooperation experiments"), "projects:public_list"),
    "propose_cooperation": (_("Propose a cooperation"), "projects:propose_public"),
    "my_space": (_("My space"), "projects:space"),
}


def choices() -> list[tuple[str, str]]:
    return [(key, label) for key, (label, _route) in AREAS.items()]


def register(key: str, label, route: str) -> None:
    """Another app offers one of its areas to the menu (from its AppConfig.ready)."""
    AREAS[key] = (label, route)


def resolve(key: str) -> tuple[str, str] | None:
    """(url, label) of the area in the active language; None if it is unknown or gone."""
    try:
        label, route = AREAS[key]
        return reverse(route), str(label)
    except (KeyError, NoReverseMatch):
        return None
