"""Themes, territories (nesting both ways), organisations and their translations."""

import pytest
from django.utils import translation
from wagtail.models import Locale

from core.translation import localize, localize_all
from projects.network.models import Organisation, Territory, Theme, WorkingGroup


def _territory(name: str, kind: str = "commune") -> Territory:
    return Territory.objects.create(name=name, kind=kind)


@pytest.mark.django_db
def test_ancestors_follow_parents_transitively_and_both_directions():
    village, epci, gal, dept = (
        _territory("Village"),
        _territory("EPCI", "epci"),
        _territory("GAL", "pays"),
        _territory("Dept", "departement"),
    )
    epci.parents.add(gal)
    village.parents.add(epci)
    assert set(village.ancestors.all()) == {epci, gal}
    gal.parents.add(dept)  # added above: descendants follow
    assert set(village.ancestors.all()) == {epci, gal, dept}
    dept.children.remove(gal)  # removed from the parent's side
    assert set(village.ancestors.all()) == {epci, gal}
    epci.parents.clear()
    assert set(village.ancestors.all()) == {epci}


@pytest.mark.django_db
def test_related_both_ways_finds_containers_contents_and_itself():
    gap = Territory.objects.get(slug="gap")
    epci = Territory.objects.get(slug="ca-gap-tallard-durance")
    region = Territory.objects.get(slug="paca")
    briancon = Territory.objects.get(slug="briancon")
    related = set(Territory.objects.related_both_ways(epci))
    assert {gap, epci, region} <= related
    assert briancon not in related


@pytest.mark.django_db
def test_cross_border_zone_contains_french_and_italian_departments():
    alcotra = Territory.objects.get(slug="alcotra")
    inside = set(alcotra.contained.values_list("slug", flat=True))
    assert {"hautes-alpes", "torino", "cuneo", "imperia", "gap"} <= inside


@pytest.mark.django_db
def test_rank_orders_from_narrowest():
    ranks = {t.kind: t.rank for t in Territory.objects.all()}
    assert ranks["commune"] < ranks["epci"] < ranks["departement"] < ranks["region"] < ranks["eu"]


@pytest.mark.django_db
def test_demo_directory_holds_the_seed_organisations():
    canonical = Organisation.objects.canonical()
    assert canonical.count() > 60
    names = set(canonical.values_list("name", flat=True))
    assert {"ACSSQ", "Fréquence Mistral", "UTL Pays gapençais", "SMITCOM"} <= names
    assert {"Université d'Avignon", "Agence de développement Hautes-Alpes"} <= names
    assert canonical.get(name="SMITCOM").kind == Organisation.Kind.INSTITUTION
    assert not canonical.filter(kind=Organisation.Kind.ENTERPRISE, commune__isnull=True).exclude(
        country="IT"
    )


@pytest.mark.django_db
def test_each_theme_has_a_working_group_with_a_lead():
    for theme in Theme.objects.canonical():
        group = WorkingGroup.objects.canonical().get(theme=theme)
        assert group.lead_organisation is not None
        assert group.members.filter(pk=group.lead_organisation_id).exists()


@pytest.mark.django_db
def test_localize_all_swaps_text_in_one_query(django_assert_num_queries):
    themes = list(Theme.objects.canonical())
    with translation.override("it"), django_assert_num_queries(2):  # active locale + rows
        localized = localize_all(themes)
    assert [t.pk for t in localized] == [t.pk for t in themes]
    assert localized[0].name == "Locali e attrezzature"
    assert localized[0].locale == Locale.get_default()  # still the canonical row


@pytest.mark.django_db
def test_localize_falls_back_to_the_source_text():
    organisation = Organisation.objects.canonical().get(name="ADELHA")
    with translation.override("en"):
        assert localize(organisation).description == organisation.description
