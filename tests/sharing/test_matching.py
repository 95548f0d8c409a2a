"""Matching offers and requests: category, territory nesting and dates — the pure rules, then
the service that records matches and tells both authors."""

import datetime

import pytest
from django.core import mail
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import projects.sharing.services as sharing
from accounts.models import Notification
from projects.sharing.matching import (
    Availability,
    PostFacts,
    availabilities_overlap,
    fits,
    matches_for,
    territories_compatible,
)
from projects.sharing.models import SharingMatch, SharingPost
from tests.factories import OrganisationFactory, member_of, sharing_post

TODAY = datetime.date(2026, 3, 2)  # a Monday
D = datetime.date

# A small territory tree: 1 département ⊃ 2 EPCI ⊃ 3 commune; 4 another EPCI; 9 the région.
ANCESTORS = {9: set(), 1: {9}, 2: {1, 9}, 3: {2, 1, 9}, 4: {1, 9}}


def facts(pk=1, kind="offer", category="premises", organisation=1, territory=3, **availability):
    return PostFacts(
        id=pk,
        kind=kind,
        category=category,
        organisation_id=organisation,
        territory_id=territory,
        territory_ancestors=frozenset(ANCESTORS[territory]),
        availability=Availability(**availability),
    )


def request(**kwargs):
    return facts(**{"pk": 2, "kind": "request", "organisation": 2, **kwargs})


# ---------------------------------------------------------------------- category and kind
def test_an_offer_and_a_request_of_the_same_category_fit():
    assert fits(facts(), request(), today=TODAY)


@pytest.mark.parametrize(
    ("offer", "other"),
    [
        (facts(), request(category="vehicle")),  # another category
        (facts(), facts(pk=2, organisation=2)),  # two offers
        (facts(kind="request"), request()),  # two requests
        (facts(), request(organisation=1)),  # the same organisation
        (facts(category="other"), request(category="other")),  # "other" is never matched
    ],
)
def test_what_does_not_fit(offer, other):
    assert not fits(offer, other, today=TODAY)


def test_fitting_is_symmetric():
    assert fits(request(), facts(), today=TODAY)


# ---------------------------------------------------------------------- territories
@pytest.mark.parametrize(
    ("offer_territory", "request_territory", "expected"),
    [
        (3, 3, True),  # the same commune
        (3, 2, True),  # a commune and its EPCI
        (2, 3, True),  # the other way round
        (3, 1, True),  # a commune and its département
        (1, 3, True),
        (3, 9, True),  # and the région
        (3, 4, False),  # a commune and a neighbouring EPCI
        (2, 4, False),  # two sibling EPCIs
    ],
)
def test_territories_are_matched_both_ways(offer_territory, request_territory, expected):
    offer = facts(territory=offer_territory)
    other = request(territory=request_territory)
    assert territories_compatible(offer, other) is expected
    assert fits(offer, other, today=TODAY) is expected


# ---------------------------------------------------------------------- dates
@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ({}, {}, True),  # both ongoing
        ({}, {"start": D(2026, 4, 1), "end": D(2026, 4, 3)}, True),
        ({"end": D(2026, 3, 1)}, {}, False),  # over before today
        (
            {"start": D(2026, 3, 2), "end": D(2026, 3, 10)},
            {"start": D(2026, 3, 10), "end": D(2026, 3, 20)},
            True,  # one common day
        ),
        (
            {"start": D(2026, 3, 2), "end": D(2026, 3, 9)},
            {"start": D(2026, 3, 10), "end": D(2026, 3, 20)},
            False,  # consecutive periods
        ),
        ({"weekdays": frozenset({1, 3})}, {"weekdays": frozenset({3, 4})}, True),
        ({"weekdays": frozenset({5, 6})}, {"weekdays": frozenset({0, 1})}, False),
        # Saturdays only, and a Monday-to-Wednesday need: no common day.
        ({"weekdays": frozenset({5})}, {"start": D(2026, 3, 9), "end": D(2026, 3, 11)}, False),
        # Saturdays only, and a need over a weekend.
        ({"weekdays": frozenset({5})}, {"start": D(2026, 3, 13), "end": D(2026, 3, 15)}, True),
        # A need starting before today keeps its remaining days.
        ({}, {"start": D(2026, 2, 1), "end": D(2026, 3, 2)}, True),
    ],
)
def test_availabilities_overlap(a, b, expected):
    assert availabilities_overlap(Availability(**a), Availability(**b), today=TODAY) is expected
    assert availabilities_overlap(Availability(**b), Availability(**a), today=TODAY) is expected
    assert fits(facts(**a), request(**b), today=TODAY) is expected


dates = st.dates(min_value=D(2026, 1, 1), max_value=D(2026, 12, 31))
availabilities = st.builds(
    Availability,
    start=st.none() | dates,
    end=st.none() | dates,
    weekdays=st.frozensets(st.integers(0, 6), max_size=7),
)


