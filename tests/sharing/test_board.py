"""The public sharing board: what visitors read, the filters, expiry and moderation on the board,
the page cache, and a number of queries that does not grow with the posts."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

import projects.sharing.services as sharing
from home.models import OrganisationDirectoryPage
from projects.sharing.models import SharingPost
from tests.factories import OrganisationFactory, member_of, sharing_post

P = SharingPost


def url(view: str, language: str = "fr", **kwargs) -> str:
    with translation.override(language):
        return reverse(f"projects:{view}", kwargs=kwargs or None)


def board(client, **params):
    return client.get(url("sharing_board"), params)


def titles(response) -> set[str]:
    return {post.title for post in response.context["posts"]}


@pytest.fixture
def member(empty_board):
    organisation = OrganisationFactory(name="Structure du tableau", email="secret@example.org")
    return member_of(organisation, email="board-member@example.org"), organisation


# ---------------------------------------------------------------------- reading
@pytest.mark.django_db
@pytest.mark.parametrize("language", ["fr", "en", "it"])
def test_visitors_read_the_demo_board_in_each_language(client, language):
    response = client.get(url("sharing_board", language))
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert html.count("<h1") == 1
    assert len(response.context["posts"]) >= 10  # the demo's posts
    assert "Minibus 9 places disponible le week-end" in html
    # Drafts, expired and fulfilled demo posts are not on the board.
    for title in (
        "Barnums et stands pour vos événements",
        "Véhicule utilitaire de 12 m³",
        "Des bras pour repeindre nos locaux partagés",
    ):
        assert title not in html


@pytest.mark.django_db
def test_a_post_shows_its_organisation_from_the_directory_and_no_e_mail_address(client, member):
    author, organisation = member
    post = sharing_post(author, organisation, title="Une salle à Gap")
    directory = OrganisationDirectoryPage.objects.live().get(locale__language_code="fr")
    expected = directory.organisation_url(organisation.slug)
    for response in (board(client), client.get(url("sharing_post", pk=post.pk))):
        html = response.content.decode()
        assert f'href="{expected}"' in html
        assert "secret@example.org" not in html
        assert "board-member@example.org" not in html
    assert client.get(expected).status_code == 200


@pytest.mark.django_db
def test_visitors_are_invited_to_sign_in_to_post_and_reply(client, member):
    post = sharing_post(*member)
    html = client.get(url("sharing_post", pk=post.pk)).content.decode()
    assert "csrfmiddlewaretoken" not in html  # cacheable for visitors
    assert url("sharing_reply", pk=post.pk) not in html
    assert "/fr/compte/connexion/?next=" in html or "?next=" in html


# ---------------------------------------------------------------------- filters
@pytest.fixture
def posts(member):
    author, organisation = member
    tuesday = P.Availability.RECURRING
    return {
        "gap-room": sharing_post(
            author,
            organisation,
            title="Salle de réunion à Gap",
            territory="gap",
            availability=tuesday,
            weekdays=0b0000010,  # Tuesdays
        ),
        "county-van": sharing_post(
            author,
            organisation,
            title="Camionnette pour tout le département",
            category=P.Category.VEHICLE,
            territory="hautes-alpes",
        ),
        "briancon-skills": sharing_post(
            author,
            organisation,
            kind=P.Kind.REQUEST,
            title="Cherche une comptable à Briançon",
            category=P.Category.SHARED_JOB,
            territory="briancon",
            availability=P.Availability.DATES,
            available_from=datetime.date(2031, 5, 1),
            available_until=datetime.date(2031, 5, 31),
        ),
    }


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, {"gap-room", "county-van", "briancon-skills"}),
        ({"kind": "request"}, {"briancon-skills"}),
        ({"kind": "offer"}, {"gap-room", "county-van"}),
        ({"category": "vehicle"}, {"county-van"}),
        # Territories both ways: Gap finds the département's post; the département finds all.
        ({"territory": "gap"}, {"gap-room", "county-van"}),
        ({"territory": "ca-gap-tallard-durance"}, {"gap-room", "county-van"}),
        ({"territory": "hautes-alpes"}, {"gap-room", "county-van", "briancon-skills"}),
        ({"territory": "briancon"}, {"county-van", "briancon-skills"}),
        # Available on a date: 2031-05-06 is a Tuesday, 2031-05-07 a Wednesday.
        ({"available": "2031-05-06"}, {"gap-room", "county-van", "briancon-skills"}),
        ({"available": "2031-05-07"}, {"county-van", "briancon-skills"}),
        ({"available": "2031-06-03"}, {"gap-room", "county-van"}),
        # Words, accents and case ignored.
        ({"q": "REUNION gap"}, {"gap-room"}),
        ({"q": "comptable"}, {"briancon-skills"}),
        ({"kind": "offer", "territory": "briancon"}, {"county-van"}),
    ],
)
def test_board_filters(client, posts, params, expected):
    response = board(client, **params)
    assert response.status_code == 200
    assert titles(response) == {posts[key].title for key in expected}


@pytest.mark.django_db
def test_invalid_filters_answer_400_and_keep_what_was_typed(client, posts):
    response = board(client, available="31/02/2031", q="salle", territory="nowhere")
    assert response.status_code == 400
    assert list(response.context["posts"]) == []
    html = response.content.decode()
    assert 'value="31/02/2031"' in html
    assert 'value="salle"' in html


# ---------------------------------------------------------------------- leaving the board
@pytest.mark.django_db
def test_expired_posts_leave_the_board_even_before_the_daily_run(client, member):
    post = sharing_post(*member, title="Une offre qui expire")
    assert post.title in titles(board(client))
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    SharingPost.objects.filter(pk=post.pk).update(expires_at=yesterday)
    assert post.title not in titles(board(client))
    assert client.get(url("sharing_post", pk=post.pk)).status_code == 404
    assert sharing.expire_posts() == 1
    post.refresh_from_db()
    assert post.state == P.State.EXPIRED


@pytest.mark.django_db
@pytest.mark.parametrize("transition", ["fulfil", "withdraw"])
def test_closed_posts_leave_the_board(client, member, transition):
    author, organisation = member
    post = sharing_post(author, organisation, title="Une offre bientôt close")
    sharing.run_post_transition(post, transition, by=author)
    assert post.title not in titles(board(client))
    assert client.get(url("sharing_post", pk=post.pk)).status_code == 404
    client.force_login(author)
    assert client.get(url("sharing_post", pk=post.pk)).status_code == 200


# ---------------------------------------------------------------------- page cache
@pytest.mark.django_db
def test_the_cached_board_is_purged_when_a_post_is_published(client, member, settings):
    settings.PAGE_CACHE_SECONDS = 600
    author, organisation = member
    draft = sharing_post(author, organisation, title="Un brouillon bientôt publié", publish=False)
    first = board(client)
    assert first["X-Cache"] == "MISS"
    assert board(client)["X-Cache"] == "HIT"
    sharing.run_post_transition(draft, "publish", by=author)
    response = board(client)
    assert response["X-Cache"] == "MISS"
    assert draft.title in response.content.decode()
    sharing.hide_post(
        draft,
        by=member_of(organisation, is_superuser=True),
        reason="Doublon d'une autre annonce.",
    )
    assert draft.title not in board(client).content.decode()


# ---------------------------------------------------------------------- queries
def _count_queries(client, **params) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert board(client, **params).status_code == 200
    return len(captured)


@pytest.mark.django_db
@pytest.mark.parametrize("params", [{}, {"territory": "hautes-alpes", "q": "salle"}])
def test_the_board_costs_the_same_queries_for_few_or_many_posts(client, member, params):
    author, organisation = member
    others = [OrganisationFactory() for _ in range(3)]
    for n in range(3):
        sharing_post(author, organisation, title=f"Salle numéro {n}")
    board(client, **params)  # first-request caches (sites, locales)
    few = _count_queries(client, **params)
    for n in range(25):
        owner = member_of(others[n % 3])
        sharing_post(owner, others[n % 3], title=f"Salle supplémentaire {n}", territory="gap")
    many = _count_queries(client, **params)
    assert many == few
    assert len(board(client, **params).context["posts"]) == 20  # one full page


@pytest.mark.django_db
def test_a_signed_in_members_board_and_header_stay_constant(client, sharing_people):
    client.force_login(sharing_people["owner"])
    board(client)
    few = _count_queries(client)
    for n in range(10):
        sharing_post(sharing_people["owner"], sharing_people["owner_org"], title=f"Offre {n}")
    assert _count_queries(client) == few
