"""A canonical digest of the demo database, to prove that moving the demo's texts changes nothing.

`demo_digest()` reads the database as the demo loader left it and returns plain data:

- every row of the project's own models (pages and snippets included, in every language) and of
  the few Wagtail and Django models the demo fills directly (sites, images, documents, groups),
  without ids, with each relation named by what it points to (a page by its locale and URL path,
  a person by e-mail, a row by its slug, name or title);
- dates and moments as day offsets from today (the demo dates things relative to the loading
  day), timestamps of the loading itself included;
- long texts as a hash and a length, so that the fixture stays readable;
- the number of rows of every other table the demo may fill (revisions, translations, logs…).

Rows are sorted by their contents, so that creation order never matters. Record a new fixture
after a deliberate change of the demo with
`DEMO_DIGEST_UPDATE=1 .venv/bin/python -m pytest tests/home/test_demo_data.py`.
"""

import datetime
import hashlib
import json
import re
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from django.apps import apps
from django.db import models
from django.utils import timezone
from wagtail.models import Page

PARIS = ZoneInfo("Europe/Paris")

# Apps whose every row is written out; others are only counted.
FULL_APPS = ("accounts", "home", "projects", "funding")
FULL_MODELS = (
    "wagtailcore.Site",
    "wagtailcore.Locale",
    "wagtailcore.Collection",
    "wagtailcore.GroupPagePermission",
    "wagtailcore.GroupCollectionPermission",
    "wagtailimages.Image",
    "wagtaildocs.Document",
    "taggit.Tag",
    "auth.Group",
)
# Tables whose contents depend on the database backend or the run, not on the demo.
SKIPPED_APPS = ("sessions", "admin", "axes", "wagtailsearch", "search", "django_tasks_db")
# Fields that are random or secret by nature: passwords, keys, hashes of random data.
SKIPPED_FIELDS = {"password", "translation_key", "latest_revision", "live_revision", "file_hash"}
LONG_TEXT = 80
ISO_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})([T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$")
RICH_TEXT_REF = re.compile(r'(linktype|embedtype)="(page|image|document)" id="(\d+)"')
RANDOM_NAME_PARTS = re.compile(r"^[0-9a-f]{8,}-|_[A-Za-z0-9]{7}(?=\.\w+$)")
UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


class _Digest:
    def __init__(self) -> None:
        self.today = timezone.localdate(timezone=PARIS)
        self.labels: dict[type, dict[Any, str]] = {}

    # Names of the rows that relations point to.
    def label(self, model: type[models.Model], pk: Any) -> str:
        model = model._meta.concrete_model
        if model not in self.labels:
            self.labels[model] = {
                obj.pk: self._label_of(obj) for obj in model._default_manager.all()
            }
        return self.labels[model].get(pk, f"{model._meta.label}:missing")

    def _label_of(self, obj: models.Model) -> str:
        if isinstance(obj, Page):
            return f"page:{obj.locale.language_code}:{obj.url_path}"
        names = [f.name for f in obj._meta.concrete_fields]
        for field in ("email", "slug", "code", "name", "title", "language_code"):
            if field in names and getattr(obj, field):
                value = str(getattr(obj, field))
                break
        else:
            value = str(obj)
        if "locale" in names:
            value += f"@{obj.locale.language_code}"
        return f"{obj._meta.label}:{value}"

    # Values.
    def day(self, value: datetime.date | datetime.datetime) -> str:
        if isinstance(value, datetime.datetime):
            value = value.astimezone(PARIS).date() if timezone.is_aware(value) else value.date()
        return f"day{(value - self.today).days:+d}"

    def text(self, value: str) -> str:
        match = ISO_DATE.match(value)
        if match:
            return self.day(datetime.date.fromisoformat(match.group(1)))
        value = RICH_TEXT_REF.sub(self._rich_text_ref, value)
        if len(value) > LONG_TEXT:
            digest = hashlib.sha256(value.encode()).hexdigest()[:16]
            return f"{value[:40]}…sha256:{digest}:len{len(value)}"
        return value

    def _rich_text_ref(self, match: re.Match) -> str:
        kind, target, pk = match.groups()
        model = {
            "page": Page,
            "image": apps.get_model("wagtailimages", "Image"),
            "document": apps.get_model("wagtaildocs", "Document"),
        }[target]
        return f'{kind}="{target}" ref="{self.label(model, int(pk))}"'

    def data(self, value: Any) -> Any:
        """Plain data (a StreamField's or a JSONField's): block ids dropped, texts normalised."""
        if isinstance(value, dict):
            return {
                key: self.data(item)
                for key, item in value.items()
                if not (key == "id" and isinstance(item, str) and UUID.match(item))
                and not key.endswith("_id")
            }
        if isinstance(value, list | tuple):
            return [self.data(item) for item in value]
        if isinstance(value, str):
            return self.text(value)
        return value

    def value(self, obj: models.Model, field: models.Field) -> Any:
        if field.is_relation:
            pk = getattr(obj, field.attname)
            return None if pk is None else self.label(field.related_model, pk)
        value = getattr(obj, field.attname)
        if value is None:
            return None
        if isinstance(value, datetime.date):
            return self.day(value)
        if isinstance(value, Decimal):
            return str(value)
        if isinstance(field, models.FileField):
            # Stored names carry random parts (a token, a suffix against collisions) and ids.
            return RANDOM_NAME_PARTS.sub("", value.name.rsplit("/", 1)[-1])
        if isinstance(field, models.JSONField) or hasattr(value, "raw_data"):
            raw = field.get_prep_value(value)
            return self.data(json.loads(raw) if isinstance(raw, str) else raw)
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, int | float | bool):
            return value
        return self.text(str(value))

    def rows(self, model: type[models.Model]) -> list[dict]:
        fields = [
            f
            for f in model._meta.concrete_fields
            if not f.primary_key
            and f.name not in SKIPPED_FIELDS
            and not isinstance(f, models.UUIDField)
            and not (
                f.is_relation
                and f.related_model is not None
                and f.one_to_one
                and f.remote_field.parent_link
            )
        ]
        many = [f for f in model._meta.many_to_many if f.concrete]
        out = []
        for obj in model._default_manager.all():
            row = {f.name: self.value(obj, f) for f in fields}
            for field in many:
                through = getattr(obj, field.name).through
                if not through._meta.auto_created:
                    continue  # the through model's rows are written out on their own
                row[field.name] = sorted(
                    self.label(field.related_model, pk)
                    for pk in getattr(obj, field.name).values_list("pk", flat=True)
                )
            out.append(row)
        return sorted(out, key=lambda row: json.dumps(row, sort_keys=True, ensure_ascii=False))


def _full(model: type[models.Model]) -> bool:
    if model._meta.proxy or not model._meta.managed:
        return False
    return model._meta.app_label in FULL_APPS or model._meta.label in FULL_MODELS


def demo_digest() -> dict[str, Any]:
    """The digest of the database as it is now: {"rows": {model: rows}, "counts": {model: n}}."""
    digest = _Digest()
    rows, counts = {}, {}
    for model in sorted(apps.get_models(), key=lambda m: m._meta.label):
        if model._meta.proxy or model._meta.app_label in SKIPPED_APPS:
            continue
        if _full(model):
            rows[model._meta.label] = digest.rows(model)
        else:
            counts[model._meta.label] = model._default_manager.count()
    return {"rows": rows, "counts": counts}
