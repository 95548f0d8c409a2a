"""The search page and its title suggestions, under each language prefix."""

import math
from dataclasses import replace
from functools import wraps

from django.core.paginator import Paginator
from django.http import HttpRequest, JsonResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from . import services
from .documents import Kind
from .facets import facets_for
from .forms import SearchForm
from .pages import ResultPage
from .text import query_terms

PER_PAGE = 20
SUGGEST_MIN_LENGTH = 2


def _language() -> str:
    return (translation.get_language() or "fr").split("-")[0]


def _private_when_signed_in(view):
    """Signed-in people's results hold the experiments they may see: never in a shared cache.
    Anonymous visitors all see the same results, which the page cache may keep: every write to
    the index purges it (`search.tasks`, `services.rebuild_index`)."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if request.user.is_authenticated:
            patch_cache_control(response, private=True, no_store=True)
        return response

    return wrapped


@require_GET
@_private_when_signed_in
def search(request: HttpRequest):
    """Words and facets in, a page of highlighted results with facet counts out. An empty or
    meaningless query shows how to search instead of an error; bad filters answer 400."""
    form = SearchForm(request.GET)
    context: dict = {"form": form, "kinds": dict(Kind.choices)}
    status = 200
    if not form.is_valid():
        status = 400
        return render(request, "search/search.html", context, status=status)
    criteria = form.criteria()
    if not query_terms(criteria["text"], _language()) and not form.is_filtered:
        # Nothing to look for: how to search (and why, when characters were typed).
        context.update({"query": criteria["text"], "meaningless": bool(criteria["text"])})
        return render(request, "search/search.html", context)
    query = services.query_for(request.user, language=_language(), per_page=PER_PAGE, **criteria)
    results = services.run(query)
    last = max(1, math.ceil(results.total / PER_PAGE))
    if query.page > last:  # a page past the end: show the last one
        query = replace(query, page=last)
        results = services.run(query)
    paginator = Paginator(ResultPage(results, query.page, PER_PAGE), PER_PAGE)
    page_obj = paginator.get_page(query.page)
    params = request.GET.copy()
    params.pop("page", None)
    context.update(
        {
            "query": criteria["text"],
            "searched": True,
            "meaningless": bool(criteria["text"]) and not results.terms,
            "results": results,
            "hits": page_obj.object_list,
            "page_obj": page_obj,
            "page_range": list(
                paginator.get_elided_page_range(page_obj.number, on_each_side=2, on_ends=1)
            ),
            "filter_query": params.urlencode(),
            "facets": facets_for(results, query),
            "is_filtered": form.is_filtered,
        }
    )
    return render(request, "search/search.html", context, status=status)


@require_GET
@cache_control(private=True)
def suggestions(request: HttpRequest) -> JsonResponse:
    """Titles starting with what the visitor is typing (for the search fields' script)."""
    text = request.GET.get("q", "")[:100]
    found = []
    if len(text.strip()) >= SUGGEST_MIN_LENGTH:
        found = services.suggest(request.user, text=text, language=_language())
    kinds = dict(Kind.choices)
    return JsonResponse(
        {
            "suggestions": [
                {"title": s.title, "url": s.url, "type": s.kind, "type_label": str(kinds[s.kind])}
                for s in found
            ]
        }
    )
