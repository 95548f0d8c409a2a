"""Themes, territories, organisations and working groups of the programme, as listed in
`home/demo/data/network.yaml`.

Territory memberships of EPCIs and LEADER areas follow the programme's notes, whose list is marked
"to verify": demo data may use them, the UI does not present them as official.
"""

from wagtail.models import Locale

from home.demo.content import LANGUAGES, french, read
from home.demo.i18n import Catalogue
from home.translation import translate_instance
from projects.network.models import Organisation, Territory, Theme, WorkingGroup


def load_themes(t: Catalogue) -> dict[int, Theme]:
    french_locale = Locale.get_default()
    themes = {}
    for spec in read("network")["themes"]:
        name, description = t(*spec["name"]), t(*spec["description"])
        theme = Theme.objects.filter(slug=spec["slug"], locale=french_locale).first()
        if theme is None:
            theme = Theme.objects.create(
                number=spec["number"],
                slug=spec["slug"],
                name=name,
                description=description,
                locale=french_locale,
            )
        for code in t.languages:
            if theme.get_translation_or_none(Locale.objects.get(language_code=code)) is None:
                translate_instance(theme, code, t.for_language(code))
        themes[spec["number"]] = theme
    return themes


def _place_fields(spec: dict) -> dict[str, str]:
    """The names and prepositions of a territory (« dans les Hautes-Alpes », « Alte Alpi »)."""
    fields = {}
    for prefix, key in (("name", "names"), ("in", "in")):
        if key in spec:
            fields |= {
                f"{prefix}_{code}": value for code, value in zip(LANGUAGES, spec[key], strict=True)
            }
    return fields


def load_territories() -> dict[str, Territory]:
    data = read("network")
    territories = {t.slug: t for t in Territory.objects.all()}
    for spec in data["areas"]:
        slug = spec["slug"]
        if slug not in territories:
            territories[slug] = Territory.objects.create(
                slug=slug,
                name=spec["name"],
                kind=spec["kind"],
                code=spec["code"],
                country=spec["country"],
                **_place_fields(spec),
            )
            territories[slug].parents.add(*(territories[p] for p in spec["parents"]))
    for spec in data["communes"]:
        slug = spec["slug"]
        if slug not in territories:
            territories[slug] = Territory.objects.create(
                slug=slug,
                name=spec["name"],
                kind=Territory.Kind.COMMUNE,
                code=spec["code"],
                latitude=spec["latitude"],
                longitude=spec["longitude"],
                **_place_fields(spec),
            )
            territories[slug].parents.add(territories[spec["epci"]])
    return territories


def load_organisations(themes, territories) -> dict[str, Organisation]:
    data = read("network")
    french_locale = Locale.get_default()
    existing = {o.name: o for o in Organisation.objects.filter(locale=french_locale)}
    for spec in data["organisations"]:
        if spec["name"] in existing:
            continue
        commune = territories[spec["commune"]]
        organisation = Organisation(
            name=spec["name"],
            kind=spec["kind"],
            legal_form=spec["legal_form"],
            description=french(spec["description"]),
            commune=commune,
            is_active_member=spec["active_member"],
            locale=french_locale,
        )
        organisation.save()
        organisation.themes.set([themes[n] for n in spec["themes"]])
        epci = commune.parents.first()
        organisation.territories.set([commune, epci] if epci else [commune])
        organisation.save()
        existing[spec["name"]] = organisation
    spec = data["italian_partner"]
    if spec["name"] not in existing:
        organisation = Organisation(
            name=spec["name"],
            kind=spec["kind"],
            legal_form=spec["legal_form"],
            description=french(spec["description"]),
            country=spec["country"],
            latitude=spec["latitude"],
            longitude=spec["longitude"],
            is_active_member=spec["active_member"],
            locale=french_locale,
        )
        organisation.save()
        organisation.themes.set([themes[n] for n in spec["themes"]])
        organisation.territories.set([territories[spec["territory"]]])
        organisation.save()
        existing[spec["name"]] = organisation
    return existing


def load_working_groups(themes, organisations, territories, t: Catalogue) -> list[WorkingGroup]:
    french_locale = Locale.get_default()
    groups = []
    for spec in read("network")["working_groups"]:
        name = t(*spec["name"])
        group = WorkingGroup.objects.filter(slug=spec["slug"], locale=french_locale).first()
        if group is None:
            group = WorkingGroup(
                slug=spec["slug"],
                name=name,
                kind=WorkingGroup.Kind.THEMATIC,
                theme=themes[spec["theme"]],
                territory=territories["hautes-alpes"],
                lead_organisation=organisations[spec["lead"]],
                locale=french_locale,
            )
            group.save()
            group.members.set([organisations[m] for m in [spec["lead"], *spec["members"]]])
            group.save()
        for code in t.languages:
            if group.get_translation_or_none(Locale.objects.get(language_code=code)) is None:
                translate_instance(group, code, t.for_language(code))
        groups.append(group)
    return groups


def load() -> dict:
    """Create the network and return it for the other demo parts."""
    t = Catalogue()
    themes = load_themes(t)
    territories = load_territories()
    organisations = load_organisations(themes, territories)
    groups = load_working_groups(themes, organisations, territories, t)
    return {
        "themes": themes,
        "territories": territories,
        "organisations": organisations,
        "working_groups": groups,
    }
