"""Wagtail hooks of translation (imported by `home/wagtail_hooks.py`)."""

from django.urls import path, reverse_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from home.localize import permissions, views


# Before wagtail-localize's own patterns (order 0): the same addresses reach the views of
# `home.localize.views`, which add the object's permissions to wagtail-localize's.
@hooks.register("register_admin_urls", order=-1)
def register_translation_urls():
    return [
        path(
            "localize/submit/page/<int:page_id>/",
            views.SubmitPageTranslationView.as_view(),
            name="translation_submit_page",
        ),
        path(
            "localize/submit/snippet/<slug:app_label>/<slug:model_name>/<str:pk>/",
            views.SubmitSnippetTranslationView.as_view(),
            name="translation_submit_snippet",
        ),
        path(
            "localize/update/<int:translation_source_id>/",
            views.UpdateTranslationsView.as_view(),
            name="translation_update",
        ),
        path("translations/untranslated/", views.UntranslatedView.as_view(), name="untranslated"),
        path(
            "translations/<int:translation_id>/review/",
            views.review,
            name="translation_review",
        ),
    ]


class UntranslatedMenuItem(MenuItem):
    """Shown to the coordinators; the view itself checks again (403)."""

    def is_shown(self, request) -> bool:
        return permissions.can_list_untranslated(request.user)


@hooks.register("register_admin_menu_item")
def register_untranslated_menu_item():
    return UntranslatedMenuItem(
        _("Not translated yet"),
        reverse_lazy("untranslated"),
        name="untranslated",
        icon_name="globe",
        order=250,
    )
