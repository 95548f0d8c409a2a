"""Wagtail's user administration, fitted to our user model."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views.users import UserViewSet as WagtailUserViewSet

from .models import User

_FIELDS = {"email", "full_name", "language", "is_superuser", "groups"}


class AdminUserCreationForm(UserCreationForm):
    """Create a user from the admin: e-mail, full name and language instead of first/last name."""

    first_name = None
    last_name = None
    full_name = forms.CharField(label=_("Full name"), max_length=150)

    class Meta(UserCreationForm.Meta):
        model = User
        fields = _FIELDS


class AdminUserEditForm(UserEditForm):
    """Edit a user from the admin."""

    first_name = None
    last_name = None
    full_name = forms.CharField(label=_("Full name"), max_length=150)

    class Meta(UserEditForm.Meta):
        model = User
        fields = _FIELDS | {"is_active"}


class UserViewSet(WagtailUserViewSet):
    """Wagtail's user viewset with our forms."""

    def get_form_class(self, for_update: bool = False):
        return AdminUserEditForm if for_update else AdminUserCreationForm
