from django import template

from projects.experiments.tabs import tabs_for

register = template.Library()


@register.inclusion_tag("projects/includes/extra_tabs.html", takes_context=True)
def extra_tabs(context, experiment, current: str):
    """The tabs other apps registered for this experiment (see projects/experiments/tabs.py)."""
    return {"tabs": tabs_for(context["request"].user, experiment), "current": current}
