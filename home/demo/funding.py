"""The funding catalogue of the demo: its page, funders, sources and calls (the Hautes-Alpes'
funding landscape).

Every call is flagged *illustrative*: amounts, rates and dates are plausible (several facts of
the landscape are still to verify) and the call page says they are not official. Dates are relative
to the loading day, so that some calls are open, some close within two weeks, some are closed, some
open later and some are ongoing. The two experiments seeking funding (pooled treasury in the
Gapençais, Queyras - Val de Suse) find several calls they can apply to. Loading again creates
only what is missing and keeps editors' changes.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone
from wagtail.models import Locale

from funding.catalogue.models import CallRequirement, Funder, FundingCall, FundingSource, end_of_day
from funding.catalogue.pages import FundingCatalogPage
from home.demo.content import Text, read
from home.demo.content import french as french_text
from home.demo.i18n import Catalogue
from home.demo.pages import ensure_child, page_fields, translate_everywhere
from home.models import HomePage
from home.translation import translate_instance


@dataclass
class DemoCall:
    """One call of the demo. Days count from the loading day (negative: in the past)."""

    slug: str
    source: str
    name: Text
    summary: Text
    description: Text
    territory: str | None
    aid_types: list[str]
    themes: list[int] = field(default_factory=list)
    legal_forms: list[str] = field(default_factory=list)
    audiences: list[str] = field(default_factory=list)
    cost_types: list[str] = field(default_factory=list)
    recurrence: str = "one_off"
    opens: int | None = None
    pre_deposit: int | None = None
    closes: int | None = None
    amount_min: str | None = None
    amount_max: str | None = None
    rate_min: str | None = None
    rate_max: str | None = None
    min_self_financing: str | None = None
    min_partners: int = 0
    countries: list[str] = field(default_factory=list)
    fee: str | None = None
    all_or_nothing: bool = False
    url: str = ""
    co_funders: list[str] = field(default_factory=list)
    requirements: list[tuple[str, Text, bool]] = field(default_factory=list)

    @classmethod
    def from_data(cls, spec: dict, requirement_sets: dict) -> "DemoCall":
        """The call of funding.yaml's ``spec``, its requirements' sets spelled out."""
        return cls(
            **{key: value for key, value in spec.items() if key != "requirements"},
            requirements=requirements(spec.get("requirements", []), requirement_sets),
        )


def requirements(specs: list, requirement_sets: dict) -> list[tuple[str, Text, bool]]:
    """(kind, label, required) of each requirement; a name stands for the requirements of
    that set of `requirement_sets`."""
    out = []
    for spec in specs:
        if isinstance(spec, str):
            out += requirements(requirement_sets[spec], requirement_sets)
        else:
            out.append((spec["kind"], spec["label"], spec["required"]))
    return out


def _is_translated(call: DemoCall) -> bool:
    texts = [call.name, call.summary, call.description, *(r[1] for r in call.requirements)]
    return all(isinstance(text, tuple) for text in texts)


def catalogue_page(home: HomePage, t: Catalogue) -> FundingCatalogPage:
    return ensure_child(home, FundingCatalogPage, **page_fields(read("funding")["page"], t))


def load_funders(french: Locale) -> dict[str, Funder]:
    funders = {f.name: f for f in Funder.objects.filter(locale=french)}
    for spec in read("funding")["funders"]:
        if spec["name"] not in funders:
            funders[spec["name"]] = Funder.objects.create(
                name=spec["name"],
                kind=spec["kind"],
                website=spec["website"],
                description=spec["description"],
                locale=french,
            )
    return funders


def load_sources(funders: dict[str, Funder], french: Locale) -> dict[str, FundingSource]:
    sources = {s.name: s for s in FundingSource.objects.filter(locale=french)}
    for spec in read("funding")["sources"]:
        if spec["name"] not in sources:
            sources[spec["name"]] = FundingSource.objects.create(
                name=spec["name"],
                funder=funders[spec["funder"]],
                kind=spec["kind"],
                parent=sources[spec["parent"]] if spec["parent"] else None,
                description=spec["description"],
                locale=french,
            )
    return sources


def _decimal(value: str | None) -> Decimal | None:
    return Decimal(value) if value is not None else None


def create_call(spec: DemoCall, network: dict, sources: dict, french: Locale) -> FundingCall:
    """The French call of ``spec`` with its requirements, as an editor would enter it."""
    today = timezone.localdate()

    def day(offset: int | None) -> datetime.date | None:
        return today + datetime.timedelta(days=offset) if offset is not None else None

    call = FundingCall(
        slug=spec.slug,
        locale=french,
        source=sources[spec.source],
        name=french_text(spec.name),
        summary=french_text(spec.summary),
        description=french_text(spec.description),
        territory=network["territories"][spec.territory] if spec.territory else None,
        eligible_legal_forms=spec.legal_forms,
        eligible_audiences=spec.audiences,
        aid_types=spec.aid_types,
        cost_types=spec.cost_types,
        recurrence=spec.recurrence,
        opens_on=day(spec.opens),
        pre_deposit_at=end_of_day(day(spec.pre_deposit)) if spec.pre_deposit is not None else None,
        closes_at=end_of_day(day(spec.closes)) if spec.closes is not None else None,
        amount_min=_decimal(spec.amount_min),
        amount_max=_decimal(spec.amount_max),
        rate_min=_decimal(spec.rate_min),
        rate_max=_decimal(spec.rate_max),
        min_self_financing_rate=_decimal(spec.min_self_financing),
        min_partners=spec.min_partners,
        required_countries=spec.countries,
        platform_fee_rate=_decimal(spec.fee),
        all_or_nothing=spec.all_or_nothing,
        application_url=spec.url,
        is_illustrative=True,
    )
    call.full_clean()
    call.save()
    call.themes.set([network["themes"][number] for number in spec.themes])
    for kind, label, required in spec.requirements:
        call.requirements.add(
            CallRequirement(kind=kind, label=french_text(label), required=required)
        )
    call.save()
    return call


def translate_call(call: FundingCall, spec: DemoCall) -> None:
    """English and Italian linked translations of a call whose texts the demo translates."""
    t = Catalogue()
    for text in (spec.name, spec.summary, spec.description, *(r[1] for r in spec.requirements)):
        t(*text)
    for code in t.languages:
        if call.get_translation_or_none(Locale.objects.get(language_code=code)) is None:
            translate_instance(call, code, t.for_language(code))


def load(network: dict, home: HomePage) -> FundingCatalogPage:
    """The catalogue page with its translations, then funders, sources and calls; returns the
    page for the main menu."""
    t = Catalogue()
    page = catalogue_page(home, t)
    translate_everywhere(page, t)
    french = Locale.get_default()
    funders = load_funders(french)
    sources = load_sources(funders, french)
    existing = set(FundingCall.objects.filter(locale=french).values_list("slug", flat=True))
    data = read("funding")
    for spec in (DemoCall.from_data(c, data["requirement_sets"]) for c in data["calls"]):
        if spec.slug in existing:
            continue
        call = create_call(spec, network, sources, french)
        if _is_translated(spec):
            translate_call(call, spec)
    return page
