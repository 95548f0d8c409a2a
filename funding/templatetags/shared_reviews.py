"""The review comments a funder's staff shared with the lead, on the lead's dossier page."""

from django import template

from funding.dossiers.models import Review

register = template.Library()


@register.inclusion_tag("funding/dossiers/_shared_comments.html")
def shared_review_comments(application):
    """The general comments the staff shared, oldest first (one query)."""
    comments = (
        Review.objects.filter(application=application, shared_at__isnull=False)
        .exclude(comment="")
        .select_related("stage")
        .order_by("shared_at", "pk")
    )
    return {"shared_reviews": list(comments)}
