"""The rules the permission matrix (tests/test_permission_matrix.py) is written with: the
answers expected per role, how an entry is described, the URL kwargs taken from the world, and
the discovery of the project's own URL patterns."""

from dataclasses import dataclass, field

from django.urls import URLPattern, URLResolver, get_resolver

from accounts import confirmation
from accounts.email_change import make_token

LOGIN = "login"  # a redirect to the sign-in page
OWN_APPS = ("accounts.", "home.", "projects.", "funding.", "search.", "config.")


REDIRECT = 302  # a redirect elsewhere than the sign-in page (after success, or "already done")


@dataclass(frozen=True)
class Entry:
    expect: dict  # role -> status; "*" for the others
    kwargs: object = None  # world -> dict of URL kwargs
    method: str = "get"
    data: dict = field(default_factory=dict)
    json: bool = False  # send ``data`` as JSON (the API)

    def expected(self, role):
        return self.expect.get(role, self.expect.get("*"))


def walk(patterns, namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace or ""
            full = f"{namespace}:{inner}" if namespace and inner else (inner or namespace)
            yield from walk(pattern.url_patterns, full)
        elif isinstance(pattern, URLPattern):
            yield namespace, pattern


def own_url_names() -> set[str]:
    names = set()
    for namespace, pattern in walk(get_resolver().url_patterns):
        module = getattr(pattern.callback, "__module__", "") or ""
        if not module.startswith(OWN_APPS) and not namespace.startswith("api"):
            continue
        names.add(f"{namespace}:{pattern.name}" if namespace else str(pattern.name))
    return names


def exp(world):
    return {"pk": world.experiment.pk}


def post_(world):
    return {"pk": world.post.pk}


def conv(world):
    return {"pk": world.conversation.pk}


def partner_link(world):
    """The world's experiment's link to partner@'s organisation (accepted)."""
    return world.experiment.partner_links.get(organisation__memberships__user=world.user("partner"))


def dossier(world):
    return {"pk": world.dossier.experiment_id, "dossier_pk": world.dossier.pk}


def decision_letter(world) -> dict:
    """The demo's refusal of Julien's shared accountant (Fondation de France): its letter."""
    from funding.dossiers.models import ApplicationEvent

    event = ApplicationEvent.objects.select_related("application").get(
        transition="decline",
        application__experiment__title="Un comptable partagé par trois employeurs",
    )
    return {
        "pk": event.application.experiment_id,
        "dossier_pk": event.application_id,
        "event_pk": event.pk,
    }


def org(world):
    return {"pk": world.lead_organisation.pk}


def preset(world):
    return {"pk": world.preset.pk}


def process_a(world):
    return {"pk": world.process_a.pk}


def review(world):
    return {"pk": world.dossier.pk}


def _english_take_part():
    from wagtail_localize.models import Translation, TranslationSource

    from home.models import StandardPage

    french = StandardPage.objects.get(locale__language_code="fr", slug="participer")
    return Translation.objects.get(
        source=TranslationSource.objects.get_for_instance(french),
        target_locale__language_code="en",
    )


def french_page(world):
    from home.models import StandardPage

    return {"page_id": StandardPage.objects.get(locale__language_code="fr", slug="participer").pk}


def french_organisation(world):
    from projects.network.models import Organisation

    organisation = Organisation.objects.filter(locale__language_code="fr").first()
    return {"app_label": "projects", "model_name": "organisation", "pk": organisation.pk}


# Who may open what. Staff roles hold no experiment or organisation of this world: the
# coordinator steers every experiment and moderates the sharing board; editors, moderators and
# funders' reviewers are signed-in people without a part in it (editors and moderators reach the
# Wagtail admin, where the pipeline refuses them).
EVERYONE = {"*": 200}
SIGNED_IN = {"anonymous": LOGIN, "*": 200}
VISITORS_ONLY = {"anonymous": 200, "*": REDIRECT}  # signed-in people are sent on
EXPERIMENT_SPACE = {"anonymous": LOGIN, "partner": 200, "lead": 200, "coordinator": 200, "*": 404}
LEAD_ACTION = {"anonymous": LOGIN, "lead": 200, "partner": 403, "coordinator": 403, "*": 404}
CONVERSATION = {"anonymous": LOGIN, "partner": 200, "lead": 200, "*": 404}
POST_OWNER = {"anonymous": LOGIN, "partner": 200, "*": 403}  # partner@ posted it
COORDINATORS = {"anonymous": LOGIN, "coordinator": 200, "*": 403}
PIPELINE = {
    "coordinator": 200,
    "editor": 403,  # in the admin, not in the pipeline
    "moderator": 403,
    "reviewer_a": 403,  # funders' staff: in the admin for their review processes only
    "reviewer_b": 403,
    "*": LOGIN,  # no admin access at all: Wagtail's sign-in
}
TRANSLATORS = {
    "editor": 200,
    "moderator": 200,
    "coordinator": REDIRECT,
    "reviewer_a": REDIRECT,  # funders' staff reach the admin, not translation
    "reviewer_b": REDIRECT,
    "*": LOGIN,
}
DOSSIER_SIDE = {"anonymous": LOGIN, "lead": 200, "coordinator": 200, "*": 404}
FUNDER_PEOPLE = ("reviewer_a", "reviewer_b", "funder_reviewer", "funder_unassigned")
FUNDER_SPACE = {"anonymous": LOGIN, **dict.fromkeys(FUNDER_PEOPLE, 200), "funder_committee": 200}
FUNDER_SPACE["*"] = 404
# France Active's dossier: its staff (reviewer_a) and the reviewer assigned to it; the reviewer
# not assigned and the committee (no committee stage reached) never learn it exists.
FUNDER_A = {"anonymous": LOGIN, "reviewer_a": 200, "funder_reviewer": 200, "*": 404}
FUNDER_A_EMPTY = {**FUNDER_A, "reviewer_a": 400}
ORG_ADMINS = {"anonymous": LOGIN, "org_admin": 200, "coordinator": 200, "*": 403}
ORG_ADMIN_ACTION = {"anonymous": LOGIN, "org_admin": REDIRECT, "coordinator": REDIRECT, "*": 403}
FROZEN_DOSSIER = {**DOSSIER_SIDE, "lead": 403, "coordinator": 403}
# Review processes in the admin: coordinators and funders' staff (reviewer_a, reviewer_b are
# their funders' staff in the demo) open them; editors and moderators are sent to the admin's
# home; anyone else to its sign-in. A process of another funder is a 404, which Django's locale
# middleware answers with a redirect to the same path under the language prefix (tests/dossiers/
# test_process_admin.py follows it).
PROCESSES = {
    "coordinator": 200,
    "reviewer_a": 200,
    "reviewer_b": 200,
    "editor": REDIRECT,
    "moderator": REDIRECT,
    "*": LOGIN,
}
OWN_PROCESS = {**PROCESSES, "reviewer_b": REDIRECT}  # funder A's process
PRESET_CHANGE = {**PROCESSES, "reviewer_a": REDIRECT, "reviewer_b": REDIRECT}  # read-only
# France Active's staff (reviewer_a) and the reviewer assigned to the dossier see its review.
FUNDER_API = {
    "anonymous": 401,
    "lead": 403,
    "coordinator": 403,
    "reviewer_a": 200,
    "funder_reviewer": 200,
    "*": 404,
}
API_EXPERIMENT = {"partner": 200, "lead": 200, "coordinator": 200, "*": 404}


# An experiment's funding: its tab, as the experiment's space; « Tell me when it opens » there
# (the world's call is open now, nothing to wait for: 400 for whoever sees the tab; a call
# opening later is watched, back to the tab); its recommendations in the API
# (funding/matching/api.py), « why not this call? » included, as the experiment itself.
def _email_change_token(user) -> str:
    """The link of a change the account waits for (the address waits on the account)."""
    user.pending_email = "new-lead@example.org"
    user.save(update_fields=["pending_email"])
    return make_token(user)


def _sign_up_token() -> str:
    from tests.factories import UserFactory

    newcomer = UserFactory(email="newcomer@example.org", email_confirmed_at=None)
    return confirmation.make_token(newcomer)
