"""Admin views of translation: review of a translated page, and wagtail-localize's "Translate"
and "Sync" views with the permissions of `home.localize.permissions`.

The three wagtail-localize views are subclasses served at their own addresses (the URL patterns
of `home.localize.hooks` come before wagtail-localize's), so every link wagtail-localize draws
reaches them.
"""

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail_localize.models import Translation, TranslationSource
from wagtail_localize.views import submit_translations, update_translations

from home.localize import permissions, services
from home.localize import untranslated as untranslated_module
from projects.experiments.admin.access import forbidden

MAX_COMMENT_LENGTH = 2000


@require_POST
def review(request: HttpRequest, translation_id: int) -> HttpResponse:
    """Submit a translated page for review, approve it or request changes (``action``)."""
    translation = get_object_or_404(Translation, pk=translation_id, enabled=True)
    try:
        page = services.translated_page(translation)
    except services.TranslationReviewError:
        raise PermissionDenied from None
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    action = request.POST.get("action", "")
    comment = request.POST.get("comment", "").strip()
    if len(comment) > MAX_COMMENT_LENGTH:
        messages.error(
            request,
            _("The comment is too long (%(max)s characters at most).")
            % {"max": MAX_COMMENT_LENGTH},
        )
        return redirect(edit_url)
    try:
        if action == "submit":
            state = services.submit_translation(translation, by=request.user)
            message = _("'%(title)s' was submitted to %(workflow)s.") % {
                "title": page.get_admin_display_title(),
                "workflow": state.workflow.name,
            }
        elif action in (services.APPROVE, services.REQUEST_CHANGES):
            services.review_translation(
                translation, by=request.user, action=action, comment=comment
            )
            message = (
                _("'%(title)s' was approved and published.")
                if action == services.APPROVE
                else _("Changes were requested on '%(title)s'.")
            ) % {"title": page.get_admin_display_title()}
        else:
            return HttpResponse(_("Unknown action."), status=400, content_type="text/plain")
    except services.TranslationReviewError as error:
        messages.error(request, str(error))
    except ValidationError as error:
        messages.error(
            request,
            _("The translation cannot be saved: %(errors)s") % {"errors": " ".join(error.messages)},
        )
    else:
        messages.success(request, message)
    return redirect(get_valid_next_url_from_request(request) or edit_url)


class PageTranslationForm(submit_translations.SubmitTranslationForm):
    """wagtail-localize's form, refusing a language the parent page is not translated into.

    wagtail-localize would create the missing parents as aliases of the French ones, which are
    online at once: French text under an English address, before anyone reviewed anything.
    """

    def __init__(self, instance, *args, **kwargs):
        super().__init__(instance, *args, **kwargs)
        self.page = instance

    def clean_locales(self):
        locales = self.cleaned_data["locales"]
        parent = self.page.get_parent()
        if parent is None or parent.is_root():
            return locales  # a home page: a new language
        missing = [locale for locale in locales if not parent.has_translation(locale)]
        if missing:
            raise ValidationError(
                _("First translate '%(parent)s' into %(languages)s: this page goes under it.")
                % {
                    "parent": parent.get_admin_display_title(),
                    "languages": ", ".join(str(locale.get_display_name()) for locale in missing),
                }
            )
        return locales


class SubmitPageTranslationView(submit_translations.SubmitPageTranslationView):
    """The "Translate this page" view, for people who may edit the page, under translated
    parents."""

    def dispatch(self, request, *args, **kwargs):
        if not permissions.can_translate(request.user, self.get_object()):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_form(self):
        if self.request.method == "POST":
            return PageTranslationForm(self.object, self.request.POST)
        return super().get_form()


class SubmitSnippetTranslationView(submit_translations.SubmitSnippetTranslationView):
    """The "Translate" view of snippets, for people who may add rows of their model."""

    def dispatch(self, request, *args, **kwargs):
        if not permissions.can_translate(request.user, self.get_object()):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class UpdateTranslationsView(update_translations.UpdateTranslationsView):
    """The "Sync translated pages/snippets" view: "Publish immediately" only for who may
    publish them all.

    Without it the sync updates what there is to translate; each translation then goes through
    review like any page.
    """

    def dispatch(self, request, *args, **kwargs):
        source = get_object_or_404(TranslationSource, pk=kwargs["translation_source_id"])
        try:
            instance = source.get_source_instance()
        except ObjectDoesNotExist:
            raise PermissionDenied from None  # nothing left to sync from
        if not permissions.can_sync(request.user, instance):
            raise PermissionDenied
        targets = []
        for translation in source.translations.filter(enabled=True).select_related(
            "source", "target_locale"
        ):
            try:
                targets.append(translation.get_target_instance())
            except ObjectDoesNotExist:
                continue  # not created yet or deleted: a sync does not publish it
        self.can_publish_translations = permissions.can_publish_all(request.user, targets)
        return super().dispatch(request, *args, **kwargs)

    def get_form(self):
        form = super().get_form()
        if not self.can_publish_translations:
            form.fields.pop("publish_translations", None)
        return form

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            can_publish_translations=self.can_publish_translations, **kwargs
        )

    def form_valid(self, form):
        form.cleaned_data.setdefault("publish_translations", False)
        return super().form_valid(form)


class UntranslatedView(WagtailAdminTemplateMixin, TemplateView):
    """The coordinators' list of organisations, funders and calls not translated yet."""

    template_name = "home/admin/untranslated.html"
    page_title = gettext_lazy("Not translated yet")
    header_icon = "globe"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def dispatch(self, request, *args, **kwargs):
        if not permissions.can_list_untranslated(request.user):
            return forbidden(request, _("This list is for the coordinators."))
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        names = dict(settings.LANGUAGES)
        reports = untranslated_module.untranslated()
        for report in reports:
            report.counts = [(names[code], count) for code, count in report.by_language.items()]
            for item in report.missing:
                item.language_names = [names[code] for code in item.languages]
        context["reports"] = reports
        return context
