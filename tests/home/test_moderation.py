"""Editorial moderation: editors write and submit, moderators approve and publish.

A role and action matrix on the guides of every language, then the admin views themselves.
"""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.documents.permissions import permission_policy as document_permissions
from wagtail.images import get_image_model
from wagtail.images.permissions import permission_policy as image_permissions
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import (
    GroupPagePermission,
    Locale,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowState,
    WorkflowTask,
)
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from accounts import roles
from home.models import GuidePage, HomePage
from home.setup import MODERATION_WORKFLOW, WAGTAIL_DEFAULT_WORKFLOW, ensure_groups

LANGUAGES = ["fr", "en", "it"]


def _guide(language: str = "fr") -> GuidePage:
    return GuidePage.objects.live().filter(locale__language_code=language).order_by("pk").first()


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(
    ("account", "can_edit", "can_publish"),
    [("redaction", True, False), ("relecture", True, True), ("porteur", False, False)],
)
def test_page_permissions_by_role(demo_user, language, account, can_edit, can_publish):
    guide = _guide(language)
    permissions = guide.permissions_for_user(demo_user(account))
    assert permissions.can_edit() is can_edit
    assert permissions.can_publish() is can_publish
    assert permissions.can_add_subpage() is False  # guides have no children
    index_permissions = guide.get_parent().permissions_for_user(demo_user(account))
    assert index_permissions.can_add_subpage() is can_edit


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("account", "action", "allowed"),
    [
        ("redaction", "add", True),
        ("redaction", "choose", True),
        ("relecture", "add", True),
        ("relecture", "choose", True),
        ("porteur", "add", False),
        ("porteur", "choose", False),
    ],
)
def test_media_permissions_by_role(demo_user, account, action, allowed):
    user = demo_user(account)
    assert image_permissions.user_has_permission(user, action) is allowed
    assert document_permissions.user_has_permission(user, action) is allowed


@pytest.mark.django_db
@pytest.mark.parametrize(("account", "allowed"), [("redaction", False), ("relecture", True)])
def test_only_moderators_change_other_peoples_media(demo_user, account, allowed):
    image = get_image_model().objects.create(title="Affiche", file=get_test_image_file())
    document = get_document_model().objects.first()  # the demo's agreement template
    user = demo_user(account)
    assert image_permissions.user_has_permission_for_instance(user, "delete", image) is allowed
    assert (
        document_permissions.user_has_permission_for_instance(user, "delete", document) is allowed
    )


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_relecture_workflow_applies_to_every_guide(language):
    for guide in GuidePage.objects.filter(locale__language_code=language):
        workflow = guide.get_workflow()
        assert workflow is not None
        assert workflow.name == MODERATION_WORKFLOW
        tasks = list(workflow.tasks.specific())
        assert [task.name for task in tasks] == [MODERATION_WORKFLOW]
        assert list(tasks[0].groups.values_list("name", flat=True)) == [roles.MODERATORS]
    assert not Workflow.objects.filter(name=WAGTAIL_DEFAULT_WORKFLOW, active=True).exists()


@pytest.mark.django_db
def test_setup_is_idempotent():
    def counts():
        return (
            Group.objects.count(),
            GroupPagePermission.objects.count(),
            Workflow.objects.count(),
            WorkflowTask.objects.count(),
            WorkflowPage.objects.count(),
        )

    before = counts()
    ensure_groups()
    ensure_groups()
    assert counts() == before


@pytest.mark.django_db
def test_a_new_language_home_page_is_opened_to_editors():
    locale = Locale.objects.create(language_code="de")
    french_home = HomePage.objects.get(locale__language_code="fr")
    german_home = french_home.copy_for_translation(locale)
    assert GroupPagePermission.objects.filter(
        page=german_home, group__name=roles.EDITORS, permission__codename="change_page"
    ).exists()
    assert not GroupPagePermission.objects.filter(
        page=german_home, group__name=roles.EDITORS, permission__codename="publish_page"
    ).exists()


