from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FundingConfig(AppConfig):
    """Funders, sources, calls, dossiers, review and matching."""

    name = "funding"
    verbose_name = _("Funding")
    default_auto_field = "django.db.models.BigAutoField"
