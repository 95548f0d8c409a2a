"""Editorial models (re-exports only): one module per section of the site."""

from .dashboard import DashboardPage
from .directory import OrganisationDirectoryPage
from .exchanges import ExchangeIndexPage, ExchangePage
from .forms import FormField, FormPage
from .guides import GuideIndexPage, GuidePage
from .news import NewsIndexPage, NewsPage
from .pages import HomePage, StandardPage
from .seo import SeoMixin
from .settings import MainMenu, SiteSettings
from .working_groups import WorkingGroupsPage

__all__ = [
    "DashboardPage",
    "ExchangeIndexPage",
    "ExchangePage",
    "FormField",
    "FormPage",
    "GuideIndexPage",
    "GuidePage",
    "HomePage",
    "MainMenu",
    "NewsIndexPage",
    "NewsPage",
    "OrganisationDirectoryPage",
    "SeoMixin",
    "SiteSettings",
    "StandardPage",
    "WorkingGroupsPage",
]
