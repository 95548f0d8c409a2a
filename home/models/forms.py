"""Form pages built by editors with Wagtail's form builder: the contact page."""

import logging

from django.db import models, transaction
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.mail import send_mail
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.models import AbstractEmailForm, AbstractFormField, FormSubmission
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.fields import RichTextField
from wagtail.models import TranslatableMixin
from wagtail_localize.fields import SynchronizedField

from core.client import client_ip
from core.ratelimit import RateLimited, account_ident, reserve
from core.revisions import UnchangedRevisionMixin
from home.forms import HoneypotForm, HoneypotFormBuilder

logger = logging.getLogger(__name__)

TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class FormField(TranslatableMixin, AbstractFormField):
    """A field of a form page; its label, help text and choices are translated with the page."""

    page = ParentalKey("home.FormPage", on_delete=models.CASCADE, related_name="form_fields")

    # The name keys the stored answers: identical in every language, so that submissions of the
    # French, English and Italian pages have the same columns.
    override_translatable_fields = [SynchronizedField("clean_name")]

    class Meta(TranslatableMixin.Meta, AbstractFormField.Meta):
        verbose_name = _("form field")
        verbose_name_plural = _("form fields")


class FormPage(UnchangedRevisionMixin, AbstractEmailForm):
    """A form written by editors (the contact page), protected against spam, e-mailing editors.

    Spam protection: a honeypot field that humans never see (pretend success, nothing stored),
    and at most ``RATE_LIMITS["contact"]`` accepted submissions per visitor address and per
    signed-in account (then 429, the form kept as typed).
    Submissions are stored and listed in the admin's Forms menu; the notification e-mail goes
    through a background task so that the visitor never waits for the mail server.
    """

    intro = RichTextField(_("Introduction"), blank=True, features=TEXT_FEATURES)
    thank_you_text = RichTextField(
        _("Thank-you text"),
        blank=True,
        features=TEXT_FEATURES,
        help_text=_("Shown after a successful submission"),
    )

    form_builder = HoneypotFormBuilder

    override_translatable_fields = [SynchronizedField("to_address")]
    content_panels = [
        *AbstractEmailForm.content_panels,
        FormSubmissionsPanel(),
        FieldPanel("intro"),
        InlinePanel("form_fields", label=_("Form fields")),
        FieldPanel("thank_you_text"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("from_address"), FieldPanel("to_address")]),
                FieldPanel("subject"),
            ],
            heading=_("E-mail notification"),
        ),
    ]

    parent_page_types = ["home.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("form page")
        verbose_name_plural = _("form pages")

    def serve(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if request.method != "POST":
            return super().serve(request, *args, **kwargs)
        form = self.get_form(request.POST, request.FILES, page=self, user=request.user)
        visitor = client_ip(request)
        try:
            reservation = reserve(
                "contact", address=visitor, account=account_ident(user=request.user)
            )
        except RateLimited as refusal:
            response = self.render_form(request, form, status=429, rate_limited=True)
            response["Retry-After"] = str(refusal.retry_after)
            return response
        if not form.is_valid():
            reservation.release()  # a form sent back with its errors does not count
            return self.render_form(request, form, status=400)
        if form.is_trapped():
            # Answer as if it worked: telling robots they were caught helps them adapt.
            logger.info("Contact form honeypot filled from %s on page %s", visitor, self.pk)
            return self.render_landing_page(request, None, *args, **kwargs)
        submission = self.process_form_submission(form)
        return self.render_landing_page(request, submission, *args, **kwargs)

    def render_form(
        self, request: HttpRequest, form: HoneypotForm, *, status: int, **extra
    ) -> TemplateResponse:
        """The page with the form as typed (errors shown), under the given status."""
        context = self.get_context(request)
        context.update(form=form, **extra)
        return TemplateResponse(request, self.get_template(request), context, status=status)

    def process_form_submission(self, form: HoneypotForm) -> FormSubmission:
        """Store the answers (without the trap) and e-mail them once the transaction commits."""
        submission = self.get_submission_class().objects.create(
            form_data=form.submitted_data(), page=self
        )
        if self.to_address:
            from home.tasks import send_form_notification

            transaction.on_commit(lambda: send_form_notification.enqueue(submission.pk))
        return submission

    def notification(self, submission: FormSubmission) -> dict:
        """Subject, text, recipients and reply-to address of a submission's e-mail."""
        with translation.override(self.locale.language_code):
            lines = []
            reply_to = []
            for field in self.get_form_fields():
                value = submission.form_data.get(field.clean_name, "")
                if isinstance(value, list):
                    value = ", ".join(str(v) for v in value)
                lines.append(f"{field.label}: {value}")
                if field.field_type == "email" and value and not reply_to:
                    reply_to = [value]
            lines += ["", gettext("Sent from %(url)s") % {"url": self.full_url or self.url}]
            subject = self.subject or gettext("Message from the form “%(title)s”") % {
                "title": self.title
            }
        return {
            "subject": subject,
            "message": "\n".join(lines),
            "recipients": [a.strip() for a in self.to_address.split(",") if a.strip()],
            "reply_to": reply_to,
        }

    def send_notification(self, submission: FormSubmission) -> None:
        """E-mail a submission to the addresses set by editors (run by a background task)."""
        mail = self.notification(submission)
        if not mail["recipients"]:
            return
        send_mail(
            mail["subject"],
            mail["message"],
            mail["recipients"],
            self.from_address,
            reply_to=mail["reply_to"] or None,
        )
