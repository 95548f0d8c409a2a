"""A database made by the previous release upgrades with `migrate` and loses nothing.

The test database is migrated back to the previous release's schema, filled through that
release's historical models (an experiment with its people, events, comment and document; a
funder, source and call; a dossier with a version, documents and an event; a sharing post with a
photo and a conversation; a page with two revisions and a log entry), then migrated forward to
the current migrations. Then every row of every table is still there with the same values, the
content types are the same, and the current models read what the previous release wrote.
docs/architecture.md, "Upgrading an existing database".
"""

import datetime
import uuid
from decimal import Decimal

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from wagtail.models import Page, PageLogEntry

from funding.catalogue.models import FundingCall
from funding.dossiers.models import FundingApplication
from home.models import StandardPage
from projects.experiments.models import Experiment
from projects.sharing.models import SharingPost

# The leaf migration of each of the project's apps in the previous release: main at 4a3498d,
# before issue 14 arranged the code by business area. Third-party apps kept their migrations.
PREVIOUS_RELEASE = {
    "accounts": "0002_notification",
    "projects": "0004_sharing_board",
    "funding": "0003_digest",
    "home": "0005_main_menu_areas",
    "search": "0005_text_apart",
}
NOW = datetime.datetime(2026, 11, 20, 9, 30, tzinfo=datetime.UTC)
EMAIL = "upgrade.lea@example.org"
# Wagtail's page tree: four base-36 characters per level.
PATH_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
PATH_STEP = 4


def next_child_path(parent_path: str, last_child_path: str | None) -> str:
    number = int(last_child_path[-PATH_STEP:], 36) + 1 if last_child_path else 1
    step = ""
    while number:
        number, digit = divmod(number, 36)
        step = PATH_ALPHABET[digit] + step
    return parent_path + step.rjust(PATH_STEP, "0")


