"""Visitor-facing forms of the editorial pages: listing filters and the contact form's traps."""

from collections import OrderedDict

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.forms.forms import BaseForm, FormBuilder

from core.translation import localize_all
from core.validators import one_line
from projects.network.models import Theme

# The honeypot's name: bots fill fields that look like a web address; editors' own fields get
# names derived from their labels, which never start with "hp_".
HONEYPOT_FIELD = "hp_website"


def theme_choices() -> list[tuple[str, str]]:
    """The canonical themes, by number, named in the active language (two queries)."""
    themes = localize_all(Theme.objects.canonical().order_by("number"))
    return [("", _("All themes")), *((theme.slug, theme.name) for theme in themes)]


class ThemeFilterForm(forms.Form):
    """GET filter of a listing by theme (works without JavaScript)."""

    theme = forms.ChoiceField(label=_("Theme"), required=False)

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.fields["theme"].choices = theme_choices()

    def filters(self) -> dict[str, str]:
        """The valid, non-empty criteria (call after `is_valid`)."""
        data = getattr(self, "cleaned_data", {})
        return {name: value for name, value in data.items() if value}


class ExchangeFilterForm(ThemeFilterForm):
    """GET filter of the exchanges by kind and theme."""

    kind = forms.ChoiceField(label=_("Kind"), required=False)

    field_order = ["kind", "theme"]

    def __init__(self, *args, kinds: list[tuple[str, str]], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("All kinds")), *kinds]


class HoneypotForm(BaseForm):
    """A form-builder form with a trap field that humans never see nor fill."""

    honeypot_field = HONEYPOT_FIELD

    def is_trapped(self) -> bool:
        """True when the hidden field was filled in: a robot sent the form."""
        return bool(self.data.get(HONEYPOT_FIELD, "").strip())

    def submitted_data(self) -> dict:
        """The cleaned data without the trap."""
        return {k: v for k, v in self.cleaned_data.items() if k != HONEYPOT_FIELD}


class HoneypotFormBuilder(FormBuilder):
    """Wagtail's form builder plus a honeypot field after the editors' fields."""

    @property
    def formfields(self) -> "OrderedDict[str, forms.Field]":
        fields = super().formfields
        fields[HONEYPOT_FIELD] = forms.CharField(
            label=_("Leave this field empty"),
            required=False,
            widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
        )
        return fields

    def create_singleline_field(self, field, options: dict) -> forms.CharField:
        """One-line answers (a subject, a name) refuse line breaks and control characters."""
        form_field = super().create_singleline_field(field, options)
        form_field.validators.append(one_line)
        return form_field

    def create_dropdown_field(self, field, options: dict) -> forms.ChoiceField:
        """A required drop-down starts empty, so that nobody sends its first choice unawares."""
        form_field = super().create_dropdown_field(field, options)
        if field.required and not field.default_value:
            form_field.choices = [("", "---------"), *form_field.choices]
        return form_field

    def get_form_class(self) -> type[HoneypotForm]:
        return type("ContactForm", (HoneypotForm,), self.formfields)
