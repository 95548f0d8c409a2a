"""StreamField blocks shared by the editorial pages."""

from django.core.exceptions import ValidationError
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks import StructBlockValidationError
from wagtail.images.blocks import ImageBlock

from home import areas
from home.languages import localized_url

ALT_TEXT_HELP = _(
    "What the image shows, for people who cannot see it. Leave empty to use the image's "
    "description, given at upload; tick « Image is decorative » if it adds nothing."
)


class DescribedImageBlock(ImageBlock):
    """Wagtail's `ImageBlock` whose alternative text defaults to the image's description.

    The description is required when an image is uploaded (`home.images`); asking for it
    again, empty, on each page made the first save fail. An empty alternative text takes the
    description when the page is saved, so that it is stored with the page and translators see
    it as a segment to translate. « Decorative » still gives the image an empty ``alt``. The
    block stores and migrates as an ``ImageBlock`` (its ``deconstruct`` is the parent's).
    """

    def __init__(self, required=True, **kwargs):
        super().__init__(required=required, **kwargs)
        alt_text = blocks.CharBlock(required=False, label=_("Alt text"), help_text=ALT_TEXT_HELP)
        alt_text.set_name("alt_text")
        self.child_blocks["alt_text"] = alt_text

    def clean(self, value):
        if value and not value.decorative and not (value.contextual_alt_text or "").strip():
            description = (getattr(value, "description", "") or "").strip()
            if description:
                value.contextual_alt_text = description
        return super().clean(value)


class LinkStructValue(blocks.StructValue):
    """A link to a page of the site (in the visitor's language) or to another site."""

    def url(self) -> str:
        page = self.get("page")
        if page:
            return localized_url(page)
        return self.get("url") or ""

    def href(self) -> str:
        """The address, for templates: there ``link.url`` reads the block's own (external)
        ``url`` field, empty for a page link, and never reaches the method above."""
        return self.url()

    def text(self) -> str:
        if self.get("label"):
            return self.get("label")
        page = self.get("page")
        return page.localized.title if page else self.get("url") or ""


class LinkBlock(blocks.StructBlock):
    """Either an internal page or an external address, with an optional label."""

    page = blocks.PageChooserBlock(label=_("Page"), required=False)
    url = blocks.URLBlock(label=_("External address"), required=False)
    label = blocks.CharBlock(label=_("Label"), required=False, max_length=80)

    class Meta:
        icon = "link"
        label = _("Link")
        value_class = LinkStructValue

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            raise StructBlockValidationError(
                block_errors={
                    "page": ValidationError(_("Choose a page or give an external address.")),
                }
            )
        return value


class OptionalLinkBlock(LinkBlock):
    """A link that may be left empty."""

    class Meta:
        icon = "link"
        label = _("Link (optional)")
        value_class = LinkStructValue

    def clean(self, value):
        value = blocks.StructBlock.clean(self, value)
        if value.get("page") and value.get("url"):
            raise StructBlockValidationError(
                block_errors={"url": ValidationError(_("Give a page or an address, not both."))}
            )
        return value


class HeroBlock(blocks.StructBlock):
    """The banner at the top of a page: a heading, a short text, an image and a main action."""

    heading = blocks.CharBlock(label=_("Heading"), max_length=120)
    text = blocks.TextBlock(label=_("Text"), required=False)
    image = DescribedImageBlock(label=_("Image"), required=False)
    action = OptionalLinkBlock(label=_("Main action"), required=False)

    class Meta:
        icon = "title"
        label = _("Hero banner")
        template = "blocks/hero_block.html"


class KeyFigureBlock(blocks.StructBlock):
    value = blocks.CharBlock(label=_("Figure"), max_length=20, help_text=_("For example 6,381"))
    label = blocks.CharBlock(label=_("What it counts"), max_length=120)

    class Meta:
        icon = "order"
        label = _("Key figure")


class KeyFiguresBlock(blocks.StructBlock):
    """A few figures with their source, for example those of Insee."""

    heading = blocks.CharBlock(label=_("Heading"), max_length=120)
    figures = blocks.ListBlock(KeyFigureBlock(), label=_("Figures"), min_num=1)
    source = blocks.CharBlock(label=_("Source"), max_length=200, required=False)

    class Meta:
        icon = "list-ol"
        label = _("Key figures")
        template = "blocks/key_figures_block.html"


