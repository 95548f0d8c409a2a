from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    """The cooperation network (themes, territories, organisations) and the experiment workflow."""

    name = "projects"
    verbose_name = _("Cooperation")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import gdpr, territories  # noqa: F401  (signal handlers, account deletion rules)
