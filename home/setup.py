"""The staff groups of the platform, their permissions and the moderation workflow.

Run after each migrate (and by the demo loader), idempotent: what is missing is created, nothing
an administrator added is removed. Every right is a Wagtail group permission, so that Settings →
Groups shows what each group may do (docs/editorial.md, "Who does what").

- Editors ("Rédaction") create and edit pages in every language, translate them and submit them
  for moderation (they cannot publish); they keep the directory (organisations, working groups,
  themes, territories), the main menus and the site settings.
- Moderators ("Relecture") have the editors' rights, and publish and approve; the "Relecture"
  workflow, attached to the root page, sends every page of every language to them. Wagtail's
  default "Moderators approval" workflow no longer applies.
- Coordinators ("Coordination") keep the funding catalogue and the directory, and translate them.
  The pipeline of experiments and the sharing board's reports follow membership of the group
  itself (`accounts.roles`): they have no model permission to tick.
- Funders' staff ("Équipes des financeurs") reach the admin for their funder's review processes
  only; people join and leave the group with their staff membership of a funder.
- Wagtail's default groups ("Editors", "Moderators") are removed while nobody is in them.
"""

from urllib.parse import urlsplit

from django.apps import apps
from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Site,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from accounts import roles

# The directory's snippets: organisations, working groups and themes are added and changed;
# territories are reference data (communes, EPCI…), changed but not added.
_DIRECTORY = [
    ("projects", "add_organisation"),
    ("projects", "change_organisation"),
    ("projects", "add_workinggroup"),
    ("projects", "change_workinggroup"),
    ("projects", "add_theme"),
    ("projects", "change_theme"),
    ("projects", "change_territory"),
]
# What editors and moderators keep besides pages: the menu of each language (adding one is how a
# menu gets translated) and the site settings (contact details, footer pages).
_EDITORIAL = [
    ("wagtailadmin", "access_admin"),
    ("wagtail_localize", "submit_translation"),
    *_DIRECTORY,
    ("home", "add_mainmenu"),
    ("home", "change_mainmenu"),
    ("home", "change_sitesettings"),
]
# The funding catalogue: `funding.catalogue.permissions.can_manage_catalogue` lets the Coordination
# group do everything there; the model permissions say so in Settings → Groups.
_CATALOGUE = [
    ("funding", f"{action}_{model}")
    for model in ("funder", "fundingsource", "fundingcall", "fundermembership", "reviewprocess")
    for action in ("add", "change", "delete")
]
# A funder's staff edit their funder's review processes in the admin
# (`funding.dossiers.permissions.can_edit_review_process` narrows them to their funder's);
# membership of the group follows `FunderMembership` (`sync_funder_staff_group`).
_REVIEW_PROCESSES = [
    ("funding", f"{action}_reviewprocess") for action in ("add", "change", "delete")
]

# Permissions each group needs at least; an administrator may add more, never lose these.
GROUP_PERMISSIONS: dict[str, list[tuple[str, str]]] = {
    roles.COORDINATORS: [
        ("wagtailadmin", "access_admin"),
        ("wagtail_localize", "submit_translation"),
        *_CATALOGUE,
        *_DIRECTORY,
        ("projects", "delete_organisation"),
        ("projects", "delete_workinggroup"),
    ],
    roles.EDITORS: _EDITORIAL,
    roles.MODERATORS: _EDITORIAL,
    roles.FUNDER_STAFF: [("wagtailadmin", "access_admin"), *_REVIEW_PROCESSES],
}

# Page permissions on the home page of every language (so on every page of the site).
PAGE_PERMISSIONS: dict[str, list[str]] = {
    roles.EDITORS: ["add_page", "change_page", "lock_page"],
    roles.MODERATORS: ["add_page", "change_page", "lock_page", "publish_page", "unlock_page"],
}

