"""Editorial models (re-exports only): one module per section of the site."""

from home.models.dashboard import DashboardPage
from home.models.directory import OrganisationDirectoryPage
from home.models.exchanges import ExchangeIndexPage, ExchangePage
from home.models.forms import FormField, FormPage
from home.models.guides import GuideIndexPage, GuidePage
from home.models.news import NewsIndexPage, NewsPage
from home.models.pages import HomePage, StandardPage
from home.models.seo import SeoMixin
from home.models.settings import MainMenu, SiteSettings
from home.models.working_groups import WorkingGroupsPage

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
