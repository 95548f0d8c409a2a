"""Leads' space ("Mon espace") with the organisations' membership, public experiment pages and
the sharing board, under each language prefix."""

from django.urls import include, path
from django.utils.translation import gettext_lazy as _

import projects.experiments.views as views
import projects.experiments.views.organisations as organisation_views
import projects.network.views as network_views
import projects.sharing.views as sharing_views
from core.ratelimit import rate_limited

app_name = "projects"

experiment_patterns = [
    path("", views.experiment_overview, name="experiment"),
    path(_("sheet/<slug:section>/"), views.sheet, name="sheet"),
    path(_("partners/"), views.partners, name="partners"),
    path(_("partners/invite/"), views.invite, name="invite"),
    path(
        _("partners/<int:partner_pk>/invite-again/"),
        views.reinvite_partner,
        name="reinvite_partner",
    ),
    path(_("budget/"), views.budget, name="budget"),
    path(_("timeline/"), views.timeline, name="timeline"),
    path(_("capitalisation/"), views.capitalisation, name="capitalisation"),
    path(_("documents/"), views.documents, name="documents"),
    path(_("documents/<int:document_pk>/"), views.document_download, name="document"),
    path(_("activity/"), views.activity, name="activity"),
    path(_("actions/<slug:name>/"), views.transition, name="transition"),
]

sharing_post_patterns = [
    path("", sharing_views.post_detail, name="sharing_post"),
    path(_("edit/"), sharing_views.post_edit, name="sharing_edit"),
    path(_("photos/"), sharing_views.post_photos, name="sharing_photos"),
    path(_("photos/<int:photo_pk>/"), sharing_views.photo, name="sharing_photo"),
    path(
        _("photos/<int:photo_pk>/delete/"), sharing_views.photo_delete, name="sharing_photo_delete"
    ),
    path(_("reply/"), sharing_views.post_reply, name="sharing_reply"),
    path(_("report/"), sharing_views.post_report, name="sharing_report_post"),
    path(_("hide/"), sharing_views.post_hide, name="sharing_hide"),
    path(_("actions/<slug:name>/"), sharing_views.post_transition, name="sharing_transition"),
]

conversation_patterns = [
    path("", sharing_views.conversation, name="conversation"),
    path(_("report/"), sharing_views.conversation_report, name="conversation_report"),
    # Turning a conversation into an idea proposes one: the same limit as the idea form.
    path(
        _("idea/"),
        rate_limited("propose")(sharing_views.conversation_idea),
        name="conversation_idea",
    ),
]

organisation_patterns = [
    path(_("members/"), network_views.organisation_members, name="organisation_members"),
    path(_("join/"), network_views.organisation_join, name="organisation_join"),
    path(_("leave/"), network_views.organisation_leave, name="organisation_leave"),
    path(
        _("members/invite/"),
        organisation_views.organisation_invite,
        name="organisation_invite",
    ),
]

urlpatterns = [
    path(_("my-space/"), views.space, name="space"),
    path(_("my-space/notifications/"), views.notifications, name="notifications"),
    path(_("my-space/notifications/<int:pk>/"), views.open_notification, name="open_notification"),
    # Accepted ideas count per account: each one e-mails the coordinators.
    path(_("my-space/propose/"), rate_limited("propose")(views.propose), name="propose"),
    path(_("my-space/partner-invitations/"), views.partner_invitations, name="partner_invitations"),
    path(
        _("my-space/partner-invitations/<int:pk>/"),
        views.answer_partner_invitation,
        name="answer_partner_invitation",
    ),
    path(_("my-space/experiments/<int:pk>/"), include(experiment_patterns)),
    path(_("my-space/invitations/<str:token>/"), views.invitation, name="invitation"),
    path(_("my-space/organisations/"), network_views.my_organisations, name="my_organisations"),
    path(
        _("my-space/organisations/new/"),
        network_views.organisation_create,
        name="organisation_create",
    ),
    path(_("my-space/organisations/<int:pk>/"), include(organisation_patterns)),
    path(
        _("my-space/organisations/requests/<int:pk>/withdraw/"),
        network_views.request_withdraw,
        name="membership_request_withdraw",
    ),
    path(
        _("my-space/organisations/requests/<int:pk>/decide/"),
        network_views.request_decide,
        name="membership_request_decide",
    ),
    path(
        _("my-space/organisations/members/<int:pk>/role/"),
        network_views.member_role,
        name="organisation_member_role",
    ),
    path(
        _("my-space/organisations/members/<int:pk>/remove/"),
        network_views.member_remove,
        name="organisation_member_remove",
    ),
    path(_("my-space/sharing/"), sharing_views.space, name="sharing_space"),
    path(_("my-space/sharing/conversations/<int:pk>/"), include(conversation_patterns)),
    path(_("my-space/sharing/reports/"), sharing_views.reports, name="sharing_reports"),
    path(
        _("my-space/sharing/reports/<int:pk>/"), sharing_views.report_detail, name="sharing_report"
    ),
    path(_("sharing/"), sharing_views.board, name="sharing_board"),
    path(_("sharing/new/"), sharing_views.post_new, name="sharing_new"),
    path(_("sharing/<int:pk>/"), include(sharing_post_patterns)),
    path(_("propose-a-cooperation/"), views.propose_public, name="propose_public"),
    path(_("experiments/"), views.public_list, name="public_list"),
    path(_("experiments/<slug:slug>/"), views.public_detail, name="public_detail"),
]
