"""The people of a dossier's review on the funder's page: the stage bar, assignments (staff
only), reviewers who see only their own dossier and review, conflicts of interest that remove
access, and review comments the lead reads only once the staff shared them."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

import funding.dossiers.services as dossiers
from funding.dossiers.models import ReviewAssignment
from tests.dossiers.review_helpers import (  # noqa: F401 (fixture)
    _no_pdfs,
    advance,
    follow_preset,
    person,
    review_url,
    taken_up,
)
from tests.dossiers.test_views import lead_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def external(world):
    """A dossier of funder A (screening → external review → committee) at its external review,
    with a reviewer assigned, another not assigned, and a committee member."""
    funder = world.call_a.source.funder
    follow_preset(funder, "screening_review_committee")
    application = advance(taken_up(world), world.reviewer_a)
    people = {
        "assigned": person(funder, "expert-un@example.org", "reviewer"),
        "unassigned": person(funder, "expert-deux@example.org", "reviewer"),
        "committee": person(funder, "comite@example.org", "committee"),
    }
    dossiers.assign_reviewer(application, by=world.reviewer_a, reviewer=people["assigned"])
    application.refresh_from_db()
    return application, people


def _labels(application) -> list[str]:
    """The stages' names as the French pages show them."""
    with translation.override("fr"):
        return [str(s.label) for s in application.stages.order_by("position")]


def test_the_stage_bar_marks_the_current_stage(client, world, external):
    application, _people = external
    client.force_login(world.reviewer_a)
    html = client.get(review_url(application)).content.decode()
    bar = html.split('data-testid="stage-bar"')[1].split("</nav>")[0]
    screening, external_review, committee = _labels(application)
    assert bar.index(screening) < bar.index(external_review) < bar.index(committee)
    current = bar.split('aria-current="step"')[1]
    assert current.split("</li>")[0].count(external_review) == 1
    assert timezone.localdate().strftime("%d/%m/%Y") in bar  # dates formatted, never ISO
    assert timezone.localdate().isoformat() not in bar


def test_staff_assign_with_a_due_date_and_remove(client, world, external):
    application, people = external
    client.force_login(world.reviewer_a)
    due = timezone.localdate() + datetime.timedelta(days=10)
    response = client.post(
        review_url(application, "funding:review_assign"),
        {"reviewer": people["unassigned"].pk, "due_on": due.isoformat()},
    )
    assert response.status_code == 302
    assignment = ReviewAssignment.objects.get(reviewer=people["unassigned"])
    assert assignment.due_on == due and assignment.stage_id == application.stage_id
    html = client.get(review_url(application)).content.decode()
    table = html.split('data-testid="assignments"')[1].split("</table>")[0]
    assert "Expert Deux" in table and date_format(due, "DATE_FORMAT") in table
    # Twice: refused with the reason, on the page, what was typed kept.
    again = client.post(
        review_url(application, "funding:review_assign"),
        {"reviewer": people["unassigned"].pk, "due_on": due.isoformat()},
    )
    assert again.status_code == 400 and "déjà désigné" in again.content.decode()
    past = client.post(
        review_url(application, "funding:review_assign"),
        {"reviewer": people["committee"].pk, "due_on": "2001-01-01"},
    )
    assert past.status_code == 400 and 'value="2001-01-01"' in past.content.decode()
    removed = client.post(
        review_url(application, "funding:review_unassign", assignment_pk=assignment.pk)
    )
    assert removed.status_code == 302
    assert not ReviewAssignment.objects.filter(pk=assignment.pk).exists()


def test_only_staff_assign(client, world, external):
    application, people = external
    for who in ("assigned", "committee"):
        client.force_login(people[who])
        response = client.post(
            review_url(application, "funding:review_assign"),
            {"reviewer": people["unassigned"].pk},
        )
        assert response.status_code == (403 if who == "assigned" else 404)
    client.force_login(people["unassigned"])
    assert client.get(review_url(application)).status_code == 404
    assert not ReviewAssignment.objects.filter(reviewer=people["unassigned"]).exists()


def test_a_reviewer_sees_their_assignment_and_only_their_review(client, world, external):
    application, people = external
    other = person(world.call_a.source.funder, "expert-trois@example.org", "reviewer")
    dossiers.assign_reviewer(application, by=world.reviewer_a, reviewer=other)
    application.refresh_from_db()
    dossiers.save_review(
        application, by=other, scores={}, comment="Avis de l'autre.", recommendation="fund"
    )
    client.force_login(people["assigned"])
    html = client.get(review_url(application)).content.decode()
    assert 'data-testid="conflict-form"' in html and 'data-testid="review-form"' in html
    assert "Avis de l'autre." not in html.replace("&#x27;", "'")
    assert 'data-testid="assign-form"' not in html
    response = client.post(
        review_url(application, "funding:review_score"),
        {"comment": "Mon avis.", "recommendation": "fund_with_conditions"},
    )
    assert response.status_code == 302
    # Staff read both reviews, grouped under the stage, each with its recommendation.
    client.force_login(world.reviewer_a)
    html = client.get(review_url(application)).content.decode()
    reviews = html.split('data-testid="reviews"')[1]
    assert "Mon avis." in reviews and "Avis de l" in reviews
    assert "Fund with conditions" in reviews or "Financer sous conditions" in reviews


