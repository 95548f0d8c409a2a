"""The admin's image upload form (a module of its own: it imports Wagtail's admin forms, which
must not load while the models do)."""

from django.utils.translation import gettext_lazy as _
from wagtail.images.forms import BaseImageForm


class ImageForm(BaseImageForm):
    """Wagtail's image form with a required description, the image's default alternative text.

    Content images go through ``home.blocks.common.DescribedImageBlock``, whose own alternative text
    (or "decorative" choice) may fit the context and otherwise defaults to this description;
    every other use falls back on it too (news images, social images, logos, the rich text
    editor).
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        description = self.fields.get("description")
        if description is not None:
            description.required = True
            description.label = _("Description (alternative text)")
            description.help_text = _(
                "Describe what the image shows for people who cannot see it, in one sentence. "
                "Pages use it as the image's alternative text unless they give their own."
            )