class CallToActionBlock(blocks.StructBlock):
    """An invitation to act: a heading, a sentence and one link."""

    heading = blocks.CharBlock(label=_("Heading"), max_length=120)
    text = blocks.TextBlock(label=_("Text"), required=False)
    link = LinkBlock(label=_("Link"))

    class Meta:
        icon = "pick"
        label = _("Call to action")
        template = "blocks/call_to_action_block.html"


def theme_choices() -> list[tuple[str, str]]:
    """The cooperation themes, by slug, for a card leading to a theme's page."""
    from projects.network.models import Theme

    return [(theme.slug, f"{theme.number}. {theme.name}") for theme in Theme.objects.canonical()]


class StoredChoiceBlock(blocks.ChoiceBlock):
    """A choice whose list comes from the database (the themes).

    Wagtail checks a stored value against the choices each time it reads one, which would cost
    a query per card on every page view; the values are the stored strings already.
    """

    def to_python(self, value):
        return value


class CardStructValue(blocks.StructValue):
    """A card leads to its link, else to its theme's page, else to its area of the platform,
    in the visitor's language."""

    def href(self) -> str:
        link = self.get("link")
        if link and link.href():
            return link.href()
        if self.get("theme"):
            try:
                return reverse("home:theme", kwargs={"slug": self["theme"]})
            except NoReverseMatch:
                return ""
        found = areas.resolve(self.get("area") or "")
        return found[0] if found else ""


class CardBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=120)
    text = blocks.TextBlock(label=_("Text"), required=False)
    link = OptionalLinkBlock(label=_("Link"), required=False)
    theme = StoredChoiceBlock(
        label=_("Theme"),
        choices=theme_choices,
        required=False,
        help_text=_("Without a link, the card leads to the page of this theme."),
        # A card shows its own title, not the theme's name: search must not match it.
        search_index=False,
    )
    area = blocks.ChoiceBlock(
        label=_("Area"),
        choices=areas.choices,
        required=False,
        help_text=_("Without a link nor a theme, the card leads to this part of the platform."),
        search_index=False,
    )

    class Meta:
        icon = "doc-full"
        label = _("Card")
        value_class = CardStructValue


class FeaturedLinksBlock(blocks.StructBlock):
    """A grid of cards, each with a title, a sentence and an optional link."""

    heading = blocks.CharBlock(label=_("Heading"), max_length=120)
    intro = blocks.TextBlock(label=_("Introduction"), required=False)
    items = blocks.ListBlock(CardBlock(), label=_("Cards"), min_num=1)

    class Meta:
        icon = "grip"
        label = _("Featured links")
        template = "blocks/featured_links_block.html"


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading"), max_length=120)

    class Meta:
        icon = "title"
        label = _("Section heading")
        template = "blocks/heading_block.html"


RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]


class BodyBlock(blocks.StreamBlock):
    """The body of a standard page."""

    heading = HeadingBlock()
    rich_text = blocks.RichTextBlock(
        label=_("Text"), features=RICH_TEXT_FEATURES, template="blocks/rich_text_block.html"
    )
    image = DescribedImageBlock(label=_("Image"), template="blocks/image_block.html")
    call_to_action = CallToActionBlock()
    featured_links = FeaturedLinksBlock()


class HomeBodyBlock(blocks.StreamBlock):
    """The home page: hero, key figures, text, calls to action and cards."""

    hero = HeroBlock()
    key_figures = KeyFiguresBlock()
    rich_text = blocks.RichTextBlock(
        label=_("Text"), features=RICH_TEXT_FEATURES, template="blocks/rich_text_block.html"
    )
    call_to_action = CallToActionBlock()
    featured_links = FeaturedLinksBlock()


class AreaBlock(blocks.StructBlock):
    """A part of the platform outside the page tree: the sharing board, the experiments…"""

    area = blocks.ChoiceBlock(label=_("Area"), choices=areas.choices)
    label = blocks.CharBlock(
        label=_("Label"),
        required=False,
        max_length=80,
        help_text=_("Leave empty to use the area's name in each language."),
    )

    class Meta:
        icon = "site"
        label = _("Area of the platform")


class MenuBlock(blocks.StreamBlock):
    link = LinkBlock()
    area = AreaBlock()
