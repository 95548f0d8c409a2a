"""« Tell me when it opens » (issue 18): a person who sees an experiment's funding tab watches a
call opening later, or a recurring call between two sessions, and is told once when it opens,
in their language; the daily job costs the same queries for one alert or five."""

import datetime
from io import StringIO

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from accounts.models import Notification
from funding.catalogue.models import FundingCall
from funding.matching.models import CallWatch
from funding.matching.watches import (
    send_call_openings,
    unwatch,
    watch,
    watched_call_ids,
)
from projects.experiments.models import Experiment, ExperimentMember
from tests.factories import FundingCallFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

CROSS_BORDER = "Coopération transfrontalière Queyras \N{EN DASH} Val de Suse"


@pytest.fixture
def experiment() -> Experiment:
    return Experiment.objects.get(title=CROSS_BORDER)


@pytest.fixture
def lead(demo_user):
    return demo_user("porteur")


def tab_url(experiment: Experiment) -> str:
    return reverse("funding:experiment_funding", kwargs={"pk": experiment.pk})


def watch_url(experiment: Experiment, call) -> str:
    return reverse("funding:call_watch", kwargs={"pk": experiment.pk, "call_id": call.pk})


def opening_later(days: int = 21, **kwargs) -> FundingCall:
    return FundingCallFactory(
        opens_on=timezone.localdate() + datetime.timedelta(days=days),
        closes_at=timezone.now() + datetime.timedelta(days=days + 60),
        **kwargs,
    )


def closed_recurring(**kwargs) -> FundingCall:
    return FundingCallFactory(
        recurrence=FundingCall.Recurrence.RECURRING,
        closes_at=timezone.now() - datetime.timedelta(days=1),
        **kwargs,
    )


def member(experiment: Experiment, **kwargs):
    user = UserFactory(**kwargs)
    ExperimentMember.objects.create(
        experiment=experiment,
        user=user,
        role=ExperimentMember.Role.CONTRIBUTOR,
        organisation=OrganisationFactory(),
    )
    return user


def alerts_of(user) -> list[Notification]:
    return list(Notification.objects.filter(recipient=user).order_by("pk"))


# ---------------------------------------------------------------------- the tab and the view
def test_a_call_opening_later_is_watched_then_the_alert_stopped(client, experiment, lead):
    call = opening_later(name="Appel de printemps")
    client.force_login(lead)
    tab = client.get(tab_url(experiment)).content.decode()
    later = tab[tab.index('id="later-title"') :]
    form = later[later.index(f'data-call-watch="{call.pk}"') :]
    assert 'value="watch"' in form[: form.index("</form>")]

    response = client.post(watch_url(experiment, call), {"action": "watch"})
    assert response.status_code == 302
    assert response["Location"] == tab_url(experiment)
    assert CallWatch.objects.filter(user=lead, experiment=experiment, call=call).count() == 1
    assert watched_call_ids(lead, experiment) == {call.pk}
    page = client.get(response["Location"])
    shown = [str(m) for m in page.context["messages"]]
    assert len(shown) == 1 and "Appel de printemps" in shown[0]
    html = page.content.decode()
    form = html[html.index(f'data-call-watch="{call.pk}"') :]
    form = form[: form.index("</form>")]
    assert 'value="unwatch"' in form
    # A real button, named for screen readers with the call's name.
    assert '<button type="submit"' in form
    assert '<span class="visually-hidden"> — Appel de printemps</span>' in form

    # Watching twice keeps one alert.
    assert client.post(watch_url(experiment, call), {"action": "watch"}).status_code == 302
    assert CallWatch.objects.filter(user=lead, call=call).count() == 1

    response = client.post(watch_url(experiment, call), {"action": "unwatch"})
    assert response.status_code == 302
    assert not CallWatch.objects.filter(user=lead, call=call).exists()
    assert watched_call_ids(lead, experiment) == set()


def test_a_closed_recurring_near_miss_offers_the_alert(client, experiment, lead):
    call = closed_recurring(name="Session annuelle")
    client.force_login(lead)
    html = client.get(tab_url(experiment)).content.decode()
    near = html[html.index('id="near-title"') :]
    assert f'data-call-watch="{call.pk}"' in near
    response = client.post(watch_url(experiment, call), {"action": "watch"})
    assert response.status_code == 302
    assert CallWatch.objects.filter(user=lead, call=call).exists()


def test_a_call_open_now_cannot_be_watched(client, experiment, lead):
    call = FundingCallFactory(name="Appel ouvert")
    client.force_login(lead)
    html = client.get(tab_url(experiment)).content.decode()
    assert f'data-call-watch="{call.pk}"' not in html
    response = client.post(watch_url(experiment, call), {"action": "watch"})
    assert response.status_code == 400
    assert "Appel ouvert" in response.content.decode()
    assert not CallWatch.objects.filter(call=call).exists()


def test_a_closed_one_off_call_cannot_be_watched(client, experiment, lead):
    call = FundingCallFactory(closes_at=timezone.now() - datetime.timedelta(days=1))
    client.force_login(lead)
    response = client.post(watch_url(experiment, call), {"action": "watch"})
    assert response.status_code == 400
    assert not CallWatch.objects.filter(call=call).exists()


def test_an_unknown_action_is_refused(client, experiment, lead):
    call = opening_later()
    client.force_login(lead)
    for data in ({"action": "subscribe"}, {}):
        assert client.post(watch_url(experiment, call), data).status_code == 400
    assert not CallWatch.objects.filter(call=call).exists()


