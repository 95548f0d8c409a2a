"""The demo loader's parts, in dependency order. Each part is idempotent."""

from . import accounts, network, pages


def load_all(password: str, *, reset_password: bool) -> None:
    """Load every part of the demo; used by `manage.py load_demo` and the test session."""
    accounts.load(password, reset_password=reset_password)
    network.load()
    pages.load()
