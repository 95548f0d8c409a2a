"""Funding pages outside Wagtail's page tree, under each language prefix: the funding tab and
the dossiers of an experiment (leads' side), and the funders' space."""

from django.urls import include, path
from django.utils.translation import gettext_lazy as _

import funding.dossiers.funder_space.decision as funder_decision
import funding.dossiers.funder_space.people as funder_people
import funding.dossiers.letter_page as letter_page
import funding.dossiers.review as review_views
import funding.dossiers.views as dossier_views
import funding.matching.views.call_fit as call_fit_views
import funding.matching.views.digest as digest_views
import funding.matching.views.recommendations as recommendation_views
import funding.matching.views.watches as watch_views

app_name = "funding"

dossier_patterns = [
    path("", dossier_views.dossier, name="dossier"),
    path(_("answers/"), dossier_views.dossier_answers, name="dossier_answers"),
    path(_("documents/"), dossier_views.dossier_upload, name="dossier_upload"),
    path(_("documents/reuse/"), dossier_views.dossier_reuse, name="dossier_reuse"),
    path(
        _("documents/<int:document_pk>/"), dossier_views.dossier_document, name="dossier_document"
    ),
    path(
        _("documents/<int:document_pk>/remove/"),
        dossier_views.dossier_document_remove,
        name="dossier_document_remove",
    ),
    path(_("messages/"), dossier_views.dossier_message, name="dossier_message"),
    path(_("actions/<slug:name>/"), dossier_views.dossier_transition, name="dossier_transition"),
    path(_("campaign/"), dossier_views.dossier_campaign, name="dossier_campaign"),
    path(_("versions/<int:number>/pdf/"), dossier_views.dossier_pdf, name="dossier_pdf"),
    path(_("letter/<int:event_pk>/"), letter_page.dossier_letter, name="dossier_letter"),
]

experiment_dossier_patterns = [
    path("", dossier_views.experiment_dossiers, name="experiment_dossiers"),
    path(_("new/<int:call_id>/"), dossier_views.dossier_start, name="dossier_start"),
    path("<int:dossier_pk>/", include(dossier_patterns)),
]

review_patterns = [
    path("", review_views.review_dossier, name="review_dossier"),
    path(_("versions/<int:number>/pdf/"), review_views.review_pdf, name="review_pdf"),
    path(
        _("versions/<int:number>/documents/<int:document_pk>/"),
        review_views.review_document,
        name="review_document",
    ),
    path("zip/", review_views.review_zip, name="review_zip"),
    path(_("scores/"), review_views.review_score, name="review_score"),
    path(_("notes/"), review_views.review_note, name="review_note"),
    path(_("messages/"), review_views.review_message, name="review_message"),
    path(_("actions/<slug:name>/"), review_views.review_transition, name="review_transition"),
    path(_("campaign/"), review_views.review_campaign, name="review_campaign"),
    path(_("decision/"), funder_decision.review_decision, name="review_decision"),
    path(_("decision/<slug:name>/"), funder_decision.review_decide, name="review_decide"),
    path(_("assignments/"), funder_people.review_assign, name="review_assign"),
    path(
        _("assignments/<int:assignment_pk>/remove/"),
        funder_people.review_unassign,
        name="review_unassign",
    ),
    path(_("conflict-of-interest/"), funder_people.review_conflict, name="review_conflict"),
    path(_("reviews/<int:review_pk>/share/"), funder_people.review_share, name="review_share"),
]

urlpatterns = [
    path(
        _("my-space/experiments/<int:pk>/funding/"),
        recommendation_views.experiment_funding,
        name="experiment_funding",
    ),
    path(
        _("my-space/experiments/<int:pk>/funding/calls/<int:call_id>/"),
        call_fit_views.experiment_call_fit,
        name="experiment_call_fit",
    ),
    path(
        _("my-space/calls/<int:call_id>/fit/"),
        call_fit_views.call_fit_choose,
        name="call_fit_choose",
    ),
    path(
        _("my-space/experiments/<int:pk>/funding/watch/<int:call_id>/"),
        watch_views.call_watch,
        name="call_watch",
    ),
    path(_("my-space/experiments/<int:pk>/dossiers/"), include(experiment_dossier_patterns)),
    path(_("funder-space/"), review_views.inbox, name="review_inbox"),
    path(_("funder-space/dossiers/<int:pk>/"), include(review_patterns)),
    path(
        _("funding-digest/unsubscribe/<str:token>/"),
        digest_views.digest_unsubscribe,
        name="digest_unsubscribe",
    ),
]