def fill(apps) -> dict[str, int]:
    """Rows of the previous release, written through its historical models: their ids by name."""

    def model(label: str):
        return apps.get_model(label)

    def make(label: str, /, **fields):
        return model(label)._base_manager.create(**fields)

    def through(label: str, field: str, /, **ids) -> None:
        model(label)._meta.get_field(field).remote_field.through._base_manager.create(**ids)

    def content_type(label: str):
        app_label, name = label.lower().split(".")
        return model("contenttypes.ContentType")._base_manager.get_or_create(
            app_label=app_label, model=name
        )[0]

    locale = model("wagtailcore.Locale")._base_manager.get_or_create(language_code="fr")[0]
    user = make("accounts.User", email=EMAIL, full_name="Léa Upgrade", password="!", language="fr")
    # The network.
    territory = make(
        "projects.Territory",
        name="Vallée de l'Essai",
        slug="vallee-de-l-essai",
        kind="commune",
        code="05999",
        country="FR",
    )
    theme = make(
        "projects.Theme", number=61, slug="essai-mise-a-niveau", name="Essais", locale=locale
    )
    lead = make(
        "projects.Organisation",
        name="Coopérative d'essai",
        slug="cooperative-d-essai",
        kind="enterprise",
        legal_form="scic",
        description="Une structure créée par la version précédente.",
        country="FR",
        latitude=Decimal("44.559638"),
        longitude=Decimal("6.079758"),
        locale=locale,
    )
    through("projects.Organisation", "themes", organisation_id=lead.pk, theme_id=theme.pk)
    partner = make(
        "projects.Organisation",
        name="Association partenaire d'essai",
        slug="association-partenaire-d-essai",
        kind="enterprise",
        legal_form="association",
        locale=locale,
    )
    # An experiment with its members, events, comment and document.
    experiment = make(
        "projects.Experiment",
        title="Mutualiser un local d'essai",
        slug="mutualiser-un-local-d-essai",
        summary="Un local partagé par trois structures.",
        cooperation_forms=["premises"],
        support_needed=["funding"],
        self_financing=Decimal("3500.00"),
        start_date=datetime.date(2026, 1, 5),
        state="running",
        state_changed_at=NOW,
        created_by=user,
        lead_organisation=lead,
    )
    experiment.territories.add(territory)
    experiment.themes.add(theme)
    make("projects.ExperimentPartner", experiment=experiment, organisation=partner, role="partner")
    member = make(
        "projects.ExperimentMember",
        experiment=experiment,
        user=user,
        organisation=lead,
        role="lead",
    )
    event = make(
        "projects.ExperimentEvent",
        experiment=experiment,
        transition="start",
        from_state="funded",
        to_state="running",
        comment="C'est parti.",
        actor=user,
    )
    comment = make("projects.ExperimentComment", experiment=experiment, author=user, body="Vu.")
    document = make(
        "projects.ExperimentDocument",
        experiment=experiment,
        title="Plan de financement",
        file=f"experiments/{experiment.pk}/plan.pdf",
        original_name="Plan de financement.pdf",
        content_type="application/pdf",
        size=2048,
        uploaded_by=user,
    )
    # The catalogue and a dossier.
    funder = make(
        "funding.Funder",
        name="Fondation d'essai",
        slug="fondation-d-essai",
        kind="foundation",
        locale=locale,
    )
    source = make(
        "funding.FundingSource",
        funder=funder,
        name="Programme d'essai",
        slug="programme-d-essai",
        kind="foundation",
        locale=locale,
    )
    call = make(
        "funding.FundingCall",
        name="Appel à projets d'essai",
        slug="appel-a-projets-d-essai",
        source=source,
        locale=locale,
        summary="Pour les coopérations.",
        eligible_legal_forms=["association", "scic"],
        aid_types=["grant"],
        amount_max=Decimal("50000.00"),
        closes_at=NOW + datetime.timedelta(days=60),
        territory=territory,
        import_source="aides-territoires",
        external_id="upgrade-1",
        raw_record={"id": "upgrade-1", "name": "Appel à projets d'essai"},
    )
    through("funding.FundingCall", "themes", fundingcall_id=call.pk, theme_id=theme.pk)
    requirement = make(
        "funding.CallRequirement", call=call, label="Budget prévisionnel", locale=locale
    )
    dossier = make(
        "funding.FundingApplication",
        experiment=experiment,
        call=call,
        state="submitted",
        state_changed_at=NOW,
        submitted_at=NOW,
        version_number=1,
        requested_amount=Decimal("12000.00"),
        created_by=user,
    )
    version = make(
        "funding.ApplicationVersion",
        application=dossier,
        number=1,
        snapshot={"title": experiment.title, "requested_amount": "12000.00"},
        pdf=f"dossiers/{dossier.pk}/v1.pdf",
        submitted_by=user,
    )
    version_document = make(
        "funding.VersionDocument",
        version=version,
        label="Budget prévisionnel",
        file=f"dossiers/{dossier.pk}/v1/budget.pdf",
        original_name="budget.pdf",
        content_type="application/pdf",
        size=4096,
    )
    dossier_document = make(
        "funding.ApplicationDocument",
        application=dossier,
        requirement=requirement,
        file=f"dossiers/{dossier.pk}/budget.pdf",
        original_name="budget.pdf",
        content_type="application/pdf",
        size=4096,
        uploaded_by=user,
    )
    dossier_event = make(
        "funding.ApplicationEvent",
        application=dossier,
        transition="submit",
        from_state="draft",
        to_state="submitted",
        actor=user,
    )
    # The sharing board.
    post = make(
        "projects.SharingPost",
        kind="offer",
        category="premises",
        title="Salle de réunion d'essai",
        description="Vingt places, le mardi.",
        organisation=lead,
        territory=territory,
        author=user,
        state="published",
        published_at=NOW,
        expires_at=datetime.date(2027, 2, 1),
        search_text="salle de reunion d'essai",
    )
    photo = make(
        "projects.SharingPhoto",
        post=post,
        file=f"sharing/{post.pk}/salle.jpg",
        alt_text="La salle, vue de la porte",
        content_type="image/jpeg",
        size=90_000,
        width=1200,
        height=800,
        uploaded_by=user,
    )
    conversation = make(
        "projects.Conversation",
        post=post,
        organisation=partner,
        started_by=user,
        last_message_at=NOW,
    )
    message = make(
        "projects.ConversationMessage",
        conversation=conversation,
        organisation=partner,
        author=user,
        body="Est-elle libre en mars ?",
    )
    # A page with two revisions, the second published, and its log entry.
    pages = model("wagtailcore.Page")._base_manager
    root = pages.get(depth=1)
    last = pages.filter(depth=2).order_by("-path").values_list("path", flat=True)
    page_type = content_type("home.StandardPage")
    page = make(
        "home.StandardPage",
        title="Mise à niveau",
        draft_title="Mise à niveau",
        slug="mise-a-niveau-essai",
        path=next_child_path(root.path, last.first()),
        depth=2,
        numchild=0,
        url_path="/mise-a-niveau-essai/",
        content_type=page_type,
        locale=locale,
        translation_key=uuid.uuid4(),
        owner=user,
        live=True,
        first_published_at=NOW,
        last_published_at=NOW,
        intro="Une page de la version précédente.",
        body=[{"type": "rich_text", "value": "<p>Texte publié.</p>", "id": str(uuid.uuid4())}],
    )
    pages.filter(pk=root.pk).update(numchild=root.numchild + 1)
    revisions = []
    for number, title in enumerate(["Mise à jour", "Mise à niveau"], start=1):
        revisions.append(
            make(
                "wagtailcore.Revision",
                content_type=page_type,
                base_content_type=content_type("wagtailcore.Page"),
                object_id=str(page.pk),
                created_at=NOW + datetime.timedelta(minutes=number),
                user=user,
                object_str=title,
                content={
                    "pk": page.pk,
                    "title": title,
                    "draft_title": title,
                    "slug": page.slug,
                    "intro": page.intro,
                    "body": '[{"type": "rich_text", "value": "<p>Texte publié.</p>"}]',
                    "locale": locale.pk,
                    "owner": user.pk,
                },
            )
        )
    pages.filter(pk=page.pk).update(
        latest_revision=revisions[-1],
        live_revision=revisions[-1],
        latest_revision_created_at=revisions[-1].created_at,
    )
    log_entry = make(
        "wagtailcore.PageLogEntry",
        content_type=page_type,
        label=page.title,
        action="wagtail.publish",
        data={"revision": {"id": revisions[-1].pk}},
        timestamp=revisions[-1].created_at,
        uuid=uuid.uuid4(),
        page=page,
        revision=revisions[-1],
        user=user,
        content_changed=True,
    )
    return {
        "user": user.pk,
        "territory": territory.pk,
        "theme": theme.pk,
        "lead": lead.pk,
        "experiment": experiment.pk,
        "member": member.pk,
        "event": event.pk,
        "comment": comment.pk,
        "document": document.pk,
        "funder": funder.pk,
        "call": call.pk,
        "dossier": dossier.pk,
        "version": version.pk,
        "version_document": version_document.pk,
        "dossier_document": dossier_document.pk,
        "dossier_event": dossier_event.pk,
        "post": post.pk,
        "photo": photo.pk,
        "conversation": conversation.pk,
        "message": message.pk,
        "page": page.pk,
        "revision_1": revisions[0].pk,
        "revision_2": revisions[1].pk,
        "log_entry": log_entry.pk,
    }


