"""The models whose changes purge the page cache, beyond pages themselves.

A model that public pages list or show says so where it is defined, with the class attribute
``purges_page_cache = True``; `CoreConfig.ready` registers those and the Wagtail models every
page depends on. The ground floor never names a business area's model.
"""

from django.apps import apps
from django.db import models
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Locale, PageViewRestriction, Site


def wagtail_purge_models() -> list[type[models.Model]]:
    return [
        # Sites and languages shape every page's shell.
        Site,
        Locale,
        # A page that becomes private must leave the cache at once.
        PageViewRestriction,
        # Replacing a file or a focal point changes the rendition and document addresses.
        get_image_model(),
        get_document_model(),
    ]


def declared_purge_models() -> list[type[models.Model]]:
    """The models that declare ``purges_page_cache = True``."""
    return [model for model in apps.get_models() if getattr(model, "purges_page_cache", False)]


def default_purge_models() -> list[type[models.Model]]:
    return wagtail_purge_models() + declared_purge_models()
