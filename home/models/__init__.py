"""Editorial models (re-exports only): one module per section of the site."""

from .guides import GuideIndexPage, GuidePage
from .pages import HomePage, StandardPage
from .settings import MainMenu, SiteSettings

__all__ = ["GuideIndexPage", "GuidePage", "HomePage", "MainMenu", "SiteSettings", "StandardPage"]
