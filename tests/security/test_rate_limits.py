"""What is rate-limited on the site and the API (docs/security.md, "What is rate-limited and
how"): each limit refuses with 429 once reached, and lets through again after its window; the
address and the account are counted apart; a client cannot reset its count by writing
X-Forwarded-For. The mechanism itself: tests/core/test_ratelimit.py.
"""

import pytest
import time_machine
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from core.ratelimit import account_ident, reserve
from tests.conftest import DEMO_PASSWORD

pytestmark = pytest.mark.django_db

# A moment on a full hour: every window of these tests starts there.
START = 1_800_000_000
HOUR = 3600
OTHER = "203.0.113.50"


def limits(name: str, **kinds):
    """RATE_LIMITS with one action's limits replaced (small numbers for the tests)."""
    return override_settings(RATE_LIMITS={**settings.RATE_LIMITS, name: kinds})


@pytest.fixture
def clock():
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


def url(name: str, language: str = "fr", **kwargs) -> str:
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


def refused(response) -> bool:
    """The site's 429 page (not django-axes' lockout, which answers 429 too)."""
    return response.status_code == 429 and 'id="rate-limited"' in response.content.decode()


# ---------------------------------------------------------------------------------- sign-up
def sign_up(client, email: str, address: str = "127.0.0.1", **extra):
    data = {
        "email": email,
        "full_name": "Camille Essai",
        "language": "fr",
        "password1": "Un-mot-de-passe-solide-42",
        "password2": "Un-mot-de-passe-solide-42",
        **extra,
    }
    client.logout()
    return client.post(url("accounts:sign_up"), data, REMOTE_ADDR=address)


@limits("sign_up", per_address=(2, HOUR), per_account=(5, HOUR))
def test_sign_up_per_address(client, clock):
    assert sign_up(client, "a@example.org", password2="typo").status_code == 400  # not counted
    assert sign_up(client, "a@example.org").status_code == 302
    assert sign_up(client, "b@example.org").status_code == 302
    response = sign_up(client, "c@example.org")
    assert refused(response)
    assert 0 < int(response["Retry-After"]) <= HOUR
    assert not get_user_model().objects.filter(email="c@example.org").exists()
    assert sign_up(client, "c@example.org", address=OTHER).status_code == 302
    clock.shift(HOUR)
    assert sign_up(client, "d@example.org").status_code == 302


@limits("sign_up", per_address=(50, HOUR), per_account=(1, HOUR))
def test_sign_up_per_address_typed(client, clock):
    assert sign_up(client, "e@example.org").status_code == 302
    # The same address, however written and from wherever, is refused before any check.
    assert refused(sign_up(client, " E@Example.org", address=OTHER))
    assert sign_up(client, "f@example.org").status_code == 302


# ---------------------------------------------------------------------------------- sign-in
def sign_in(client, email: str, password: str = "wrong", **extra):
    data = {"username": email, "password": password}
    return client.post(url("accounts:login"), data, **extra)


@limits("sign_in", per_address=(3, 900))
def test_sign_in_counts_every_attempt_from_one_address(client, clock):
    # Three accounts tried from one address (django-axes would wait for five failures).
    for email in ["x1@example.org", "x2@example.org", "x3@example.org"]:
        assert sign_in(client, email).status_code == 200
    # Even the right password is refused now, before it is checked.
    assert refused(sign_in(client, "porteur@example.org", DEMO_PASSWORD))
    assert (
        sign_in(client, "porteur@example.org", DEMO_PASSWORD, REMOTE_ADDR=OTHER).status_code == 302
    )
    client.logout()
    clock.shift(900)
    assert sign_in(client, "porteur@example.org", DEMO_PASSWORD).status_code == 302


@limits("sign_in", per_address=(2, 900))
def test_the_admin_sign_in_is_limited_too(client, clock):
    for _ in range(2):
        client.post("/admin/login/", {"username": "y@example.org", "password": "wrong"})
    response = client.post("/admin/login/", {"username": "z@example.org", "password": "wrong"})
    assert refused(response)
    assert reverse("wagtailadmin_login") == "/admin/login/"


@limits("sign_in", per_address=(2, 900))
@override_settings(NUM_PROXIES=1)
def test_a_client_cannot_reset_its_count_with_x_forwarded_for(client, clock):
    """Behind one proxy, the entry it appended is counted, whatever the client wrote before."""

    def attempt(written: str, proxy_saw: str = "198.51.100.7"):
        return sign_in(
            client,
            "w@example.org",
            REMOTE_ADDR="10.0.0.2",
            HTTP_X_FORWARDED_FOR=f"{written}, {proxy_saw}",
        )

    assert attempt("203.0.113.1").status_code == 200
    assert attempt("203.0.113.2").status_code == 200
    assert refused(attempt("203.0.113.3"))
    assert attempt("203.0.113.3", proxy_saw="198.51.100.8").status_code == 200


# --------------------------------------------------------------------------- password reset
@limits("password_reset", per_address=(50, HOUR), per_account=(2, HOUR))
def test_password_reset_per_address_typed_whether_it_exists_or_not(client, clock):
    def reset(email: str, address: str = "127.0.0.1"):
        return client.post(url("accounts:password_reset"), {"email": email}, REMOTE_ADDR=address)

    for email in ["porteur@example.org", "nobody@example.org"]:
        assert [reset(email).status_code for _ in range(2)] == [302, 302]
        assert refused(reset(email.upper(), address=OTHER))
    assert len(mail.outbox) == 2  # the existing account's two e-mails, no more
    clock.shift(HOUR)
    assert reset("porteur@example.org").status_code == 302
    assert len(mail.outbox) == 3


