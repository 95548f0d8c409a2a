"""Forms of the sharing board: the board's filters, a post, its photos, replies and messages,
reports, moderation and the idea born from a conversation."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.contact_details import no_contact_details
from core.validators import one_line
from projects.experiments.forms import (
    DateInput,
    ModelMultipleChoiceField,
    territory_choices,
    theme_choices,
)
from projects.network.models import Organisation, Territory, Theme
from projects.sharing.models import (
    WEEKDAY_NAMES,
    SharingPost,
    SharingReport,
    weekday_mask,
    weekdays_of,
)

WEEKDAYS = list(enumerate(WEEKDAY_NAMES))


def grouped_territories(value: str = "pk") -> list[tuple[str, list[tuple[str, str]]]]:
    """Every territory grouped by kind, narrowest first, as (pk or slug, name) choices."""
    labels = dict(Territory.Kind.choices)
    groups: dict[str, list[tuple[str, str]]] = {}
    for key, name, kind in territory_choices().values_list(value, "name", "kind"):
        groups.setdefault(kind, []).append((str(key), name))
    return [(labels.get(kind, kind), options) for kind, options in groups.items()]


# ---------------------------------------------------------------------- the board's filters
class BoardFilterForm(forms.Form):
    """The board's filters, read from the query string (all optional)."""

    q = forms.CharField(
        label=_("Words"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    kind = forms.ChoiceField(
        label=_("Offers or requests"),
        required=False,
        choices=[("", _("Offers and requests")), *SharingPost.Kind.choices],
    )
    category = forms.ChoiceField(
        label=_("Category"),
        required=False,
        choices=[("", _("All categories")), *SharingPost.Category.choices],
    )
    territory = forms.ChoiceField(
        label=_("Territory"),
        required=False,
        help_text=_("Posts on it, on a place inside it, or on an area that contains it."),
    )
    available = forms.DateField(
        label=_("Available on"),
        required=False,
        widget=DateInput(),
        help_text=_("Posts whose dates and days of the week include this day."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["territory"].choices = [
            ("", _("All territories")),
            *grouped_territories("slug"),
        ]

    def clean_territory(self) -> Territory | None:
        slug = self.cleaned_data.get("territory")
        return Territory.objects.filter(slug=slug).first() if slug else None

    @property
    def is_filtered(self) -> bool:
        return self.is_bound and any(value for value in getattr(self, "cleaned_data", {}).values())


# ---------------------------------------------------------------------- a post
class PostForm(forms.ModelForm):
    """An offer or a request, written on behalf of one of the member's organisations."""

    organisation = forms.ModelChoiceField(
        label=_("On behalf of"), queryset=Organisation.objects.none(), empty_label=None
    )
    weekdays = forms.TypedMultipleChoiceField(
        label=_("Days of the week"),
        choices=WEEKDAYS,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("For an availability on given days of the week."),
    )

    class Meta:
        model = SharingPost
        fields = [
            "organisation",
            "kind",
            "category",
            "title",
            "description",
            "territory",
            "commune",
            "availability",
            "available_from",
            "available_until",
            "weekdays",
            "terms",
            "price",
            "terms_note",
        ]
        widgets = {
            "kind": forms.RadioSelect,
            "availability": forms.RadioSelect,
            "terms": forms.RadioSelect,
            "description": forms.Textarea(attrs={"rows": 6}),
            "available_from": DateInput(),
            "available_until": DateInput(),
            "price": forms.NumberInput(attrs={"step": "0.01", "min": "0"}),
        }
        help_texts = {
            "description": _(
                "What, how big or how many, in what condition, for whom; no e-mail address or "
                "phone number: members answer you on the platform."
            ),
        }

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.fields["kind"].choices = SharingPost.Kind.choices  # no empty radio button
        self.fields["territory"].queryset = territory_choices()
        # Grouped by kind for the eye; validation still uses the queryset.
        self.fields["territory"].widget.choices = [("", "---------"), *grouped_territories()]
        self.fields["commune"].queryset = Territory.objects.filter(
            kind=Territory.Kind.COMMUNE
        ).order_by("name")
        if self.instance.pk:
            # The organisation of a post does not change once it is written.
            del self.fields["organisation"]
            self.initial["weekdays"] = weekdays_of(self.instance.weekdays)

    def clean_weekdays(self) -> int:
        return weekday_mask(self.cleaned_data.get("weekdays") or [])

    def post_fields(self) -> dict:
        """The cleaned values the services take (everything but the organisation)."""
        return {name: value for name, value in self.cleaned_data.items() if name != "organisation"}


class PhotoForm(forms.Form):
    file = forms.FileField(label=_("Photo"), help_text=_("JPEG, PNG or WebP, 5 MB at most."))
    alt_text = forms.CharField(
        label=_("What the photo shows"),
        max_length=200,
        help_text=_("A short description for people who cannot see it."),
    )


# ---------------------------------------------------------------------- conversations
class ReplyForm(forms.Form):
    """The first message to a post's organisation."""

    organisation = forms.ModelChoiceField(
        label=_("On behalf of"), queryset=Organisation.objects.none(), empty_label=None
    )
    body = forms.CharField(
        label=_("Your message"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Only the members of the two organisations will read it."),
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


class MessageForm(forms.Form):
    body = forms.CharField(
        label=_("Your message"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
    )


class ReportForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Reason"), choices=SharingReport.Reason.choices, widget=forms.RadioSelect
    )
    details = forms.CharField(
        label=_("Details (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class HideForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is it hidden?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The members of the post's organisation will read it."),
    )


class CloseReportForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Decision"), choices=SharingReport.Outcome.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required to hide the post: its organisation will read it."),
    )

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("outcome") == SharingReport.Outcome.HIDDEN
            and not (cleaned.get("note") or "").strip()
        ):
            self.add_error("note", _("Say why the post is hidden: its organisation will read it."))
        return cleaned


class IdeaForm(forms.Form):
    """A cooperation idea pre-filled from a conversation's posts."""

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
    )
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 8})
    )
    themes = ModelMultipleChoiceField(
        label=_("Themes"),
        queryset=Theme.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    territories = ModelMultipleChoiceField(
        label=_("Territories"), queryset=Territory.objects.none(), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["themes"].queryset = theme_choices()
        self.fields["territories"].queryset = territory_choices()
