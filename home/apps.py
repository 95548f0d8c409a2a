from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    """The editorial app: pages, site settings, menus, shared blocks and the demo loader."""

    name = "home"
    verbose_name = _("Editorial content")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import signals, text_search  # noqa: F401 (signal receivers)
        from .cache import register_configured_purge_models, register_purge_model
        from .cache_models import default_purge_models

        for model in default_purge_models():
            register_purge_model(model)
        register_configured_purge_models()
