"""Writing posts: who may post (on behalf of their organisation), forms that keep input, the
post's life (publish, renew, fulfil, withdraw), photos and who sees them."""

import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from PIL import Image

import projects.sharing.services as sharing
from projects.network.models import Territory
from projects.sharing.models import SharingPhoto, SharingPost
from tests.factories import sharing_post
from tests.sharing.conftest import SHARING_ROLES

P = SharingPost


def url(view: str, **kwargs) -> str:
    with translation.override("fr"):
        return reverse(f"projects:{view}", kwargs=kwargs or None)


def client_for(client, people, role):
    if role != "anonymous":
        client.force_login(people[role])
    return client


def form_data(**overrides) -> dict:
    data = {
        "kind": "request",
        "category": "vehicle",
        "title": "Un minibus pour une sortie",
        "description": "Pour emmener douze enfants au lac un samedi.",
        "territory": str(Territory.objects.get(slug="gap").pk),
        "availability": "dates",
        "available_from": "2031-06-01",
        "available_until": "2031-06-30",
        "terms": "cost_sharing",
        "terms_note": "carburant partagé",
        "action": "publish",
    }
    data.update(overrides)
    return data


# ---------------------------------------------------------------------- who may post
@pytest.mark.django_db
@pytest.mark.parametrize("role", SHARING_ROLES)
def test_who_opens_the_new_post_form(client, sharing_people, role):
    response = client_for(client, sharing_people, role).get(url("sharing_new"))
    # A coordinator without an organisation moderates, but posts for no one.
    expected = {"anonymous": 302, "nobody": 403, "coordinator": 403}.get(role, 200)
    assert response.status_code == expected
    if expected == 403:
        # Someone without an organisation is told how to join one.
        html = response.content.decode()
        with translation.override("fr"):
            ask = gettext(
                "If your organisation is in the directory, ask its administrator on the platform "
                "to invite you: you will receive an e-mail to join it."
            )
        assert ask in html


@pytest.mark.django_db
def test_a_member_posts_on_behalf_of_their_organisation(client, sharing_people):
    owner, organisation = sharing_people["owner"], sharing_people["owner_org"]
    client.force_login(owner)
    data = form_data(organisation=str(organisation.pk))
    response = client.post(url("sharing_new"), data)
    post = SharingPost.objects.get(title="Un minibus pour une sortie")
    assert response.status_code == 302
    assert response["Location"] == url("sharing_post", pk=post.pk)
    assert (post.organisation, post.author, post.state) == (organisation, owner, P.State.PUBLISHED)
    assert post.is_on_board()


@pytest.mark.django_db
def test_a_draft_stays_off_the_board(client, sharing_people):
    owner, organisation = sharing_people["owner"], sharing_people["owner_org"]
    client.force_login(owner)
    client.post(url("sharing_new"), form_data(organisation=str(organisation.pk), action="draft"))
    post = SharingPost.objects.get(title="Un minibus pour une sortie")
    assert post.state == P.State.DRAFT
    assert post.published_at is None


@pytest.mark.django_db
def test_no_one_posts_for_an_organisation_they_do_not_belong_to(client, sharing_people):
    client.force_login(sharing_people["owner"])
    other = sharing_people["replier_org"]
    response = client.post(url("sharing_new"), form_data(organisation=str(other.pk)))
    assert response.status_code == 400
    assert not SharingPost.objects.filter(title="Un minibus pour une sortie").exists()
    with pytest.raises(PermissionDenied):
        sharing_post(sharing_people["owner"], other)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"available_until": "2031-05-01"}, "available_until"),  # before the start
        ({"available_from": ""}, "available_from"),  # dates need both ends
        ({"availability": "recurring"}, "weekdays"),  # recurring needs a day
        ({"terms": "price"}, "price"),  # a price needs a price
        ({"commune": "briancon"}, "commune"),  # Briançon is not inside Gap
        ({"title": ""}, "title"),
    ],
)
def test_a_post_with_errors_comes_back_400_with_what_was_typed(
    client, sharing_people, overrides, field
):
    client.force_login(sharing_people["owner"])
    if overrides.get("commune"):
        overrides["commune"] = str(Territory.objects.get(slug=overrides["commune"]).pk)
    data = form_data(organisation=str(sharing_people["owner_org"].pk), **overrides)
    response = client.post(url("sharing_new"), data)
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert "Pour emmener douze enfants au lac un samedi." in response.content.decode()
    assert not SharingPost.objects.filter(description=data["description"]).exists()


