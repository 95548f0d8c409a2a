"""Editorial models (re-exports only): one module per section of the site."""

from .pages import HomePage, StandardPage
from .settings import MainMenu, SiteSettings

__all__ = ["HomePage", "MainMenu", "SiteSettings", "StandardPage"]
