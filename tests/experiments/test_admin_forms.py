"""The network's admin forms: relations offer the canonical rows once, and the searchable
selects (`projects.network.widgets`) render a complete native control that the script enhances."""

import re

import pytest
from bs4 import BeautifulSoup
from django.contrib.staticfiles import finders
from django.forms import modelform_factory
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale
from wagtail.test.utils.form_data import querydict_from_html

from projects.experiments.admin.forms import CanonicalRelationsForm
from projects.network.models import Organisation, Territory, Theme, WorkingGroup
from projects.network.widgets import (
    SCRIPT,
    TOM_SELECT_CSS,
    TOM_SELECT_JS,
    SearchableSelect,
    SearchableSelectMultiple,
    TerritoryPickerWidget,
    TerritorySelect,
    territory_places,
)
from tests.factories import OrganisationFactory, UserFactory, WorkingGroupFactory


@pytest.fixture
def admin_client(client, db):
    client.force_login(UserFactory(email="root@example.org", is_superuser=True, is_staff=True))
    return client


def _soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def _edit_form_data(response, **lists) -> dict:
    """The edit form as a browser would post it (the form holding the ``name`` field), with
    ``lists`` replacing some fields' values; StreamFields, drawn by the script, stay empty."""
    soup = _soup(response)
    forms = soup.find_all("form")
    index = next(i for i, form in enumerate(forms) if form.find(attrs={"name": "name"}))
    data = querydict_from_html(response.content.decode(), form_index=index)
    for name, values in lists.items():
        data.setlist(name, [str(value) for value in values])
    posted = {key: data.getlist(key) for key in data}
    if soup.find(attrs={"name": "meeting_notes-count"}) is None:
        posted.setdefault("meeting_notes-count", ["0"])
    return posted


def _edit_url(model, pk: int) -> str:
    return reverse(f"wagtailsnippets_projects_{model._meta.model_name}:edit", args=[pk])


# ---------------------------------------------------------------------------------------------
# Canonical rows, once each
# ---------------------------------------------------------------------------------------------
@pytest.mark.django_db
def test_the_organisation_form_offers_each_theme_once_the_french_row(admin_client):
    organisation = OrganisationFactory()
    response = admin_client.get(_edit_url(Organisation, organisation.pk))
    assert response.status_code == 200
    boxes = _soup(response).find_all("input", attrs={"name": "themes"})
    offered = [int(box["value"]) for box in boxes]
    canonical = list(Theme.objects.canonical().values_list("pk", flat=True))
    assert len(offered) == len(set(offered)) == len(canonical) == 6
    assert set(offered) == set(canonical)
    assert Theme.objects.exclude(locale=Locale.get_default()).exists()  # translations exist


@pytest.mark.django_db
def test_the_organisation_form_saves_relations_to_canonical_rows(admin_client):
    organisation = OrganisationFactory()
    url = _edit_url(Organisation, organisation.pk)
    themes = list(Theme.objects.canonical().order_by("number")[:2])
    places = list(Territory.objects.filter(name__in=["Gap", "Briançon", "Hautes-Alpes"]))
    data = _edit_form_data(
        admin_client.get(url),
        themes=[theme.pk for theme in themes],
        territories=[place.pk for place in places],
        commune=[Territory.objects.get(name="Gap").pk],
    )
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    organisation.refresh_from_db()
    assert set(organisation.themes.all()) == set(themes)
    assert set(organisation.territories.all()) == set(places)
    assert organisation.commune.name == "Gap"


@pytest.mark.django_db
def test_a_translated_theme_is_refused(admin_client):
    organisation = OrganisationFactory()
    url = _edit_url(Organisation, organisation.pk)
    english = Theme.objects.exclude(locale=Locale.get_default()).first()
    data = _edit_form_data(admin_client.get(url), themes=[english.pk], territories=[])
    response = admin_client.post(url, data)
    assert response.status_code == 200  # the form again, with its error
    assert "themes" in response.context["form"].errors
    assert not organisation.themes.exists()


