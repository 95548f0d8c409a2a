"""Answers to a signed-in person are `Cache-Control: private, no-store`; anonymous public pages
keep their public caching (core.cache.middleware.PrivatePagesMiddleware)."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse
from django.urls import reverse
from django.utils import translation
from rest_framework.authtoken.models import Token

from core.cache.middleware import PrivatePagesMiddleware
from funding.dossiers.models import FundingApplication
from projects.experiments.models import Experiment

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    """The cache is off in the test settings; these answers must hold with it on."""
    settings.PAGE_CACHE_SECONDS = 600


def _fr(name: str, **kwargs) -> str:
    with translation.override("fr"):
        return reverse(name, kwargs=kwargs or None)


def personal_addresses(user) -> list[str]:
    """What this person opens in their own space, and public pages rendered for them."""
    addresses = [
        "/fr/",
        _fr("projects:public_list"),
        _fr("accounts:profile"),
        _fr("projects:space"),
        _fr("projects:notifications"),
        _fr("projects:sharing_space"),
        "/api/v1/experiments/",
        "/api/v1/search/?q=tresorerie&lang=fr",
        _fr("search:search") + "?q=tresorerie",
    ]
    experiment = Experiment.objects.visible_to(user).order_by("pk").first()
    if experiment is not None:
        addresses += [
            _fr("projects:experiment", pk=experiment.pk),
            _fr("funding:experiment_dossiers", pk=experiment.pk),
            f"/api/v1/experiments/{experiment.pk}/",
        ]
    dossier = FundingApplication.objects.filter(experiment=experiment).first()
    if dossier is not None:
        addresses.append(_fr("funding:dossier", pk=experiment.pk, dossier_pk=dossier.pk))
    return addresses


def _private(response) -> bool:
    directives = {d.strip() for d in response.get("Cache-Control", "").split(",")}
    return {"private", "no-store"} <= directives


@pytest.mark.parametrize("role", ["porteur", "partenaire", "financeur", "redaction", "relecture"])
def test_every_answer_to_a_signed_in_person_is_private(client, demo_user, role):
    user = demo_user(role)
    client.force_login(user)
    answers = {address: client.get(address) for address in personal_addresses(user)}
    assert not {a: r["Cache-Control"] for a, r in answers.items() if not _private(r)}
    assert all(response.get("X-Cache") != "HIT" for response in answers.values())
    if role == "porteur":  # no second factor asked: the pages themselves were answered
        assert {a: r.status_code for a, r in answers.items()} == dict.fromkeys(answers, 200)


def test_api_answers_to_a_token_are_private(client, demo_user):
    token, _ = Token.objects.get_or_create(user=demo_user("porteur"))
    response = client.get("/api/v1/experiments/", HTTP_AUTHORIZATION=f"Token {token.key}")
    assert response.status_code == 200
    assert _private(response)


def test_a_views_own_policy_is_kept(rf, demo_user):
    def view(request):
        response = HttpResponse("ok")
        response["Cache-Control"] = "max-age=60"
        return response

    request = rf.get("/fr/")
    request.user = demo_user("porteur")
    assert PrivatePagesMiddleware(view)(request)["Cache-Control"] == "max-age=60"
    request.user = AnonymousUser()
    assert "Cache-Control" not in PrivatePagesMiddleware(lambda r: HttpResponse())(request)


def test_anonymous_public_pages_keep_their_public_caching(client):
    experiment = Experiment.objects.public().first()
    for address in ("/fr/", _fr("projects:public_detail", slug=experiment.slug)):
        first, second = client.get(address), client.get(address)
        assert first.status_code == second.status_code == 200
        assert (first["X-Cache"], second["X-Cache"]) == ("MISS", "HIT")
        for response in (first, second):
            assert not _private(response)
            assert "private" not in response.get("Cache-Control", "")
