"""The sharing board's demo data and its figures on the live dashboard."""

import pytest
from django.utils import timezone

import projects.sharing.services as sharing
from home import dashboard
from home.demo import network
from home.demo import sharing as demo_sharing
from home.models import DashboardPage
from projects.network.models import Territory
from projects.sharing.models import Conversation, ConversationMessage, SharingMatch, SharingPost
from tests.factories import OrganisationFactory, member_of, sharing_post


@pytest.mark.django_db
def test_the_demo_board_has_about_twenty_posts_across_categories_of_the_hautes_alpes():
    posts = SharingPost.objects.select_related("territory", "organisation", "author")
    assert 18 <= posts.count() <= 25
    assert {p.category for p in posts} == set(SharingPost.Category.values)
    assert {p.kind for p in posts} == {"offer", "request"}
    assert {p.state for p in posts} == set(SharingPost.State.values) - {"withdrawn"}
    hautes_alpes = Territory.objects.get(slug="hautes-alpes")
    for post in posts:
        inside = post.territory.ancestors.filter(pk=hautes_alpes.pk).exists()
        assert inside or post.territory == hautes_alpes, post.title
        # Posted by a member of the organisation, on its behalf.
        assert post.author.organisation_memberships.filter(organisation=post.organisation)
    assert len({p.territory_id for p in posts}) >= 8


@pytest.mark.django_db
def test_demo_posts_match_and_one_conversation_became_an_idea():
    assert SharingMatch.objects.count() >= 4
    for match in SharingMatch.objects.select_related("offer", "request"):
        assert (match.offer.kind, match.request.kind) == ("offer", "request")
        assert match.offer.category == match.request.category
    (idea_conversation,) = Conversation.objects.filter(experiment__isnull=False)
    experiment = idea_conversation.experiment
    assert experiment.state == "idea"
    sides = {idea_conversation.post.organisation_id, idea_conversation.organisation_id}
    partners = {link.organisation_id for link in experiment.partner_links.all()}
    assert {experiment.lead_organisation_id, *partners} == sides
    assert ConversationMessage.objects.filter(conversation=idea_conversation).count() >= 2


@pytest.mark.django_db
def test_loading_the_sharing_demo_again_creates_nothing():
    counts = (
        SharingPost.objects.count(),
        Conversation.objects.count(),
        ConversationMessage.objects.count(),
        SharingMatch.objects.count(),
    )
    demo_sharing.load(
        {
            "organisations": network.load_organisations(
                network.load_themes(network.Catalogue()), network.load_territories()
            ),
            "territories": network.load_territories(),
        }
    )
    assert counts == (
        SharingPost.objects.count(),
        Conversation.objects.count(),
        ConversationMessage.objects.count(),
        SharingMatch.objects.count(),
    )


# ---------------------------------------------------------------------- dashboard
@pytest.mark.django_db
def test_posts_matches_and_fulfilled_exchanges_feed_the_dashboard(empty_board):
    year = timezone.localdate().year
    before = {
        "posts": dashboard.sharing_posts(year),
        "matches": dashboard.sharing_matches(year),
        "fulfilled": dashboard.sharing_fulfilled(year),
    }
    one, two = OrganisationFactory(), OrganisationFactory()
    alice, bob = member_of(one), member_of(two)
    offer = sharing_post(alice, one, title="Offre du tableau de bord")
    sharing_post(bob, two, kind=SharingPost.Kind.REQUEST, title="Demande du tableau de bord")
    sharing_post(alice, one, title="Brouillon non compté", publish=False)
    sharing.run_post_transition(offer, "fulfil", by=alice)
    assert dashboard.sharing_posts(year) == before["posts"] + 2
    assert dashboard.sharing_matches(year) == before["matches"] + 1
    assert dashboard.sharing_fulfilled(year) == before["fulfilled"] + 1
    assert dashboard.sharing_posts(year - 1) == 0


@pytest.mark.django_db
def test_the_dashboard_page_shows_the_sharing_figures(client):
    page = DashboardPage.objects.live().get(locale__language_code="fr")
    html = client.get(page.url).content.decode()
    for key in ("sharing_posts", "sharing_matches", "sharing_fulfilled"):
        assert f'id="indicator-{key}"' in html
    figures = {f.key: f for f in dashboard.figures(page, timezone.localdate().year)}
    assert figures["sharing_fulfilled"].value >= 1  # the demo's fulfilled post
    assert figures["sharing_posts"].target == page.target_sharing_posts == 40
