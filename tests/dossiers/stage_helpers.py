"""Review processes for the tests: a funder following one of the shipped presets."""

from accounts.models import User
from funding.dossiers.models import FunderMembership, ReviewProcess, ReviewStage
from tests.factories import UserFactory

STAGE_FIELDS = (
    "name",
    "code",
    "actors",
    "scores",
    "criteria",
    "required_reviews",
    "can_request_changes",
    "can_decline",
)


def follow_preset(funder, preset: str, **changes) -> ReviewProcess:
    """The funder's own copy of a shipped preset (``changes``: {position: {field: value}})."""
    source = ReviewProcess.objects.get(funder=None, preset=preset)
    process = ReviewProcess.objects.create(name=f"{funder.name} · {preset}", funder=funder)
    for position, stage in enumerate(source.stages.all(), start=1):
        values = {f: getattr(stage, f) for f in STAGE_FIELDS}
        values.update(changes.get(position, {}))
        ReviewStage.objects.create(process=process, sort_order=position, **values)
    return process


def person_of(funder, email: str, role: str) -> User:
    user = UserFactory(email=email, full_name=f"Personne {email.split('@')[0]}")
    FunderMembership.objects.create(user=user, funder=funder, role=role)
    return user
