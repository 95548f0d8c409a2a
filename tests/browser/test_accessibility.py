"""Browser: axe-core finds no serious or critical WCAG 2.1 AA violation on any page type.

Each screen below is one test: the page is opened in Chromium (as its user, when it needs one),
axe-core runs on the rendered document, scripts included, and the test fails listing every
serious or critical violation with the elements concerned. It also fails when an ARIA attribute
or a label points at an id that is not on the page (a help text that was never rendered, for
instance), which axe only reports as "to review". See docs/accessibility.md.

To check a new page type, add one line to SCREENS: a name, its URL (a string, or a function
returning it when it depends on the data) and the demo account that sees it.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import translation

from accounts.models import User
from projects.experiments.models import Experiment
from projects.sharing.models import Conversation, SharingPost
from tests.browser.axe import (
    WCAG_TAGS,
    blocking,
    dangling_references,
    describe,
    install_axe,
    run_axe,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# Demo experiments led by porteur@example.org, one per step of the workflow shown.
FORMALISATION = "atelier-partage-de-reparation-a-embrun"
SEEKING_FUNDING = "tresorerie-mutualisee-entre-associations-du-gapencais"
RUNNING = "un-comptable-partage-par-trois-employeurs"


def url(name: str, *args, language: str = "fr") -> str:
    with translation.override(language):
        return reverse(name, args=args)


def experiment(name: str, slug: str, *args) -> Callable[[], str]:
    """The URL of a page of the leads' space for one demo experiment."""
    return lambda: url(name, Experiment.objects.get(slug=slug).pk, *args)


def sharing_post() -> str:
    post = SharingPost.objects.filter(state=SharingPost.State.PUBLISHED).order_by("pk").first()
    return url("projects:sharing_post", post.pk)


def conversation() -> str:
    lead = User.objects.get(email="porteur@example.org")
    return url("projects:conversation", Conversation.objects.of_participant(lead).first().pk)


def news_article() -> str:
    from home.models import NewsPage

    return NewsPage.objects.live().filter(locale__language_code="fr").order_by("pk").first().url


def call() -> str:
    from funding.catalogue.models import FundingCall

    call = FundingCall.objects.filter(locale__language_code="fr").order_by("pk").first()
    return f"/fr/financements/{call.slug}/"


def reviewed_dossier():
    from funding.dossiers.models import FundingApplication

    return (
        FundingApplication.objects.filter(
            state=FundingApplication.State.UNDER_REVIEW,
            call__source__funder__memberships__user__email="financeur@example.org",
        )
        .order_by("pk")
        .first()
    )


def experiment_dossiers() -> str:
    return url("funding:experiment_dossiers", reviewed_dossier().experiment_id)


def email_confirm() -> str:
    from accounts.email_change import make_token

    lead = User.objects.get(email="porteur@example.org")
    lead.pending_email = "nouvelle-adresse@example.org"  # the change the link confirms
    lead.save(update_fields=["pending_email"])
    return url("accounts:email_confirm", make_token(lead))


def lead_dossier_url() -> str:
    dossier = reviewed_dossier()
    return url("funding:dossier", dossier.experiment_id, dossier.pk)


@dataclass(frozen=True)
class Screen:
    name: str
    url: str | Callable[[], str]
    user: str | None = None  # demo account (its e-mail before the @), None for a visitor
    submit: bool = False  # send the page's form empty first, to check how errors are shown

    def resolve(self) -> str:
        return self.url if isinstance(self.url, str) else self.url()


LEAD = "porteur"

