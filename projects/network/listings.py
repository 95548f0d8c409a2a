"""The coordinators' listings of the organisations' membership in the Wagtail admin: requests
to join (pending first, filtered by status; decided on the organisation's members page) and the
memberships themselves, which coordinators edit to give an organisation without administrators
its first one."""

from django.db.models import Case, IntegerField, Value, When
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.snippets.views.snippets import SnippetViewSet

from projects.network.models import MembershipRequest, OrganisationMembership


class MembershipRequestViewSet(SnippetViewSet):
    model = MembershipRequest
    icon = "mail"
    menu_label = _("Membership requests")
    add_to_admin_menu = False
    list_display = [
        "user",
        "organisation",
        "status",
        DateColumn("created_at", label=_("Asked at")),
        Column(
            "decide",
            label=_("Decide"),
            accessor=lambda request: reverse(
                "projects:organisation_members", kwargs={"pk": request.organisation_id}
            ),
        ),
    ]
    list_filter = ["status"]
    search_fields = ["organisation__name", "user__email"]
    inspect_view_enabled = True

    def get_queryset(self, request):
        pending_first = Case(
            When(status=MembershipRequest.Status.PENDING, then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        )
        return (
            MembershipRequest.objects.select_related("user", "organisation")
            .annotate(pending_first=pending_first)
            .order_by("pending_first", "-created_at")
        )


class OrganisationMembershipViewSet(SnippetViewSet):
    model = OrganisationMembership
    icon = "user"
    menu_label = _("Organisation memberships")
    list_display = ["user", "organisation", "role", DateColumn("created_at", label=_("Since"))]
    list_filter = ["role"]
    search_fields = ["organisation__name", "user__email"]

    def get_queryset(self, request):
        return OrganisationMembership.objects.select_related("user", "organisation")
