"""The sections of a mini-guide (`GuidePage.body`).

Each section is a StructBlock whose first field is its heading: the page template wraps every
section in a `<section>` with an anchor and an h2, so the table of contents (on the page and in
the PDF) is built from the same list. Block templates render the section's content only.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail import blocks
from wagtail.blocks import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.models import Locale
from wagtail.snippets.blocks import SnippetChooserBlock

# Sections carry their own h2: their rich text starts at h3.
SECTION_RICH_TEXT_FEATURES = ["h3", "bold", "italic", "ol", "ul", "link", "document-link"]


class OrganisationChooserBlock(SnippetChooserBlock):
    """Chooses an organisation of the directory and always stores its canonical (French) row.

    Relations point at canonical rows in every language: translating a guide keeps the same
    organisation (wagtail-localize would otherwise look for a translated row and fail when the
    organisation is not translated), and choosing a translated row stores its canonical one.
    """

    def __init__(self, **kwargs):
        super().__init__("projects.Organisation", **kwargs)

    def clean(self, value):
        value = super().clean(value)
        default = Locale.get_default()
        if value is not None and value.locale_id != default.pk:
            canonical = (
                self.target_model.objects.filter(
                    translation_key=value.translation_key, locale=default
                ).first()
                or value
            )
            value = canonical
        return value

    # wagtail-localize hooks: nothing to translate, the value is kept as it is.
    def get_translatable_segments(self, value) -> list:
        return []

    def restore_translated_segments(self, value, segments):
        return value

    class Meta:
        icon = "group"


class GuideSectionBlock(blocks.StructBlock):
    """A section of a guide: a heading (shown as h2 and in the table of contents) and content."""

    heading = blocks.CharBlock(label=_("Heading"), max_length=120)


class ContextBlock(GuideSectionBlock):
    """Context and stakes: why the subject matters to ESS organisations of the department."""

    text = blocks.RichTextBlock(label=_("Text"), features=SECTION_RICH_TEXT_FEATURES)

    class Meta:
        icon = "doc-full"
        label = _("Context and stakes")
        template = "blocks/guide/context_block.html"


class OptionBlock(blocks.StructBlock):
    """One possible way of doing it, compared with the others in a table."""

    name = blocks.CharBlock(label=_("Option"), max_length=120)
    advantages = blocks.TextBlock(label=_("Advantages"))
    limits = blocks.TextBlock(label=_("Limits"))
    legal_form = blocks.CharBlock(label=_("Legal form"), max_length=200, required=False)
    cost = blocks.CharBlock(label=_("Cost"), max_length=200, required=False)

    class Meta:
        icon = "list-ul"
        label = _("Option")


class AlternativesBlock(GuideSectionBlock):
    """The possible alternatives, compared in an accessible table."""

    intro = blocks.TextBlock(label=_("Introduction"), required=False)
    caption = blocks.CharBlock(
        label=pgettext_lazy("guide table", "Table caption"),
        max_length=200,
        required=False,
        help_text=_("Describes the table for screen readers; the heading is used when empty."),
    )
    options = blocks.ListBlock(OptionBlock(), label=_("Options"), min_num=1)

    class Meta:
        icon = "table"
        label = _("Possible alternatives compared")
        template = "blocks/guide/alternatives_block.html"


class ExperienceBlock(blocks.StructBlock):
    """An inspiring experience elsewhere: where, what, and where to read more."""

    place = blocks.CharBlock(label=_("Place"), max_length=150)
    summary = blocks.TextBlock(label=pgettext_lazy("abstract", "Summary"))
    link = blocks.URLBlock(label=_("Link"), required=False)

    class Meta:
        icon = "site"
        label = _("Experience")


class ExperiencesBlock(GuideSectionBlock):
    """Inspiring experiences elsewhere."""

    intro = blocks.TextBlock(label=_("Introduction"), required=False)
    items = blocks.ListBlock(ExperienceBlock(), label=_("Experiences"), min_num=1)

    class Meta:
        icon = "pick"
        label = _("Inspiring experiences elsewhere")
        template = "blocks/guide/experiences_block.html"


class InitiativeBlock(blocks.StructBlock):
    """An organisation of the department already working on the subject, with a short note."""

    organisation = OrganisationChooserBlock(label=_("Organisation"))
    note = blocks.TextBlock(label=_("Note"), required=False)

    class Meta:
        icon = "group"
        label = _("Initiative")


class InitiativesBlock(GuideSectionBlock):
    """Initiatives under way in the department."""

    intro = blocks.TextBlock(label=_("Introduction"), required=False)
    items = blocks.ListBlock(InitiativeBlock(), label=_("Initiatives"), min_num=1)

    class Meta:
        icon = "group"
        label = _("Initiatives under way in the department")
        template = "blocks/guide/initiatives_block.html"


class ResourceStructValue(blocks.StructValue):
    """A resource links either a document of the library or an external address."""

    # Not named `url`: templates look dictionary keys up first, and "url" is a field.
    def href(self) -> str:
        document = self.get("document")
        return document.url if document else self.get("url") or ""

    def file_extension(self) -> str:
        document = self.get("document")
        return document.file_extension.upper() if document else ""


class ResourceBlock(blocks.StructBlock):
    """A practical resource: a document of the library or a link to another site."""

    title = blocks.CharBlock(label=_("Title"), max_length=200)
    document = DocumentChooserBlock(label=_("Document"), required=False)
    url = blocks.URLBlock(label=_("External address"), required=False)
    description = blocks.TextBlock(label=_("Description"), required=False)

    class Meta:
        icon = "doc-full-inverse"
        label = _("Resource")
        value_class = ResourceStructValue

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("document")) == bool(value.get("url")):
            raise StructBlockValidationError(
                block_errors={
                    "document": ValidationError(_("Choose a document or give an external address."))
                }
            )
        return value


class ResourcesBlock(GuideSectionBlock):
    """Practical resources: documents and links."""

    items = blocks.ListBlock(ResourceBlock(), label=_("Resources"), min_num=1)

    class Meta:
        icon = "doc-full-inverse"
        label = _("Practical resources")
        template = "blocks/guide/resources_block.html"


class ContactLineBlock(blocks.StructBlock):
    """A person or service to contact about the subject."""

    name = blocks.CharBlock(label=_("Name"), max_length=150)
    role = blocks.CharBlock(label=_("Role or organisation"), max_length=200, required=False)
    email = blocks.EmailBlock(label=_("E-mail"), required=False)
    phone = blocks.CharBlock(label=_("Telephone"), max_length=30, required=False)

    class Meta:
        icon = "mail"
        label = _("Contact")


class ContactsBlock(GuideSectionBlock):
    """Contacts: the theme lead (shown automatically) and optional extra contacts."""

    lines = blocks.ListBlock(
        ContactLineBlock(),
        label=_("Other contacts"),
        help_text=_("The theme lead is shown automatically, from the theme's working group."),
    )

    class Meta:
        icon = "mail"
        label = _("Contacts")
        template = "blocks/guide/contacts_block.html"


class GuideBodyBlock(blocks.StreamBlock):
    """The structured sections of a mini-guide, in the order the editor chooses."""

    context = ContextBlock()
    alternatives = AlternativesBlock()
    experiences = ExperiencesBlock()
    initiatives = InitiativesBlock()
    resources = ResourcesBlock()
    contacts = ContactsBlock()

    class Meta:
        block_counts = {"contacts": {"max_num": 1}}
