"""Leads' space ("Mon espace") and public experiment pages, under each language prefix."""

from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from . import views

app_name = "projects"

experiment_patterns = [
    path("", views.experiment_overview, name="experiment"),
    path(_("sheet/<slug:section>/"), views.sheet, name="sheet"),
    path(_("partners/"), views.partners, name="partners"),
    path(_("partners/invite/"), views.invite, name="invite"),
    path(_("budget/"), views.budget, name="budget"),
    path(_("timeline/"), views.timeline, name="timeline"),
    path(_("capitalisation/"), views.capitalisation, name="capitalisation"),
    path(_("documents/"), views.documents, name="documents"),
    path(_("documents/<int:document_pk>/"), views.document_download, name="document"),
    path(_("activity/"), views.activity, name="activity"),
    path(_("actions/<slug:name>/"), views.transition, name="transition"),
]

urlpatterns = [
    path(_("my-space/"), views.space, name="space"),
    path(_("my-space/notifications/"), views.notifications, name="notifications"),
    path(_("my-space/notifications/<int:pk>/"), views.open_notification, name="open_notification"),
    path(_("my-space/propose/"), views.propose, name="propose"),
    path(_("my-space/experiments/<int:pk>/"), include(experiment_patterns)),
    path(_("my-space/invitations/<str:token>/"), views.invitation, name="invitation"),
    path(_("propose-a-cooperation/"), views.propose_public, name="propose_public"),
    path(_("experiments/"), views.public_list, name="public_list"),
    path(_("experiments/<slug:slug>/"), views.public_detail, name="public_detail"),
]
