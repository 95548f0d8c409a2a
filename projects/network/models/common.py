"""What the network's models share: slugs, relations to canonical rows, country codes."""

from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

COUNTRY_HELP = _("Two-letter ISO code: FR for France, IT for Italy.")


def free_slug(rows: models.QuerySet, base: str, max_length: int) -> str:
    """``base`` slugified, numbered (``-2``, ``-3``…) until none of ``rows`` has it: the slug
    of a row whose editor left the field empty."""
    root = slugify(base)[: max_length - 5] or rows.model._meta.model_name
    slug, number = root, 2
    while rows.filter(slug=slug).exists():
        slug, number = f"{root}-{number}", number + 1
    return slug


def canonical_only() -> models.Q:
    """`limit_choices_to` of relations to translatable snippets: default-language rows only
    (the canonical-row rule of docs/translation.md: translated rows only carry text)."""
    return models.Q(locale_id=Locale.get_default().pk)
