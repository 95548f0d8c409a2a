"""Forms of the dossier pages: the leads' answers and documents, the reviewers' grid and
decisions, messages, notes, campaigns and the inbox filters."""

from decimal import Decimal

from django import forms
from django.core.validators import MinValueValidator
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from core.documents import ACCEPTED, type_label
from core.workflow.forms import TransitionForm as BaseTransitionForm
from funding.dossiers.models import MAX_SCORE, FundingApplication, Review

State = FundingApplication.State
AMOUNT = {"max_digits": 12, "decimal_places": 2, "validators": [MinValueValidator(Decimal(0))]}


class AnswersForm(forms.Form):
    """The requested amount and one text box per question of the call."""

    requested_amount = forms.DecimalField(label=_("Requested amount (€)"), **AMOUNT)

    def __init__(self, *args, questions=(), answers=None, **kwargs):
        super().__init__(*args, **kwargs)
        answers = answers or {}
        self.questions = list(questions)
        for question in self.questions:
            self.fields[f"q{question.pk}"] = forms.CharField(
                label=question.label,
                help_text=question.help,
                required=False,
                max_length=10000,
                initial=answers.get(question.pk, ""),
                widget=forms.Textarea(attrs={"rows": 5}),
            )

    def answers(self) -> dict[int, str]:
        return {q.pk: self.cleaned_data.get(f"q{q.pk}", "") for q in self.questions}


class DocumentUploadForm(forms.Form):
    """A new file for a required document of the call."""

    requirement = forms.TypedChoiceField(label=_("Required document"), coerce=int)
    file = forms.FileField(
        label=_("File"),
        help_text=_("PDF, ODT, DOCX, ODS, XLSX, PNG or JPEG."),
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(f".{e}" for e in ACCEPTED)}),
    )

    def __init__(self, *args, documents=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["requirement"].choices = [(d.pk, d.label) for d in documents]


class DocumentReuseForm(forms.Form):
    """One of the experiment's documents given for a required document of the call."""

    requirement = forms.TypedChoiceField(label=_("Required document"), coerce=int)
    document = forms.TypedChoiceField(label=_("Document of the experiment"), coerce=int)

    def __init__(self, *args, documents=(), experiment_documents=(), prefix="reuse", **kwargs):
        super().__init__(*args, prefix=prefix, **kwargs)
        self.fields["requirement"].choices = [(d.pk, d.label) for d in documents]
        self.fields["document"].choices = [
            (
                d.pk,
                _("%(title)s — %(type)s, %(size)s")
                % {
                    "title": d.title,
                    "type": type_label(d.content_type),
                    "size": filesizeformat(d.size),
                },
            )
            for d in experiment_documents
        ]


class MessageForm(forms.Form):
    body = forms.CharField(
        label=_("Message"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
    )


class NoteForm(forms.Form):
    body = forms.CharField(
        label=_("Internal note"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )


class TransitionForm(BaseTransitionForm):
    """A dossier transition: the state the user saw, a comment; for acceptance the granted
    amount and conditions."""

    states = State
    comment_rows = 3
    field_order = ["expected_state", "expected_stage", "comment", "granted_amount", "conditions"]

    # The review stage the person saw (`advance` keeps the state: the stage tells a second
    # click from the first).
    expected_stage = forms.IntegerField(required=False, widget=forms.HiddenInput)

    granted_amount = forms.DecimalField(label=_("Granted amount (€)"), required=False, **AMOUNT)
    conditions = forms.CharField(
        label=_("Conditions"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


SCORE_CHOICES = [("", "—")] + [(str(n), str(n)) for n in range(MAX_SCORE + 1)]


class ReviewForm(forms.Form):
    """A review at the dossier's current stage: a score from 0 to 5 and a comment per criterion
    of the stage (`criteria_of`: dicts with key, label, weight), a general comment and a
    recommendation."""

    comment = forms.CharField(
        label=_("Overall comment"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    recommendation = forms.ChoiceField(
        label=_("Recommendation"),
        required=False,
        choices=[("", "—"), *Review.Recommendation.choices],
    )

    def __init__(self, *args, criteria=(), review=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        current = {s.key: s for s in review.scores.all()} if review else {}
        if review is not None:
            self.fields["comment"].initial = review.comment
            self.fields["recommendation"].initial = review.recommendation
        for criterion in self.criteria:
            key = criterion["key"]
            score = current.get(key)
            self.fields[f"score_{key}"] = forms.TypedChoiceField(
                label=_("%(criterion)s (weight %(weight)d): score")
                % {"criterion": criterion["label"], "weight": criterion["weight"]},
                choices=SCORE_CHOICES,
                coerce=int,
                empty_value=None,
                required=False,
                initial=str(score.score) if score else "",
                help_text=criterion.get("help", ""),
            )
            self.fields[f"comment_{key}"] = forms.CharField(
                label=_("%(criterion)s: comment") % {"criterion": criterion["label"]},
                required=False,
                max_length=2000,
                initial=score.comment if score else "",
            )
        self.order_fields(
            [f for f in self.fields if f not in {"comment", "recommendation"}]
            + ["comment", "recommendation"]
        )

    def clean(self):
        data = super().clean()
        if self.criteria and not self.scores() and not data.get("recommendation"):
            raise forms.ValidationError(_("Give at least one score."))
        return data

    def scores(self) -> dict[str, tuple[int, str]]:
        found = {}
        for criterion in self.criteria:
            key = criterion["key"]
            score = self.cleaned_data.get(f"score_{key}")
            if score is not None:
                found[key] = (score, self.cleaned_data.get(f"comment_{key}", ""))
        return found


class CampaignForm(forms.Form):
    goal = forms.DecimalField(label=_("Goal (€)"), **AMOUNT)
    pledged = forms.DecimalField(label=_("Pledged so far (€)"), **AMOUNT)
    ends_on = forms.DateField(label=_("End date"), widget=forms.DateInput(attrs={"type": "date"}))
    all_or_nothing = forms.BooleanField(label=_("All or nothing"), required=False)


class InboxFilterForm(forms.Form):
    """The funders' inbox filters, as a GET form (no JavaScript)."""

    state = forms.ChoiceField(label=_("State"), required=False)
    call = forms.TypedChoiceField(label=_("Call"), required=False, coerce=int, empty_value=None)
    closes_before = forms.DateField(
        label=_("Call closing before"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def __init__(self, *args, calls=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["state"].choices = [("", _("Any state"))] + [
            (value, label) for value, label in State.choices if value != State.DRAFT
        ]
        self.fields["call"].choices = [("", _("Any call"))] + [(c.pk, c.name) for c in calls]

    def filter(self, queryset):
        if not self.is_valid():
            return queryset
        data = self.cleaned_data
        if data.get("state"):
            queryset = queryset.filter(state=data["state"])
        if data.get("call"):
            queryset = queryset.filter(call_id=data["call"])
        if data.get("closes_before"):
            from funding.catalogue.models import end_of_day

            queryset = queryset.filter(call__closes_at__lte=end_of_day(data["closes_before"]))
        return queryset
