"""Changing the sign-in e-mail address: confirmed by a link sent to the new address.

The current password is asked first (`EmailChangeForm`); nothing changes until the link, signed
and valid for `LINK_VALIDITY` (24 hours), is confirmed from the new mailbox: a mistyped address
never locks anyone out, and nobody signs in with an address they do not hold. The link names the
person, the new address and the address it replaces, so once the address has changed (by this
link or by another) every earlier link stops working. The current address is told of the request
(a notification and its e-mail), with the way out if it was not the person.
"""

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_tasks import task

from .models import User
from .notifications import Message, notify

SALT = "accounts.email_change"
LINK_VALIDITY = 24 * 60 * 60  # seconds


class InvalidLink(Exception):
    """The link cannot change the address: ``message`` says why, in the person's language."""

    def __init__(self, message) -> None:
        super().__init__(str(message))
        self.message = message


def request_change(user: User, new_email: str) -> None:
    """Send the confirmation link to ``new_email`` and tell the current address, once the
    current transaction commits (the e-mails go through tasks)."""
    with transaction.atomic():
        notify([user], lambda person: _request_notice(new_email))
        transaction.on_commit(lambda: send_confirmation_link.enqueue(user.pk, new_email))


def _request_notice(new_email: str) -> Message:
    return Message(
        title=gettext("A change of your e-mail address was asked"),
        body=gettext(
            "Someone signed in to your account asked to sign in with %(email)s from now on. "
            "Nothing changes until the link sent to that address is opened. If it was not you, "
            "change your password now."
        )
        % {"email": new_email},
        url=reverse("accounts:password_change"),
    )


def make_token(user: User, new_email: str) -> str:
    return signing.dumps({"u": user.pk, "from": user.email, "to": new_email}, salt=SALT)


def _payload(token: str) -> tuple[int, str, str]:
    """(person, address replaced, new address) of a link signed here and not expired."""
    try:
        data = signing.loads(token, salt=SALT, max_age=LINK_VALIDITY)
        return int(data["u"]), str(data["from"]), str(data["to"])
    except signing.SignatureExpired as error:
        raise InvalidLink(_("This link has expired: ask for the change again.")) from error
    except (signing.BadSignature, KeyError, TypeError, ValueError) as error:
        raise InvalidLink(_("This link is not valid: ask for the change again.")) from error


def _holder(users, user_id: int, current: str) -> User:
    user = users.filter(pk=user_id, is_active=True).first()
    if user is None or user.email != current:
        raise InvalidLink(
            _("This link no longer works: the address of the account has changed since.")
        )
    return user


def read(token: str) -> tuple[User, str]:
    """The person and the new address a link holds, if it may still change the address."""
    user_id, current, new_email = _payload(token)
    return _holder(User.objects.all(), user_id, current), new_email


def confirm(token: str) -> User:
    """Make the link's new address the person's sign-in address (once: the link names the
    address it replaces)."""
    user_id, current, new_email = _payload(token)
    taken = _("Another account already uses this e-mail address.")
    with transaction.atomic():
        user = _holder(User.objects.select_for_update(), user_id, current)
        if User.objects.filter(email__iexact=new_email).exclude(pk=user.pk).exists():
            raise InvalidLink(taken)
        user.email = new_email
        try:
            with transaction.atomic():
                user.save(update_fields=["email"])
        except IntegrityError as error:  # another account took it at the same moment
            raise InvalidLink(taken) from error
    return user


@task()
def send_confirmation_link(user_id: int, new_email: str) -> bool:
    """E-mail the link to the new address, in the person's language."""
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        return False
    with translation.override(user.language or settings.LANGUAGE_CODE):
        path = reverse("accounts:email_confirm", kwargs={"token": make_token(user, new_email)})
        body = render_to_string(
            "accounts/email/email_change.txt",
            {"user": user, "email": new_email, "url": settings.SITE_URL.rstrip("/") + path},
        )
        EmailMessage(
            subject=gettext("Confirm your new e-mail address for Cluster 05 IS"),
            body=body,
            to=[new_email],
        ).send()
    return True
