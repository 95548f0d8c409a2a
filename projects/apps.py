from importlib import import_module

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

REGISTERED_ON_IMPORT = (
    "projects.network.territories",
    "projects.network.gdpr",
    "projects.experiments.gdpr",
    "projects.sharing.gdpr",
)


class ProjectsConfig(AppConfig):
    """The cooperation network, the experiments and the sharing board (docs/architecture.md)."""

    name = "projects"
    verbose_name = _("Cooperation")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Signal handlers and account deletion rules register on import.
        for module in REGISTERED_ON_IMPORT:
            import_module(module)
