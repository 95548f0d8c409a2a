"""The demo loader's parts, in dependency order. Each part is idempotent.

Each editorial part receives the French home page (and the network), creates its pages with their
translations, and returns the pages to link from the main menu, in menu order.

Other apps follow the loading through two signals: `demo_load_started`, then `demo_loaded` with
``complete`` (the search layer pauses its per-object sync meanwhile and rebuilds its index once
at the end).
"""

from django.dispatch import Signal

from home.demo import (
    accounts,
    contact,
    directory,
    dossiers,
    exchanges,
    experiments,
    funding,
    guides,
    network,
    news,
    pages,
    sharing,
)
from home.setup import ensure_groups

demo_load_started = Signal()
demo_loaded = Signal()  # complete: whether every part was loaded


def load_all(password: str, *, reset_password: bool) -> None:
    """Load every part of the demo; used by `manage.py load_demo` and the test session."""
    demo_load_started.send(sender=load_all)
    try:
        _load_parts(password, reset_password=reset_password)
    except BaseException:
        demo_loaded.send(sender=load_all, complete=False)
        raise
    demo_loaded.send(sender=load_all, complete=True)


def _load_parts(password: str, *, reset_password: bool) -> None:
    accounts.load(password, reset_password=reset_password)
    data = network.load()
    data.update(pages.load())
    experiments.load(data)
    sharing.load(data)
    # Editorial sections, in menu order, each returning the pages the menu links to.
    menu = [guides.load(data["home"], data)]
    menu += exchanges.load(data, data["home"])
    network_pages = directory.load()
    menu.append(network_pages["directory"])
    menu.append(funding.load(data, data["home"]))
    dossiers.load()
    menu += news.load(data, data["home"])
    menu.append(network_pages["working_groups"])
    menu.append(network_pages["dashboard"])
    menu.append(data["take_part"])
    menu += contact.load(data, data["home"])
    pages.main_menu(menu)
    # The home pages of every language now exist: give editors and moderators their rights.
    ensure_groups()
