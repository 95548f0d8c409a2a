"""The decisions of a dossier that come with a letter, for the dossier's page."""

from django import template

from funding.dossiers.letters import DECISIONS

register = template.Library()


@register.simple_tag
def decision_letters(application) -> list:
    """The dossier's decisions (oldest first), each with a letter to download: one query."""
    return list(application.events.filter(transition__in=DECISIONS).order_by("created_at", "pk"))
