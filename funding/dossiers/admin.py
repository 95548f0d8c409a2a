"""Review processes in the Wagtail admin: how each funder reviews, kept by its own staff.

Coordinators keep every process, the shipped presets included. A funder's staff (in the admin
through the « Funders' staff » group) list their funder's processes and the presets, edit and
delete only their funder's, read the presets, and start a process of their own by copying one
(« Copy »: a name and a funder, then the editor). Whom each view lets in is
`funding.dossiers.permissions` (`can_view_review_process`, `can_edit_review_process`): a
process the user may not see does not exist for them (404), a preset they may only read answers
with Wagtail's « no permission » redirect when they try to change it.
"""

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.generic import FormView
from wagtail.admin import messages
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.permission_policies.base import BasePermissionPolicy
from wagtail.snippets.views.snippets import (
    DeleteView,
    EditView,
    HistoryView,
    IndexView,
    InspectView,
    SnippetViewSet,
    UsageView,
)

import funding.dossiers.permissions as rules
import funding.dossiers.services as dossiers
from accounts import roles
from core.listings import ListingViewSetMixin, LocalDateTimeColumn
from funding.catalogue.models import Funder, FundingCall
from funding.dossiers.models import Actors, FunderMembership, ReviewProcess


class ReviewProcessPermissionPolicy(BasePermissionPolicy):
    """The admin's questions answered by `funding.dossiers.permissions`: coordinators and
    funders' staff open the processes; which ones they read or change depends on the row."""

    def user_has_permission(self, user, action) -> bool:
        return rules.can_manage_review_processes(user)

    def user_has_any_permission(self, user, actions) -> bool:
        return rules.can_manage_review_processes(user)

    def users_with_any_permission(self, actions):
        staff = FunderMembership.objects.filter(role=FunderMembership.Role.STAFF).values("user")
        return (
            get_user_model()
            .objects.filter(
                Q(is_superuser=True) | Q(groups__name=roles.COORDINATORS) | Q(pk__in=staff)
            )
            .filter(is_active=True)
            .distinct()
        )

    def user_has_permission_for_instance(self, user, action, instance) -> bool:
        if action == "view":
            return rules.can_view_review_process(user, instance)
        return rules.can_edit_review_process(user, instance)

    def user_has_any_permission_for_instance(self, user, actions, instance) -> bool:
        return any(self.user_has_permission_for_instance(user, a, instance) for a in actions)

    def instances_user_has_any_permission_for(self, user, actions):
        editable = "view" not in actions
        return ReviewProcess.objects.filter(rules.review_processes_filter(user, editable=editable))


