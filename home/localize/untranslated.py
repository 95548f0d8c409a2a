"""What of the directory and the funding catalogue is not translated yet, per language.

Organisations, funders and funding calls are translatable snippets: one canonical (French) row,
and one row per translation sharing its `translation_key`. A canonical row with no row in a
language is shown there in French, marked as such (`core.templatetags.content_language`); the
coordinators' screen lists them so that someone translates them. Two queries per model.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.admin.utils import quote
from django.db.models import Model
from django.urls import reverse
from wagtail.models import Locale

from funding.catalogue.models import Funder, FundingCall
from projects.network.models import Organisation

MODELS: tuple[type[Model], ...] = (FundingCall, Funder, Organisation)


@dataclass
class Missing:
    """One object lacking translations: its French row and the languages it lacks."""

    obj: Model
    languages: list[str]
    edit_url: str = ""
    translate_url: str = ""


@dataclass
class ModelReport:
    """The untranslated objects of one model, and how many lack each language."""

    model: type[Model]
    total: int
    missing: list[Missing] = field(default_factory=list)
    by_language: dict[str, int] = field(default_factory=dict)

    @property
    def label(self) -> str:
        return str(self.model._meta.verbose_name_plural)


def other_languages() -> list[str]:
    """The languages content is translated into (all but the default one)."""
    return [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


def untranslated(models=MODELS, languages: list[str] | None = None) -> list[ModelReport]:
    """For each model, its canonical rows lacking a row in one of ``languages``."""
    languages = languages or other_languages()
    default = Locale.get_default()
    reports = []
    for model in models:
        canonical = list(model.objects.filter(locale=default).order_by(_order(model)))
        translated = set(
            model.objects.exclude(locale=default).values_list(
                "translation_key", "locale__language_code"
            )
        )
        report = ModelReport(model=model, total=len(canonical))
        for code in languages:
            report.by_language[code] = 0
        for obj in canonical:
            lacking = [c for c in languages if (obj.translation_key, c) not in translated]
            if lacking:
                report.missing.append(Missing(obj, lacking, *_links(obj)))
                for code in lacking:
                    report.by_language[code] += 1
        reports.append(report)
    return reports


def _order(model) -> str:
    return "name" if any(f.name == "name" for f in model._meta.fields) else "pk"


def _links(obj) -> tuple[str, str]:
    """The admin addresses that edit ``obj`` and start its translation."""
    viewset = getattr(type(obj), "snippet_viewset", None)
    edit = reverse(viewset.get_url_name("edit"), args=[quote(obj.pk)]) if viewset else ""
    meta = obj._meta
    translate = reverse(
        "translation_submit_snippet",
        kwargs={"app_label": meta.app_label, "model_name": meta.model_name, "pk": str(obj.pk)},
    )
    return edit, translate
