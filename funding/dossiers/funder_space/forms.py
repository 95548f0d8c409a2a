"""Forms of the funder's review page beyond the scoring grid: assigning reviewers, declaring a
conflict of interest, the decisions (with their confirmation) and the inbox's own filter."""

from django import forms
from django.utils.translation import gettext_lazy as _

from funding.dossiers.forms import InboxFilterForm, TransitionForm

# The decisions that grant money: they are confirmed on a page of their own first.
MONEY_DECISIONS = ("accept", "revise_accept")


class AssignForm(forms.Form):
    """Assign one of the funder's people to the dossier's current stage."""

    reviewer = forms.ModelChoiceField(label=_("Reviewer"), queryset=None, empty_label="—")
    due_on = forms.DateField(
        label=_("Due on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Optional: the reviewer is reminded three days before."),
    )

    def __init__(self, *args, people=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reviewer"].queryset = people
        self.fields["reviewer"].label_from_instance = lambda u: u.get_full_name() or u.email


class ConflictForm(forms.Form):
    """A reviewer declares a conflict of interest; they confirm it on a second step."""

    reason = forms.CharField(
        label=_("What is the conflict of interest?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Say briefly what the conflict of interest is.")},
    )
    confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)


class DecisionForm(TransitionForm):
    """A decision from the decision page: the money decisions need the granted amount (never
    prefilled) and a confirmation step (`confirmed`)."""

    confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, name: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.name = name
        if name in MONEY_DECISIONS:
            self.fields["granted_amount"].required = True
            self.fields["granted_amount"].error_messages["required"] = _("Give the amount granted.")
        else:
            del self.fields["granted_amount"]
            del self.fields["conditions"]

    @property
    def needs_confirmation(self) -> bool:
        return self.name in MONEY_DECISIONS and not self.cleaned_data.get("confirmed")


class FunderInboxForm(InboxFilterForm):
    """The inbox's filters, with « Assigned to me »."""

    mine = forms.BooleanField(label=_("Assigned to me"), required=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def filter(self, queryset):
        queryset = super().filter(queryset)
        if self.is_valid() and self.cleaned_data.get("mine"):
            queryset = queryset.filter(
                pk__in=self.user.review_assignments.filter(
                    conflict_declared_at__isnull=True
                ).values("application_id")
            )
        return queryset