def test_the_own_review_stays_readable_after_the_decision(client, world):
    application = taken_up(world)
    dossiers.save_review(
        application, by=world.reviewer_a, scores={}, comment="Très bien.", recommendation="fund"
    )
    dossiers.run_transition(application, "decline", by=world.reviewer_a, comment="Budget épuisé.")
    client.force_login(world.reviewer_a)
    html = client.get(review_url(application)).content.decode()
    assert "Très bien." in html.split('data-testid="reviews"')[1]


def test_a_conflict_of_interest_is_confirmed_then_removes_access(client, world, external):
    application, people = external
    client.force_login(people["assigned"])
    url = review_url(application, "funding:review_conflict")
    empty = client.post(url, {"reason": "  "})
    assert empty.status_code == 400
    asked = client.post(url, {"reason": "Je siège au bureau de l'association."})
    assert asked.status_code == 200 and 'name="confirmed"' in asked.content.decode()
    assert ReviewAssignment.objects.get(reviewer=people["assigned"]).active
    back = client.post(url, {"reason": "Je siège au bureau.", "back": "1"})
    assert back.status_code == 200 and "Je siège au bureau.</textarea>" in back.content.decode()
    done = client.post(url, {"reason": "Je siège au bureau.", "confirmed": "1"})
    assert done.status_code == 302
    assert not ReviewAssignment.objects.get(reviewer=people["assigned"]).active
    assert client.get(review_url(application)).status_code == 404
    assert client.post(url, {"reason": "x", "confirmed": "1"}).status_code == 404
    # The staff see the conflict in the list.
    client.force_login(world.reviewer_a)
    table = client.get(review_url(application)).content.decode().split('data-testid="assignments"')
    assert "Expert Un" in table[1].split("</table>")[0]


def test_a_shared_comment_reaches_the_lead_only_once_shared(client, world):
    application = taken_up(world)
    review = dossiers.save_review(
        application, by=world.reviewer_a, scores={}, comment="Projet utile.", recommendation="fund"
    )
    client.force_login(world.lead)
    assert "Projet utile." not in client.get(lead_url(application)).content.decode()
    client.force_login(world.reviewer_a)
    share = review_url(application, "funding:review_share", review_pk=review.pk)
    assert client.post(share, {"shared": "1"}).status_code == 302
    client.force_login(world.lead)
    page = client.get(lead_url(application)).content.decode()
    assert "Projet utile." in page.split('data-testid="shared-comments"')[1]
    assert client.post(share, {"shared": "1"}).status_code == 404  # the lead cannot share
    client.force_login(world.reviewer_a)
    assert client.post(share, {"shared": "0"}).status_code == 302
    client.force_login(world.lead)
    assert "Projet utile." not in client.get(lead_url(application)).content.decode()


def test_only_staff_share_comments(client, world, external):
    application, people = external
    review = dossiers.save_review(
        application, by=people["assigned"], scores={}, comment="Avis.", recommendation="fund"
    )
    client.force_login(people["assigned"])
    share = review_url(application, "funding:review_share", review_pk=review.pk)
    assert client.post(share, {"shared": "1"}).status_code == 403
    review.refresh_from_db()
    assert review.shared_at is None


def test_the_committee_sees_the_dossier_once_it_reached_the_committee(client, world, external):
    application, people = external
    client.force_login(people["committee"])
    assert client.get(review_url(application)).status_code == 404
    application = advance(application, world.reviewer_a, comment="Un seul avis suffit.")
    html = client.get(review_url(application)).content.decode()
    assert 'data-testid="decision-link"' in html


def test_the_inbox_shows_stage_due_date_and_reviews_and_filters_mine(client, world, external):
    application, people = external
    due = timezone.localdate() + datetime.timedelta(days=5)
    ReviewAssignment.objects.filter(reviewer=people["assigned"]).update(due_on=due)
    client.force_login(people["assigned"])
    inbox = reverse("funding:review_inbox")
    html = client.get(inbox).content.decode()
    row = html.split(f'data-dossier="{application.pk}"')[1].split("</tr>")[0]
    assert _labels(application)[1] in row and "0 / 2" in row
    assert date_format(due, "SHORT_DATE_FORMAT") in row
    client.force_login(world.reviewer_a)
    assert f'data-dossier="{application.pk}"' in client.get(inbox).content.decode()
    mine = client.get(inbox, {"mine": "on"}).content.decode()
    assert f'data-dossier="{application.pk}"' not in mine


def test_the_review_page_costs_the_same_queries_whatever_its_reviewers(client, world):
    funder = world.call_a.source.funder
    follow_preset(funder, "screening_review_committee")
    application = advance(taken_up(world), world.reviewer_a)
    client.force_login(world.reviewer_a)
    costs = []
    for batch in (range(1), range(1, 4)):
        for n in batch:
            reviewer = person(funder, f"expert-{n}@example.org", "reviewer")
            dossiers.assign_reviewer(application, by=world.reviewer_a, reviewer=reviewer)
            application.refresh_from_db()
            dossiers.save_review(
                application, by=reviewer, scores={}, comment=f"Avis {n}.", recommendation="fund"
            )
        client.get(review_url(application))
        with CaptureQueriesContext(connection) as queries:
            page = client.get(review_url(application))
        assert page.content.decode().count('class="review-card"') == batch.stop
        costs.append(len(queries))
    assert costs[0] == costs[1], costs
