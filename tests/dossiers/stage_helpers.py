"""Review processes for the tests: a funder following one of the shipped presets."""

from accounts.models import User
from funding.dossiers.models import FunderMembership, ReviewProcess, ReviewStage
from tests.factories import UserFactory


def follow_preset(funder, preset: str, **changes) -> ReviewProcess:
    """The funder's own copy of a shipped preset (``changes``: {position: {field: value}})."""
    source = ReviewProcess.objects.get(funder=None, preset=preset)
    process = ReviewProcess.objects.create(name=f"{funder.name} · {preset}", funder=funder)
    for position, stage in enumerate(source.stages.all(), start=1):
        values = {f: getattr(stage, f) for f in ReviewStage.RULES}
        values.update(changes.get(position, {}))
        ReviewStage.objects.create(process=process, sort_order=position, **values)
    return process


def person(funder, email: str, role: str) -> User:
    """Someone of ``funder`` in ``role`` (staff, reviewer, committee)."""
    user = UserFactory(email=email, full_name=email.split("@")[0].replace("-", " ").title())
    FunderMembership.objects.create(user=user, funder=funder, role=role)
    return user
