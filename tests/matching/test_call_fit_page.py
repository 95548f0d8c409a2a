"""« Does this call fit my experiment? »: from any call's page, a member of an experiment looking
for funding reads the call's verdict with every condition it meets or fails; the score is the
one the funding tab lists (funding/matching/views/call_fit.py)."""

import pytest
from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from funding.catalogue.models import FundingCall
from funding.matching.queries import catalogue_base_url
from funding.matching.recommendations import recommend
from projects.experiments.models import Experiment
from tests.factories import FundingCallFactory, UserFactory

pytestmark = pytest.mark.django_db

CROSS_BORDER = "Coopération transfrontalière Queyras \N{EN DASH} Val de Suse"


def fit_url(experiment, call_id) -> str:
    return reverse("funding:experiment_call_fit", kwargs={"pk": experiment.pk, "call_id": call_id})


def choose_url(call_id) -> str:
    return reverse("funding:call_fit_choose", kwargs={"call_id": call_id})


@pytest.fixture
def cross_border() -> Experiment:
    return Experiment.objects.get(title=CROSS_BORDER)


def test_a_matching_call_says_yes_with_the_tabs_score(client, demo_user, cross_border):
    client.force_login(demo_user("porteur"))
    found = recommend(cross_border)
    match = found.apply_now[0]
    response = client.get(fit_url(cross_border, match.call.id))
    assert response.status_code == 200
    assert response.context["verdict"] == "match"
    html = response.content.decode()
    assert (
        "Oui : l\N{RIGHT SINGLE QUOTATION MARK}expérimentation peut déposer un dossier à cet appel."
        in html
    )
    assert f"score {floatformat(match.score, 0)}/100" in html  # as the tab shows it
    assert 'data-testid="unmet"' not in html
    for criterion in match.met:
        with translation.override("fr"):
            assert escape(str(criterion.message)) in html


def test_an_excluded_call_says_why_not_and_offers_no_fix(client, demo_user, cross_border):
    call = FundingCallFactory(min_partners=9)  # far more partners than plausible
    canonical = FundingCall.objects.canonical().get(pk=call.pk)
    client.force_login(demo_user("porteur"))
    response = client.get(fit_url(cross_border, canonical.pk))
    assert response.status_code == 200 and response.context["verdict"] == "excluded"
    html = response.content.decode()
    assert (
        "Non : cet appel n\N{RIGHT SINGLE QUOTATION MARK}est pas pour cette expérimentation."
        in html
    )
    unmet = html.split('data-testid="unmet"')[1].split("</ul>")[0]
    assert "9" in unmet and "<strong>" not in unmet  # the reason, no change to make
    assert "score" not in html.split('data-testid="verdict"')[1].split("</section>")[0]


def test_a_near_miss_names_the_change_to_make(client, demo_user, cross_border):
    near = recommend(cross_border).near_misses
    assert near, "the demo has near misses for the cross-border experiment"
    client.force_login(demo_user("porteur"))
    response = client.get(fit_url(cross_border, near[0].call.id))
    assert response.context["verdict"] == "near_miss"
    unmet = response.content.decode().split('data-testid="unmet"')[1].split("</ul>")[0]
    with translation.override("fr"):
        for fix in near[0].fixes:
            assert f"<strong>{escape(str(fix))}</strong>" in unmet


@pytest.mark.parametrize(
    ("who", "status"),
    [("porteur", 200), ("coordination", 200), ("financeur", 404), ("stranger", 404), (None, 302)],
)
def test_only_those_who_see_the_experiment_read_its_fit(
    client, demo_user, cross_border, who, status
):
    if who == "stranger":
        client.force_login(UserFactory())
    elif who:
        client.force_login(demo_user(who))
    call_id = recommend(cross_border).matches[0].call.id
    response = client.get(fit_url(cross_border, call_id))
    assert response.status_code == status
    if status == 302:
        assert "?next=" in response["Location"]


def test_an_unknown_call_or_an_idea_is_404(client, demo_user, cross_border):
    client.force_login(demo_user("porteur"))
    assert client.get(fit_url(cross_border, 10**9)).status_code == 404
    assert client.get(choose_url(10**9)).status_code == 404
    call_id = recommend(cross_border).matches[0].call.id
    Experiment.objects.filter(pk=cross_border.pk).update(state="idea")
    assert client.get(fit_url(cross_border, call_id)).status_code == 404


def test_choosing_the_experiment_from_the_call(client, demo_user, cross_border):
    call_id = recommend(cross_border).matches[0].call.id
    lead = demo_user("porteur")
    client.force_login(lead)
    response = client.get(choose_url(call_id))
    looking = Experiment.objects.filter(
        memberships__user=lead, state__in=Experiment.State.where("matching")
    ).distinct()
    if looking.count() == 1:
        assert response.status_code == 302
        assert response["Location"] == fit_url(cross_border, call_id)
    else:
        assert response.status_code == 200
        listed = response.content.decode().split('data-testid="experiments"')[1]
        for experiment in looking:
            assert fit_url(experiment, call_id) in listed
    # Someone with no experiment looking for funding is told so.
    client.force_login(UserFactory())
    response = client.get(choose_url(call_id))
    assert (
        response.status_code == 200 and 'data-testid="no-experiment"' in response.content.decode()
    )
    client.logout()
    assert client.get(choose_url(call_id)).status_code == 302


def test_the_call_page_and_the_tab_lead_to_it(client, demo_user, cross_border):
    call = FundingCall.objects.canonical().get(pk=recommend(cross_border).matches[0].call.id)
    with translation.override("fr"):
        page = client.get(catalogue_base_url() + f"{call.slug}/")
    assert page.status_code == 200
    assert f'href="{choose_url(call.pk)}"' in page.content.decode()
    client.force_login(demo_user("porteur"))
    tab = client.get(reverse("funding:experiment_funding", kwargs={"pk": cross_border.pk}))
    other = tab.content.decode().split('id="other-title"')[1]
    assert f'href="{catalogue_base_url()}"' in other
