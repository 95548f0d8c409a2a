"""Photos of sharing posts: what may be uploaded, and how they are served.

Types are read from the content (magic numbers, then decoded by Pillow), never from the name:
JPEG, PNG or WebP, 5 MB and 40 megapixels at most. A checked photo is re-encoded in its format,
upright and without its metadata (EXIF with the GPS position, XMP, comments: `core.images`): what
is stored and served is that copy, never the uploaded file. Photos live in the private storage
and are served by a view only while their post may be read (on the board: anyone; otherwise its
organisation and the coordinators), never from a guessable public address.
"""

from dataclasses import dataclass

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.http import FileResponse, HttpResponse, HttpResponseRedirect
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from core.documents import sanitise_name
from core.images import without_metadata

DEFAULT_MAX_PHOTO_SIZE = 5 * 1024 * 1024
MAX_PIXELS = 40_000_000

ACCEPTED = {"jpg": "image/jpeg", "png": "image/png", "webp": "image/webp"}
PILLOW_FORMATS = {"jpg": "JPEG", "png": "PNG", "webp": "WEBP"}


def max_photo_size() -> int:
    return getattr(settings, "SHARING_PHOTO_MAX_SIZE", DEFAULT_MAX_PHOTO_SIZE)


@dataclass(frozen=True)
class CheckedPhoto:
    """A photo that passed the checks: its re-encoded ``content`` (the file to store) and what
    the post's page needs to know of it."""

    name: str
    content_type: str
    size: int
    width: int
    height: int
    content: ContentFile


def check_photo(uploaded: UploadedFile) -> CheckedPhoto:
    """Validate size, real type and dimensions, then re-encode the photo without its metadata;
    raise ValidationError with a message."""
    limit = max_photo_size()
    if uploaded.size > limit:
        raise ValidationError(
            _("The photo is larger than %(max)d MB.") % {"max": limit // (1024 * 1024)},
            code="too_large",
        )
    if uploaded.size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    uploaded.seek(0)
    kind = filetype.guess(uploaded.read(8192))
    uploaded.seek(0)
    extension = kind.extension if kind else None
    if extension not in ACCEPTED:
        raise ValidationError(
            _("Only JPEG, PNG or WebP photos are accepted (the type is read from the content)."),
            code="type",
        )
    try:
        with Image.open(uploaded) as image:
            width, height = image.size
            if image.format != PILLOW_FORMATS[extension]:
                raise ValidationError(_("This photo cannot be read."), code="corrupt")
            if width * height > MAX_PIXELS:
                raise ValidationError(_("This photo has too many pixels."), code="too_many_pixels")
            image.verify()
        uploaded.seek(0)
        content = without_metadata(uploaded, PILLOW_FORMATS[extension])
        with Image.open(ContentFile(content)) as cleaned:
            width, height = cleaned.size  # upright: the orientation tag is applied
    except (
        UnidentifiedImageError,
        OSError,
        SyntaxError,
        ValueError,
        Image.DecompressionBombError,
    ) as error:
        raise ValidationError(_("This photo cannot be read."), code="corrupt") from error
    finally:
        uploaded.seek(0)
    if len(content) > limit:
        raise ValidationError(
            _("The photo is larger than %(max)d MB.") % {"max": limit // (1024 * 1024)},
            code="too_large",
        )
    name = sanitise_name(uploaded.name or "photo", extension)
    return CheckedPhoto(
        name=name,
        content_type=ACCEPTED[extension],
        size=len(content),
        width=width,
        height=height,
        content=ContentFile(content, name=name),
    )


def photo_response(file_field, *, content_type: str, public: bool) -> HttpResponse:
    """Serve a photo to someone allowed to see it.

    S3: a redirect to a presigned URL (5 minutes). Local storage: the file itself. ``public``
    (the post is on the board) lets browsers keep it five minutes; otherwise nothing is cached.
    """
    storage = file_field.storage
    if hasattr(storage, "bucket_name"):  # django-storages S3
        url = storage.url(
            file_field.name, parameters={"ResponseContentType": content_type}, expire=300
        )
        response = HttpResponseRedirect(url)
        response["Cache-Control"] = "private, no-store"
    else:
        response = FileResponse(file_field.open("rb"), content_type=content_type)
        response["Cache-Control"] = "public, max-age=300" if public else "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'"
    return response
