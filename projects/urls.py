"""Leads' space ("Mon espace") and public experiment pages, under each language prefix."""

from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from . import views

app_name = "projects"

experiment_patterns = [
    path("", views.experiment_overview, name="experiment"),
]

urlpatterns = [
    path(_("my-space/"), views.space, name="space"),
    path(_("my-space/experiments/<int:pk>/"), include(experiment_patterns)),
]
