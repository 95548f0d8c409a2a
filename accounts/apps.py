from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from wagtail.users.apps import WagtailUsersAppConfig


class AccountsConfig(AppConfig):
    """People: the custom user model, sign-in, sign-up, profile and roles."""

    name = "accounts"
    # apps.py holds two configs: this one is the app's ("accounts" in INSTALLED_APPS).
    default = True
    verbose_name = _("Accounts")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import two_factor

        two_factor.register_requirement(two_factor.staff_need_two_factor)


class UsersAppConfig(WagtailUsersAppConfig):
    """Wagtail's user admin, with forms that know our user model (e-mail, full name, language)."""

    user_viewset = "accounts.viewsets.UserViewSet"
