"""A recurring call closed yesterday stays in sight as a near miss (« watch for its next
session »); a one-off call closed yesterday is gone."""

import datetime

import pytest
from django.utils import timezone

from funding.catalogue.models import FundingCall
from funding.matching.recommendations import recommend
from projects.experiments.models import Experiment
from tests.factories import FundingCallFactory

CROSS_BORDER = "Coopération transfrontalière Queyras \N{EN DASH} Val de Suse"


@pytest.mark.django_db
def test_a_recurring_call_closed_yesterday_is_a_near_miss_to_watch():
    yesterday = timezone.now() - datetime.timedelta(days=1)
    recurring = FundingCallFactory(recurrence=FundingCall.Recurrence.RECURRING, closes_at=yesterday)
    one_off = FundingCallFactory(closes_at=yesterday)
    found = recommend(Experiment.objects.get(title=CROSS_BORDER))
    near = {m.call.id: m for m in found.near_misses}
    assert recurring.pk in near
    assert [c.reason for c in near[recurring.pk].unmet] == ["closed_recurring"]
    assert one_off.pk not in near
    assert one_off.pk not in {m.call.id for m in found.matches}
