"""Finding the page of a site section (the directory, the working groups) in a given language."""

from django.apps import apps
from django.conf import settings
from wagtail.models import Locale, Page


def section_page(model: type[Page] | str, locale: Locale) -> Page | None:
    """The live page of ``model`` in ``locale``, else the one in the default language (one query).

    Sections such as the directory exist once per language; other pages link to them, so they
    need the visitor's version, or the French one when it has not been translated yet.
    ``model`` may be an "app_label.ModelName" string, so that section pages can link to each
    other without importing each other.
    """
    if isinstance(model, str):
        model = apps.get_model(model)
    codes = [locale.language_code, settings.LANGUAGE_CODE]
    pages: dict[str, Page] = {}
    queryset = model.objects.live().filter(locale__language_code__in=codes)
    for page in queryset.select_related("locale").order_by("path"):
        pages.setdefault(page.locale.language_code, page)
    return pages.get(codes[0]) or pages.get(codes[1])
