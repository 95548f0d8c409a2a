from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FundingConfig(AppConfig):
    """Funders, sources, calls, dossiers, review and matching."""

    name = "funding"
    verbose_name = _("Funding")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        import funding.dossiers.permissions as permissions
        import funding.dossiers.signals  # noqa: F401 (connects the membership signals)
        import funding.dossiers.views as dossier_views
        from accounts.two_factor import register_requirement
        from funding.dossiers.services.standing import application_rows
        from funding.matching.applications import register_reader
        from funding.matching.views.recommendations import tab_visible
        from projects.experiments.tabs import ExperimentTab, register

        # Funder reviewers read unpublished dossiers: two-factor authentication (docs/security.md).
        register_requirement(permissions.is_reviewer)
        # The funding tab and its plan count the experiment's dossiers (the two areas are
        # independent: docs/architecture.md).
        register_reader(application_rows)
        register(
            ExperimentTab(
                key="funding",
                label=_("Funding"),
                url_name="funding:experiment_funding",
                visible=tab_visible,
                position=45,
            )
        )
        register(
            ExperimentTab(
                key="dossiers",
                label=_("Dossiers"),
                url_name="funding:experiment_dossiers",
                visible=dossier_views.tab_visible,
                position=46,
            )
        )
