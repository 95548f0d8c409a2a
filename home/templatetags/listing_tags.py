"""Template tags of the editorial listings."""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def page_query(context, param: str, number: int) -> str:
    """The current query string with ``param`` set to ``number`` (filters are kept)."""
    params = context["request"].GET.copy()
    params[param] = number
    return "?" + params.urlencode()
