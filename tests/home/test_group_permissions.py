"""What each staff group may do in the Wagtail admin, by its Wagtail group permissions.

A role and action matrix (Rédaction, Relecture, Coordination, and an account in no group) answered
by the real admin URLs: translation, the directory's snippets, the main menus, the site
settings, publishing; then the rules of `home/setup.py` (rights registered in Settings → Groups,
idempotent, never taking away what an administrator added, Wagtail's unused default groups
removed).
"""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from wagtail import hooks
from wagtail.models import GroupApprovalTask, Locale, Workflow, WorkflowTask

from accounts import roles
from funding.catalogue.models import FundingCall
from home.models import MainMenu, NewsPage, SiteSettings
from home.setup import GROUP_PERMISSIONS, WAGTAIL_DEFAULT_GROUPS, ensure_groups
from projects.network.models import Organisation, Territory, Theme, WorkingGroup
from tests.factories import OrganisationFactory, UserFactory, WorkingGroupFactory

ACCOUNTS = {
    roles.EDITORS: "redaction",
    roles.MODERATORS: "relecture",
    roles.COORDINATORS: "coordination",
    "no group": "porteur",
}
OK, REFUSED, SIGN_IN = "ok", "refused", "sign in"


def _french(model):
    return model.objects.filter(locale__language_code="fr").order_by("pk").first()


def _news():
    return NewsPage.objects.get(locale__language_code="fr", slug="six-mini-guides-en-preparation")


def _snippet_url(model, action: str, obj=None) -> str:
    viewset = model.snippet_viewset
    if obj is None:
        return reverse(viewset.get_url_name(action))
    return reverse(viewset.get_url_name(action), args=[obj.pk])


URLS = {
    "translate a page": lambda: reverse(
        "wagtail_localize:submit_page_translation", args=[_news().pk]
    ),
    "translate an organisation": lambda: reverse(
        "wagtail_localize:submit_snippet_translation",
        args=["projects", "organisation", _french(Organisation).pk],
    ),
    "translate a funding call": lambda: reverse(
        "wagtail_localize:submit_snippet_translation",
        args=["funding", "fundingcall", _french(FundingCall).pk],
    ),
    "add an organisation": lambda: _snippet_url(Organisation, "add"),
    "change an organisation": lambda: _snippet_url(Organisation, "edit", _french(Organisation)),
    "add a working group": lambda: _snippet_url(WorkingGroup, "add"),
    "change a working group": lambda: _snippet_url(WorkingGroup, "edit", _french(WorkingGroup)),
    "add a theme": lambda: _snippet_url(Theme, "add"),
    "change a theme": lambda: _snippet_url(Theme, "edit", _french(Theme)),
    "add a territory": lambda: _snippet_url(Territory, "add"),
    "change a territory": lambda: _snippet_url(Territory, "edit", Territory.objects.first()),
    "add a main menu": lambda: _snippet_url(MainMenu, "add"),
    "change a main menu": lambda: _snippet_url(MainMenu, "edit", _french(MainMenu)),
    "change the site settings": lambda: reverse(
        "wagtailsettings:edit", args=["home", "sitesettings", SiteSettings.load().pk]
    ),
    "add a funding call": lambda: _snippet_url(FundingCall, "add"),
}

# Rédaction, Relecture, Coordination, no group.
EXPECTED = {
    "translate a page": (OK, OK, REFUSED, SIGN_IN),
    "translate an organisation": (OK, OK, OK, SIGN_IN),
    "translate a funding call": (REFUSED, REFUSED, OK, SIGN_IN),
    "add an organisation": (OK, OK, OK, SIGN_IN),
    "change an organisation": (OK, OK, OK, SIGN_IN),
    "add a working group": (OK, OK, OK, SIGN_IN),
    "change a working group": (OK, OK, OK, SIGN_IN),
    "add a theme": (OK, OK, OK, SIGN_IN),
    "change a theme": (OK, OK, OK, SIGN_IN),
    "add a territory": (REFUSED, REFUSED, REFUSED, SIGN_IN),
    "change a territory": (OK, OK, OK, SIGN_IN),
    "add a main menu": (OK, OK, REFUSED, SIGN_IN),
    "change a main menu": (OK, OK, REFUSED, SIGN_IN),
    "change the site settings": (OK, OK, REFUSED, SIGN_IN),
    "add a funding call": (REFUSED, REFUSED, OK, SIGN_IN),
}
CASES = [
    (group, action, expected[index])
    for action, expected in EXPECTED.items()
    for index, group in enumerate(ACCOUNTS)
]


