"""Editorial models (re-exports only): one module per section of the site."""

from .pages import HomePage, StandardPage
from .seo import SeoMixin
from .settings import MainMenu, SiteSettings

__all__ = ["HomePage", "MainMenu", "SeoMixin", "SiteSettings", "StandardPage"]