@pytest.mark.django_db
def test_the_working_group_form_offers_canonical_organisations_once(admin_client):
    group = WorkingGroup.objects.canonical().first()
    response = admin_client.get(_edit_url(WorkingGroup, group.pk))
    assert response.status_code == 200
    soup = _soup(response)
    for name in ("members", "lead_organisation"):
        select = soup.find("select", attrs={"name": name})
        assert select is not None and select.has_attr("data-searchable-select")
        values = [option["value"] for option in select.find_all("option") if option["value"]]
        canonical = Organisation.objects.canonical().values_list("pk", flat=True)
        assert len(values) == len(set(values)) == canonical.count()
        assert {int(value) for value in values} == set(canonical)
    themes = [o["value"] for o in soup.find("select", attrs={"name": "theme"}).find_all("option")]
    assert len([value for value in themes if value]) == 6


@pytest.mark.django_db
def test_working_group_members_save_several_at_once(admin_client):
    group = WorkingGroupFactory()
    url = _edit_url(WorkingGroup, group.pk)
    members = [OrganisationFactory(), OrganisationFactory(), OrganisationFactory()]
    data = _edit_form_data(
        admin_client.get(url),
        members=[member.pk for member in members],
        lead_organisation=[members[0].pk],
    )
    response = admin_client.post(url, data)
    assert response.status_code == 302
    group.refresh_from_db()
    assert set(group.members.all()) == set(members)
    assert group.lead_organisation == members[0]


@pytest.mark.django_db
def test_choices_are_named_in_the_editors_language():
    theme = Theme.objects.canonical().get(number=1)
    english = Theme.objects.get(translation_key=theme.translation_key, locale__language_code="en")
    assert english.name != theme.name
    form_class = modelform_factory(Organisation, form=CanonicalRelationsForm, fields=["themes"])
    with translation.override("en"):
        labels = dict(form_class().fields["themes"].choices)
    assert english.name in {str(label) for label in labels.values()}


# ---------------------------------------------------------------------------------------------
# The widgets
# ---------------------------------------------------------------------------------------------
def _field_select(response, name: str):
    return _soup(response).find("select", attrs={"name": name})


@pytest.mark.django_db
def test_the_territory_picker_renders_a_native_multiple_select_grouped_by_kind(admin_client):
    organisation = OrganisationFactory(territories=list(Territory.objects.filter(name="Gap")))
    response = admin_client.get(_edit_url(Organisation, organisation.pk))
    select = _field_select(response, "territories")
    assert select.has_attr("multiple")
    assert select.has_attr("data-searchable-select")
    assert select["data-placeholder"] and select["data-no-results"] and select["data-remove-label"]
    groups = [group["label"] for group in select.find_all("optgroup")]
    assert str(Territory.Kind.COMMUNE.label) in groups
    assert str(Territory.Kind.DEPARTEMENT.label) in groups
    assert len(select.find_all("option")) == Territory.objects.count()
    gap = select.find("option", attrs={"data-name": "Gap"})
    assert gap.has_attr("selected")
    assert gap.parent["label"] == str(Territory.Kind.COMMUNE.label)
    assert gap.get_text() == (
        "Gap — Communauté d'agglomération Gap-Tallard-Durance \u203a Hautes-Alpes \u203a "
        "Provence-Alpes-Côte d'Azur \u203a France"
    )
    assert gap["data-path"].startswith("Communauté d'agglomération Gap-Tallard-Durance")
    assert "GAL Pays gapençais" in gap["data-also"]
    assert "Massif des Alpes" not in gap["data-also"]  # it contains the département already


@pytest.mark.django_db
def test_the_commune_select_offers_communes_only_with_their_place(admin_client):
    organisation = OrganisationFactory()
    response = admin_client.get(_edit_url(Organisation, organisation.pk))
    select = _field_select(response, "commune")
    assert select.has_attr("data-searchable-select") and not select.has_attr("multiple")
    names = {option.get("data-name") for option in select.find_all("option") if option["value"]}
    communes = set(Territory.objects.filter(kind="commune").values_list("name", flat=True))
    assert names == communes


