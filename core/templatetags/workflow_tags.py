"""`{% state_badge obj %}`: an object's workflow state as a badge coloured from its declaration
(`core.workflow.badges`), with its label as text."""

from django import template

from core.workflow.badges import state_badge_html

register = template.Library()


@register.simple_tag
def state_badge(obj, field: str = "state"):
    return state_badge_html(obj, field)