@pytest.mark.django_db
def test_recurring_days_are_saved_and_shown_again(client, sharing_people):
    client.force_login(sharing_people["owner"])
    data = form_data(
        organisation=str(sharing_people["owner_org"].pk),
        availability="recurring",
        available_from="",
        available_until="",
        weekdays=["1", "3"],
    )
    assert client.post(url("sharing_new"), data).status_code == 302
    post = SharingPost.objects.get(title=data["title"])
    assert post.weekday_numbers == [1, 3]
    form = client.get(url("sharing_edit", pk=post.pk)).context["form"]
    assert form.initial["weekdays"] == [1, 3]


# ---------------------------------------------------------------------- managing a post
EDIT_STATUS = {
    "anonymous": 302,
    "nobody": 403,
    "outsider": 403,
    "replier": 403,
    "coordinator": 403,
    "owner": 200,
}


@pytest.mark.django_db
@pytest.mark.parametrize("role", SHARING_ROLES)
@pytest.mark.parametrize("view", ["sharing_edit", "sharing_photos"])
def test_only_the_posts_organisation_manages_it(client, sharing_people, role, view):
    response = client_for(client, sharing_people, role).get(url(view, pk=sharing_people["post"].pk))
    assert response.status_code == EDIT_STATUS[role]


@pytest.mark.django_db
@pytest.mark.parametrize("role", SHARING_ROLES)
def test_only_the_posts_organisation_runs_its_transitions(client, sharing_people, role):
    post = sharing_people["post"]
    withdraw = url("sharing_transition", pk=post.pk, name="withdraw")
    someone = client_for(client, sharing_people, role)
    if role == "owner":  # asked first (without the dialog: a page), then done once confirmed
        assert someone.post(withdraw).status_code == 200
        post.refresh_from_db()
        assert post.state == P.State.PUBLISHED
    response = someone.post(withdraw, {"confirmed": "yes"})
    post.refresh_from_db()
    if role == "owner":
        assert response.status_code == 302
        assert post.state == P.State.WITHDRAWN
    else:
        assert response.status_code == (302 if role == "anonymous" else 403)
        assert post.state == P.State.PUBLISHED


@pytest.mark.django_db
def test_colleagues_of_the_author_manage_the_post_too(sharing_people):
    from tests.factories import member_of

    colleague = member_of(sharing_people["owner_org"])
    post = sharing.update_post(sharing_people["post"], by=colleague, changes={"title": "Nouveau"})
    assert post.title == "Nouveau"


@pytest.mark.django_db
def test_the_life_of_a_post(sharing_people):
    owner, post = sharing_people["owner"], sharing_people["post"]
    # Fresh on the board: nothing to renew yet.
    assert [name for name, _ in sharing.available_transitions(post, owner)] == [
        "fulfil",
        "withdraw",
    ]
    with pytest.raises(sharing.SharingError):
        sharing.run_post_transition(post, "renew", by=owner)
    with pytest.raises(sharing.SharingError):
        sharing.run_post_transition(post, "publish", by=owner)
    post = sharing.run_post_transition(post, "fulfil", by=owner)
    assert post.state == P.State.FULFILLED and post.fulfilled_at is not None
    with pytest.raises(sharing.SharingError):
        sharing.update_post(post, by=owner, changes={"title": "Trop tard"})
    assert sharing.available_transitions(post, owner) == []
    with pytest.raises(sharing.SharingError):
        sharing.run_post_transition(post, "unknown", by=owner)


@pytest.mark.django_db
def test_an_unknown_action_is_a_409_not_a_500(client, sharing_people):
    client.force_login(sharing_people["owner"])
    post = sharing_people["post"]
    response = client.post(url("sharing_transition", pk=post.pk, name="explode"))
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.state == P.State.PUBLISHED


# ---------------------------------------------------------------------- photos
def image_bytes(fmt: str = "JPEG", size=(40, 30)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, "green").save(buffer, format=fmt)
    return buffer.getvalue()


