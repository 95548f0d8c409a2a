"""Uploaded images are stored without their metadata (core/images.py): a phone's photo with its
GPS position in EXIF comes out upright and without EXIF, XMP nor comment, for the sharing
board's photos and for the editors' images of the public pages."""

import io

import pytest
from django.core.files.images import ImageFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import ExifTags, Image
from wagtail.images import get_image_model
from wagtail.models import Collection

import projects.sharing.services as sharing
from core.images import without_metadata
from tests.factories import UserFactory

WIDTH, HEIGHT = 40, 20
GPS = {1: "N", 2: (44.0, 33.0, 36.0), 3: "E", 4: (6.0, 4.0, 48.0)}  # Gap


def phone_photo(image_format: str = "JPEG") -> bytes:
    """A photo as a phone writes it: landscape pixels (red left half, blue right half) with the
    orientation tag « rotate 90° clockwise », a GPS position, the device, XMP and a comment."""
    image = Image.new("RGB", (WIDTH, HEIGHT), "red")
    image.paste((0, 0, 255), (WIDTH // 2, 0, WIDTH, HEIGHT))
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6
    exif[ExifTags.Base.Make] = "Téléphone"
    exif[ExifTags.IFD.GPSInfo] = GPS
    out = io.BytesIO()
    extra = {"comment": "pris à la maison"} if image_format == "JPEG" else {}
    image.save(out, image_format, exif=exif, xmp=b"<x:xmpmeta>44.56,6.08</x:xmpmeta>", **extra)
    assert Image.open(io.BytesIO(out.getvalue())).getexif().get_ifd(ExifTags.IFD.GPSInfo)
    return out.getvalue()


def assert_clean_and_upright(content: bytes, image_format: str = "JPEG") -> None:
    with Image.open(io.BytesIO(content)) as image:
        assert image.format == image_format
        assert not image.getexif()
        assert not image.getexif().get_ifd(ExifTags.IFD.GPSInfo)
        assert not {"exif", "xmp", "XML:com.adobe.xmp", "comment"} & set(image.info)
        assert b"44.56" not in content and b"maison" not in content
        # The orientation was applied to the pixels: portrait, red on top, blue below.
        assert image.size == (HEIGHT, WIDTH)
        red, blue = image.convert("RGB").getpixel((10, 5)), image.convert("RGB").getpixel((10, 35))
        assert red[0] > 200 and red[2] < 50
        assert blue[2] > 200 and blue[0] < 50


@pytest.mark.parametrize("image_format", ["JPEG", "PNG", "WEBP"])
def test_without_metadata_keeps_the_format_and_drops_the_metadata(image_format):
    content = without_metadata(io.BytesIO(phone_photo(image_format)), image_format)
    assert_clean_and_upright(content, image_format)


def test_an_animated_image_keeps_its_frames():
    frames = [Image.new("RGB", (10, 10), colour) for colour in ("red", "blue", "green")]
    out = io.BytesIO()
    frames[0].save(
        out, "WEBP", save_all=True, append_images=frames[1:], duration=100, exif=b"Exif\x00\x00"
    )
    content = without_metadata(io.BytesIO(out.getvalue()), "WEBP")
    with Image.open(io.BytesIO(content)) as image:
        assert image.n_frames == 3
        assert "exif" not in image.info


# ---------------------------------------------------------------------- the sharing board
@pytest.mark.django_db
def test_a_sharing_photo_is_stored_without_its_gps_position(sharing_people):
    post = sharing_people["post"]
    uploaded = SimpleUploadedFile("IMG_0001.jpg", phone_photo(), content_type="image/jpeg")
    photo = sharing.add_photo(
        post, by=sharing_people["owner"], uploaded=uploaded, alt_text="La salle"
    )
    with photo.file.open("rb") as stored:
        content = stored.read()
    assert_clean_and_upright(content)
    assert (photo.width, photo.height) == (HEIGHT, WIDTH)
    assert photo.size == len(content)


@pytest.mark.django_db
def test_the_photo_page_serves_the_clean_copy(client, sharing_people):
    post = sharing_people["post"]
    client.force_login(sharing_people["owner"])
    photos_url = reverse("projects:sharing_photos", kwargs={"pk": post.pk})
    response = client.post(
        photos_url,
        {"file": SimpleUploadedFile("IMG_0002.jpg", phone_photo()), "alt_text": "La salle"},
    )
    assert response.status_code == 302
    photo = post.photos.get()
    served = client.get(
        reverse("projects:sharing_photo", kwargs={"pk": post.pk, "photo_pk": photo.pk})
    )
    assert served.status_code == 200
    assert_clean_and_upright(b"".join(served.streaming_content))


# ---------------------------------------------------------------------- the editors' images
@pytest.mark.django_db
def test_an_image_saved_in_the_cms_loses_its_metadata():
    Image_ = get_image_model()
    image = Image_(title="Salle")
    image.file = ImageFile(io.BytesIO(phone_photo()), name="IMG_0003.jpg")
    image.save()
    image.refresh_from_db()
    with image.file.open("rb") as stored:
        content = stored.read()
    assert_clean_and_upright(content)
    assert (image.width, image.height) == (HEIGHT, WIDTH)
    assert image.file_size == len(content)
    # Saved again with the same file (a new title): the file is not touched.
    name = image.file.name
    image.title = "Salle de réunion"
    image.save()
    assert image.file.name == name


@pytest.mark.django_db
def test_an_image_uploaded_in_the_admin_loses_its_metadata(client):
    client.force_login(UserFactory(email="root@example.org", is_superuser=True, is_staff=True))
    response = client.post(
        reverse("wagtailimages:add"),
        {
            "title": "Salle",
            "description": "Une salle de réunion lumineuse",
            "collection": Collection.get_first_root_node().pk,
            "file": SimpleUploadedFile("IMG_0004.jpg", phone_photo(), content_type="image/jpeg"),
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    image = get_image_model().objects.get(title="Salle")
    with image.file.open("rb") as stored:
        assert_clean_and_upright(stored.read())


@pytest.mark.django_db
def test_the_multiple_upload_stores_a_clean_image(client):
    client.force_login(UserFactory(email="root@example.org", is_superuser=True, is_staff=True))
    response = client.post(
        reverse("wagtailimages:add_multiple"),
        {"files[]": SimpleUploadedFile("IMG_0005.jpg", phone_photo(), content_type="image/jpeg")},
    )
    assert response.status_code == 200
    body = response.json()
    assert body["success"], body
    if "uploaded_file_id" in body:  # held until its required description is given
        done = client.post(
            reverse(
                "wagtailimages:create_multiple_from_uploaded_image",
                args=[body["uploaded_file_id"]],
            ),
            {
                f"uploaded-image-{body['uploaded_file_id']}-title": "Salle",
                f"uploaded-image-{body['uploaded_file_id']}-description": "Une salle",
                f"uploaded-image-{body['uploaded_file_id']}-collection": (
                    Collection.get_first_root_node().pk
                ),
            },
        )
        assert done.status_code == 200 and done.json()["success"], done.json()
        image = get_image_model().objects.get(pk=done.json()["image_id"])
    else:
        image = get_image_model().objects.get(pk=body["image_id"])
    with image.file.open("rb") as stored:
        assert_clean_and_upright(stored.read())
