"""Review processes in the Wagtail admin: a funder's staff edit their funder's, read the presets,
copy them; the dossiers that start afterwards follow the new stages, those in flight keep theirs."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

import funding.dossiers.services as dossiers
from accounts import roles
from funding.dossiers.models import (
    FunderMembership,
    FundingApplication,
    ReviewProcess,
    ReviewStage,
)
from tests.dossiers.helpers import submitted, under_review
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PRESET = "screening_review_committee"


def url(name: str, *args) -> str:
    return reverse(f"wagtailsnippets_funding_reviewprocess:{name}", args=args)


def preset(slug: str = PRESET) -> ReviewProcess:
    return ReviewProcess.objects.get(funder=None, preset=slug)


def own_process(world, stages: list[dict] | None = None) -> ReviewProcess:
    """Funder A's process: a copy of the single preset."""
    process = dossiers.copy_review_process(
        preset("single"), funder=world.call_a.funder, name="Examen maison", by=world.reviewer_a
    )
    return process


def stage_data(index: int, stage: ReviewStage | None = None, **fields) -> dict:
    values = {
        "id": stage.pk if stage else "",
        "ORDER": index + 1,
        "DELETE": "",
        "name": stage.name if stage else "",
        "actors": stage.actors if stage else "staff",
        "required_reviews": stage.required_reviews if stage else 0,
        "criteria": stage.criteria if stage else "",
        "scores": "on" if stage and stage.scores else "",
        "can_request_changes": "on" if not stage or stage.can_request_changes else "",
        "can_decline": "on" if not stage or stage.can_decline else "",
    }
    values.update(fields)
    return {f"stages-{index}-{key}": value for key, value in values.items() if value != ""}


def form_data(process: ReviewProcess, stages: list[dict], **fields) -> dict:
    """The edit form as posted, its stages given as ``stage_data`` dicts."""
    initial = process.stages.count()
    data = {
        "name": process.name,
        "funder": process.funder_id or "",
        "language": process.language,
        "stages-TOTAL_FORMS": str(len(stages)),
        "stages-INITIAL_FORMS": str(initial),
        "stages-MIN_NUM_FORMS": "1",
        "stages-MAX_NUM_FORMS": "8",
    }
    for stage in stages:
        data.update(stage)
    data.update(fields)
    return data


def test_staff_edit_the_stages_and_only_new_dossiers_follow_them(client, world):
    process = own_process(world)
    in_flight = under_review(world)  # its one stage is frozen: « Examen »
    assert [s.name for s in in_flight.stages.all()] == ["Examen"]

    client.force_login(world.reviewer_a)
    first = process.stages.get()
    data = form_data(
        process,
        [
            stage_data(0, first, name="Recevabilité", scores=""),
            stage_data(
                1,
                name="Comité d'engagement",
                actors="committee",
                scores="on",
                criteria="Utilité sociale | 3\nSolidité financière",
            ),
        ],
    )
    response = client.post(url("edit", process.pk), data)
    assert response.status_code == 302, response.content.decode()[:2000]

    stages = list(process.stages.order_by("sort_order"))
    assert [(s.name, s.code, s.actors) for s in stages] == [
        ("Recevabilité", "", "staff"),
        ("Comité d'engagement", "", "committee"),
    ]
    in_flight.refresh_from_db()
    assert [s.name for s in in_flight.stages.order_by("position")] == ["Examen"]

    in_flight = dossiers.run_transition(in_flight, "withdraw", by=world.lead)
    new = dossiers.run_transition(submitted(world), "start_review", by=world.reviewer_a)
    new = FundingApplication.objects.get(pk=new.pk)
    assert [(s.name, s.actors) for s in new.stages.order_by("position")] == [
        ("Recevabilité", "staff"),
        ("Comité d'engagement", "committee"),
    ]
    assert new.stage.name == "Recevabilité"
    committee = new.stages.get(position=2)
    assert [c["label"] for c in committee.own_criteria] == [
        "Utilité sociale",
        "Solidité financière",
    ]


def test_staff_of_another_funder_never_see_the_process(client, world):
    process = own_process(world)
    client.force_login(world.reviewer_b)
    # Django's locale middleware sends an admin 404 to the same path under the language prefix,
    # where it is a 404 again: follow it.
    for name in ("edit", "delete", "inspect", "history", "usage", "copy"):
        response = client.get(url(name, process.pk), follow=True)
        assert response.status_code == 404, name
    before = process.name
    response = client.post(url("edit", process.pk), form_data(process, [], name="Piraté"))
    assert response.status_code == 302
    assert client.get(response["Location"]).status_code == 404
    process.refresh_from_db()
    assert process.name == before
    listing = client.get(url("list")).content.decode()
    assert "Examen maison" not in listing
    assert "Présélection, expertise externe, comité" in listing


def test_staff_read_the_presets_and_cannot_change_them(client, world):
    client.force_login(world.reviewer_a)
    process = preset()
    assert client.get(url("inspect", process.pk)).status_code == 200
    body = client.get(url("inspect", process.pk)).content.decode()
    assert "External review" in body or "Expertise externe" in body
    for name in ("edit", "delete"):
        response = client.get(url(name, process.pk))
        assert response.status_code == 302, name
        assert response["Location"] == reverse("wagtailadmin_home")
    stages = [stage_data(i, s) for i, s in enumerate(process.stages.all())]
    client.post(url("edit", process.pk), form_data(process, stages, name="Piraté"))
    process.refresh_from_db()
    assert process.name != "Piraté"


