"""Canonical rows and their translations.

Translatable snippets (themes, organisations, working groups) have one row per language, linked by
`translation_key`. Every relation in the platform points at the *canonical* row, the one in the
default language (French); translated rows only carry translated text. These helpers fetch the
canonical rows and show the active language's text without one query per object.
"""

from collections.abc import Iterable
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.db import models
from django.http import Http404
from django.urls import Resolver404, resolve, translate_url
from wagtail.fields import StreamField
from wagtail.models import Locale, Site
from wagtail_localize.fields import TranslatableField, get_translatable_fields


class CanonicalQuerySet(models.QuerySet):
    """Queries for translatable snippets."""

    def canonical(self):
        """The rows in the default language: the ones relations point at."""
        return self.filter(locale_id=Locale.get_default().pk)


def translated_text_fields(model) -> list[str]:
    """Names of the model's plain text fields that translators translate."""
    names = []
    for field in get_translatable_fields(model):
        if not isinstance(field, TranslatableField):
            continue
        model_field = model._meta.get_field(field.field_name)
        if isinstance(model_field, models.CharField | models.TextField | StreamField):
            names.append(field.field_name)
    return names


def localize_all(objects: Iterable, locale: Locale | None = None) -> list:
    """Canonical objects whose translated text is replaced by the text in ``locale``.

    ``locale`` is the active one by default; an object without a translation keeps its own
    text. One query whatever the number of objects. The objects stay canonical (their pk,
    relations and prefetched data are untouched): use the result for display, never save it.
    """
    objects = list(objects)
    locale = locale or Locale.get_active()
    pending = [obj for obj in objects if obj.locale_id != locale.pk]
    for obj in objects:
        # The language of the text shown: templates mark what is not the page's (`lang_attr`).
        obj.content_language = locale.language_code if obj.locale_id == locale.pk else None
    if not pending:
        return objects
    model = type(pending[0])
    fields = translated_text_fields(model)
    translations = model.objects.filter(
        translation_key__in={obj.translation_key for obj in pending}, locale=locale
    ).only("translation_key", *fields)
    by_key = {row.translation_key: row for row in translations}
    for obj in pending:
        row = by_key.get(obj.translation_key)
        if row is not None:
            for name in fields:
                setattr(obj, name, getattr(row, name))
            obj.is_localized_copy = True
            obj.content_language = locale.language_code
        else:
            # Canonical rows are in the default language; one with no translation keeps it.
            obj.content_language = settings.LANGUAGE_CODE
    return objects


def localize(obj, locale: Locale | None = None):
    """One object in the active language (see `localize_all`)."""
    if obj is None:
        return None
    return localize_all([obj], locale)[0]


def path_in_language(request, path: str, language: str) -> str:
    """``path`` (a local address) as it reads in ``language``: a translated URL pattern is
    reversed in that language, a Wagtail page becomes its live translation. An address with no
    version in that language is returned unchanged (better the right page in French than a 404).
    """
    split = urlsplit(path)
    try:
        match = resolve(split.path)
    except Resolver404:
        return path
    if match.url_name != "wagtail_serve":
        return translate_url(path, language)
    site = Site.find_for_request(request)
    if site is None:
        return path
    components = [part for part in match.args[0].split("/") if part] if match.args else []
    try:
        routed = site.root_page.localized.specific.route(request, components)
    except Http404:
        return path
    page = getattr(routed, "page", routed)
    own_url = page.get_url(request) or ""
    suffix = split.path[len(own_url) :] if split.path.startswith(own_url) else ""
    other = page.get_translations().filter(locale__language_code=language, live=True).first()
    if other is None or not other.get_url(request):
        return path
    return urlunsplit(
        (split.scheme, split.netloc, other.get_url(request) + suffix, split.query, split.fragment)
    )