def _answer(response) -> str:
    """Wagtail sends who may not open the admin to its sign-in page, and who may open it but
    not this view back to the dashboard with a message."""
    if response.status_code == 200:
        return OK
    if response.status_code == 302 and response["Location"].startswith("/admin/login/"):
        return SIGN_IN
    if response.status_code == 403 or (
        response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    ):
        return REFUSED
    return f"{response.status_code} {response.get('Location', '')}"


@pytest.mark.django_db
@pytest.mark.parametrize(("group", "action", "expected"), CASES)
def test_each_group_gets_the_expected_answer(client, demo_user, group, action, expected):
    client.force_login(demo_user(ACCOUNTS[group]))
    assert _answer(client.get(URLS[action]())) == expected


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("group", "may_translate", "may_publish"),
    [
        (roles.EDITORS, True, False),
        (roles.MODERATORS, True, True),
        (roles.COORDINATORS, True, False),
        ("no group", False, False),
    ],
)
def test_translation_and_publishing_rights(demo_user, group, may_translate, may_publish):
    user = demo_user(ACCOUNTS[group])
    assert user.has_perm("wagtail_localize.submit_translation") is may_translate
    assert _news().permissions_for_user(user).can_publish() is may_publish


@pytest.mark.django_db
@pytest.mark.parametrize("group", [roles.EDITORS, roles.MODERATORS, roles.COORDINATORS])
def test_translate_is_offered_on_the_directory_snippets(client, demo_user, group):
    # « Traduire » shows while a language lacks a translation: new French rows lack both.
    fresh = [
        OrganisationFactory(name="Aaa, structure d'essai"),  # first of the listing
        WorkingGroupFactory(),
        Theme.objects.create(number=99, slug="essai", name="Essai", locale=Locale.get_default()),
    ]
    client.force_login(demo_user(ACCOUNTS[group]))
    for snippet in fresh:
        listing = client.get(_snippet_url(type(snippet), "list"))
        assert listing.status_code == 200
        submit = reverse(
            "wagtail_localize:submit_snippet_translation",
            args=[snippet._meta.app_label, snippet._meta.model_name, snippet.pk],
        )
        assert submit in listing.content.decode(), snippet._meta.model_name
        assert client.get(submit).status_code == 200


# ---------------------------------------------------------------------- setup
def _registered_permissions() -> set[tuple[str, str]]:
    """What Settings → Groups offers: the permissions registered with Wagtail."""
    registered = set()
    for fn in hooks.get_hooks("register_permissions"):
        for permission in fn().select_related("content_type"):
            registered.add((permission.content_type.app_label, permission.codename))
    return registered


@pytest.mark.django_db
@pytest.mark.parametrize("group", list(GROUP_PERMISSIONS))
def test_every_right_granted_is_held_and_visible_in_settings_groups(group):
    held = {
        (p.content_type.app_label, p.codename)
        for p in Group.objects.get(name=group).permissions.select_related("content_type")
    }
    wanted = set(GROUP_PERMISSIONS[group])
    assert wanted <= held
    invisible = wanted - _registered_permissions() - {("wagtailadmin", "access_admin")}
    assert invisible == set(), "granted but not shown in Settings → Groups"


@pytest.mark.django_db
def test_setup_is_idempotent_and_keeps_what_an_administrator_added():
    editors = Group.objects.get(name=roles.EDITORS)
    extra = Permission.objects.get(content_type__app_label="projects", codename="delete_theme")
    editors.permissions.add(extra)
    before = {name: set(g.permissions.all()) for name, g in ensure_groups().items()}
    after = {name: set(g.permissions.all()) for name, g in ensure_groups().items()}
    assert before == after
    assert extra in after[roles.EDITORS]


@pytest.mark.django_db
def test_wagtails_default_groups_are_removed_while_unused():
    assert not Group.objects.filter(name__in=WAGTAIL_DEFAULT_GROUPS).exists()
    editors = Group.objects.create(name="Editors")
    moderators = Group.objects.create(name="Moderators")
    moderators.user_set.add(UserFactory())  # an administrator uses this one
    ensure_groups()
    assert not Group.objects.filter(pk=editors.pk).exists()
    assert Group.objects.filter(pk=moderators.pk).exists()


@pytest.mark.django_db
def test_a_default_group_that_approves_an_active_workflow_stays():
    editors = Group.objects.create(name="Editors")
    task = GroupApprovalTask.objects.create(name="Legal check")
    task.groups.add(editors)
    workflow = Workflow.objects.create(name="Legal", active=True)
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    ensure_groups()
    assert Group.objects.filter(pk=editors.pk).exists()
