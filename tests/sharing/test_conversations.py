"""Private conversations between organisations: replying, who reads what (pages and notification
links), unread counts, e-mails, reports to the coordinators, hiding posts, and turning a
conversation into a cooperation idea."""

import pytest
from django.core import mail
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

import projects.sharing.services as sharing
from accounts.models import Notification
from projects.experiments.models import Experiment, ExperimentMember
from projects.sharing.models import Conversation, SharingPost, SharingReport
from projects.templatetags.sharing_tags import unread_conversations
from tests.factories import OrganisationFactory, member_of, sharing_post
from tests.sharing.conftest import SHARING_ROLES


def url(view: str, **kwargs) -> str:
    with translation.override("fr"):
        return reverse(f"projects:{view}", kwargs=kwargs or None)


def client_for(client, people, role):
    if role != "anonymous":
        client.force_login(people[role])
    return client


def open_report(people) -> SharingReport:
    return sharing.report(
        by=people["replier"],
        post=people["post"],
        conversation=people["conversation"],
        reason=SharingReport.Reason.INAPPROPRIATE,
        details="Des propos insultants.",
    )


# ---------------------------------------------------------------------- who reads a conversation
READ = {
    "anonymous": 302,
    "nobody": 404,
    "outsider": 404,
    "coordinator": 404,  # not handling a report
    "owner": 200,
    "replier": 200,
}


@pytest.mark.django_db
@pytest.mark.parametrize("role", SHARING_ROLES)
def test_who_reads_a_conversation(client, sharing_people, role):
    conversation = sharing_people["conversation"]
    client = client_for(client, sharing_people, role)
    response = client.get(url("conversation", pk=conversation.pk))
    assert response.status_code == READ[role]
    if READ[role] == 200:
        assert "Bonjour, la salle est-elle libre ?" in response.content.decode()
    # Nobody writes in a conversation they cannot read.
    before = conversation.messages.count()
    client.post(url("conversation", pk=conversation.pk), {"body": "Intrusion"})
    expected = before + (1 if READ[role] == 200 else 0)
    assert conversation.messages.count() == expected


@pytest.mark.django_db
def test_a_coordinator_reads_a_conversation_only_while_handling_a_report(client, sharing_people):
    coordinator, conversation = sharing_people["coordinator"], sharing_people["conversation"]
    client.force_login(coordinator)
    page = url("conversation", pk=conversation.pk)
    report = open_report(sharing_people)
    assert client.get(page).status_code == 404  # reported, not yet taken in charge
    client.post(url("sharing_report", pk=report.pk), {"action": "take"})
    response = client.get(page)
    assert response.status_code == 200
    assert response.context["form"] is None  # reads, never writes
    assert client.post(page, {"body": "Je lis"}).status_code == 403
    # Another coordinator does not read it: only the one handling the report.
    other = member_of(OrganisationFactory(), is_superuser=True)
    client.force_login(other)
    assert client.get(page).status_code == 404
    client.force_login(coordinator)
    client.post(
        url("sharing_report", pk=report.pk),
        {"action": "close", "outcome": "dismissed", "note": ""},
    )
    assert client.get(page).status_code == 404  # closed: access ends


@pytest.mark.django_db
def test_notification_links_open_only_for_participants(
    client, sharing_people, django_capture_on_commit_callbacks
):
    owner, replier, outsider = (sharing_people[r] for r in ("owner", "replier", "outsider"))
    conversation = sharing_people["conversation"]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        sharing.send_message(conversation, by=replier, body="Nous viendrions à huit.")
    notification = Notification.objects.filter(recipient=owner).latest("pk")
    assert notification.url == url("conversation", pk=conversation.pk)
    # The owner follows it; an outsider given the link, or opening someone's notification, not.
    client.force_login(owner)
    opened = client.get(url("open_notification", pk=notification.pk))
    assert opened["Location"] == notification.url
    assert client.get(notification.url).status_code == 200
    client.force_login(outsider)
    assert client.get(url("open_notification", pk=notification.pk)).status_code == 404
    assert client.get(notification.url).status_code == 404
    # The e-mail copy: the message, the link, no e-mail address of the writer.
    (email,) = [m for m in mail.outbox if m.to == ["owner@example.org"]]
    assert "Nous viendrions à huit." in email.body
    assert notification.url in email.body
    assert "replier@example.org" not in email.body


