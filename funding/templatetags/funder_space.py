"""Template tags of the funders' space: whether the signed-in person reviews for a funder."""

from django import template

import funding.dossiers.permissions as permissions

register = template.Library()


@register.simple_tag(takes_context=True)
def reviews_for_a_funder(context) -> bool:
    """True for reviewers of at least one funder (one query per request at most)."""
    request = context.get("request")
    if request is None or not request.user.is_authenticated:
        return False
    return permissions.is_reviewer(request.user)


@register.filter
def stage_label(recorded: str):
    """A review stage as the history recorded it, in the reader's language."""
    from funding.dossiers.services import stage_label as label

    return label(recorded)
