"""Images: a description is required on upload; pages render WebP with a JPEG or PNG fallback."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.loader import render_to_string
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.images.forms import get_image_form
from wagtail.models import Collection

from home.images import ImageForm
from home.models import StandardPage
from tests.factories import ImageFactory, UserFactory


def _upload(name: str = "photo.png", fmt: str = "PNG") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    PILImage.new("RGBA" if fmt == "PNG" else "RGB", (40, 30), (200, 80, 0)).save(buffer, fmt)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=f"image/{fmt.lower()}")


def _form_data(**overrides) -> dict:
    data = {"title": "Atelier", "collection": Collection.get_first_root_node().pk, "tags": ""}
    data.update(overrides)
    return data


@pytest.mark.django_db
def test_image_form_is_the_project_form():
    assert issubclass(get_image_form(get_image_model()), ImageForm)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("description", "valid"), [("", False), ("  ", False), ("Un atelier", True)]
)
def test_image_upload_requires_a_description(description, valid):
    user = UserFactory(is_superuser=True)
    form_class = get_image_form(get_image_model())
    form = form_class(_form_data(description=description), {"file": _upload()}, user=user)
    assert form.is_valid() is valid
    if not valid:
        assert "description" in form.errors


@pytest.mark.django_db
def test_admin_refuses_an_image_without_description(client):
    user = UserFactory(is_superuser=True)
    client.force_login(user)
    response = client.post("/admin/images/add/", {**_form_data(), "file": _upload()})
    assert response.status_code in (200, 400)
    assert not get_image_model().objects.filter(title="Atelier").exists()
    response = client.post(
        "/admin/images/add/", {**_form_data(description="Un atelier"), "file": _upload()}
    )
    assert response.status_code == 302
    assert get_image_model().objects.get(title="Atelier").description == "Un atelier"


def _sources(html: str) -> dict[str, str]:
    """The <source> elements of a picture: {type: srcset}."""
    sources = {}
    for tag in re.findall(r"<source [^>]+>", html):
        attrs = dict(re.findall(r'(\w+)="([^"]*)"', tag))
        sources[attrs["type"]] = attrs["srcset"]
    return sources


@pytest.mark.django_db
def test_picture_offers_webp_with_a_jpeg_fallback_in_several_widths():
    image = ImageFactory()
    html = render_to_string("includes/picture.html", {"image": image, "preset": "content"})
    assert html.startswith("<picture>")
    sources = _sources(html)
    assert list(sources) == ["image/webp"]
    assert [part.split()[1] for part in sources["image/webp"].split(", ")] == [
        "480w",
        "800w",
        "1200w",
    ]
    img = re.search(r"<img [^>]+>", html).group(0)
    assert re.search(r'src="[^"]+\.jpg"', img)
    assert 'sizes="(min-width: 50em) 50em, 100vw"' in html
    assert f'alt="{image.description}"' in img
    assert 'width="480"' in img and 'height="270"' in img
    assert 'loading="lazy"' in img


@pytest.mark.django_db
def test_picture_falls_back_to_png_for_images_that_may_be_transparent():
    image = ImageFactory(file=_upload("logo.png"))
    html = render_to_string("includes/picture.html", {"image": image, "preset": "logo"})
    assert list(_sources(html)) == ["image/webp"]
    assert re.search(r'<img [^>]*src="[^"]+\.png"', html)


@pytest.mark.django_db
def test_image_block_uses_its_alt_text_or_marks_the_image_decorative(client):
    image = ImageFactory()
    page = StandardPage.objects.get(locale__language_code="fr", slug="participer")
    body = list(page.body.raw_data)
    body.append(
        {
            "type": "image",
            "value": {"image": image.pk, "alt_text": "Des bénévoles", "decorative": False},
        }
    )
    body.append({"type": "image", "value": {"image": image.pk, "alt_text": "", "decorative": True}})
    page.body = body
    page.save_revision().publish()
    html = client.get(page.url).content.decode()
    assert html.count("<picture>") == 2
    assert 'alt="Des bénévoles"' in html
    assert 'alt=""' in html
    assert 'type="image/webp"' in html
