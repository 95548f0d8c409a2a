"""Private documents: what may be uploaded, and how a permitted person downloads it.

Types are checked on the file's content (magic numbers), never on its name. With S3 configured,
files live in the private storage and downloads are presigned URLs valid 5 minutes, issued only
after the permission check; otherwise a view streams them.
"""

import contextlib
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.http import FileResponse, HttpResponse, HttpResponseRedirect
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

DEFAULT_MAX_UPLOAD_SIZE = 20 * 1024 * 1024


def max_upload_size() -> int:
    return getattr(settings, "DOCUMENT_MAX_UPLOAD_SIZE", DEFAULT_MAX_UPLOAD_SIZE)


ACCEPTED = {
    "pdf": "application/pdf",
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "png": "image/png",
    "jpg": "image/jpeg",
}

_TYPE_LABELS = {content_type: extension.upper() for extension, content_type in ACCEPTED.items()}
_TYPE_LABELS["image/jpeg"] = "JPEG"


def type_label(content_type: str) -> str:
    """The name people know a document's type by ("PDF", "DOCX"), never a MIME type."""
    return _TYPE_LABELS.get(content_type, content_type.rsplit("/", 1)[-1].upper())


@dataclass(frozen=True)
class CheckedFile:
    name: str
    extension: str
    content_type: str
    size: int


def sanitise_name(name: str, extension: str) -> str:
    """An ASCII, path-free file name ending with the extension of its real type."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    base = unicodedata.normalize("NFKD", base).encode("ascii", "ignore").decode("ascii")
    stem = base.rsplit(".", 1)[0] if "." in base else base
    stem = get_valid_filename(stem.strip(" .")) or "document"
    return f"{stem[:100]}.{extension}"


def check_upload(uploaded: UploadedFile) -> CheckedFile:
    """Validate size and real type; raise ValidationError with a message for the user."""
    limit = max_upload_size()
    if uploaded.size > limit:
        raise ValidationError(
            _("The file is larger than %(max)d MB.") % {"max": limit // (1024 * 1024)},
            code="too_large",
        )
    if uploaded.size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    uploaded.seek(0)
    head = uploaded.read(8192)
    uploaded.seek(0)
    kind = filetype.guess(head)
    extension = kind.extension if kind else None
    if extension not in ACCEPTED:
        raise ValidationError(
            _(
                "This type of file is not accepted: PDF, ODT, DOCX, ODS, XLSX, PNG or JPEG only "
                "(the type is read from the content, not the name)."
            ),
            code="type",
        )
    return CheckedFile(
        name=sanitise_name(uploaded.name or "document", extension),
        extension=extension,
        content_type=ACCEPTED[extension],
        size=uploaded.size,
    )


class DocumentStorageError(Exception):
    """The file could not be stored (storage unreachable); nothing was changed."""


def save_with_file(
    instance,
    field_name: str,
    name: str,
    content,
    *,
    previous: str = "",
    error: type[DocumentStorageError] = DocumentStorageError,
) -> None:
    """Write the file of ``instance``'s ``field_name`` and save the row, in one transaction.

    On any failure of the storage or the database, remove the file just written (never
    ``previous``, the file it replaces) and raise ``error``: the object is left as it was.
    """
    file = getattr(instance, field_name)
    try:
        with transaction.atomic():
            file.save(name, content, save=False)
            instance.save()
    except Exception as failure:
        if file.name and file.name != previous:
            # Best-effort cleanup: the original failure is the one to report.
            with contextlib.suppress(Exception):
                file.storage.delete(file.name)
        raise error(str(failure)) from failure


STORE_UNREACHABLE = gettext_lazy(
    "The document store cannot be reached right now; nothing was changed. Please try again later."
)


def store_upload(
    form, field: str, store: Callable[[], object], *, unreachable=STORE_UNREACHABLE
) -> int | None:
    """Run ``store``, the service that stores the file of a valid ``form``: None once stored;
    otherwise the reason goes on the form's ``field`` and the status to answer is returned (400
    for a refused file, 503 with the ``unreachable`` message when the store cannot be
    reached)."""
    try:
        store()
    except ValidationError as error:
        form.add_error(field, error)
        return 400
    except DocumentStorageError:
        form.add_error(field, unreachable)
        return 503
    return None


def download_response(file_field, *, filename: str, content_type: str) -> HttpResponse:
    """Serve a private file to someone already allowed to read it.

    S3: redirect to a presigned URL (5 minutes) that forces a download. Local storage: stream it
    as an attachment. Never inline: uploaded content must not run in the site's origin.
    """
    storage = file_field.storage
    if hasattr(storage, "bucket_name"):  # django-storages S3
        url = storage.url(
            file_field.name,
            parameters={
                "ResponseContentDisposition": f'attachment; filename="{filename}"',
                "ResponseContentType": content_type,
            },
            expire=300,
        )
        response = HttpResponseRedirect(url)
    else:
        response = FileResponse(
            file_field.open("rb"), as_attachment=True, filename=filename, content_type=content_type
        )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