# ---------------------------------------------------------------------- the form
class ReviewProcessForm(WagtailAdminModelForm):
    """A process of one of the user's funders (coordinators: any funder, or none for a preset),
    for calls of that funder only."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        if user is None or roles.is_coordinator(user):
            return
        funders = Funder.objects.filter(pk__in=rules.staff_funder_ids(user))
        field = self.fields["funder"]
        field.queryset, field.required, field.empty_label = funders.order_by("name"), True, None
        # A plain list of their own funders rather than the catalogue's chooser, which is the
        # coordinators'.
        field.widget = forms.Select(choices=field.choices)
        field.help_text = ""  # about presets, which are not theirs to make
        self.fields["calls"].queryset = (
            FundingCall.objects.canonical().filter(source__funder__in=funders).order_by("name")
        )

    def clean(self):
        cleaned = super().clean()
        funder, calls = cleaned.get("funder"), cleaned.get("calls")
        if calls and any(call.source.funder_id != getattr(funder, "pk", None) for call in calls):
            self.add_error("calls", _("Choose only calls of the process's funder."))
        return cleaned

    def save(self, commit=True):
        # A stage copied from a preset keeps the preset's code, which translates its name: once
        # its staff rename it, the name they typed is the one people read.
        for form in self.formsets["stages"].forms:
            if "name" in form.changed_data:
                form.instance.code = ""
        return super().save(commit=commit)


# ---------------------------------------------------------------------- the views
class VisibleProcessMixin:
    """Single-process views: 404 for a process the user may not read, Wagtail's « no
    permission » for one they may read but not ``instance_action`` (change, delete)."""

    instance_action = "change"

    def get_object(self, *args, **kwargs):
        process = super().get_object(*args, **kwargs)
        user = self.request.user
        if not rules.can_view_review_process(user, process):
            raise Http404
        if self.instance_action != "view" and not rules.can_edit_review_process(user, process):
            raise PermissionDenied
        return process


class ReviewProcessIndexView(IndexView):
    """Edit and delete on the rows the user keeps; the others (presets) open read-only."""

    def get_edit_url(self, instance):
        if rules.can_edit_review_process(self.request.user, instance):
            return super().get_edit_url(instance)
        return None

    def get_delete_url(self, instance):
        if rules.can_edit_review_process(self.request.user, instance):
            return super().get_delete_url(instance)
        return None


class ReviewProcessEditView(VisibleProcessMixin, EditView):
    pass


class ReviewProcessDeleteView(VisibleProcessMixin, DeleteView):
    pass


class ReviewProcessHistoryView(VisibleProcessMixin, HistoryView):
    instance_action = "view"


class ReviewProcessUsageView(VisibleProcessMixin, UsageView):
    instance_action = "view"


def _stage_line(stage) -> str:
    details = [Actors(stage.actors).label]
    if stage.scores:
        details.append(_("scored"))
    if stage.required_reviews:
        details.append(
            ngettext("%(count)d review needed", "%(count)d reviews needed", stage.required_reviews)
            % {"count": stage.required_reviews}
        )
    return format_html("<strong>{}</strong> — {}", stage.label, ", ".join(map(str, details)))


class ReviewProcessInspectView(VisibleProcessMixin, InspectView):
    """A process read-only, with its stages in order (how the staff read the presets)."""

    instance_action = "view"

    def get_field_label(self, field_name, field):
        if field_name == "stages":
            return _("Stages")
        return super().get_field_label(field_name, field)

    def get_stages_display_value(self):
        stages = self.object.stages.all()
        return format_html(
            "<ol>{}</ol>", format_html_join("", "<li>{}</li>", ((_stage_line(s),) for s in stages))
        )

    def get_edit_url(self):
        if rules.can_edit_review_process(self.request.user, self.object):
            return super().get_edit_url()
        return None

    def get_delete_url(self):
        if rules.can_edit_review_process(self.request.user, self.object):
            return super().get_delete_url()
        return None


class CopyForm(forms.Form):
    name = forms.CharField(label=_("Name of the new process"), max_length=150)
    funder = forms.ModelChoiceField(
        label=_("Funder"), queryset=Funder.objects.none(), empty_label=None
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        funders = Funder.objects.canonical()
        if not roles.is_coordinator(user):
            funders = funders.filter(pk__in=rules.staff_funder_ids(user))
        self.fields["funder"].queryset = funders.order_by("name")


class ReviewProcessCopyView(WagtailAdminTemplateMixin, FormView):
    """« Copy »: a new process of one of the user's funders with the stages of the one copied
    (a preset, usually), then its editor."""

    model = ReviewProcess
    form_class = CopyForm
    permission_policy = None
    index_url_name = None
    edit_url_name = None
    header_icon = "copy"
    template_name = "wagtailadmin/generic/form.html"
    page_title = _("Copy a review process")

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.object = get_object_or_404(ReviewProcess, pk=kwargs.get("pk"))

    def dispatch(self, request, *args, **kwargs):
        if not rules.can_view_review_process(request.user, self.object):
            raise Http404
        if not rules.can_manage_review_processes(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return str(self.object)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(self.index_url_name), "label": ReviewProcess._meta.verbose_name_plural},
            {"url": "", "label": self.get_page_title(), "sublabel": self.get_page_subtitle()},
        ]

    def get_form_class(self):
        return CopyForm  # the viewset passes its own `form_class`, the process's editor

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_initial(self):
        return {"name": self.object.name}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["action_url"] = self.request.path
        context["submit_button_label"] = _("Copy the stages")
        context["submit_button_active_label"] = _("Copying…")
        return context

    def form_valid(self, form):
        try:
            copy = dossiers.copy_review_process(
                self.object,
                funder=form.cleaned_data["funder"],
                name=form.cleaned_data["name"],
                by=self.request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("“%(name)s” now has the stages of “%(source)s”: adapt them to your funder.")
            % {"name": copy.name, "source": self.object.name},
        )
        return redirect(self.edit_url_name, copy.pk)


class ReviewProcessViewSet(ListingViewSetMixin, SnippetViewSet):
    """« Review processes » under the Funding menu."""

    model = ReviewProcess
    icon = "list-ol"
    menu_label = _("Review processes")
    list_display = [
        "name",
        Column(
            "funder",
            label=_("Funder"),
            accessor=lambda p: p.funder.name if p.funder_id else _("Preset (every funder)"),
            sort_key="funder__name",
        ),
        Column(
            "calls",
            label=_("Calls"),
            accessor=lambda p: ", ".join(c.name for c in p.calls.all()) or _("All of its calls"),
        ),
        Column("stage_count", label=_("Stages"), sort_key="stage_count"),
        LocalDateTimeColumn("updated_at", label=_("Updated"), sort_key="updated_at"),
    ]
    search_fields = ["name", "funder__name"]
    list_per_page = 50
    inspect_view_enabled = True
    inspect_view_fields = ["name", "funder", "calls", "language", "stages"]
    edit_handler = ObjectList(ReviewProcess.panels, base_form_class=ReviewProcessForm)
    permission_policy = ReviewProcessPermissionPolicy(ReviewProcess)
    index_view_class = ReviewProcessIndexView
    edit_view_class = ReviewProcessEditView
    delete_view_class = ReviewProcessDeleteView
    inspect_view_class = ReviewProcessInspectView
    history_view_class = ReviewProcessHistoryView
    usage_view_class = ReviewProcessUsageView
    copy_view_class = ReviewProcessCopyView

    def get_queryset(self, request):
        return (
            ReviewProcess.objects.filter(rules.review_processes_filter(request.user))
            .select_related("funder")
            .prefetch_related("calls")
            .annotate(stage_count=Count("stages"))
        )

    def get_copy_view_kwargs(self, **kwargs):
        return {
            **super().get_copy_view_kwargs(**kwargs),
            "edit_url_name": self.get_url_name("edit"),
        }
