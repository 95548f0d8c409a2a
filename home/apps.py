from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    """The editorial app: pages, site settings, menus, shared blocks and the demo loader."""

    name = "home"
    verbose_name = _("Editorial content")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from home import signals  # noqa: F401 (signal receivers)
