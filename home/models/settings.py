"""The main menu (per language) and the site-wide settings."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Locale, Page, TranslatableMixin

from home.blocks.common import MenuBlock


class MainMenu(TranslatableMixin, ClusterableModel):
    """The header's main menu, one per language, edited by editors."""

    # Public pages show it: any change purges the page cache (core/cache/purges.py).
    purges_page_cache = True

    name = models.CharField(
        _("Name"),
        max_length=100,
        default="Menu principal",
        help_text=_("For editors to tell the menus apart; visitors do not see it."),
    )
    items = StreamField(MenuBlock(), blank=True, verbose_name=_("Items"))

    panels = [FieldPanel("name"), FieldPanel("items")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("main menu")
        verbose_name_plural = _("main menus")

    def __str__(self) -> str:
        return f"{self.name} ({self.locale.language_code})"

    @classmethod
    def for_language(cls, language_code: str) -> "MainMenu | None":
        """The menu of that language, else the default language's one (one query)."""
        codes = {language_code, settings.LANGUAGE_CODE}
        menus = {
            m.locale.language_code: m
            for m in cls.objects.filter(locale__language_code__in=codes).select_related("locale")
        }
        return menus.get(language_code) or menus.get(settings.LANGUAGE_CODE)

    @classmethod
    def for_locale(cls, locale: Locale) -> "MainMenu | None":
        """The menu of that language, else the default language's one."""
        default = Locale.get_default()
        menus = {m.locale_id: m for m in cls.objects.filter(locale_id__in={locale.pk, default.pk})}
        return menus.get(locale.pk) or menus.get(default.pk)


@register_setting(icon="site")
class SiteSettings(BaseGenericSetting):
    """Contact details and the pages linked from every footer."""

    # Public pages show it: any change purges the page cache (core/cache/purges.py).
    purges_page_cache = True

    contact_email = models.EmailField(
        _("Contact e-mail"), blank=True, help_text=_("Shown in the footer of every page.")
    )
    contact_phone = models.CharField(
        _("Contact phone"),
        max_length=30,
        blank=True,
        help_text=_("As people dial it, e.g. 04 92 00 00 00; shown in the footer."),
    )
    postal_address = models.TextField(
        _("Postal address"), blank=True, help_text=_("One line per line of the address.")
    )
    legal_notice_page = models.ForeignKey(
        Page,
        verbose_name=_("Legal notice page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The French page: the footer links to its translation in each language."),
    )
    privacy_page = models.ForeignKey(
        Page,
        verbose_name=_("Privacy page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The French page: the footer links to its translation in each language."),
    )

    accessibility_page = models.ForeignKey(
        Page,
        verbose_name=_("Accessibility statement page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "The French page: the footer states the compliance status and links to its"
            " translation in each language."
        ),
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("contact_email"),
                FieldPanel("contact_phone"),
                FieldPanel("postal_address"),
            ],
            heading=_("Contact"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("legal_notice_page"),
                FieldPanel("privacy_page"),
                FieldPanel("accessibility_page"),
            ],
            heading=_("Footer"),
        ),
    ]

    class Meta:
        verbose_name = _("site settings")
