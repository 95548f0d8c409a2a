"""Forms of the leads' space: the idea, the formalisation sheet in parts, partners, budget,
timeline, documents, comments, transitions (the engine's form) and invitations."""

from django import forms
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from core.contact_details import no_contact_details
from core.validators import one_line
from core.workflow.forms import TransitionForm as TransitionForm
from projects.experiments.models import (
    BudgetLine,
    Experiment,
    ExperimentMember,
    ExperimentPartner,
    Milestone,
)
from projects.network.models import Organisation, Territory, Theme
from projects.network.permissions import organisation_ids
from projects.network.widgets import TerritoryPickerWidget


def organisation_choices():
    return Organisation.objects.canonical().order_by("name")


def theme_choices():
    return Theme.objects.canonical().order_by("number")


def territory_choices():
    return Territory.objects.order_by("rank", "name")


# Keys a database integer column can hold: SQLite raises OverflowError on larger ones in an
# "IN" lookup (a 500 on a form), which Django's exact lookups already turn into "no match".
_MAX_KEY = 2**63 - 1


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Django's field, refusing out-of-range keys with its own message instead of a crash."""

    def _check_values(self, value):
        for pk in value or ():
            try:
                out_of_range = abs(int(str(pk).strip())) > _MAX_KEY
            except (TypeError, ValueError):
                continue  # Django refuses it with its message
            if out_of_range:
                raise forms.ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": pk},
                )
        return super()._check_values(value)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class ProposeIdeaForm(forms.Form):
    """A cooperation idea: what, who leads it, with whom."""

    title = forms.CharField(
        label=_("Title of the idea"),
        max_length=200,
        validators=[one_line, no_contact_details],
    )
    summary = forms.CharField(
        validators=[no_contact_details],
        label=_("In a few sentences"),
        max_length=600,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What would the organisations do together, and for whom?"),
    )
    lead_organisation = forms.ModelChoiceField(
        label=_("Lead organisation (yours)"), queryset=Organisation.objects.none()
    )
    partner = forms.ModelChoiceField(
        label=_("A partner organisation (optional)"),
        queryset=Organisation.objects.none(),
        required=False,
    )
    themes = ModelMultipleChoiceField(
        label=_("Themes"),
        queryset=Theme.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    territories = ModelMultipleChoiceField(
        label=_("Territories"),
        queryset=Territory.objects.none(),
        required=False,
        widget=TerritoryPickerWidget,
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.own_organisation_ids = organisation_ids(user)
        own = organisation_choices().filter(pk__in=self.own_organisation_ids)
        lead = self.fields["lead_organisation"]
        lead.queryset = own
        if len(self.own_organisation_ids) == 1:
            lead.initial = next(iter(self.own_organisation_ids))
            lead.empty_label = None
        self.fields["partner"].queryset = organisation_choices()
        self.fields["themes"].queryset = theme_choices()
        self.fields["territories"].queryset = territory_choices()

    def names_foreign_lead(self) -> bool:
        """The submitted lead organisation exists but is not one of the person's own: a forged
        request (the list offers theirs only), refused as such rather than as a typing slip."""
        value = str(self.data.get("lead_organisation", "")).strip()
        if not value.isdigit() or int(value) > _MAX_KEY:
            return False
        return (
            int(value) not in self.own_organisation_ids
            and Organisation.objects.filter(pk=int(value)).exists()
        )

    def clean(self):
        cleaned = super().clean()
        lead, partner = cleaned.get("lead_organisation"), cleaned.get("partner")
        if lead and partner and lead.pk == partner.pk:
            self.add_error("partner", _("The partner must be another organisation."))
        return cleaned


class SheetGeneralForm(forms.ModelForm):
    class Meta:
        model = Experiment
        fields = ["title", "summary", "description", "themes", "territories", "is_public"]
        field_classes = {
            "themes": ModelMultipleChoiceField,
            "territories": ModelMultipleChoiceField,
        }
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "description": forms.Textarea(attrs={"rows": 10}),
            "themes": forms.CheckboxSelectMultiple,
            "territories": TerritoryPickerWidget,
        }
        help_texts = {
            "description": _(
                "At least 300 characters: the need, the organisations, what changes for whom."
            )
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["themes"].queryset = theme_choices()
        self.fields["territories"].queryset = territory_choices()


class SheetObjectivesForm(forms.ModelForm):
    class Meta:
        model = Experiment
        fields = ["objectives", "expected_results", "indicators"]
        widgets = {name: forms.Textarea(attrs={"rows": 5}) for name in fields}


class SheetCooperationForm(forms.ModelForm):
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

    class Meta:
        model = Experiment
        fields = ["cooperation_forms", "support_needed"]


class SheetScheduleForm(forms.ModelForm):
    class Meta:
        model = Experiment
        fields = ["start_date", "end_date"]
        widgets = {"start_date": DateInput(), "end_date": DateInput()}


SHEET_SECTIONS = {
    "general": (_("General"), SheetGeneralForm),
    "objectives": (_("Objectives and results"), SheetObjectivesForm),
    "cooperation": (_("Cooperation and support"), SheetCooperationForm),
    "schedule": (_("Dates"), SheetScheduleForm),
}


class CapitalisationForm(forms.ModelForm):
    class Meta:
        model = Experiment
        fields = ["capitalisation_worked", "capitalisation_did_not_work", "capitalisation_advice"]
        widgets = {name: forms.Textarea(attrs={"rows": 6}) for name in fields}


class SelfFinancingForm(forms.ModelForm):
    class Meta:
        model = Experiment
        fields = ["self_financing"]
        widgets = {"self_financing": forms.NumberInput(attrs={"step": "0.01", "min": "0"})}


class PartnerForm(forms.ModelForm):
    class Meta:
        model = ExperimentPartner
        fields = ["organisation", "role"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisation_choices()


class BasePartnerFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        seen = set()
        lead_id = self.instance.lead_organisation_id
        for form in self.forms:
            if not hasattr(form, "cleaned_data") or form.cleaned_data.get("DELETE"):
                continue
            organisation = form.cleaned_data.get("organisation")
            if organisation is None:
                continue
            if organisation.pk == lead_id:
                form.add_error("organisation", _("The lead organisation is already in."))
            if organisation.pk in seen:
                form.add_error("organisation", _("This organisation is listed twice."))
            seen.add(organisation.pk)


PartnerFormSet = inlineformset_factory(
    Experiment,
    ExperimentPartner,
    form=PartnerForm,
    formset=BasePartnerFormSet,
    extra=2,
    can_delete=True,
)


class BudgetLineForm(forms.ModelForm):
    class Meta:
        model = BudgetLine
        fields = ["label", "nature", "amount", "in_kind"]
        widgets = {"amount": forms.NumberInput(attrs={"step": "0.01", "min": "0"})}


BudgetLineFormSet = inlineformset_factory(
    Experiment, BudgetLine, form=BudgetLineForm, extra=3, can_delete=True
)


class MilestoneForm(forms.ModelForm):
    class Meta:
        model = Milestone
        fields = ["title", "due_date", "done"]
        widgets = {"due_date": DateInput()}


MilestoneFormSet = inlineformset_factory(
    Experiment, Milestone, form=MilestoneForm, extra=2, can_delete=True
)


class DocumentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200, required=False, validators=[one_line])
    file = forms.FileField(
        label=_("File"),
        help_text=_("PDF, ODT, DOCX, ODS, XLSX, PNG or JPEG, 20 MB at most."),
    )


class CommentForm(forms.Form):
    body = forms.CharField(
        label=_("Your message"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
    )


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"))
    role = forms.ChoiceField(
        label=_("Role"),
        choices=ExperimentMember.Role.choices,
        initial=ExperimentMember.Role.CONTRIBUTOR,
    )