SCREENS = [
    # Public pages, one per page type.
    Screen("home", "/fr/"),
    Screen("home-en", "/en/"),
    Screen("home-it", "/it/"),
    Screen("standard-page", "/fr/mentions-legales/"),
    Screen("news-index", "/fr/actualites/"),
    Screen("news-article", news_article),
    Screen("guide-index", "/fr/guides/"),
    Screen("guide", "/fr/guides/partager-des-locaux-et-du-materiel/"),
    Screen("exchanges", "/fr/echanges/"),
    Screen("exchanges-filtered", "/fr/echanges/?kind=study_trip"),
    Screen("exchange", "/fr/echanges/forum-ess-05-besoins-des-structures/"),
    Screen("directory", "/fr/structures/"),
    Screen("directory-filtered-map", "/fr/structures/?theme=diversification-financiere"),
    Screen("organisation", "/fr/structures/o/monnaie-locale-complementaire-citoyenne/"),
    Screen("working-groups", "/fr/groupes-de-travail/"),
    Screen("dashboard", "/fr/tableau-de-bord/"),
    Screen("contact-form", "/fr/contact/"),
    Screen("contact-form-errors", "/fr/contact/", submit=True),
    Screen("funding-catalogue", "/fr/financements/"),
    Screen("funding-call", call),
    Screen("sharing-board", lambda: url("projects:sharing_board")),
    Screen("sharing-post", sharing_post),
    Screen("experiments", lambda: url("projects:public_list")),
    Screen("experiment", lambda: url("projects:public_detail", SEEKING_FUNDING)),
    Screen("propose-public", lambda: url("projects:propose_public")),
    Screen("not-found", "/fr/cette-page-n-existe-pas/"),
    # Accounts.
    Screen("sign-in", lambda: url("accounts:login")),
    Screen("sign-in-errors", lambda: url("accounts:login"), submit=True),
    Screen("sign-up", lambda: url("accounts:sign_up")),
    Screen("sign-up-errors", lambda: url("accounts:sign_up"), submit=True),
    Screen("password-reset", lambda: url("accounts:password_reset")),
    Screen("profile", lambda: url("accounts:profile"), LEAD),
    Screen("password-change", lambda: url("accounts:password_change"), LEAD),
    Screen("email-change", lambda: url("accounts:email_change"), LEAD),
    Screen("email-confirm", email_confirm),
    # The leads' space.
    Screen("space", lambda: url("projects:space"), LEAD),
    Screen("notifications", lambda: url("projects:notifications"), LEAD),
    Screen("propose", lambda: url("projects:propose"), LEAD),
    Screen("propose-errors", lambda: url("projects:propose"), LEAD, submit=True),
    Screen("experiment-overview", experiment("projects:experiment", FORMALISATION), LEAD),
    Screen("sheet-form", experiment("projects:sheet", FORMALISATION, "general"), LEAD),
    Screen("sheet-cooperation", experiment("projects:sheet", FORMALISATION, "cooperation"), LEAD),
    Screen("budget", experiment("projects:budget", FORMALISATION), LEAD),
    Screen("documents", experiment("projects:documents", SEEKING_FUNDING), LEAD),
    Screen("partners", experiment("projects:partners", FORMALISATION), LEAD),
    Screen("timeline", experiment("projects:timeline", RUNNING), LEAD),
    Screen("capitalisation", experiment("projects:capitalisation", RUNNING), LEAD),
    Screen("activity", experiment("projects:activity", SEEKING_FUNDING), LEAD),
    Screen("transition", experiment("projects:transition", FORMALISATION, "formalise"), LEAD),
    Screen("funding-tab", experiment("funding:experiment_funding", SEEKING_FUNDING), LEAD),
    # The sharing board's member pages.
    Screen("sharing-new-post", lambda: url("projects:sharing_new"), LEAD),
    Screen("sharing-new-post-errors", lambda: url("projects:sharing_new"), LEAD, submit=True),
    Screen("sharing-space", lambda: url("projects:sharing_space"), LEAD),
    Screen("sharing-conversation", conversation, LEAD),
    # Dossiers: the lead's side and the funders' space.
    Screen("dossiers-tab", experiment_dossiers, LEAD),
    Screen("dossier", lambda: lead_dossier_url(), LEAD),
    Screen("funder-inbox", lambda: url("funding:review_inbox"), "financeur"),
    Screen(
        "funder-dossier", lambda: url("funding:review_dossier", reviewed_dossier().pk), "financeur"
    ),
    Screen(
        "funder-decision",
        lambda: url("funding:review_decision", reviewed_dossier().pk),
        "financeur",
    ),
]


def _offline(tab) -> None:
    """No request leaves the test server (map tiles included)."""
    tab.route(re.compile(r"^https?://(?!127\.0\.0\.1|localhost)"), lambda route: route.abort())


def _sign_in(context, live_server, prefix: str) -> None:
    """Give the browser the session cookie of a demo account (quicker than the form, which the
    sign-in page's own test uses)."""
    client = Client()
    client.force_login(User.objects.get(email=f"{prefix}@example.org"))
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": live_server.url}]
    )


@pytest.mark.parametrize("screen", SCREENS, ids=[screen.name for screen in SCREENS])
def test_no_serious_accessibility_violation(screen, chromium, live_server, axe_source):
    context = chromium.new_context(base_url=live_server.url, locale="fr-FR")
    context.set_default_timeout(15_000)
    try:
        install_axe(context, axe_source)
        if screen.user:
            _sign_in(context, live_server, screen.user)
        tab = context.new_page()
        _offline(tab)
        path = screen.resolve()
        response = tab.goto(path)
        expected_status = 404 if screen.name == "not-found" else 200
        assert response.status == expected_status, f"{path} answered {response.status}"
        if screen.submit:
            with tab.expect_navigation():
                tab.locator("main form[method=post] button[type=submit]").first.click()
            assert tab.locator("[aria-invalid=true]").count() > 0, "the form showed no error"
        tab.wait_for_load_state("networkidle")
        violations = blocking(run_axe(tab))
        assert not violations, describe(violations, path)
        dangling = dangling_references(tab)
        assert not dangling, f"References to missing elements on {path}:\n" + "\n".join(dangling)
    finally:
        context.close()


def test_axe_reports_what_it_should(chromium, live_server, axe_source):
    """The harness is not blind: a page with known faults gives the expected violations."""
    context = chromium.new_context(base_url=live_server.url)
    try:
        install_axe(context, axe_source)
        tab = context.new_page()
        tab.goto("/robots.txt")
        tab.set_content(
            "<html><head><title>Broken</title></head><body><main>"
            "<img src='/static/img/favicon.svg'>"
            "<a href='/fr/'></a>"
            "<p style='color:#aaa;background:#fff'>Pale text</p>"
            "<input type='text'>"
            "<textarea aria-label='Notes' aria-describedby='notes-help'></textarea>"
            "</main></body></html>"
        )
        found = {violation["id"] for violation in blocking(run_axe(tab, WCAG_TAGS))}
        assert {"html-has-lang", "image-alt", "link-name", "color-contrast", "label"} <= found
        report = describe(blocking(run_axe(tab)), "the broken page")
        assert "image-alt" in report and "<img" in report
        assert dangling_references(tab) == [
            'aria-describedby="notes-help" on <textarea aria-label="Notes" '
            'aria-describedby="notes-help"></textarea>'
        ]
    finally:
        context.close()