def tables(apps) -> dict[str, dict]:
    """Every row of every table, by model label and primary key: what must survive."""
    contents = {}
    for model in apps.get_models(include_auto_created=True):
        if model._meta.proxy or not model._meta.managed:
            continue
        columns = [field.attname for field in model._meta.concrete_fields]
        key = model._meta.pk.attname
        rows = model._base_manager.values(*columns)
        contents[model._meta.label_lower] = {row[key]: row for row in rows}
    return contents


def lost(before: dict[str, dict], apps) -> dict[str, list]:
    """The rows of `before` that ``apps`` (the current models) no longer read the same, with
    the columns of `before`: gone, or with another value. Rows added since do not count."""
    changes = {}
    for label, rows in before.items():
        if not rows:
            continue
        model = apps.get_model(label)
        columns = list(next(iter(rows.values())))
        key = model._meta.pk.attname
        now = {row[key]: row for row in model._base_manager.values(*columns)}
        differing = [(row, now.get(pk)) for pk, row in rows.items() if now.get(pk) != row]
        if differing:
            changes[label] = differing
    return changes


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_database_of_the_previous_release_upgrades_with_migrate():
    executor = MigrationExecutor(connection)
    latest = sorted(executor.loader.graph.leaf_nodes())
    previous = [(app, PREVIOUS_RELEASE.get(app, name)) for app, name in latest]
    for node in PREVIOUS_RELEASE.items():
        assert node in executor.loader.graph.nodes, node
    try:
        executor.migrate(previous)
        old_apps = executor.loader.project_state(previous).apps
        ids = fill(old_apps)
        before = tables(old_apps)
    finally:
        # Forward again whatever happened: the next tests need the current schema.
        executor.loader.build_graph()
        executor.migrate(latest)
    executor.loader.build_graph()
    assert executor.migration_plan(latest) == []
    new_apps = executor.loader.project_state(latest).apps

    # Every row of every table, with every column of the previous release, content types
    # (and so what Wagtail's revisions and log entries point to) included.
    assert before["wagtailcore.revision"] and before["contenttypes.contenttype"]
    assert lost(before, new_apps) == {}

    # The current models read what the previous release wrote.
    ContentType.objects.clear_cache()
    experiment = Experiment.objects.get(pk=ids["experiment"])
    assert (experiment.title, experiment.state, experiment.lead_organisation_id) == (
        "Mutualiser un local d'essai",
        Experiment.State.RUNNING,
        ids["lead"],
    )
    assert experiment.self_financing == Decimal("3500.00")
    assert list(experiment.memberships.values_list("pk", "user__email", "role")) == [
        (ids["member"], EMAIL, "lead")
    ]
    assert [event.pk for event in experiment.events.all()] == [ids["event"]]
    assert experiment.comments.get().pk == ids["comment"]
    assert experiment.documents.get().file.name == f"experiments/{experiment.pk}/plan.pdf"
    assert list(experiment.themes.values_list("pk", flat=True)) == [ids["theme"]]
    assert list(experiment.territories.values_list("pk", flat=True)) == [ids["territory"]]

    call = FundingCall.objects.get(pk=ids["call"])
    assert (call.source.funder_id, call.aid_types, call.territory_id) == (
        ids["funder"],
        ["grant"],
        ids["territory"],
    )
    assert list(call.themes.values_list("pk", flat=True)) == [ids["theme"]]
    dossier = FundingApplication.objects.get(pk=ids["dossier"])
    assert (dossier.experiment_id, dossier.state) == (experiment.pk, "submitted")
    version = dossier.versions.get()
    assert (version.pk, version.number, version.snapshot["requested_amount"]) == (
        ids["version"],
        1,
        "12000.00",
    )
    assert version.documents.get().pk == ids["version_document"]
    assert dossier.documents.get().pk == ids["dossier_document"]
    assert dossier.events.get().pk == ids["dossier_event"]

    post = SharingPost.objects.get(pk=ids["post"])
    assert (post.state, post.organisation_id) == ("published", ids["lead"])
    assert post.photos.get().pk == ids["photo"]
    conversation = post.conversations.get()
    assert conversation.pk == ids["conversation"]
    assert conversation.messages.get().pk == ids["message"]

    page = Page.objects.get(pk=ids["page"]).specific
    assert isinstance(page, StandardPage)
    assert (page.title, page.intro, page.live) == (
        "Mise à niveau",
        "Une page de la version précédente.",
        True,
    )
    assert page.body.raw_data[0]["value"] == "<p>Texte publié.</p>"
    assert list(page.revisions.order_by("created_at").values_list("pk", flat=True)) == [
        ids["revision_1"],
        ids["revision_2"],
    ]
    assert page.latest_revision_id == page.live_revision_id == ids["revision_2"]
    assert page.revisions.get(pk=ids["revision_1"]).as_object().title == "Mise à jour"
    entry = PageLogEntry.objects.get(pk=ids["log_entry"])
    assert (entry.page_id, entry.revision_id, entry.action) == (
        page.pk,
        ids["revision_2"],
        "wagtail.publish",
    )
    assert PageLogEntry.objects.for_instance(page).get().pk == ids["log_entry"]

    # Content types still name the same app and model, so the rows that point to them
    # (revisions, log entries, permissions, tags) still find the current models.
    for model in (Experiment, FundingApplication, SharingPost, StandardPage, FundingCall):
        old = ContentType.objects.get(pk=ContentType.objects.get_for_model(model).pk)
        assert (old.app_label, old.model) == (model._meta.app_label, model._meta.model_name)
        assert before["contenttypes.contenttype"][old.pk] == {
            "id": old.pk,
            "app_label": old.app_label,
            "model": old.model,
        }
