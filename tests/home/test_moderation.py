"""Editorial moderation: editors write and submit, moderators approve and publish.

A role and action matrix on the guides of every language, then the admin views themselves.
"""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.admin.utils import get_user_display_name
from wagtail.documents import get_document_model
from wagtail.documents.permissions import permission_policy as document_permissions
from wagtail.images import get_image_model
from wagtail.images.permissions import permission_policy as image_permissions
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import (
    GroupPagePermission,
    Locale,
    Page,
    Revision,
    Workflow,
    WorkflowPage,
    WorkflowState,
    WorkflowTask,
    get_page_models,
)
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield
from wagtail.users.models import UserProfile
from wagtail.utils.timestamps import render_timestamp

from accounts import roles
from core.revisions import UnchangedRevisionMixin
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


# ------------------------------------------------------------------ revisions and the banner
BLOCK_ID = "0f4e5c1a-2b3c-4d5e-8f90-a1b2c3d4e5f6"


def _stable_edit_data(guide: GuidePage, text: str, action: str) -> dict:
    """The edit form as the browser posts it again and again: the section keeps its id and the
    rich text its block key, so that two posts of the same text are the same content."""
    data = _edit_data(guide, guide.title, action)
    data.update(
        nested_form_data(
            {
                "body": {
                    "count": "1",
                    "0": {
                        "type": "context",
                        "id": BLOCK_ID,
                        "deleted": "",
                        "order": "0",
                        "value": {
                            "heading": "Contexte et enjeux",
                            "text": rich_text(f'<p data-block-key="k1">{text}</p>'),
                        },
                    },
                }
            }
        )
    )
    return data


def _post(client, guide: GuidePage, text: str, action: str):
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[guide.pk]),
        _stable_edit_data(guide, text, action),
    )
    assert response.status_code == 302, response.context["form"].errors
    return response


def _revisions(page) -> int:
    return Revision.page_revisions.filter(object_id=str(page.pk)).count()


def _workflow_state(page) -> WorkflowState:
    return WorkflowState.objects.for_instance(page).order_by("-created_at").first()


def _banner(client, page) -> str:
    """The changes-requested message of the edit view, or "" when there is none."""
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200
    messages = [m for m in response.context["messages"] if "changes-requested" in m.tags]
    return str(messages[0]) if messages else ""


def _in_english(user):
    """The admin in English for this person (their profile's language), whatever the catalogue
    says in French."""
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    return user


def _request_changes(client, page, comment: str):
    task_state = _workflow_state(page).current_task_state
    return client.post(
        reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "reject", task_state.pk]),
        {"comment": comment},
    )


@pytest.mark.django_db
def test_saving_a_page_unchanged_adds_no_revision_and_a_change_adds_one(client, demo_user):
    guide = _guide()
    client.force_login(demo_user("redaction"))
    before = _revisions(guide)
    _post(client, guide, "Première version.", "action-save")
    assert _revisions(guide) == before + 1
    guide.refresh_from_db()
    latest = guide.latest_revision_id

    _post(client, guide, "Première version.", "action-save")
    guide.refresh_from_db()
    assert _revisions(guide) == before + 1
    assert guide.latest_revision_id == latest

    _post(client, guide, "Deuxième version.", "action-save")
    guide.refresh_from_db()
    assert _revisions(guide) == before + 2
    assert guide.latest_revision_id != latest


@pytest.mark.django_db
def test_requested_changes_show_to_the_editor_until_the_unchanged_resubmission(client, demo_user):
    guide = _guide()
    editor, moderator = _in_english(demo_user("redaction")), demo_user("relecture")

    client.force_login(editor)
    _post(client, guide, "Texte soumis.", "action-submit")
    submitted = _revisions(guide)
    assert _workflow_state(guide).status == WorkflowState.STATUS_IN_PROGRESS
    assert _banner(client, guide) == ""

    client.force_login(moderator)
    response = _request_changes(client, guide, "Ajoutez le coût des locaux.\nEt une source.")
    assert response.status_code == 302
    state = _workflow_state(guide)
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES

    # The editor sees who asked, when and what, on the page's edit view.
    client.force_login(editor)
    banner = _banner(client, guide)
    task_state = state.current_task_state
    assert get_user_display_name(moderator) in banner
    assert "requested changes" in banner
    with translation.override("en"):
        assert render_timestamp(task_state.finished_at) in banner
    assert "Ajoutez le coût des locaux.<br>Et une source." in banner

    # Resubmitted without a change: no new revision, and the workflow goes on with the same one.
    _post(client, guide, "Texte soumis.", "action-submit")
    guide.refresh_from_db()
    assert _revisions(guide) == submitted
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.current_task_state.revision_id == guide.latest_revision_id
    assert _banner(client, guide) == ""

    # The moderator approves: the page is published with the submitted text.
    client.force_login(moderator)
    approve = reverse(
        "wagtailadmin_pages:workflow_action",
        args=[guide.pk, "approve", state.current_task_state.pk],
    )
    assert client.post(approve).status_code == 302
    guide.refresh_from_db()
    assert not guide.has_unpublished_changes
    assert "Texte soumis." in str(guide.body[0].value["text"])


