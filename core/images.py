"""Uploaded images re-encoded without what the camera or the editing program wrote in them.

A phone's photo carries EXIF (the GPS position where it was taken, the date, the device and its
serial number), often XMP (the same and more) and sometimes IPTC or comments. Whoever uploads a
photo to a sharing post or a public page rarely knows, and the original file is served as it was
uploaded. ``without_metadata`` decodes the image, applies the EXIF orientation to the pixels (so
that the photo still stands the right way up once the tag is gone), and writes a new file in the
same format from the pixels alone. Sharing photos go through it after their checks
(`projects.sharing.photos`), the CMS's images when they are saved (`strip_image_file`, connected
by `home.signals`). The ICC colour profile is kept: it says how to show the
colours (phones shoot in Display P3) and nothing about the person. Animated images keep their
frames and timing.
"""

import os
from io import BytesIO

from django.core.files.base import ContentFile
from PIL import Image, ImageOps, JpegImagePlugin
from wagtail.utils.file import hash_filelike

# What a re-encoded file keeps of the decoder's ``info``: how to draw it, nothing else.
KEPT_INFO = ("transparency", "duration", "loop", "background")
JPEG_QUALITY = 90
WEBP_QUALITY = 90


def without_metadata(source, image_format: str) -> bytes:
    """The image of ``source`` (a file open for reading, at its start) in ``image_format``
    (Pillow's name: JPEG, PNG, WEBP, GIF), upright, without EXIF, XMP, IPTC nor comments.

    Raises what Pillow raises on a file it cannot decode (``OSError``, ``ValueError``…): check
    the file before calling this.
    """
    with Image.open(source) as original:
        original.load()
        frames = getattr(original, "n_frames", 1)
        icc_profile = original.info.get("icc_profile")
        options = _options(original, image_format)
        if frames > 1:
            image = original
            options.update(save_all=True)
        else:
            image = ImageOps.exif_transpose(original)
        kept = {key: image.info[key] for key in KEPT_INFO if key in image.info}
        image.info = kept
        if icc_profile:
            options["icc_profile"] = icc_profile
        out = BytesIO()
        image.save(out, format=image_format, **options)
    return out.getvalue()


def _options(image: Image.Image, image_format: str) -> dict:
    if image_format == "JPEG":
        if isinstance(image, JpegImagePlugin.JpegImageFile) and image.quantization:
            # The original's own compression: the file stays about the same size and quality.
            return {
                "qtables": image.quantization,
                "subsampling": JpegImagePlugin.get_sampling(image),
            }
        return {"quality": JPEG_QUALITY}
    if image_format == "WEBP":
        return {"quality": WEBP_QUALITY}
    return {}


def strip_image_file(image) -> bool:
    """Replace the file of a Wagtail image being saved with a copy without metadata.

    Runs before the row is saved, for a new image or a new file (the admin's upload, the
    multiple upload — which stores the file before the row — and code such as the demo
    loader); an image saved again with the same file is left alone. Returns whether the file
    was replaced. A file Pillow cannot re-encode (a format Wagtail accepts but Pillow does not
    write) is kept as it is.
    """
    file = image.file
    if not file or (image.pk is not None and getattr(file, "_committed", True)):
        return False
    stored = file.name if getattr(file, "_committed", False) else None
    try:
        file.open("rb")
        file.seek(0)
        data = file.read()
    finally:
        if stored:  # opened from the storage here: close it (an upload is closed by Django)
            file.close()
    try:
        with Image.open(BytesIO(data)) as probe:
            image_format = probe.format
        content = without_metadata(BytesIO(data), image_format)
    except (OSError, ValueError, SyntaxError, KeyError, Image.DecompressionBombError):
        return False
    storage = file.storage
    name = os.path.basename(file.name)
    file.save(name, ContentFile(content), save=False)
    if stored and stored != file.name:
        storage.delete(stored)  # the uploaded copy, with its metadata
    # Set from the new pixels (upright: width and height swap for a turned photo); the field's
    # own update does not see a file saved during pre_save.
    with Image.open(BytesIO(content)) as cleaned:
        image.width, image.height = cleaned.size
    image.file_size = len(content)
    image.file_hash = hash_filelike(BytesIO(content))
    return True
