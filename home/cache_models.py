"""The models whose changes purge the page cache, beyond pages themselves.

Apps register their own listed models with ``home.cache.register_purge_model`` in their
``ready()``; this list covers what the site shell and the cooperation network show.
"""

from django.db import models
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Locale, PageViewRestriction, Site

from home.models import MainMenu, SiteSettings
from projects.models import Organisation, Territory, Theme, WorkingGroup


def default_purge_models() -> list[type[models.Model]]:
    return [
        # The shell of every page: menu, footer settings, sites and languages.
        MainMenu,
        SiteSettings,
        Site,
        Locale,
        # A page that becomes private must leave the cache at once.
        PageViewRestriction,
        # Replacing a file or a focal point changes the rendition and document addresses.
        get_image_model(),
        get_document_model(),
        # The cooperation network, listed by the directory and working group pages.
        Theme,
        Territory,
        Organisation,
        WorkingGroup,
    ]