# Image and document permissions on the root collection (so on every collection). Editors add
# and choose media, and edit or delete only what they uploaded themselves (Wagtail lets an
# uploader change their own files); moderators manage every file.
_MEDIA_FOR_EDITORS = [
    ("wagtailimages", "add_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "choose_document"),
]
COLLECTION_PERMISSIONS: dict[str, list[tuple[str, str]]] = {
    roles.EDITORS: _MEDIA_FOR_EDITORS,
    roles.MODERATORS: [
        *_MEDIA_FOR_EDITORS,
        ("wagtailimages", "change_image"),
        ("wagtailimages", "delete_image"),
        ("wagtaildocs", "change_document"),
        ("wagtaildocs", "delete_document"),
    ],
}

MODERATION_WORKFLOW = "Relecture"
# The workflow Wagtail creates on installation, for its own "Moderators" group.
WAGTAIL_DEFAULT_WORKFLOW = "Moderators approval"
# The groups Wagtail creates on installation (wagtail-localize gives them the translation right).
WAGTAIL_DEFAULT_GROUPS = ("Editors", "Moderators")

_PERMISSION_APPS = (
    "wagtailadmin",
    "wagtailcore",
    "wagtailimages",
    "wagtaildocs",
    "wagtail_localize",
    "projects",
    "funding",
    "home",
)


def _permission(app_label: str, codename: str) -> Permission | None:
    return Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()


def _ensure_permissions_exist() -> None:
    # post_migrate reaches "home" before the Wagtail apps listed after it: create their
    # permissions now so that a fresh database gets everything in one migrate.
    for label in _PERMISSION_APPS:
        create_permissions(apps.get_app_config(label), verbosity=0)


def ensure_groups() -> dict[str, Group]:
    """Create the role groups, their permissions and the moderation workflow."""
    _ensure_permissions_exist()
    groups = {}
    for name, perms in GROUP_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=name)
        for app_label, codename in perms:
            permission = _permission(app_label, codename)
            if permission is not None:
                group.permissions.add(permission)
        groups[name] = group
    for home in Page.objects.filter(depth=2):
        grant_page_permissions(home, groups)
    grant_collection_permissions(groups)
    ensure_moderation_workflow(groups[roles.MODERATORS])
    remove_unused_default_groups()
    return groups


def grant_page_permissions(page: Page, groups: dict[str, Group] | None = None) -> None:
    """Give editors and moderators their permissions on ``page`` and every page below it."""
    if groups is None:
        groups = {group.name: group for group in Group.objects.filter(name__in=PAGE_PERMISSIONS)}
    for name, codenames in PAGE_PERMISSIONS.items():
        group = groups.get(name)
        if group is None:
            continue
        for codename in codenames:
            permission = _permission("wagtailcore", codename)
            if permission is not None:
                GroupPagePermission.objects.get_or_create(
                    group=group, page=page, permission=permission
                )


def grant_collection_permissions(groups: dict[str, Group]) -> None:
    """Let editors and moderators add, edit and choose images and documents."""
    root = Collection.get_first_root_node()
    if root is None:
        return
    for name, perms in COLLECTION_PERMISSIONS.items():
        for app_label, codename in perms:
            permission = _permission(app_label, codename)
            if permission is not None:
                GroupCollectionPermission.objects.get_or_create(
                    group=groups[name], collection=root, permission=permission
                )


@transaction.atomic
def ensure_moderation_workflow(moderators: Group) -> Workflow:
    """The "Relecture" workflow (one approval by the moderators) on the root page.

    Attached to the root, it covers the page tree of every language. Wagtail's default workflow
    is deactivated (its pending reviews are cancelled) so that only this one applies.
    """
    task = GroupApprovalTask.objects.filter(name=MODERATION_WORKFLOW).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=MODERATION_WORKFLOW)
    task.groups.add(moderators)
    workflow, _created = Workflow.objects.get_or_create(
        name=MODERATION_WORKFLOW, defaults={"active": True}
    )
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    root = Page.get_first_root_node()
    if root is not None:
        WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})
    for default in Workflow.objects.filter(name=WAGTAIL_DEFAULT_WORKFLOW, active=True):
        default.deactivate()
    return workflow


def remove_unused_default_groups() -> list[str]:
    """Delete Wagtail's default "Editors" and "Moderators" groups while nobody uses them.

    Wagtail creates them at installation with rights on the whole page tree, and wagtail-localize
    gives them the translation right; the platform's roles are the groups above, so the defaults
    would only mislead whoever opens Settings → Groups. A default group that has members, or that
    an active task of an active workflow names as its approvers, is kept: an administrator uses
    it. Returns the names of the groups removed.
    """
    removed = []
    for group in Group.objects.filter(name__in=WAGTAIL_DEFAULT_GROUPS):
        if group.user_set.exists():
            continue
        approves = GroupApprovalTask.objects.filter(
            groups=group, active=True, workflow_tasks__workflow__active=True
        )
        if approves.exists():
            continue
        group.delete()
        removed.append(group.name)
    return removed


# The address the first migration gives the default site, before anyone chose one.
PLACEHOLDER_SITE_ADDRESS = ("localhost", 80)


def ensure_default_site_address(site_url: str | None = None) -> Site | None:
    """Point the placeholder default site at ``SITE_URL``, the site's public address.

    Absolute links (canonical URLs, Open Graph, sitemap, robots.txt) come from the Wagtail site's
    hostname and port. A site an administrator configured is left alone.
    """
    site = Site.objects.filter(is_default_site=True).first()
    if site is None or (site.hostname, site.port) != PLACEHOLDER_SITE_ADDRESS:
        return site
    parts = urlsplit(site_url or settings.SITE_URL)
    if not parts.hostname:
        return site
    port = parts.port or (443 if parts.scheme == "https" else 80)
    if (parts.hostname, port) != PLACEHOLDER_SITE_ADDRESS:
        site.hostname, site.port = parts.hostname, port
        site.save(update_fields=["hostname", "port"])
    return site