# ---------------------------------------------------------------------- replying
@pytest.mark.django_db
def test_replying_opens_one_conversation_per_organisation(client, sharing_people):
    post, replier = sharing_people["post"], sharing_people["replier"]
    client.force_login(replier)
    response = client.post(
        url("sharing_reply", pk=post.pk),
        {"organisation": sharing_people["replier_org"].pk, "body": "Et le jeudi ?"},
    )
    conversation = sharing_people["conversation"]
    assert response["Location"] == url("conversation", pk=conversation.pk)
    assert Conversation.objects.filter(post=post).count() == 1
    assert list(conversation.messages.values_list("body", flat=True))[-1] == "Et le jeudi ?"
    client.force_login(sharing_people["outsider"])
    client.post(
        url("sharing_reply", pk=post.pk),
        {"organisation": sharing_people["outsider_org"].pk, "body": "Nous aussi !"},
    )
    assert Conversation.objects.filter(post=post).count() == 2


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "status"),
    [("anonymous", 302), ("nobody", 403), ("owner", 403), ("coordinator", 403)],
)
def test_who_cannot_reply(client, sharing_people, role, status):
    post = sharing_people["post"]
    before = Conversation.objects.count()
    response = client_for(client, sharing_people, role).post(
        url("sharing_reply", pk=post.pk),
        {"organisation": sharing_people["owner_org"].pk, "body": "Bonjour"},
    )
    assert response.status_code == status
    assert Conversation.objects.count() == before


@pytest.mark.django_db
def test_a_reply_for_someone_elses_organisation_or_empty_comes_back_400(client, sharing_people):
    client.force_login(sharing_people["outsider"])
    post = sharing_people["post"]
    for data in (
        {"organisation": sharing_people["replier_org"].pk, "body": "Usurpation"},
        {"organisation": sharing_people["outsider_org"].pk, "body": "   "},
    ):
        response = client.post(url("sharing_reply", pk=post.pk), data)
        assert response.status_code == 400
    assert not Conversation.objects.filter(organisation=sharing_people["outsider_org"]).exists()


@pytest.mark.django_db
def test_no_reply_to_a_post_off_the_board(sharing_people):
    post, owner = sharing_people["post"], sharing_people["owner"]
    sharing.run_post_transition(post, "withdraw", by=owner)
    with pytest.raises(sharing.PermissionDenied):
        sharing.reply_to_post(
            post,
            by=sharing_people["outsider"],
            organisation=sharing_people["outsider_org"],
            body="Trop tard ?",
        )


# ---------------------------------------------------------------------- unread counts
@pytest.mark.django_db
def test_unread_counts_follow_reading(client, sharing_people):
    owner, replier = sharing_people["owner"], sharing_people["replier"]
    conversation = sharing_people["conversation"]
    assert sharing.unread_conversations(owner) == 1
    assert sharing.unread_conversations(replier) == 0  # their own message
    client.force_login(owner)
    header = client.get(url("sharing_board")).content.decode()
    assert '<span class="badge badge--header">1' in header
    space = client.get(url("sharing_space"))
    (row,) = [c for c in space.context["conversations"] if c.pk == conversation.pk]
    assert row.unread_count == 1
    client.get(url("conversation", pk=conversation.pk))
    assert sharing.unread_conversations(owner) == 0
    sharing.send_message(conversation, by=replier, body="Un")
    sharing.send_message(conversation, by=replier, body="Deux")
    assert sharing.unread_conversations(owner) == 1
    counted = Conversation.objects.with_unread_count(owner).get(pk=conversation.pk)
    assert counted.unread_count == 2


@pytest.mark.django_db
def test_the_header_count_costs_one_query_per_request(sharing_people):
    owner = sharing_people["owner"]
    for n in range(5):
        organisation = OrganisationFactory()
        sharing.reply_to_post(
            sharing_people["post"],
            by=member_of(organisation),
            organisation=organisation,
            body=f"Message {n}",
        )
    request = RequestFactory().get("/")
    request.user = owner
    with CaptureQueriesContext(connection) as captured:
        assert unread_conversations({"request": request}) == 6
        assert unread_conversations({"request": request}) == 6
    assert len(captured) == 1
    request.user = sharing_people["anonymous"]
    with CaptureQueriesContext(connection) as captured:
        assert unread_conversations({"request": request}) == 0
    assert len(captured) == 0


