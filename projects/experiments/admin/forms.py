"""Forms of the coordinators' pipeline in the Wagtail admin: the sheet and a transition."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from core.translation import CanonicalQuerySet, localize_all, translated_text_fields
from core.workflow.forms import TransitionForm as BaseTransitionForm
from projects.experiments.models import Experiment
from projects.network.models import Organisation, Theme

# What a coordinator may change from the admin. Never the state (transitions only), nor what
# the platform keeps up to date itself (secured funding, timestamps, slug, proposer).
SHEET_FIELDS = (
    "title",
    "summary",
    "lead_organisation",
    "themes",
    "territories",
    "description",
    "objectives",
    "expected_results",
    "indicators",
    "cooperation_forms",
    "support_needed",
    "self_financing",
    "start_date",
    "end_date",
    "is_public",
)


def localized_labels(field: forms.ModelChoiceField) -> None:
    """Name the choices of ``field`` in the active language, fetched once when first shown."""
    names: dict = {}

    def label(instance) -> str:
        if not names:
            names.update({obj.pk: str(obj) for obj in localize_all(field.queryset)})
        return names.get(instance.pk, str(instance))

    field.label_from_instance = label


class CanonicalRelationsMixin:
    """Relations to translatable snippets offer their canonical (French) rows only, each once,
    named in the editor's language: an organisation's themes, a group's members…

    Model fields say the same with ``limit_choices_to``; this also covers relations declared
    without it, and the names.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            queryset = getattr(field, "queryset", None)
            if not isinstance(queryset, CanonicalQuerySet):
                continue
            field.queryset = queryset.canonical()
            if "name" in translated_text_fields(queryset.model):
                localized_labels(field)


class CanonicalRelationsForm(CanonicalRelationsMixin, WagtailAdminModelForm):
    """The admin form of the network's and the catalogue's snippets."""


class CanonicalRelationsViewSetMixin:
    """Viewset mixin: the edit handler (the viewset's, or the model's ``edit_handler`` or
    ``panels``) builds a `CanonicalRelationsForm`."""

    def get_edit_handler(self):
        handler = super().get_edit_handler()
        kwargs = {**handler.clone_kwargs(), "base_form_class": CanonicalRelationsForm}
        return type(handler)(**kwargs).bind_to_model(self.model)


class ExperimentSheetForm(WagtailAdminModelForm):
    """The formalisation sheet as coordinators edit it; relations point at canonical rows."""

    cooperation_forms = forms.MultipleChoiceField(
        label=_("Forms of cooperation"),
        choices=Experiment.CooperationForm.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    support_needed = forms.MultipleChoiceField(
        label=_("Support needed"),
        choices=Experiment.Support.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead_organisation"].queryset = Organisation.objects.canonical().order_by(
            "name"
        )
        themes = self.fields["themes"]
        themes.queryset = Theme.objects.canonical().order_by("number")
        names = {theme.pk: theme.name for theme in localize_all(themes.queryset)}
        themes.label_from_instance = lambda theme: names.get(theme.pk, theme.name)


class TransitionForm(BaseTransitionForm):
    """Confirm one transition: an optional or required comment, and the state the user saw."""

    states = Experiment.State
    comment_rows = 5
    comment_help_text = _("Sent to the experiment's members and kept in its audit trail.")
    comment_required_message = _("Please explain this decision in a comment.")