@pytest.mark.django_db
def test_the_banner_escapes_the_comment_and_says_when_there_is_none(client, demo_user):
    guide = _guide()
    client.force_login(demo_user("redaction"))
    _post(client, guide, "Texte soumis.", "action-submit")
    client.force_login(demo_user("relecture"))
    _request_changes(client, guide, '<script>alert("x")</script>')
    client.force_login(demo_user("redaction"))
    banner = _banner(client, guide)
    assert "<script>" not in banner
    assert "&lt;script&gt;" in banner

    # A request without a comment still says who and when.
    _post(client, guide, "Texte soumis.", "action-submit")
    client.force_login(demo_user("relecture"))
    _request_changes(client, guide, "")
    client.force_login(_in_english(demo_user("redaction")))
    banner = _banner(client, guide)
    assert "requested changes" in banner
    assert "<blockquote" not in banner


@pytest.mark.django_db
def test_the_banner_is_gone_when_the_workflow_is_cancelled(client, demo_user):
    guide = _guide()
    client.force_login(demo_user("redaction"))
    _post(client, guide, "Texte soumis.", "action-submit")
    client.force_login(demo_user("relecture"))
    _request_changes(client, guide, "À revoir.")
    _workflow_state(guide).cancel(user=demo_user("relecture"))
    client.force_login(demo_user("redaction"))
    assert _banner(client, guide) == ""


@pytest.mark.django_db
def test_scheduling_and_reverting_still_make_revisions(demo_user):
    guide = GuidePage.objects.get(pk=_guide().pk)
    user = demo_user("relecture")
    first = guide.save_revision(user=user)
    assert guide.save_revision(user=user) == first  # unchanged
    count = _revisions(guide)
    # Reverting to a revision is recorded even when the content is the same.
    guide.save_revision(user=user, previous_revision=first)
    # A scheduled publication keeps its own revision.
    guide.save_revision(user=user, approved_go_live_at=timezone.now())
    assert _revisions(guide) == count + 2


def _autosave(client, guide: GuidePage, text: str, overwrite: int | None = None) -> dict:
    """The admin's autosave: the edit form posted in the background, answered in JSON."""
    data = _stable_edit_data(guide, text, "action-save")
    if overwrite:
        data["overwrite_revision_id"] = str(overwrite)
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[guide.pk]), data, HTTP_ACCEPT="application/json"
    )
    return response.json()


@pytest.mark.django_db
def test_autosave_keeps_overwriting_the_editors_own_revision(client, demo_user):
    guide = _guide()
    client.force_login(demo_user("relecture"))
    _post(client, guide, "Texte du relecteur.", "action-save")

    # Unchanged, but the latest revision is someone else's: the editor gets one of their own
    # (Wagtail lets nobody overwrite another person's revision).
    editor = demo_user("redaction")
    client.force_login(editor)
    before = _revisions(guide)
    first = _autosave(client, guide, "Texte du relecteur.")
    assert first["success"] is True
    assert _revisions(guide) == before + 1
    assert Revision.objects.get(pk=first["revision_id"]).user == editor

    # Unchanged again: the same revision; then changed: overwritten in place.
    assert _autosave(client, guide, "Texte du relecteur.")["revision_id"] == first["revision_id"]
    changed = _autosave(client, guide, "Texte revu.", overwrite=first["revision_id"])
    assert changed["success"] is True
    assert changed["revision_id"] == first["revision_id"]
    assert _revisions(guide) == before + 1
    assert "Texte revu." in str(Revision.objects.get(pk=first["revision_id"]).content["body"])

    # Submitting what was autosaved adds no identical revision.
    _post(client, guide, "Texte revu.", "action-submit")
    assert _revisions(guide) == before + 1
    assert _workflow_state(guide).current_task_state.revision_id == first["revision_id"]


def test_every_page_type_keeps_unchanged_saves_out_of_the_history():
    missing = [
        model.__name__
        for model in get_page_models()
        if model is not Page and not issubclass(model, UnchangedRevisionMixin)
    ]
    assert missing == []
