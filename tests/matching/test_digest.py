"""The weekly digest of funding calls: who gets it, what it says, in which language, once a
week, and the one-click unsubscribe link."""

import datetime
import io
import re

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

import funding.matching.digest as digest
from funding.matching.models import DigestDelivery, DigestOptOut
from funding.matching.recommendations import recommend
from projects.experiments.models import Experiment, ExperimentMember
from tests.factories import (
    ExperimentFactory,
    FundingCallFactory,
    UserFactory,
    complete_sheet,
)

S = Experiment.State
TODAY = timezone.localdate()
NEXT_WEEK = TODAY + datetime.timedelta(days=7)


def seeking() -> list[Experiment]:
    return list(Experiment.objects.filter(state=S.SEEKING_FUNDING))


def leads_of(experiments) -> set[str]:
    return set(
        ExperimentMember.objects.filter(
            experiment__in=experiments, role=ExperimentMember.Role.LEAD
        ).values_list("user__email", flat=True)
    )


def mail_to(email: str):
    found = [m for m in mail.outbox if m.to == [email]]
    assert len(found) == 1, (email, [m.to for m in mail.outbox])
    return found[0]


def link(body: str, fragment: str) -> str:
    return next(url for url in re.findall(r"https?://\S+", body) if fragment in url)


@pytest.mark.django_db
def test_every_lead_of_an_experiment_seeking_funding_gets_one_digest_of_its_matches(
    demo_user,
):
    experiments = seeking()
    assert experiments
    sent = digest.send_digests(TODAY)
    recipients = {m.to[0] for m in mail.outbox}
    assert sent == len(mail.outbox) == len(recipients)
    assert recipients == leads_of(experiments)
    porteur = demo_user("porteur")
    message = mail_to(porteur.email)
    for experiment in experiments:
        if porteur.email not in leads_of([experiment]):
            continue
        assert experiment.title in message.body
        for match in recommend(experiment, today=TODAY).matches:
            assert match.call.name in message.body
    # Partners (contributors) do not receive it.
    partners = ExperimentMember.objects.filter(
        experiment__in=experiments, role=ExperimentMember.Role.CONTRIBUTOR
    ).exclude(user__email__in=recipients)
    assert not {m.to[0] for m in mail.outbox} & set(partners.values_list("user__email", flat=True))
    delivery = DigestDelivery.objects.get(user=porteur)
    assert delivery.week == digest.week_of(TODAY)
    assert delivery.announced


@pytest.mark.django_db
def test_running_twice_the_same_week_sends_nothing_more(demo_user):
    first = digest.send_digests(TODAY)
    assert first
    count = len(mail.outbox)
    assert digest.send_digests(TODAY) == 0
    call_command("funding_digest", "--date", TODAY.isoformat(), stdout=io.StringIO())
    assert len(mail.outbox) == count
    assert DigestDelivery.objects.filter(week=digest.week_of(TODAY)).count() == first


@pytest.mark.django_db
def test_the_next_week_announces_only_new_calls_and_those_closing_soon(demo_user):
    porteur = demo_user("porteur")
    digest.send_digests(TODAY)
    mail.outbox.clear()
    first = DigestDelivery.objects.get(user=porteur)
    # A call anyone can apply to, opened after the first digest, closing in five weeks.
    new_call = FundingCallFactory(
        name="Appel nouveau pour tous",
        closes_at=timezone.now() + datetime.timedelta(days=35),
    )
    digest.send_digests(NEXT_WEEK)
    message = mail_to(porteur.email)
    assert "Appel nouveau pour tous" in message.body
    second = DigestDelivery.objects.get(user=porteur, week=digest.week_of(NEXT_WEEK))
    new_pairs = {tuple(pair) for pair in second.announced}
    assert {call for _e, call in new_pairs} == {new_call.pk}
    assert not new_pairs & {tuple(pair) for pair in first.announced}
    # Calls announced last week come back only when they close soon.
    horizon = NEXT_WEEK + datetime.timedelta(days=digest.closing_soon_days())
    for experiment_id, call_id in second.closing:
        match = next(
            m
            for m in recommend(Experiment.objects.get(pk=experiment_id), today=NEXT_WEEK).matches
            if m.call.id == call_id
        )
        assert NEXT_WEEK <= match.deadline <= horizon


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["fr", "en", "it"])
def test_the_digest_is_in_the_readers_language(demo_user, language):
    porteur = demo_user("porteur")
    porteur.language = language
    porteur.save()
    digest.send_digests(TODAY)
    message = mail_to(porteur.email)
    with translation.override(language):
        intro = gettext("Here are this week's funding calls for the experiments you lead.")
        tabs = [
            reverse("funding:experiment_funding", kwargs={"pk": e.pk})
            for e in seeking()
            if porteur.email in leads_of([e])
        ]
    assert intro in message.body
    assert tabs and all(f"http://testserver{tab}" in message.body for tab in tabs)
    assert all(tab.startswith(f"/{language}/") for tab in tabs)
    assert message.extra_headers["List-Unsubscribe"].startswith(f"<http://testserver/{language}/")
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


