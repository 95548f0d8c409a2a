"""The identity of organisations in the Wagtail admin: the panel of their numbers, the lookup in
the register of companies and the verification page, for the coordinators.

The snippet's views stay Wagtail's; these are added to its viewset (projects/wagtail_hooks.py).
Everyone who edits organisations sees the numbers and the verification; only coordinators
(`permissions.can_verify_organisations`) look up the register and verify, and the other roles
get a plain 403 from these views (Wagtail would redirect to the dashboard).
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, Panel
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

import projects.network.permissions as permissions
import projects.network.registry as registry
import projects.network.verification as verification
from projects.network.identifiers import (
    normalise_rna,
    normalise_siret,
    validate_rna,
    validate_siret,
)
from projects.network.models import Organisation

LOOKUP_URL_NAME = "wagtailsnippets_projects_organisation:registry_lookup"
VERIFICATION_URL_NAME = "wagtailsnippets_projects_organisation:verification"


def forbidden(request: HttpRequest) -> TemplateResponse:
    return TemplateResponse(
        request,
        "projects/admin/forbidden.html",
        {
            "page_title": _("Access denied"),
            "header_title": _("Access denied"),
            "message": _("Only the coordinators of the cluster verify organisations."),
        },
        status=403,
    )


class IdentityStatusPanel(Panel):
    """The register's lookup button and the verification's state, under the numbers."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "projects/admin/identity_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            organisation = self.instance
            may_verify = permissions.can_verify_organisations(self.request.user)
            context.update(
                {
                    "organisation": organisation,
                    "may_verify": may_verify,
                    "lookup_url": reverse(LOOKUP_URL_NAME) if may_verify else "",
                    "verification_url": (
                        reverse(VERIFICATION_URL_NAME, args=(organisation.pk,))
                        if organisation.pk
                        else ""
                    ),
                }
            )
            return context


def identity_panel() -> MultiFieldPanel:
    return MultiFieldPanel(
        [
            FieldRowPanel([FieldPanel("siret"), FieldPanel("rna")]),
            FieldPanel("address"),
            FieldPanel("naf_code"),
            IdentityStatusPanel(),
        ],
        heading=gettext_lazy("Identity"),
    )


def registry_lookup(request: HttpRequest) -> JsonResponse:
    """What the register says of the number typed, and what it fills in the form (JSON for the
    panel's script; the form's current values come as query parameters)."""
    if not permissions.can_look_up_register(request.user):
        return JsonResponse(
            {"message": _("Only the coordinators look up the register.")}, status=403
        )
    siret = normalise_siret(request.GET.get("siret"))
    rna = normalise_rna(request.GET.get("rna"))
    if not (siret or rna):
        return JsonResponse(
            {"message": _("Type its SIREN, SIRET or RNA number first.")}, status=400
        )
    try:
        validate_siret(siret)
        validate_rna(rna)
    except ValidationError as error:
        return JsonResponse({"message": " ".join(error.messages)}, status=400)
    try:
        entry = registry.lookup(siret or rna)
    except registry.RegistryNotFound as error:
        return JsonResponse({"message": str(error.message)}, status=404)
    except registry.RegistryError as error:
        return JsonResponse({"message": str(error.message)}, status=503)
    current = {name: request.GET.get(name, "") for name in verification.FILLED_FIELDS}
    items = verification.plan_fill(current, entry, is_new=request.GET.get("is_new") == "1")
    notes = []
    if not entry.is_active:
        notes.append(_("The register says this organisation has ceased its activity."))
    if any(item.action == "kept" for item in items):
        notes.append(
            _("Fields you had filled in differently were kept: compare them with the register.")
        )
    return JsonResponse(
        {
            "message": _("Found in the register: %(name)s.") % {"name": entry.name},
            "notes": notes,
            "items": [{**item.__dict__, "summary": _summary(item)} for item in items],
        }
    )


def _summary(item: verification.FillItem) -> str:
    """One line of the lookup's report, as the editor reads it."""
    params = {"label": item.label, "value": item.display}
    if item.action == "filled":
        return _("%(label)s: filled in with “%(value)s”.") % params
    if item.action == "kept":
        return _("%(label)s: yours is kept; the register says “%(value)s”.") % params
    return _("%(label)s: the same in the register.") % params


class VerificationForm(forms.Form):
    action = forms.ChoiceField(choices=[("verify", "verify"), ("unverify", "unverify")])
    note = forms.CharField(
        label=gettext_lazy("Note"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy(
            "What you checked (registration notice, the register, a call…), for the other "
            "coordinators. Not shown on the site."
        ),
    )


class VerificationView(WagtailAdminTemplateMixin, TemplateView):
    """Mark an organisation verified, or remove the verification, as a coordinator."""

    template_name = "projects/admin/verification.html"
    header_icon = "success"
    page_title = gettext_lazy("Verification")

    def dispatch(self, request, pk):
        self.organisation = get_object_or_404(Organisation.objects.canonical(), pk=pk)
        if not permissions.can_verify_organisations(request.user):
            return forbidden(request)
        return super().dispatch(request, pk=pk)

    def get_page_subtitle(self):
        return self.organisation.name

    def edit_url(self) -> str:
        return reverse("wagtailsnippets_projects_organisation:edit", args=(self.organisation.pk,))

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {
                "url": reverse("wagtailsnippets_projects_organisation:list"),
                "label": Organisation._meta.verbose_name_plural.capitalize(),
            },
            {"url": self.edit_url(), "label": self.organisation.name},
            {"url": "", "label": self.page_title},
        ]

    def render(self, form, status=200):
        context = self.get_context_data(
            form=form, organisation=self.organisation, edit_url=self.edit_url()
        )
        return self.render_to_response(context, status=status)

    def get(self, request, *args, **kwargs):
        return self.render(VerificationForm())

    def post(self, request, *args, **kwargs):
        form = VerificationForm(request.POST)
        if not form.is_valid():
            return self.render(form, status=400)
        service = (
            verification.verify_organisation
            if form.cleaned_data["action"] == "verify"
            else verification.unverify_organisation
        )
        try:
            service(self.organisation, by=request.user, note=form.cleaned_data["note"])
        except PermissionDenied:
            return forbidden(request)
        except ValidationError as error:
            form.add_error(None, error)
            return self.render(form, status=400)
        if form.cleaned_data["action"] == "verify":
            messages.success(request, _("“%(name)s” is verified.") % {"name": self.organisation})
        else:
            messages.success(
                request, _("“%(name)s” is no longer verified.") % {"name": self.organisation}
            )
        return redirect(self.edit_url())
