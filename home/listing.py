"""Helpers shared by the editorial listings (exchanges, news): pagination and localisation."""

from collections.abc import Iterable

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest

from core.translation import localize_all


def paginate(
    queryset: QuerySet, request: HttpRequest, *, param: str = "page", per_page: int = 10
) -> PaginatorPage:
    """One page of the listing; a missing, invalid or out-of-range number gives a valid page."""
    return Paginator(queryset, per_page).get_page(request.GET.get(param))


def localize_related(items: Iterable, *relations: str) -> None:
    """Show the prefetched snippets of each relation in the active language (one query each).

    The items must have these relations prefetched; the related objects stay canonical and
    only their translated text changes (display only).
    """
    items = list(items)
    for relation in relations:
        related = [obj for item in items for obj in getattr(item, relation).all()]
        if related:
            localize_all(related)