def _edit_data(guide: GuidePage, title: str, action: str) -> dict:
    """The admin edit form of a guide, with one section, as the browser would post it."""
    return nested_form_data(
        {
            "title": title,
            "slug": guide.slug,
            "theme": guide.theme_id,
            "summary": guide.summary,
            "published_on": guide.published_on.isoformat(),
            "body": streamfield(
                [
                    (
                        "context",
                        {"heading": "Contexte et enjeux", "text": rich_text("<p>Texte revu.</p>")},
                    )
                ]
            ),
            "comments": inline_formset([]),
            action: action,
        }
    )


def _edit(client, guide: GuidePage, title: str, action: str):
    return client.post(
        reverse("wagtailadmin_pages:edit", args=[guide.pk]), _edit_data(guide, title, action)
    )


@pytest.mark.django_db
def test_editor_cannot_publish_but_can_submit_and_a_moderator_approves(client, demo_user):
    guide = _guide()
    live_title = guide.title
    editor, moderator = demo_user("redaction"), demo_user("relecture")

    # The editor asks to publish: Wagtail saves a draft only, the live page does not change.
    client.force_login(editor)
    response = _edit(client, guide, "Titre revu par la rédaction", "action-publish")
    assert response.status_code == 302
    guide.refresh_from_db()
    assert guide.title == live_title
    assert guide.has_unpublished_changes

    # The editor submits to moderation: the "Relecture" workflow starts.
    response = _edit(client, guide, "Titre revu par la rédaction", "action-submit")
    assert response.status_code == 302
    state = WorkflowState.objects.get(
        base_content_type__model="page",
        object_id=str(guide.pk),
        status=WorkflowState.STATUS_IN_PROGRESS,
    )
    assert state.workflow.name == MODERATION_WORKFLOW
    task_state = state.current_task_state
    approve = reverse(
        "wagtailadmin_pages:workflow_action", args=[guide.pk, "approve", task_state.pk]
    )

    # The editor cannot approve their own submission (the admin refuses and goes home).
    response = client.post(approve)
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")
    guide.refresh_from_db()
    assert guide.title == live_title
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS

    # The moderator approves: the page is published.
    client.force_login(moderator)
    response = client.post(approve)
    assert response.status_code == 302
    guide.refresh_from_db()
    assert guide.title == "Titre revu par la rédaction"
    assert not guide.has_unpublished_changes
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED
    client.logout()
    assert "Titre revu par la rédaction" in client.get(guide.url).content.decode()


@pytest.mark.django_db
def test_moderator_publishes_directly(client, demo_user):
    guide = GuidePage.objects.get(locale__language_code="fr", theme__number=2)
    client.force_login(demo_user("relecture"))
    response = _edit(client, guide, "Titre revu par la relecture", "action-publish")
    assert response.status_code == 302
    guide.refresh_from_db()
    assert guide.title == "Titre revu par la relecture"
    assert not guide.has_unpublished_changes


@pytest.mark.django_db
def test_editor_sees_submit_but_no_publish_button(client, demo_user):
    guide = _guide("fr")
    client.force_login(demo_user("redaction"))
    html = client.get(reverse("wagtailadmin_pages:edit", args=[guide.pk])).content.decode()
    assert 'name="action-submit"' in html
    assert 'name="action-publish"' not in html


@pytest.mark.django_db
def test_duplicate_theme_is_refused_in_the_admin_with_a_message(client, demo_user):
    guide = _guide()
    index = guide.get_parent()
    client.force_login(demo_user("relecture"))
    data = _edit_data(guide, "Un autre guide sur le même thème", "action-publish")
    data["slug"] = "autre-guide"
    count = Page.objects.count()
    response = client.post(
        reverse("wagtailadmin_pages:add", args=["home", "guidepage", index.pk]), data
    )
    assert response.status_code == 200
    errors = response.context["form"].errors["theme"]
    assert guide.title in errors[0]  # names the existing guide, in the editor's language
    assert guide.title in response.content.decode()
    assert Page.objects.count() == count