@pytest.mark.django_db
def test_the_edit_page_loads_tom_select_and_the_script_without_inline_code(admin_client):
    organisation = OrganisationFactory()
    html = admin_client.get(_edit_url(Organisation, organisation.pk)).content.decode()
    for path in (TOM_SELECT_JS, SCRIPT, TOM_SELECT_CSS):
        assert re.search(rf'(src|href)="/static/{re.escape(path)}"', html), path
        assert finders.find(path), path
    assert finders.find("vendor/tom-select/LICENSE")


@pytest.mark.django_db
def test_territory_labels_take_a_fixed_number_of_queries(django_assert_num_queries):
    territories = list(Territory.objects.all())
    with django_assert_num_queries(2):
        few = territory_places(territories[:5])
    with django_assert_num_queries(2):
        every = territory_places(territories)
    assert len(few) == 5 and len(every) == len(territories)


@pytest.mark.django_db
def test_the_picker_renders_in_a_fixed_number_of_queries(django_assert_max_num_queries):
    from django import forms

    class Form(forms.Form):
        places = forms.ModelMultipleChoiceField(
            Territory.objects.all(), widget=TerritoryPickerWidget
        )

    with django_assert_max_num_queries(3):
        html = str(Form()["places"])
    assert html.count("<option") == Territory.objects.count()


@pytest.mark.django_db
def test_a_post_with_several_territories_saves_them():
    from django import forms

    class Form(forms.Form):
        places = forms.ModelMultipleChoiceField(
            Territory.objects.all(), widget=TerritoryPickerWidget
        )

    ids = list(Territory.objects.filter(kind="commune").values_list("pk", flat=True)[:3])
    form = Form({"places": [str(pk) for pk in ids]})
    assert form.is_valid()
    assert {territory.pk for territory in form.cleaned_data["places"]} == set(ids)


@pytest.mark.parametrize(
    ("widget", "multiple"),
    [
        (SearchableSelect, False),
        (SearchableSelectMultiple, True),
        (TerritorySelect, False),
        (TerritoryPickerWidget, True),
    ],
)
def test_each_widget_marks_its_select_and_brings_its_media(widget, multiple):
    html = widget(choices=[("1", "Un"), ("2", "Deux")]).render("field", ["2"] if multiple else "2")
    assert "data-searchable-select" in html
    assert ("multiple" in html) is multiple
    assert '<option value="2" selected>Deux</option>' in html
    media = str(widget().media)
    assert TOM_SELECT_JS in media and SCRIPT in media and TOM_SELECT_CSS in media


def test_the_widget_keeps_a_given_placeholder():
    html = SearchableSelect(placeholder="Cherchez une structure").render("f", None)
    assert 'data-placeholder="Cherchez une structure"' in html


# ---------------------------------------------------------------------------------------------
# Slugs left empty
# ---------------------------------------------------------------------------------------------
@pytest.mark.django_db
def test_an_organisation_added_without_slug_gets_a_free_one(admin_client):
    url = reverse("wagtailsnippets_projects_organisation:add") + "?locale=fr"
    for _ in range(2):
        data = _edit_form_data(admin_client.get(url), territories=[])
        data.update({"name": ["Atelier Vélo Gap"], "slug": [""]})
        response = admin_client.post(url, data)
        assert response.status_code == 302, response.content.decode()[:2000]
    slugs = sorted(
        Organisation.objects.filter(name="Atelier Vélo Gap").values_list("slug", flat=True)
    )
    assert slugs == ["atelier-velo-gap", "atelier-velo-gap-2"]


@pytest.mark.django_db
def test_a_territory_without_slug_gets_a_free_one():
    first = Territory.objects.create(name="Gap", kind="epci")
    second = Territory.objects.create(name="Gap", kind="epci")
    assert first.slug == "epci-gap"
    assert second.slug == "epci-gap-2"
