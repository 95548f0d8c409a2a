"""Editorial models (re-exports only): one module per section of the site."""

from .exchanges import ExchangeIndexPage, ExchangePage
from .forms import FormField, FormPage
from .news import NewsIndexPage, NewsPage
from .pages import HomePage, StandardPage
from .settings import MainMenu, SiteSettings

__all__ = [
    "ExchangeIndexPage",
    "ExchangePage",
    "FormField",
    "FormPage",
    "HomePage",
    "MainMenu",
    "NewsIndexPage",
    "NewsPage",
    "SiteSettings",
    "StandardPage",
]