@pytest.mark.django_db
def test_one_click_unsubscribe_without_signing_in(client, demo_user):
    porteur = demo_user("porteur")
    digest.send_digests(TODAY)
    url = link(mail_to(porteur.email).body, _digest_prefix(porteur.language))
    path = url.removeprefix("http://testserver")
    page = client.get(path)
    assert page.status_code == 200
    assert "no-store" in page["Cache-Control"]  # never in the anonymous page cache
    assert porteur.email in page.content.decode()
    assert not DigestOptOut.objects.filter(user=porteur).exists()  # a GET changes nothing
    done = client.post(path)
    assert done.status_code == 200
    assert 'data-status="unsubscribed"' in done.content.decode()
    assert DigestOptOut.objects.filter(user=porteur).exists()
    # Posting again (a mail client's one-click button) is harmless.
    assert client.post(path, {"List-Unsubscribe": "One-Click"}).status_code == 200
    mail.outbox.clear()
    digest.send_digests(NEXT_WEEK)
    assert porteur.email not in {m.to[0] for m in mail.outbox}
    # And back.
    again = client.post(path, {"action": "resubscribe"})
    assert 'data-status="subscribed"' in again.content.decode()
    assert not DigestOptOut.objects.filter(user=porteur).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("token", ["nonsense", "eyJ1IjoxfQ:1abcde:forged-signature"])
def test_a_forged_or_damaged_link_is_refused(client, token):
    with translation.override("fr"):
        url = reverse("funding:digest_unsubscribe", kwargs={"token": token})
    response = client.get(url)
    assert response.status_code == 400
    assert client.post(url).status_code == 400
    assert not DigestOptOut.objects.exists()


def _digest_prefix(language: str) -> str:
    """The unsubscribe links' path before the token, in ``language``."""
    with translation.override(language):
        return reverse("funding:digest_unsubscribe", kwargs={"token": "TOKEN"}).split("TOKEN")[0]


@pytest.mark.django_db
def test_a_token_names_one_user_only(demo_user):
    porteur = demo_user("porteur")
    assert digest.user_from_token(digest.unsubscribe_token(porteur)) == porteur
    other = UserFactory(email="someone@example.org")
    assert digest.user_from_token(digest.unsubscribe_token(other)) == other
    tampered = digest.unsubscribe_token(porteur).replace(":", ":x", 1)
    assert digest.user_from_token(tampered) is None


@pytest.mark.django_db
def test_inactive_and_unsubscribed_leads_get_nothing(demo_user):
    porteur = demo_user("porteur")
    digest.unsubscribe(porteur)
    digest.send_digests(TODAY)
    assert porteur.email not in {m.to[0] for m in mail.outbox}
    digest.resubscribe(porteur)
    porteur.is_active = False
    porteur.save()
    mail.outbox.clear()
    digest.send_digests(NEXT_WEEK)
    assert porteur.email not in {m.to[0] for m in mail.outbox}


def _add_seeking(count: int) -> None:
    for index in range(count):
        lead = UserFactory(email=f"digest-lead-{count}-{index}@example.org")
        experiment = ExperimentFactory(lead=lead)
        complete_sheet(experiment, budget="20000.00")
        Experiment.objects.filter(pk=experiment.pk).update(state=S.SEEKING_FUNDING)


def _digest_queries() -> tuple[int, int]:
    with CaptureQueriesContext(connection) as queries:
        digests = digest.build_digests(TODAY)
    return len(queries), len(digests)


@pytest.mark.django_db
def test_building_the_digests_takes_the_same_queries_whatever_their_number():
    FundingCallFactory()  # every test lead has at least this match
    digest.build_digests(TODAY)  # warm per-process caches (locales, content types)
    _add_seeking(2)
    few, digests_few = _digest_queries()
    _add_seeking(8)
    FundingCallFactory.create_batch(10)
    many, digests_many = _digest_queries()
    assert digests_many == digests_few + 8
    assert many == few


@pytest.mark.django_db
def test_the_command_and_the_task():
    out = io.StringIO()
    call_command("funding_digest", stdout=out)
    assert out.getvalue().strip() == f"{len(mail.outbox)} digest(s) sent."
    with pytest.raises(CommandError):
        call_command("funding_digest", "--date", "2026-13-01")
    # The task does the same (immediate backend in tests): nothing more this week.
    result = digest.send_funding_digests.enqueue()
    assert result.return_value == 0
