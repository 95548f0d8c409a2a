"""The confirmation of destructive actions, with or without JavaScript.

A form of a destructive action carries `data-confirm="question"` (and `data-confirm-label`, the
button's words; `data-confirm-detail` or `data-confirm-template` for more): the page's script
(`site/static/js/confirm.js`) opens the confirmation dialog (`includes/confirm_dialog.html`) and,
once the person confirms, sends the form with `confirmed=yes`. Without the script (or a browser
without `<dialog>`), the form arrives without it and the view answers with `ask()`: a page that
repeats the question, keeps the fields of the form and sends them again with `confirmed=yes`.
Either way nothing destructive happens on one unconfirmed click.

    if (page := confirmation.ask(request, question=..., confirm_label=..., cancel_url=...)):
        return page
"""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

FIELD = "confirmed"
VALUE = "yes"
_NOT_REPEATED = {FIELD, "csrfmiddlewaretoken"}


def confirmed(request: HttpRequest) -> bool:
    """Whether the person confirmed the action (in the dialog or on the confirmation page)."""
    return request.POST.get(FIELD) == VALUE


def ask(
    request: HttpRequest,
    *,
    question: str,
    confirm_label: str,
    cancel_url: str,
    detail: str = "",
) -> HttpResponse | None:
    """None once confirmed; otherwise the page that asks, with the form's fields kept."""
    if confirmed(request):
        return None
    fields = [
        (name, value)
        for name, values in request.POST.lists()
        if name not in _NOT_REPEATED
        for value in values
    ]
    return render(
        request,
        "confirm.html",
        {
            "question": question,
            "detail": detail,
            "confirm_label": confirm_label,
            "cancel_url": cancel_url,
            "fields": fields,
            "confirm_field": FIELD,
            "confirm_value": VALUE,
        },
    )
