"""`GET /api/v1/calls/` and `GET /api/v1/calls/{id}/`: public, filtered like the catalogue,
paginated, constant queries, schema-valid."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.test import APIClient

from funding.catalogue.models import FundingCall, paris_today
from projects.network.models import Territory, Theme
from tests.factories import FundingCallFactory, FundingSourceFactory

LIST = "/api/v1/calls/"
NOW = timezone.now()
DAY = datetime.timedelta(days=1)
MARK = "Zéphyrin"


def api(language: str = "fr") -> APIClient:
    client = APIClient()
    client.credentials(HTTP_ACCEPT_LANGUAGE=language)
    return client


def everything(language: str = "fr", **params) -> list[dict]:
    """Every result, following `next` links."""
    client = api(language)
    response = client.get(LIST, {**params, "page_size": 100})
    assert response.status_code == 200, response.content
    body = response.json()
    results = body["results"]
    while body["next"]:
        body = client.get(body["next"]).json()
        results += body["results"]
    return results


def names(results: list[dict]) -> list[str]:
    return [item["name"] for item in results]


def marked(**params) -> list[str]:
    return [name for name in names(everything(**params)) if MARK in name]


@pytest.mark.django_db
def test_anyone_lists_the_calls_open_or_opening_later():
    response = APIClient().get(LIST)
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"count", "next", "previous", "results"}
    expected = FundingCall.objects.canonical().not_closed()
    assert body["count"] == expected.count()
    assert {item["id"] for item in everything()} == set(expected.values_list("pk", flat=True))


@pytest.mark.django_db
def test_a_call_in_json():
    call = FundingCallFactory(
        name=f"{MARK} call",
        source=FundingSourceFactory(kind="foundation", funder__name="Fondation d'essai"),
        territory=Territory.objects.get(slug="hautes-alpes"),
        themes=[Theme.objects.canonical().get(number=4)],
        closes_at=datetime.datetime(2030, 6, 30, 21, 59, tzinfo=datetime.UTC),
        amount_min=Decimal(1000),
        amount_max=Decimal(5000),
        rate_max=Decimal(80),
        application_url="https://funder.example.org/apply",
    )
    (item,) = [i for i in everything("en") if i["id"] == call.pk]
    assert item["slug"] == call.slug
    assert item["url"] == f"http://testserver/en/funding/{call.slug}/"
    assert item["funder"]["name"] == "Fondation d'essai"
    assert item["source_kind"] == "foundation"
    assert item["territory"]["slug"] == "hautes-alpes"
    assert item["themes"] == [
        {
            "id": call.themes.get().pk,
            "slug": "diversification-financiere",
            "name": "Financial diversification",
        }
    ]
    assert item["aid_types"] == ["grant"]
    assert item["cost_types"] == ["operating", "investment"]
    assert (item["amount_min"], item["amount_max"]) == ("1000.00", "5000.00")
    assert item["rate_max"] == "80.00"
    # ISO 8601 with the time zone: 23:59 in Paris in summer.
    assert item["closes_at"] == "2030-06-30T23:59:00+02:00"
    assert item["status"] == "open"
    assert item["application_url"] == "https://funder.example.org/apply"
    assert item["provenance"] is None


@pytest.mark.django_db
def test_open_true_keeps_calls_open_today_and_false_the_others():
    FundingCallFactory(name=f"{MARK} open")
    FundingCallFactory(name=f"{MARK} later", opens_on=paris_today() + 3 * DAY)
    open_ids = set(FundingCall.objects.canonical().open_now().values_list("pk", flat=True))
    assert {item["id"] for item in everything(open="true")} == open_ids
    assert marked(open="true") == [f"{MARK} open"]
    assert marked(open="false") == [f"{MARK} later"]


@pytest.mark.django_db
def test_filters_match_the_catalogue():
    gap = Territory.objects.get(slug="gap")
    theme = Theme.objects.canonical().get(number=1)
    FundingCallFactory(
        name=f"{MARK} gap",
        territory=gap,
        themes=[theme],
        eligible_legal_forms=["scop"],
        aid_types=["loan"],
        amount_max=Decimal(5000),
        closes_at=NOW + 2 * DAY,
        source=FundingSourceFactory(kind="bank"),
    )
    FundingCallFactory(name=f"{MARK} briançon", territory=Territory.objects.get(slug="briancon"))
    FundingCallFactory(name=f"{MARK} closed", closes_at=NOW - DAY)
    assert marked(territory="gap") == [f"{MARK} gap"]
    assert marked(territory=str(gap.pk)) == [f"{MARK} gap"]
    assert sorted(marked(territory="hautes-alpes")) == [f"{MARK} briançon", f"{MARK} gap"]
    assert marked(theme=theme.slug) == marked(theme=str(theme.pk))
    assert f"{MARK} gap" in marked(theme=theme.slug)
    assert marked(kind="bank") == [f"{MARK} gap"]
    assert marked(legal_form="scop") == [f"{MARK} gap", f"{MARK} briançon"]
    assert marked(aid_type="loan") == [f"{MARK} gap"]
    assert marked(amount="4000") == [f"{MARK} gap", f"{MARK} briançon"]
    assert marked(amount="6000") == [f"{MARK} briançon"]
    assert marked(closes_before=(paris_today() + 5 * DAY).isoformat()) == [f"{MARK} gap"]
    assert f"{MARK} closed" in marked(include_closed="true")
    assert marked(include_closed="true")[-1] == f"{MARK} closed"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "params",
    [
        {"theme": "nowhere"},
        {"territory": "99999999"},
        {"kind": "lottery"},
        {"amount": "a lot"},
        {"closes_before": "tomorrow"},
        {"closes_before": "9999-12-31"},
        {"amount": "1e400"},
        {"open": "maybe"},
        {"include_closed": "yes please"},
    ],
)
def test_bad_filters_answer_400_in_json(params):
    response = api("en").get(LIST, params)
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    assert set(params) <= set(body["errors"])


@pytest.mark.django_db
def test_pagination():
    total = FundingCall.objects.canonical().not_closed().count()
    first = api().get(LIST, {"page_size": 5}).json()
    assert first["count"] == total and len(first["results"]) == 5
    assert first["previous"] is None and "page=2" in first["next"]
    second = api().get(first["next"]).json()
    assert not {i["id"] for i in first["results"]} & {i["id"] for i in second["results"]}
    assert api().get(LIST, {"page": 999}).status_code == 404


@pytest.mark.django_db
def test_text_follows_the_request_language():
    italian = names(everything("it", kind="eu_programme"))
    assert "Interreg ALCOTRA \N{EN DASH} microprogetti" in italian
    assert "Interreg ALCOTRA \N{EN DASH} micro-projets" in names(
        everything("fr", kind="eu_programme")
    )
    item = everything("it", kind="eu_programme")[0]
    assert item["url"].startswith("http://testserver/it/finanziamenti/")


@pytest.mark.django_db
def test_detail_has_description_co_funders_and_requirements():
    call = FundingCall.objects.canonical().get(slug="alcotra-micro-projets")
    response = api("en").get(f"{LIST}{call.pk}/")
    assert response.status_code == 200
    body = response.json()
    assert body["name"] == "Interreg ALCOTRA \N{EN DASH} micro-projects"
    assert body["required_countries"] == ["FR", "IT"] and body["min_partners"] == 1
    assert body["description"].startswith("A simplified strand")
    assert [r["label"] for r in body["requirements"]] == [
        "Commitment letter from the Italian partner",
        "What cross-border added value?",
    ]
    assert body["co_funders"] == []
    assert body["is_illustrative"] is True


@pytest.mark.django_db
def test_detail_of_a_translation_or_an_unknown_id_is_404():
    translated = FundingCall.objects.exclude(locale__language_code="fr").first()
    assert api().get(f"{LIST}{translated.pk}/").status_code == 404
    assert api().get(f"{LIST}99999999999999999999/").status_code == 404
    assert api().get(f"{LIST}abc/").status_code == 404


@pytest.mark.django_db
def test_the_api_is_read_only():
    assert APIClient().post(LIST, {"name": "x"}, format="json").status_code == 405


def _list_queries(count: int) -> tuple[int, int]:
    source = FundingSourceFactory(kind="bank")
    themes = list(Theme.objects.canonical()[:2])
    for _n in range(count):
        FundingCallFactory(
            source=source, themes=themes, territory=Territory.objects.get(slug="gap")
        )
    client = api("it")
    client.get(LIST, {"kind": "bank"})  # warm caches
    with CaptureQueriesContext(connection) as queries:
        response = client.get(LIST, {"kind": "bank", "page_size": 100})
    assert response.status_code == 200
    return len(queries), len(response.json()["results"])


@pytest.mark.django_db
def test_list_queries_do_not_grow_with_the_calls():
    few, shown_few = _list_queries(2)
    many, shown_many = _list_queries(30)
    assert (shown_few, shown_many) == (2, 32)
    assert many == few
    # Two locales, count, page, themes, Italian text of calls, sources, funders and themes (4),
    # the catalogue page's address (3).
    assert many <= 13
