"""Public views of the editorial app outside the page tree, under each language's prefix."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from home import views

app_name = "home"

urlpatterns = [
    path(_("themes/<slug:slug>/"), views.theme, name="theme"),
]