# ---------------------------------------------------------------------- reports and hiding
@pytest.mark.django_db
def test_a_report_reaches_the_coordinators(client, sharing_people):
    client.force_login(sharing_people["outsider"])
    post = sharing_people["post"]
    response = client.post(
        url("sharing_report_post", pk=post.pk), {"reason": "spam", "details": "Publicité"}
    )
    assert response.status_code == 302
    report = SharingReport.objects.get(post=post)
    notification = Notification.objects.get(recipient=sharing_people["coordinator"])
    assert notification.url == url("sharing_report", pk=report.pk)
    client.force_login(sharing_people["coordinator"])
    assert client.get(url("sharing_reports")).status_code == 200
    assert client.get(notification.url).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["nobody", "outsider", "owner", "replier"])
def test_only_coordinators_see_reports(client, sharing_people, role):
    report = open_report(sharing_people)
    client.force_login(sharing_people[role])
    assert client.get(url("sharing_reports")).status_code == 403
    assert client.get(url("sharing_report", pk=report.pk)).status_code == 403
    assert client.post(url("sharing_hide", pk=report.post_id), {"reason": "x"}).status_code == 403


@pytest.mark.django_db
def test_only_participants_report_a_conversation(client, sharing_people):
    conversation = sharing_people["conversation"]
    client.force_login(sharing_people["outsider"])
    assert client.get(url("conversation_report", pk=conversation.pk)).status_code == 404
    client.force_login(sharing_people["owner"])
    response = client.post(url("conversation_report", pk=conversation.pk), {"reason": "fraud"})
    assert response.status_code == 302
    assert SharingReport.objects.get(conversation=conversation).reporter == sharing_people["owner"]
    # A post's own organisation does not report its own post.
    assert client.get(url("sharing_report_post", pk=conversation.post_id)).status_code == 403


@pytest.mark.django_db
def test_closing_a_report_by_hiding_the_post(client, sharing_people):
    coordinator, post = sharing_people["coordinator"], sharing_people["post"]
    report = open_report(sharing_people)
    client.force_login(coordinator)
    page = url("sharing_report", pk=report.pk)
    client.post(page, {"action": "take"})
    missing_note = client.post(page, {"action": "close", "outcome": "hidden", "note": ""})
    assert missing_note.status_code == 400
    client.post(page, {"action": "close", "outcome": "hidden", "note": "Propos insultants."})
    report.refresh_from_db()
    post.refresh_from_db()
    assert not report.is_open and report.outcome == "hidden"
    assert post.is_hidden and post.hidden_reason == "Propos insultants."
    told = Notification.objects.filter(recipient=sharing_people["owner"]).latest("pk")
    assert "Propos insultants." in told.body
    assert Notification.objects.filter(recipient=sharing_people["replier"]).exists()
    # Off the board, and 404 for others; its organisation still sees it, with the reason.
    client.logout()
    assert client.get(url("sharing_post", pk=post.pk)).status_code == 404
    client.force_login(sharing_people["owner"])
    owner_view = client.get(url("sharing_post", pk=post.pk))
    assert "Propos insultants." in owner_view.content.decode()
    # The coordinator puts it back.
    client.force_login(coordinator)
    client.post(url("sharing_hide", pk=post.pk), {"action": "restore"})
    post.refresh_from_db()
    assert post.is_on_board()


@pytest.mark.django_db
def test_a_report_handled_by_another_coordinator_is_taken_over_first(sharing_people):
    report = sharing.take_report(open_report(sharing_people), by=sharing_people["coordinator"])
    other = member_of(OrganisationFactory(), is_superuser=True)
    with pytest.raises(sharing.SharingError):
        sharing.close_report(report, by=other, outcome="dismissed")
    report = sharing.take_report(report, by=other)
    sharing.close_report(report, by=other, outcome="dismissed")
    with pytest.raises(sharing.SharingError):
        sharing.take_report(report, by=other)


@pytest.mark.django_db
def test_hiding_from_the_post_page_needs_a_reason(client, sharing_people):
    client.force_login(sharing_people["coordinator"])
    post = sharing_people["post"]
    response = client.post(url("sharing_hide", pk=post.pk), {"reason": ""})
    assert response.status_code == 400
    post.refresh_from_db()
    assert not post.is_hidden


