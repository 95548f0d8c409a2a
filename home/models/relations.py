"""Shared rules for relations from editorial pages to the cooperation network."""

from django.db.models import Q
from wagtail.models import Locale


def canonical_only() -> Q:
    """`limit_choices_to` of relations to translatable snippets: default-language rows only.

    Every relation points at the canonical (French) row; translated rows only carry text.
    """
    return Q(locale_id=Locale.get_default().pk)
