"""What the catalogue's models share: relations to canonical rows, slugs, validators."""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

# Territory rank given to calls open anywhere: wider than the European Union (rank 9).
ANYWHERE_RANK = 10
PERCENT = [MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))]
POSITIVE = [MinValueValidator(Decimal("0"))]
SLUG_HELP = _("Leave empty to make it from the name; changing it breaks saved links.")


def canonical_only() -> Q:
    """`limit_choices_to` of relations to translatable rows: default-language rows only."""
    return Q(locale_id=Locale.get_default().pk)


def unique_slug(model: type[models.Model], base: str, locale_id: int, exclude_pk=None) -> str:
    """``base`` slugified, with a number added until no row of ``locale_id`` has it."""
    max_length = model._meta.get_field("slug").max_length
    root = slugify(base)[: max_length - 5] or model._meta.model_name
    slug, number = root, 2
    rows = model.objects.filter(locale_id=locale_id).exclude(pk=exclude_pk)
    while rows.filter(slug=slug).exists():
        slug, number = f"{root}-{number}", number + 1
    return slug
