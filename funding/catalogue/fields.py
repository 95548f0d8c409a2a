"""Model fields holding short lists (legal forms, aid types, country codes…) as JSON.

Lists stay in one column so that a call reads in one row and imports compare in one step. The
admin edits a list of fixed values as checkboxes and a list of free labels as text; queries ask
whether a list holds a value with `json_list_has` (works on PostgreSQL and SQLite).
"""

from collections.abc import Iterable, Sequence

from django import forms
from django.core.exceptions import ValidationError
from django.db import connections, models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class ChoiceListField(models.JSONField):
    """A list of values taken from ``item_choices``, edited as checkboxes.

    ``item_choices`` are (value, label) pairs. They are left out of migrations: the column is
    plain JSON whatever the choices, and labels change without a schema change.
    """

    def __init__(self, *args, item_choices: Sequence[tuple[str, str]] = (), **kwargs):
        self.item_choices = list(item_choices)
        kwargs.setdefault("default", list)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if kwargs.get("default") is list:
            del kwargs["default"]
        if kwargs.get("blank") is True:
            del kwargs["blank"]
        return name, path, args, kwargs

    @property
    def item_values(self) -> list[str]:
        return [value for value, _label in self.item_choices]

    def validate(self, value, model_instance) -> None:
        super().validate(value, model_instance)
        if not isinstance(value, list) or any(item not in self.item_values for item in value):
            raise ValidationError(_("Choose among the options offered."), code="invalid_choice")
        if len(set(value)) != len(value):
            raise ValidationError(_("Each option may be chosen once."), code="duplicate")

    def formfield(self, **kwargs):
        defaults = {
            "form_class": forms.MultipleChoiceField,
            "choices": self.item_choices,
            "required": not self.blank,
            "label": self.verbose_name.capitalize() if self.verbose_name else None,
            "help_text": self.help_text,
            "widget": forms.CheckboxSelectMultiple,
        }
        defaults.update(kwargs)
        form_class = defaults.pop("form_class")
        defaults.pop("encoder", None)
        defaults.pop("decoder", None)
        return form_class(**defaults)

    def labels(self, values: Iterable[str]) -> list[str]:
        """The labels of ``values``, in the order of the choices."""
        chosen = set(values)
        return [str(label) for value, label in self.item_choices if value in chosen]


class LabelListFormField(forms.CharField):
    """Free labels typed one per line (or separated by ``separator``), cleaned to a list."""

    def __init__(self, *, separator: str = "\n", upper: bool = False, **kwargs):
        self.separator = separator
        self.upper = upper
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return ("\n" if self.separator == "\n" else f"{self.separator} ").join(value)
        return value

    def to_python(self, value) -> list[str]:
        if isinstance(value, list | tuple):
            items = [str(item) for item in value]
        else:
            text = super().to_python(value) or ""
            items = text.replace("\r", "").split(self.separator)
            if self.separator != "\n":
                items = [part for item in items for part in item.split("\n")]
        cleaned = []
        for item in items:
            item = " ".join(item.split())
            if self.upper:
                item = item.upper()
            if item and item not in cleaned:
                cleaned.append(item)
        return cleaned

    def has_changed(self, initial, data) -> bool:
        return self.to_python(initial or []) != self.to_python(data or "")


class LabelListField(models.JSONField):
    """A list of free labels (audiences, country codes), edited as text."""

    def __init__(self, *args, separator: str = "\n", upper: bool = False, **kwargs):
        self.separator = separator
        self.upper = upper
        kwargs.setdefault("default", list)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if kwargs.get("default") is list:
            del kwargs["default"]
        if kwargs.get("blank") is True:
            del kwargs["blank"]
        return name, path, args, kwargs

    def validate(self, value, model_instance) -> None:
        super().validate(value, model_instance)
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise ValidationError(_("Give a list of labels."), code="invalid")

    def formfield(self, **kwargs):
        widget = forms.Textarea(attrs={"rows": 3}) if self.separator == "\n" else forms.TextInput
        defaults = {
            "separator": self.separator,
            "upper": self.upper,
            "required": not self.blank,
            "label": self.verbose_name.capitalize() if self.verbose_name else None,
            "help_text": self.help_text,
            "widget": widget,
        }
        defaults.update(kwargs)
        for name in ("form_class", "encoder", "decoder"):
            defaults.pop(name, None)
        return LabelListFormField(**defaults)


def json_list_has(field: str, value: str, *, using: str = "default") -> Q:
    """Rows whose JSON list ``field`` holds ``value``.

    PostgreSQL answers with its indexable containment operator; SQLite, which has none, with a
    match on the quoted value in the list's text (values are plain ASCII codes, so the quotes
    make the match exact).
    """
    if connections[using].features.supports_json_field_contains:
        return Q(**{f"{field}__contains": [value]})
    return Q(**{f"{field}__icontains": f'"{value}"'})


def json_list_has_or_empty(field: str, value: str, *, using: str = "default") -> Q:
    """Rows whose JSON list ``field`` holds ``value`` or is empty (empty means "any")."""
    return Q(**{field: []}) | json_list_has(field, value, using=using)
