"""Editorial models (re-exports only): one module per section of the site."""

from .dashboard import DashboardPage
from .directory import OrganisationDirectoryPage
from .guides import GuideIndexPage, GuidePage
from .pages import HomePage, StandardPage
from .seo import SeoMixin
from .settings import MainMenu, SiteSettings
from .working_groups import WorkingGroupsPage

__all__ = [
    "DashboardPage",
    "GuideIndexPage",
    "GuidePage",
    "HomePage",
    "MainMenu",
    "OrganisationDirectoryPage",
    "SeoMixin",
    "SiteSettings",
    "StandardPage",
    "WorkingGroupsPage",
]
