"""API pieces of the cooperation network that every area's API shares: themes, territories and
organisations given by slug or id, and their short representations."""

from typing import Any

import django_filters
from django import forms
from django.core.exceptions import ObjectDoesNotExist
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from projects.network.models import Organisation, Territory, Theme


# ---------------------------------------------------------------------- input fields
@extend_schema_field(
    {"oneOf": [{"type": "string"}, {"type": "integer"}], "description": "A slug or an id."}
)
class SlugOrIdRelatedField(serializers.RelatedField):
    """A related row given by its slug (`"gap"`) or its id (`12`); shown as its slug."""

    default_error_messages = {
        "does_not_exist": _("Nothing matches “{value}”: give a slug or an id."),
        "incorrect_type": _("Give a slug or an id."),
    }

    def to_internal_value(self, data: Any):
        if isinstance(data, bool) or not isinstance(data, int | str):
            self.fail("incorrect_type")
        text = str(data).strip()
        lookup = {"pk": int(text)} if text.isdigit() else {"slug": text}
        try:
            return self.get_queryset().get(**lookup)
        except ObjectDoesNotExist:
            self.fail("does_not_exist", value=text)

    def to_representation(self, value) -> str:
        return value.slug


class ThemeField(SlugOrIdRelatedField):
    """A theme, always the canonical (French) row that relations point at."""

    queryset = Theme.objects.all()

    def get_queryset(self) -> QuerySet:
        return Theme.objects.canonical()


class TerritoryField(SlugOrIdRelatedField):
    queryset = Territory.objects.all()


class OrganisationField(serializers.PrimaryKeyRelatedField):
    """An organisation by id, always the canonical row."""

    queryset = Organisation.objects.all()

    def get_queryset(self) -> QuerySet:
        return Organisation.objects.canonical()


# ---------------------------------------------------------------------- output pieces
class ThemeSerializer(serializers.ModelSerializer):
    """A theme, its name in the request's language."""

    class Meta:
        model = Theme
        fields = ["id", "slug", "name"]


class TerritorySerializer(serializers.ModelSerializer):
    class Meta:
        model = Territory
        fields = ["id", "slug", "name", "kind"]


class OrganisationSummarySerializer(serializers.ModelSerializer):
    """An organisation's id and name, and when a coordinator verified its identity (null when
    it is not verified: docs/security.md, "How organisations are verified")."""

    class Meta:
        model = Organisation
        fields = ["id", "name", "verified_at"]
        read_only_fields = ["verified_at"]


# ---------------------------------------------------------------------- filters
class SlugOrIdFormField(forms.Field):
    """A filter value naming a row by slug or id; unknown values are invalid input."""

    def __init__(self, *, rows, **kwargs):
        self.rows = rows
        super().__init__(**kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        text = str(value).strip()
        lookup = {"pk": int(text)} if text.isdigit() else {"slug": text}
        try:
            return self.rows().get(**lookup)
        except ObjectDoesNotExist:
            raise forms.ValidationError(
                _("Nothing matches “%(value)s”: give a slug or an id."),
                code="invalid_choice",
                params={"value": text},
            ) from None


@extend_schema_field({"type": "string", "description": "A slug or an id."})
class SlugOrIdFilter(django_filters.Filter):
    field_class = SlugOrIdFormField
