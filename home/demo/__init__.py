"""The demo loader's parts, in dependency order. Each part is idempotent.

Each editorial part receives the French home page (and the network), creates its pages with their
translations, and returns the pages to link from the main menu, in menu order.
"""

from . import accounts, directory, experiments, network, pages


def load_all(password: str, *, reset_password: bool) -> None:
    """Load every part of the demo; used by `manage.py load_demo` and the test session."""
    accounts.load(password, reset_password=reset_password)
    data = network.load()
    data.update(pages.load())
    experiments.load(data)
    menu = []
    # Editorial sections, in menu order, each returning the pages the menu links to.
    network_pages = directory.load()
    menu.append(network_pages["directory"])
    menu.append(network_pages["working_groups"])
    menu.append(network_pages["dashboard"])
    menu.append(data["take_part"])
    pages.main_menu(menu)
