"""Filters used by includes/picture.html."""

from django import template

register = template.Library()

# Formats that may carry an alpha channel: their fallback rendition is PNG, not JPEG.
TRANSPARENT_FORMATS = (".png", ".gif", ".webp")


@register.filter
def keeps_transparency(image) -> bool:
    """Whether the original may be transparent (decided by its file type, without opening it)."""
    name = getattr(getattr(image, "file", None), "name", "") or ""
    return name.lower().endswith(TRANSPARENT_FORMATS)


@register.simple_tag
def picture_alt(image, alt: str = "") -> str:
    """The alternative text: the one given, else the block's choice, else the description.

    An ``ImageBlock`` value carries ``decorative`` and ``contextual_alt_text``; a decorative
    image gets an empty ``alt`` so that screen readers skip it.
    """
    if alt:
        return alt
    if getattr(image, "decorative", False):
        return ""
    return getattr(image, "contextual_alt_text", "") or image.default_alt_text