# Drawing two availabilities is slow-ish when the machine is busy: not a property of the code.
@settings(suppress_health_check=[HealthCheck.too_slow])
@given(a=availabilities, b=availabilities)
def test_overlap_agrees_with_checking_every_day(a, b):
    """The shortcut (a whole common week, or day by day) finds exactly the common days."""
    horizon = [TODAY + datetime.timedelta(days=n) for n in range(400)]
    expected = any(a.includes(day) and b.includes(day) for day in horizon)
    assert availabilities_overlap(a, b, today=TODAY) is expected


def test_matches_for_keeps_the_candidates_order_and_skips_itself():
    post = facts()
    candidates = [request(), facts(pk=1), facts(pk=3, kind="request", organisation=3)]
    assert [c.id for c in matches_for(post, candidates, today=TODAY)] == [2, 3]


# ---------------------------------------------------------------------- the service
@pytest.fixture
def two_members(empty_board):
    offering = OrganisationFactory(name="Structure qui prête un minibus")
    looking = OrganisationFactory(name="Structure qui cherche un minibus")
    return (
        member_of(offering, email="offers@example.org"),
        offering,
        member_of(looking, email="looks@example.org"),
        looking,
    )


def _minibus(author, organisation, kind, territory, **extra):
    return sharing_post(
        author,
        organisation,
        kind=kind,
        category=SharingPost.Category.VEHICLE,
        title=f"Minibus ({kind}, {territory})",
        territory=territory,
        **extra,
    )


@pytest.mark.django_db
def test_publishing_a_fitting_request_tells_both_authors_with_each_others_post(
    two_members, django_capture_on_commit_callbacks
):
    alice, offering, bob, looking = two_members
    offer = _minibus(alice, offering, "offer", "cc-buech-devoluy")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        request_ = _minibus(bob, looking, "request", "veynes")
    assert SharingMatch.objects.filter(offer=offer, request=request_).count() == 1
    to_alice = Notification.objects.get(recipient=alice)
    to_bob = Notification.objects.get(recipient=bob)
    assert to_alice.url == sharing.post_url(request_)
    assert to_bob.url == sharing.post_url(offer)
    assert sorted(m.to[0] for m in mail.outbox) == ["looks@example.org", "offers@example.org"]
    # Each e-mail links to the other's post and shows no e-mail address of the other side.
    bodies = {message.to[0]: message.body for message in mail.outbox}
    assert sharing.post_url(request_) in bodies["offers@example.org"]
    assert sharing.post_url(offer) in bodies["looks@example.org"]
    assert "looks@example.org" not in bodies["offers@example.org"]
    assert "offers@example.org" not in bodies["looks@example.org"]


@pytest.mark.django_db
def test_a_match_is_told_once_even_when_the_post_is_saved_again(two_members):
    alice, offering, bob, looking = two_members
    offer = _minibus(alice, offering, "offer", "hautes-alpes")
    request_ = _minibus(bob, looking, "request", "gap")
    sharing.update_post(request_, by=bob, changes={"description": "Plus de détails."})
    sharing.update_post(offer, by=alice, changes={"title": "Minibus, toujours disponible"})
    assert SharingMatch.objects.filter(offer=offer, request=request_).count() == 1
    assert Notification.objects.filter(recipient=alice).count() == 1
    assert Notification.objects.filter(recipient=bob).count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("offer_territory", "request_territory", "extra", "expected"),
    [
        ("gap", "ca-gap-tallard-durance", {}, True),
        ("hautes-alpes", "briancon", {}, True),
        ("gap", "briancon", {}, False),
        ("cc-buech-devoluy", "cc-sisteronais-buech", {}, False),
        ("gal-sisteronais-buech", "cc-sisteronais-buech", {}, True),
        (
            "gap",
            "gap",
            {
                "availability": "dates",
                "available_from": datetime.date(2020, 1, 1),
                "available_until": datetime.date(2020, 1, 5),
            },
            False,
        ),
    ],
)
def test_service_matches_on_territory_nesting_and_dates(
    two_members, offer_territory, request_territory, extra, expected
):
    alice, offering, bob, looking = two_members
    offer = _minibus(alice, offering, "offer", offer_territory)
    if extra:
        # Past dates cannot be typed in a form (they would never fit): set them as data.
        request_ = _minibus(bob, looking, "request", request_territory, publish=False)
        SharingPost.objects.filter(pk=request_.pk).update(**extra)
        request_.refresh_from_db()
        sharing.run_post_transition(request_, "publish", by=bob)
    else:
        request_ = _minibus(bob, looking, "request", request_territory)
    assert SharingMatch.objects.filter(offer=offer, request=request_).exists() is expected


@pytest.mark.django_db
def test_posts_off_the_board_are_not_matched(two_members):
    alice, offering, bob, looking = two_members
    draft = _minibus(alice, offering, "offer", "gap", publish=False)
    withdrawn = _minibus(alice, offering, "offer", "gap")
    sharing.run_post_transition(withdrawn, "withdraw", by=alice)
    request_ = _minibus(bob, looking, "request", "gap")
    assert not SharingMatch.objects.filter(request=request_).exists()
    assert {p.pk for p in sharing.matching_posts(request_)}.isdisjoint({draft.pk, withdrawn.pk})
    # Publishing the draft finds the request already on the board.
    sharing.run_post_transition(draft, "publish", by=alice)
    assert SharingMatch.objects.filter(offer=draft, request=request_).exists()
