"""The rate-limit mechanism: counters, named limits, keys, the view wrapper (core/ratelimit/).

The site's uses of it (sign-up, sign-in, the API…) are tested in tests/security/test_rate_limits.py.
"""

import pytest
import time_machine
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpResponse
from django.test import override_settings
from django.utils import translation

from config.settings.parts.ratelimits import parse_rate
from core.ratelimit import (
    EVERY,
    RateLimit,
    RateLimited,
    account_ident,
    named_limits,
    rate_limited,
    reserve,
    retry_message,
)

# A moment on a full hour (hence on a full minute and quarter of an hour too).
START = 1_800_000_000


def limits(**entries):
    return override_settings(RATE_LIMITS=entries)


# ------------------------------------------------------------------------------ counters
def test_a_window_counts_up_to_its_limit_then_is_released_at_its_end():
    limit = RateLimit("test", 2, 60)
    with time_machine.travel(START + 10, tick=False) as clock:
        assert [limit.hit("a"), limit.hit("a")] == [1, 2]
        assert limit.is_exceeded("a") and not limit.is_exceeded("b")
        assert limit.retry_after() == 50
        clock.move_to(START + 59)
        assert limit.is_exceeded("a")
        clock.move_to(START + 60)  # the next window
        assert not limit.is_exceeded("a")
        assert limit.hit("a") == 1


def test_unknown_clients_share_one_counter():
    limit = RateLimit("test", 1, 60)
    limit.hit(None)
    assert limit.is_exceeded(None) and limit.is_exceeded("")


def test_a_cache_that_fails_counts_nothing_and_refuses_nothing(monkeypatch, caplog):
    from django.core.cache import cache

    def down(*args, **kwargs):
        raise ConnectionError("cache server unreachable")

    monkeypatch.setattr(cache, "incr", down)
    monkeypatch.setattr(cache, "decr", down)
    limit = RateLimit("test", 1, 60)
    assert [limit.hit("a"), limit.hit("a")] == [0, 0]
    limit.release_key(limit.key("a"))
    assert "cache failed" in caplog.text


# --------------------------------------------------------------------------- named limits
@limits(act={"per_address": (2, 60), "per_account": (1, 60)})
def test_reserve_counts_address_and_account_and_refusals_do_not_count():
    with time_machine.travel(START, tick=False):
        reserve("act", address="192.0.2.1", account="user:1")
        with pytest.raises(RateLimited) as refused:
            reserve("act", address="192.0.2.1", account="user:1")  # the account's second
        assert refused.value.retry_after == 60
        # The refused hit was taken back: the address has one left.
        reserve("act", address="192.0.2.1", account="user:2")
        with pytest.raises(RateLimited):
            reserve("act", address="192.0.2.1", account="user:3")  # the address's third
        reserve("act", address="192.0.2.2", account=None)  # no account: the address only


@limits(act={"per_address": (1, 60)})
def test_a_released_reservation_gives_its_hit_back():
    reservation = reserve("act", address="192.0.2.1", account=None)
    reservation.release()
    reservation.release()  # twice is harmless
    reserve("act", address="192.0.2.1", account=None)
    with pytest.raises(RateLimited):
        reserve("act", address="192.0.2.1", account=None)


@limits(act={"per_address": None, "per_account": (1, 60)})
def test_a_limit_set_to_none_is_lifted():
    assert set(named_limits("act")) == {"per_account"}
    for _ in range(5):
        reserve("act", address="192.0.2.1", account=None)


@limits(act={"per_visitor": (1, 60)})
def test_unknown_names_and_kinds_are_configuration_errors():
    with pytest.raises(ImproperlyConfigured):
        named_limits("other")
    with pytest.raises(ImproperlyConfigured):
        named_limits("act")


def test_an_account_is_the_address_typed_normalised_and_hashed(django_user_model):
    key = account_ident(email="  Marie.Dupont@Example.ORG ")
    assert key == account_ident(email="marie.dupont@example.org")
    assert key != account_ident(email="marie.dupont@example.net")
    assert "marie" not in key and "example" not in key
    user = django_user_model(pk=7)
    assert account_ident(user=user) == "user:7"
    assert account_ident(user=user, email="a@example.org") == account_ident(email="a@example.org")
    assert account_ident(user=AnonymousUser()) is None
    assert account_ident(user=AnonymousUser(), email=" ") is None


