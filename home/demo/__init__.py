"""The demo loader's parts, in dependency order. Each part is idempotent.

Each editorial part receives the French home page (and the network), creates its pages with their
translations, and returns the pages to link from the main menu, in menu order.
"""

from home.setup import ensure_groups

from . import (
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


def load_all(password: str, *, reset_password: bool) -> None:
    """Load every part of the demo; used by `manage.py load_demo` and the test session."""
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
