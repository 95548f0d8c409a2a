"""The funding tab's groups: calls one can apply to now, and calls opening later with their
opening date (a call opening in three weeks is not among the calls to apply to now)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import formats, timezone, translation

from funding.catalogue.models import FundingCall
from projects.experiments.models import Experiment
from tests.factories import FundingCallFactory

CROSS_BORDER = "Coopération transfrontalière Queyras \N{EN DASH} Val de Suse"


@pytest.mark.django_db
def test_a_call_opening_in_three_weeks_is_listed_apart_with_its_date(client, demo_user):
    experiment = Experiment.objects.get(title=CROSS_BORDER)
    opens_on = timezone.localdate() + datetime.timedelta(days=21)
    call = FundingCallFactory(
        name="Appel de printemps",
        opens_on=opens_on,
        closes_at=timezone.now() + datetime.timedelta(days=80),
    )
    call_id = FundingCall.objects.canonical().get(pk=call.pk).pk
    client.force_login(demo_user("porteur"))
    response = client.get(reverse("funding:experiment_funding", kwargs={"pk": experiment.pk}))
    found = response.context["recommendations"]
    assert call_id in {m.call.id for m in found.opening_later}
    assert call_id not in {m.call.id for m in found.apply_now}
    assert all(m.call.opens_on is None or m.call.opens_on <= found.today for m in found.apply_now)
    html = response.content.decode()
    later = html[html.index('id="later-title"') :]
    assert "Appel de printemps" in later
    with translation.override("fr"):
        assert formats.date_format(opens_on, "DATE_FORMAT") in later
    now = html[html.index('id="matches-title"') : html.index('id="later-title"')]
    assert "Appel de printemps" not in now
