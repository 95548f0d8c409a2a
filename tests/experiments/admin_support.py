"""What the tests of the coordinators admin share: fixtures and helpers."""

from django.urls import reverse
from django.utils import translation
from wagtail.users.models import UserProfile

from projects.experiments.models import BudgetLine, Experiment

S = Experiment.State


def url(name: str, *args) -> str:
    return reverse(f"experiments:{name}", args=args)


def _admin_language(user, language: str) -> None:
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()


def _shown(text, language: str = "fr") -> str:
    """A UI string as the admin shows it in ``language`` (the default admin language is fr)."""
    with translation.override(language):
        return str(text)


def _pipeline_urls(experiment: Experiment) -> list[str]:
    return [
        url("index"),
        url("index") + "?export=csv",
        url("index") + "?export=xlsx",
        url("index_results"),
        url("board"),
        url("inspect", experiment.pk),
        url("edit", experiment.pk),
        url("transition", experiment.pk, "accept_idea"),
    ]


def _status(client, path: str) -> int:
    """The final status: LocaleMiddleware first redirects any 404 to its /fr/ twin."""
    return client.get(path, follow=True).status_code


def _budget(experiment: Experiment, *amounts: str, in_kind: str | None = None) -> None:
    for n, amount in enumerate(amounts):
        BudgetLine.objects.create(experiment=experiment, label=f"Ligne {n}", amount=amount)
    if in_kind:
        BudgetLine.objects.create(
            experiment=experiment, label="Bénévolat", amount=in_kind, in_kind=True
        )