def test_staff_copy_a_preset_for_their_funder(client, world):
    client.force_login(world.reviewer_a)
    source = preset()
    assert client.get(url("copy", source.pk)).status_code == 200
    funder_b = world.call_b.funder
    refused = client.post(url("copy", source.pk), {"name": "Chez B", "funder": funder_b.pk})
    assert refused.status_code == 200
    assert not ReviewProcess.objects.filter(name="Chez B").exists()

    response = client.post(
        url("copy", source.pk), {"name": "Notre comité", "funder": world.call_a.funder.pk}
    )
    copy = ReviewProcess.objects.get(name="Notre comité")
    assert response.status_code == 302
    assert response["Location"] == url("edit", copy.pk)
    assert copy.funder == world.call_a.funder and copy.preset == ""
    assert [s.code for s in copy.stages.all()] == ["screening", "external_review", "committee"]
    assert client.get(url("edit", copy.pk)).status_code == 200


def test_errors_show_on_the_form_and_keep_what_was_typed(client, world):
    process = own_process(world)
    client.force_login(world.reviewer_a)
    first = process.stages.get()
    bad_criteria = form_data(
        process, [stage_data(0, first, criteria="Utilité | lourde", name="Tapé à la main")]
    )
    response = client.post(url("edit", process.pk), bad_criteria)
    assert response.status_code == 200
    body = response.content.decode()
    assert "doit être un nombre entier de 1 à 10" in body
    assert "Tapé à la main" in body

    no_stage = form_data(process, [stage_data(0, first, DELETE="on")])
    response = client.post(url("edit", process.pk), no_stage)
    assert response.status_code == 200
    assert process.stages.count() == 1

    other_call = form_data(process, [stage_data(0, first)], calls=[world.call_b.pk])
    response = client.post(url("edit", process.pk), other_call)
    assert response.status_code == 200
    assert not process.calls.exists()


def test_the_funder_and_calls_offered_are_the_staffs_own(client, world):
    client.force_login(world.reviewer_a)
    process = own_process(world)
    form = client.get(url("edit", process.pk)).context["form"]
    assert list(form.fields["funder"].queryset) == [world.call_a.funder]
    assert list(form.fields["calls"].queryset) == [world.call_a]


def test_coordinators_keep_every_process(client, world):
    client.force_login(world.coordinator)
    process = preset("single")
    stages = [stage_data(0, process.stages.get(), required_reviews=1)]
    response = client.post(url("edit", process.pk), form_data(process, stages))
    assert response.status_code == 302
    assert process.stages.get().required_reviews == 1
    assert client.get(url("edit", own_process(world).pk)).status_code == 200


def test_the_staff_group_follows_the_memberships(world):
    group = Group.objects.get(name=roles.FUNDER_STAFF)
    assert group.permissions.filter(codename="access_admin").exists()
    person = UserFactory(email="nouvelle@example.org")
    membership = FunderMembership.objects.create(user=person, funder=world.call_a.funder)
    assert person.groups.filter(name=roles.FUNDER_STAFF).exists()
    assert person.has_perm("wagtailadmin.access_admin")
    membership.role = FunderMembership.Role.REVIEWER
    membership.save()
    assert not person.groups.filter(name=roles.FUNDER_STAFF).exists()
    membership.role = FunderMembership.Role.STAFF
    membership.save()
    membership.delete()
    assert not person.groups.filter(name=roles.FUNDER_STAFF).exists()


def test_the_staffs_admin_menu_shows_the_processes_only(client, world):
    client.force_login(world.reviewer_a)
    home = client.get(reverse("wagtailadmin_home"))
    assert home.status_code == 200
    body = home.content.decode()
    assert url("list") in body
    assert reverse("wagtailsnippets_funding_fundingcall:list") not in body
    assert reverse("wagtailsnippets_funding_fundermembership:list") not in body
    assert client.get(reverse("wagtailsnippets_funding_fundingcall:list")).status_code == 302


def test_reviewers_and_people_without_a_funder_stay_out(client, world):
    reviewer = UserFactory(email="pas-staff@example.org")
    FunderMembership.objects.create(
        user=reviewer, funder=world.call_a.funder, role=FunderMembership.Role.REVIEWER
    )
    for user in (reviewer, world.other):
        client.force_login(user)
        response = client.get(url("list"))
        assert response.status_code == 302
        assert "/admin/login/" in response["Location"]


def test_the_listing_queries_do_not_grow_with_the_processes(
    client, world, django_assert_max_num_queries
):
    client.force_login(world.reviewer_a)
    own_process(world)
    client.get(url("list"))
    with django_assert_max_num_queries(40) as before:
        client.get(url("list"))
    count = len(before.captured_queries)  # now: the log of queries is a bounded deque
    for _index in range(5):
        process = own_process(world)
        process.calls.add(world.call_a)
    with django_assert_max_num_queries(count):
        client.get(url("list"))


def test_staff_add_a_process_only_for_their_funder(client, world):
    client.force_login(world.reviewer_a)
    assert client.get(url("add")).status_code == 200
    blank = ReviewProcess(name="Nouveau", language="fr")
    stages = [stage_data(0, name="Examen", scores="on")]
    data = form_data(blank, stages, **{"stages-INITIAL_FORMS": "0"})
    for funder, created in ((world.call_b.funder, False), ("", False), (world.call_a.funder, True)):
        data["funder"] = getattr(funder, "pk", funder)
        response = client.post(url("add"), data)
        assert response.status_code == (302 if created else 200)
        assert ReviewProcess.objects.filter(name="Nouveau").exists() is created
    process = ReviewProcess.objects.get(name="Nouveau")
    assert process.funder == world.call_a.funder
    assert [s.name for s in process.stages.all()] == ["Examen"]
