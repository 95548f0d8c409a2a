"""The coordinators' list of organisations, funders and calls not translated yet."""

import pytest
from django.urls import reverse

from funding.catalogue.models import FundingCall
from home.localize.untranslated import untranslated
from projects.network.models import Organisation

pytestmark = pytest.mark.django_db


def _drop_translation(model, obj, language: str) -> None:
    model.objects.filter(
        translation_key=obj.translation_key, locale__language_code=language
    ).delete()


def _missing(model) -> dict[int, list[str]]:
    report = next(r for r in untranslated() if r.model is model)
    return {item.obj.pk: item.languages for item in report.missing}


def test_a_call_without_its_italian_row_is_listed_for_italian_only():
    call = FundingCall.objects.canonical().order_by("pk").first()
    FundingCall.objects.exclude(locale__language_code="fr").filter(
        translation_key=call.translation_key
    ).delete()
    assert _missing(FundingCall)[call.pk] == ["en", "it"]
    organisation = Organisation.objects.canonical().order_by("pk").first()
    _drop_translation(Organisation, organisation, "it")
    if Organisation.objects.filter(
        translation_key=organisation.translation_key, locale__language_code="en"
    ).exists():
        assert _missing(Organisation)[organisation.pk] == ["it"]


def test_the_list_costs_the_same_whatever_the_number_of_objects(django_assert_max_num_queries):
    with django_assert_max_num_queries(8):  # two per model, and the default locale
        untranslated()


def test_the_coordinator_sees_the_list_with_links(client, demo_user):
    call = FundingCall.objects.canonical().order_by("pk").first()
    _drop_translation(FundingCall, call, "it")
    client.force_login(demo_user("coordination"))
    response = client.get(reverse("untranslated"))
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<tr data-object="{call.pk}">' in html
    assert reverse("wagtailsnippets_funding_fundingcall:edit", args=[call.pk]) in html
    assert "/localize/submit/snippet/funding/fundingcall/" in html


@pytest.mark.parametrize("who", ["redaction", "relecture"])
def test_editors_and_moderators_are_refused(client, demo_user, who):
    client.force_login(demo_user(who))
    assert client.get(reverse("untranslated")).status_code == 403