@limits("password_reset", per_address=(2, HOUR), per_account=(50, HOUR))
def test_password_reset_per_address(client, clock):
    for n in range(2):
        client.post(url("accounts:password_reset"), {"email": f"r{n}@example.org"})
    assert refused(client.post(url("accounts:password_reset"), {"email": "r9@example.org"}))
    response = client.post("/admin/password_reset/", {"email": "r9@example.org"})
    assert refused(response)  # the admin's reset shares the limit


# ---------------------------------------------------------------------------- e-mail change
@limits("email_change", per_account=(1, HOUR))
def test_email_change_per_account(client, clock, demo_user):
    def change(user, new: str, address: str = "127.0.0.1"):
        client.force_login(user)
        data = {"email": new, "current_password": DEMO_PASSWORD}
        return client.post(url("accounts:email_change"), data, REMOTE_ADDR=address)

    porteur, partenaire = demo_user("porteur"), demo_user("partenaire")
    assert change(porteur, "porteur-2@example.org").status_code == 302
    sent = len(mail.outbox)
    assert refused(change(porteur, "porteur-3@example.org", address=OTHER))
    assert len(mail.outbox) == sent
    assert change(partenaire, "partenaire-2@example.org").status_code == 302
    clock.shift(HOUR)
    assert change(porteur, "porteur-3@example.org").status_code == 302


# -------------------------------------------------------------------------------- the ideas
@limits("propose", per_account=(1, HOUR))
def test_proposing_ideas_per_account(client, clock, demo_user):
    porteur = demo_user("porteur")
    client.force_login(porteur)
    assert client.post(url("projects:propose"), {}).status_code == 400  # not counted
    reserve("propose", address=None, account=account_ident(user=porteur))  # one idea proposed
    response = client.post(url("projects:propose"), {"title": "Encore une idée"})
    assert refused(response)
    client.force_login(demo_user("partenaire"))
    assert client.post(url("projects:propose"), {}).status_code == 400  # another account
    client.force_login(porteur)
    clock.shift(HOUR)
    assert client.post(url("projects:propose"), {}).status_code == 400


@limits("propose", per_account=(1, HOUR))
def test_proposing_ideas_through_the_api_shares_the_limit(client, clock, demo_user):
    porteur = demo_user("porteur")
    client.force_login(porteur)
    address = reverse("api:experiment-list")
    organisation = porteur.organisation_memberships.first().organisation_id
    idea = {"title": "Une idée", "summary": "Ensemble.", "lead_organisation": organisation}
    refused_idea = client.post(address, {}, content_type="application/json")
    assert refused_idea.status_code == 400  # an idea refused does not count
    assert client.post(address, idea, content_type="application/json").status_code == 201
    again = client.post(address, {**idea, "title": "Une autre"}, content_type="application/json")
    assert again.status_code == 429
    assert again["Retry-After"]
    clock.shift(HOUR)
    assert client.post(address, idea, content_type="application/json").status_code == 201


# ------------------------------------------------------------------------- the 429 page
@pytest.mark.parametrize("language", ["fr", "en"])
@limits("sign_in", per_address=(1, 900))
def test_the_429_page_speaks_the_visitor_language(client, clock, language):
    client.post(url("accounts:login", language), {"username": "v@example.org", "password": "x"})
    clock.shift(300)  # ten minutes left
    response = client.post(url("accounts:login", language), {"username": "v@example.org"})
    assert refused(response)
    assert response["Retry-After"] == "600"
    html = response.content.decode()
    assert f'<html lang="{language}"' in html
    with translation.override(language):
        expected = translation.ngettext(
            "Too many attempts: try again in %(minutes)d minute.",
            "Too many attempts: try again in %(minutes)d minutes.",
            10,
        ) % {"minutes": 10}
    assert expected in html
    if language == "en":
        assert "Too many attempts: try again in 10 minutes." in html


# ------------------------------------------------------------------------------------ API
def api_write(client, **extra):
    # An invalid idea: the write is refused by validation, after the throttle counted it.
    return client.post("/api/v1/experiments/", {}, content_type="application/json", **extra)


@limits("api_write", per_address=(50, 60), per_account=(2, 60))
def test_api_writes_per_account(client, clock, demo_user):
    client.force_login(demo_user("porteur"))
    assert [api_write(client).status_code for _ in range(2)] == [400, 400]
    response = api_write(client, REMOTE_ADDR=OTHER)
    assert response.status_code == 429
    assert response["Retry-After"] == "60"
    assert response.json()["code"] == "throttled"
    assert client.get("/api/v1/experiments/").status_code == 200  # reading is not limited
    client.force_login(demo_user("partenaire"))
    assert api_write(client).status_code == 400
    client.force_login(demo_user("porteur"))
    clock.shift(60)
    assert api_write(client).status_code == 400


@limits("api_write", per_address=(2, 60), per_account=(50, 60))
def test_api_writes_per_address_in_the_request_language(client, clock, demo_user):
    client.force_login(demo_user("porteur"))
    for _ in range(2):
        api_write(client)
    client.force_login(demo_user("partenaire"))
    response = api_write(client, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 429
    assert response.json()["detail"] == "Too many attempts: try again in 1 minute."
    assert api_write(client, REMOTE_ADDR=OTHER).status_code == 400
