"""Background work of the editorial app, run by django-tasks (immediately, or by a worker)."""

from django_tasks import task
from wagtail.contrib.forms.models import FormSubmission


@task()
def send_form_notification(submission_id: int) -> None:
    """E-mail a form submission to the addresses its page's editors set."""
    submission = FormSubmission.objects.select_related("page").filter(pk=submission_id).first()
    if submission is None:  # deleted by an editor before the worker got to it
        return
    page = submission.page.specific
    if hasattr(page, "send_notification"):
        page.send_notification(submission)