@limits(act={"per_account": (1, 60)})
def test_no_address_in_clear_reaches_the_cache():
    key = named_limits("act")["per_account"].key(account_ident(email="marie@example.org"))
    assert key.startswith("ratelimit:act:per_account:email:") and "marie" not in key


@pytest.mark.parametrize(
    ("value", "expected"),
    [("5/3600", (5, 3600)), ("5/hour", (5, 3600)), (" 30 / minute ", (30, 60)), ("off", None)],
)
def test_limits_read_from_the_environment(value, expected):
    assert parse_rate(value) == expected


@pytest.mark.parametrize("value", ["5", "5/fortnight", "0/60", "x/60", "5/0"])
def test_malformed_limits_are_refused(value):
    with pytest.raises(ImproperlyConfigured):
        parse_rate(value)


def test_the_message_says_the_minutes_with_plurals():
    translation.activate("en")
    assert retry_message(30) == "Too many attempts: try again in 1 minute."
    assert retry_message(61) == "Too many attempts: try again in 2 minutes."


# ------------------------------------------------------------------------------ the wrapper
def _view(status: int):
    calls = []

    def view(request):
        calls.append(request.method)
        return HttpResponse(status=status)

    return view, calls


def _post(rf, address="192.0.2.1", **data):
    request = rf.post("/", data, REMOTE_ADDR=address)
    request.user = AnonymousUser()
    return request


@pytest.mark.django_db
@limits(act={"per_address": (2, 60)})
def test_the_wrapper_counts_accepted_submissions_only(rf):
    accepted, calls = _view(302)
    refused, _ = _view(400)
    limited = rate_limited("act")(accepted)
    for _ in range(3):
        assert rate_limited("act")(refused)(_post(rf)).status_code == 400
    assert [limited(_post(rf)).status_code for _ in range(3)] == [302, 302, 429]
    assert len(calls) == 2  # the view did not run for the refusal
    assert limited(rf.get("/")).status_code == 302  # a GET is never limited
    assert limited(_post(rf, address="192.0.2.2")).status_code == 302


@pytest.mark.django_db
@limits(act={"per_address": (2, 60)})
def test_the_wrapper_can_count_every_attempt(rf):
    view, calls = _view(200)
    limited = rate_limited("act", counts=EVERY)(_view(400)[0])
    assert [limited(_post(rf)).status_code for _ in range(3)] == [400, 400, 429]
    assert calls == []
    assert rate_limited("act", counts=EVERY)(view)(_post(rf)).status_code == 429


@pytest.mark.django_db
@limits(act={"per_account": (1, 60)})
def test_the_wrapper_keys_the_account_on_the_address_typed(rf):
    limited = rate_limited("act", account_field="email")(_view(302)[0])
    assert limited(_post(rf, email="a@example.org")).status_code == 302
    assert limited(_post(rf, address="192.0.2.9", email="A@example.org")).status_code == 429
    assert limited(_post(rf, email="b@example.org")).status_code == 302
    assert limited(_post(rf)).status_code == 302  # no address typed, no one signed in


@pytest.mark.django_db
@limits(act={"per_address": (1, 60)})
def test_a_view_that_fails_gives_its_hit_back(rf):
    def broken(request):
        raise ValueError("boom")

    with pytest.raises(ValueError):
        rate_limited("act")(broken)(_post(rf))
    assert rate_limited("act")(_view(302)[0])(_post(rf)).status_code == 302


@pytest.mark.django_db
@limits(act={"per_address": (1, 60)})
def test_the_refusal_page(rf):
    limited = rate_limited("act")(_view(302)[0])
    translation.activate("en")
    with time_machine.travel(START + 45, tick=False):
        limited(_post(rf))
        response = limited(_post(rf))
    assert response.status_code == 429
    assert response["Retry-After"] == "15"
    assert "no-store" in response["Cache-Control"]
    html = response.content.decode()
    assert 'id="rate-limited"' in html
    assert "Too many attempts: try again in 1 minute." in html
    assert "<h1>" in html