def test_someone_who_cannot_see_the_experiment_gets_404(client, experiment):
    call = opening_later()
    client.force_login(UserFactory(email="watch-outsider@example.org"))
    response = client.post(watch_url(experiment, call), {"action": "watch"})
    assert response.status_code == 404
    assert not CallWatch.objects.filter(call=call).exists()


def test_an_unknown_call_gets_404(client, experiment, lead):
    client.force_login(lead)
    url = reverse("funding:call_watch", kwargs={"pk": experiment.pk, "call_id": 999_999})
    assert client.post(url, {"action": "watch"}).status_code == 404


def test_visitors_are_sent_to_sign_in_and_get_is_refused(client, experiment, lead):
    call = opening_later()
    response = client.post(watch_url(experiment, call), {"action": "watch"})
    assert response.status_code == 302
    assert "?next=" in response["Location"]
    assert not CallWatch.objects.filter(call=call).exists()
    client.force_login(lead)
    assert client.get(watch_url(experiment, call)).status_code == 405


# ---------------------------------------------------------------------- the daily job
def test_the_job_tells_once_when_the_call_opens_in_the_readers_language(
    experiment, django_capture_on_commit_callbacks
):
    reader = member(experiment, email="watch-reader@example.org", language="en")
    call = opening_later(days=3, name="Appel de printemps")
    watch(reader, experiment, call)

    assert send_call_openings() == 0  # not open yet
    assert alerts_of(reader) == []

    opening = datetime.datetime.combine(call.opens_on, datetime.time(9), tzinfo=datetime.UTC)
    with time_machine.travel(opening, tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            assert send_call_openings() == 1
        assert send_call_openings() == 0  # idempotent: nothing more
    [alert] = alerts_of(reader)
    assert alert.title == "Appel de printemps is open"
    assert experiment.title in alert.body
    with translation.override("en"):
        closes_on = date_format(timezone.localtime(call.closes_at).date(), "DATE_FORMAT")
        assert alert.url == tab_url(experiment)  # the English address of the tab
    assert f"it is open and closes on {closes_on}." in alert.body
    assert alert.url.startswith("/en/")
    [email] = [m for m in mail.outbox if m.to == [reader.email]]
    assert "Appel de printemps is open" in email.subject
    assert CallWatch.objects.get(user=reader, call=call).notified_at is not None
    # The alert is sent: the tab offers it again (a recurring call's next session).
    assert watched_call_ids(reader, experiment) == set()


def test_a_recurring_call_is_told_when_a_new_closing_date_is_set(experiment):
    reader = member(experiment, email="watch-recurring@example.org")
    call = closed_recurring(name="Session annuelle")
    watch(reader, experiment, call)
    assert send_call_openings() == 0  # still closed

    # The next session is announced for later: not open yet.
    call.opens_on = timezone.localdate() + datetime.timedelta(days=10)
    call.closes_at = timezone.now() + datetime.timedelta(days=70)
    call.save()
    assert send_call_openings() == 0

    # It opens now.
    call.opens_on = None
    call.save()
    assert send_call_openings() == 1
    [alert] = alerts_of(reader)
    assert "Session annuelle" in alert.title
    assert send_call_openings() == 0

    # Watched again for the session after: armed anew.
    watch(reader, experiment, call)
    assert watched_call_ids(reader, experiment) == {call.pk}


def test_someone_no_longer_in_the_experiment_is_not_told(experiment):
    reader = member(experiment, email="watch-gone@example.org")
    call = opening_later()
    watch(reader, experiment, call)
    ExperimentMember.objects.filter(experiment=experiment, user=reader).delete()
    call.opens_on = None
    call.save()
    assert send_call_openings() == 0
    assert alerts_of(reader) == []


def test_unwatching_stops_the_alert(experiment):
    reader = member(experiment, email="watch-unwatch@example.org")
    call = opening_later()
    watch(reader, experiment, call)
    assert unwatch(reader, experiment, call) is True
    assert unwatch(reader, experiment, call) is False
    call.opens_on = None
    call.save()
    assert send_call_openings() == 0


def test_the_command_and_its_schedule(experiment, settings):
    reader = member(experiment, email="watch-command@example.org")
    call = opening_later()
    watch(reader, experiment, call)
    call.opens_on = None
    call.save()
    output = StringIO()
    call_command("send_call_openings", stdout=output)
    assert output.getvalue().startswith("1 ")
    jobs = {job["name"]: job for job in settings.SCHEDULED_JOBS}
    assert jobs["call_openings"] == {
        "name": "call_openings",
        "cron": "30 7 * * *",
        "command": "send_call_openings",
    }


def _queries_to_send(experiment, count: int) -> int:
    readers = [member(experiment, email=f"watch-q{count}-{n}@example.org") for n in range(count)]
    for n, reader in enumerate(readers):
        call = FundingCallFactory(name=f"Appel q{count}-{n}")
        CallWatch.objects.create(user=reader, experiment=experiment, call=call)
    # One person watches two calls opening the same day: one notification lists both.
    CallWatch.objects.create(user=readers[0], experiment=experiment, call=FundingCallFactory())
    with CaptureQueriesContext(connection) as queries:
        assert send_call_openings() == count + 1
    CallWatch.objects.all().delete()
    return len(queries.captured_queries)


def test_the_job_costs_the_same_queries_for_one_alert_or_five(experiment):
    assert _queries_to_send(experiment, 1) == _queries_to_send(experiment, 5)
