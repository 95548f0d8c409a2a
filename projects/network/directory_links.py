"""Links from the cooperation pages to an organisation's page in the directory.

The directory is an editorial page of the `home` app, which `projects` must not import: the page
is looked up by its model label, and asked for an organisation's address through its own
`organisation_url` method. Without a directory page (a bare site), organisations are not linked.
"""

from django.apps import apps
from django.conf import settings
from django.http import HttpRequest
from django.utils import translation

DIRECTORY_PAGE = "home.OrganisationDirectoryPage"


def directory_page(request: HttpRequest):
    """The live directory page in the active language, else the French one (one query, then
    cached on the request)."""
    cache_key = f"_directory_page_{translation.get_language()}"
    if hasattr(request, cache_key):
        return getattr(request, cache_key)
    try:
        model = apps.get_model(DIRECTORY_PAGE)
    except LookupError:
        page = None
    else:
        codes = [translation.get_language() or settings.LANGUAGE_CODE, settings.LANGUAGE_CODE]
        pages: dict = {}
        for candidate in (
            model.objects.live()
            .filter(locale__language_code__in=codes)
            .select_related("locale")
            .order_by("path")
        ):
            pages.setdefault(candidate.locale.language_code, candidate)
        page = pages.get(codes[0]) or pages.get(codes[1])
    setattr(request, cache_key, page)
    return page


def organisation_urls(request: HttpRequest, organisations) -> dict[int, str]:
    """The directory address of each organisation, by primary key."""
    page = directory_page(request)
    if page is None:
        return {}
    base = page.get_url(request)
    if not base:
        return {}
    return {org.pk: page.organisation_url(org.slug, base) for org in organisations}