# ---------------------------------------------------------------------- conversation → idea
@pytest.mark.django_db
def test_a_conversation_becomes_an_idea_with_both_organisations(
    client, sharing_people, django_capture_on_commit_callbacks
):
    owner, replier = sharing_people["owner"], sharing_people["replier"]
    conversation = sharing_people["conversation"]
    sharing.send_message(conversation, by=owner, body="Oui, le mardi matin.")
    client.force_login(replier)
    page = url("conversation_idea", pk=conversation.pk)
    form = client.get(page).context["form"]
    # Pre-filled from the post: its title, text, theme (premises) and territory.
    assert form.initial["title"].endswith("Salle de réunion à Gap le mardi")
    assert form.initial["summary"] == sharing_people["post"].description
    assert [t.number for t in form.initial["themes"]] == [1]
    assert [t.slug for t in form.initial["territories"]] == ["gap"]
    data = {
        "title": "Une salle partagée le mardi",
        "summary": "Deux structures partagent une salle.",
        "description": form.initial["description"],
        "themes": [t.pk for t in form.initial["themes"]],
        "territories": [t.pk for t in form.initial["territories"]],
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(page, data)
    experiment = Experiment.objects.get(title="Une salle partagée le mardi")
    assert response["Location"] == url("experiment", pk=experiment.pk)
    assert experiment.state == Experiment.State.IDEA
    assert experiment.lead_organisation == sharing_people["replier_org"]
    assert [p.organisation for p in experiment.partner_links.all()] == [sharing_people["owner_org"]]
    assert experiment.cooperation_forms == ["premises"]
    roles = dict(experiment.memberships.values_list("user__email", "role"))
    assert roles == {
        "replier@example.org": ExperimentMember.Role.LEAD,
        "owner@example.org": ExperimentMember.Role.CONTRIBUTOR,
    }
    conversation.refresh_from_db()
    assert conversation.experiment == experiment
    # The coordinators are told (by propose_idea), and so is the other side.
    assert Notification.objects.filter(recipient=sharing_people["coordinator"]).exists()
    assert Notification.objects.filter(
        recipient=owner, url=url("conversation", pk=conversation.pk)
    ).exists()
    # Once only.
    assert client.get(page).status_code == 403
    with pytest.raises(sharing.SharingError):
        sharing.turn_into_idea(conversation, by=owner, title="Encore", summary="Encore")


@pytest.mark.django_db
@pytest.mark.parametrize(("role", "status"), [("outsider", 404), ("coordinator", 404)])
def test_only_participants_turn_a_conversation_into_an_idea(client, sharing_people, role, status):
    client.force_login(sharing_people[role])
    page = url("conversation_idea", pk=sharing_people["conversation"].pk)
    assert client.get(page).status_code == status
    assert client.post(page, {"title": "x", "summary": "y"}).status_code == status


@pytest.mark.django_db
def test_the_idea_is_prefilled_from_both_matched_posts(sharing_people):
    """When the replying organisation's own request fitted the offer, both posts fill it in."""
    replier, replier_org = sharing_people["replier"], sharing_people["replier_org"]
    request_ = sharing_post(
        replier,
        replier_org,
        kind=SharingPost.Kind.REQUEST,
        title="Cherche une salle le mardi",
        description="Pour nos permanences.",
        territory="ca-gap-tallard-durance",
    )
    draft = sharing.idea_draft(sharing_people["conversation"], replier)
    assert "Cherche une salle le mardi" in draft.description
    assert "Salle de réunion à Gap le mardi" in draft.description
    assert {t.slug for t in draft.territories} == {"gap", "ca-gap-tallard-durance"}
    assert (draft.lead, draft.partner) == (replier_org, sharing_people["owner_org"])
    assert request_.pk


@pytest.mark.django_db
def test_the_admin_menu_leads_coordinators_to_the_reports(client, sharing_people, demo_user):
    reports = url("sharing_reports")
    client.force_login(sharing_people["coordinator"])
    assert reports in client.get("/admin/").content.decode()
    client.force_login(demo_user("redaction"))
    response = client.get("/admin/")
    assert response.status_code == 200
    assert reports not in response.content.decode()
