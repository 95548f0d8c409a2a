"""Funding pages outside Wagtail's page tree, under each language prefix."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import recommendation_views

app_name = "funding"

urlpatterns = [
    path(
        _("my-space/experiments/<int:pk>/funding/"),
        recommendation_views.experiment_funding,
        name="experiment_funding",
    ),
]
