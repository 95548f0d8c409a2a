"""The demo loader's parts, in dependency order. Each part is idempotent.

Each editorial part receives the French home page (and the network), creates its pages with their
translations, and returns the pages to link from the main menu, in menu order.
"""

from . import accounts, contact, exchanges, network, news, pages


def load_all(password: str, *, reset_password: bool) -> None:
    """Load every part of the demo; used by `manage.py load_demo` and the test session."""
    accounts.load(password, reset_password=reset_password)
    data = network.load()
    data.update(pages.load())
    menu = []
    # Editorial sections, in menu order, each returning the pages the menu links to.
    menu += exchanges.load(data, data["home"])
    menu += news.load(data, data["home"])
    menu.append(data["take_part"])
    menu += contact.load(data, data["home"])
    pages.main_menu(menu)