def upload(name: str, content: bytes, content_type: str = "image/jpeg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


@pytest.mark.django_db
def test_photos_are_checked_on_their_content(client, sharing_people):
    client.force_login(sharing_people["owner"])
    post = sharing_people["post"]
    photos_url = url("sharing_photos", pk=post.pk)
    good = client.post(
        photos_url, {"file": upload("salle.jpg", image_bytes()), "alt_text": "La salle vide"}
    )
    assert good.status_code == 302
    photo = SharingPhoto.objects.get(post=post)
    assert (photo.content_type, photo.width, photo.height) == ("image/jpeg", 40, 30)
    for name, content in [
        ("script.jpg", b"<script>alert(1)</script>" * 20),  # not an image, whatever its name
        ("doc.png", b"%PDF-1.4\n" + b"0" * 200),
        ("broken.jpg", image_bytes()[:60]),  # a JPEG header and nothing after
    ]:
        response = client.post(photos_url, {"file": upload(name, content), "alt_text": "x"})
        assert response.status_code == 400, name
        assert "file" in response.context["form"].errors
    missing_alt = client.post(photos_url, {"file": upload("salle.jpg", image_bytes())})
    assert missing_alt.status_code == 400
    assert SharingPhoto.objects.filter(post=post).count() == 1


@pytest.mark.django_db
def test_a_photo_the_store_refuses_leaves_the_post_as_it_was(client, sharing_people, monkeypatch):
    field = SharingPhoto._meta.get_field("file")

    def refuse(*args, **kwargs):
        raise OSError("the photo store is down")

    monkeypatch.setattr(field.storage, "save", refuse)
    client.force_login(sharing_people["owner"])
    post = sharing_people["post"]
    response = client.post(
        url("sharing_photos", pk=post.pk),
        {"file": upload("salle.jpg", image_bytes()), "alt_text": "La salle vide"},
    )
    assert response.status_code == 503
    assert "file" in response.context["form"].errors
    assert response.context["form"]["alt_text"].value() == "La salle vide"  # kept
    assert not SharingPhoto.objects.filter(post=post).exists()


@pytest.mark.django_db
def test_at_most_four_photos(sharing_people):
    owner, post = sharing_people["owner"], sharing_people["post"]
    for n in range(sharing.MAX_PHOTOS):
        sharing.add_photo(
            post, by=owner, uploaded=upload(f"p{n}.png", image_bytes("PNG")), alt_text=f"Vue {n}"
        )
    with pytest.raises(ValidationError):
        sharing.add_photo(
            post, by=owner, uploaded=upload("p.png", image_bytes("PNG")), alt_text="x"
        )


@pytest.mark.django_db
@pytest.mark.parametrize("role", SHARING_ROLES)
def test_photos_follow_the_post(client, sharing_people, role):
    """Public while the post is on the board; only its organisation and the coordinators see
    a draft's photos."""
    owner, organisation = sharing_people["owner"], sharing_people["owner_org"]
    draft = sharing_post(owner, organisation, title="Brouillon avec photo", publish=False)
    photo = sharing.add_photo(
        draft, by=owner, uploaded=upload("d.png", image_bytes("PNG")), alt_text="Un établi"
    )
    photo_url = url("sharing_photo", pk=draft.pk, photo_pk=photo.pk)
    client = client_for(client, sharing_people, role)
    response = client.get(photo_url)
    allowed = role in {"owner", "coordinator"}
    assert response.status_code == (200 if allowed else 404)
    if allowed:
        assert response["Content-Type"] == "image/png"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert "no-store" in response["Cache-Control"]
        # Reading the stream to its end closes the file (as the server does).
        assert b"".join(response.streaming_content).startswith(b"\x89PNG")
    sharing.run_post_transition(draft, "publish", by=owner)
    published = client.get(photo_url)
    assert published.status_code == 200
    assert "public" in published["Cache-Control"]
    assert b"".join(published.streaming_content).startswith(b"\x89PNG")
    # A photo is only reached through its own post.
    other = sharing_people["post"]
    assert client.get(url("sharing_photo", pk=other.pk, photo_pk=photo.pk)).status_code == 404


@pytest.mark.django_db
def test_removing_a_photo(client, sharing_people):
    owner, post = sharing_people["owner"], sharing_people["post"]
    photo = sharing.add_photo(
        post, by=owner, uploaded=upload("a.png", image_bytes("PNG")), alt_text="Vue"
    )
    client.force_login(sharing_people["replier"])
    delete_url = url("sharing_photo_delete", pk=post.pk, photo_pk=photo.pk)
    assert client.post(delete_url).status_code == 403
    client.force_login(owner)
    assert client.post(delete_url).status_code == 200  # the page that asks to confirm
    assert SharingPhoto.objects.filter(pk=photo.pk).exists()
    assert client.post(delete_url, {"confirmed": "yes"}).status_code == 302
    assert not SharingPhoto.objects.filter(pk=photo.pk).exists()


# ---------------------------------------------------------------------- reading a post
READ_DRAFT = {
    "anonymous": 404,
    "nobody": 404,
    "outsider": 404,
    "replier": 404,
    "owner": 200,
    "coordinator": 200,
}


@pytest.mark.django_db
@pytest.mark.parametrize("role", SHARING_ROLES)
def test_who_reads_a_post(client, sharing_people, role):
    client = client_for(client, sharing_people, role)
    post = sharing_people["post"]
    assert client.get(url("sharing_post", pk=post.pk)).status_code == 200
    draft = sharing_post(
        sharing_people["owner"], sharing_people["owner_org"], title="Pas encore", publish=False
    )
    assert client.get(url("sharing_post", pk=draft.pk)).status_code == READ_DRAFT[role]
