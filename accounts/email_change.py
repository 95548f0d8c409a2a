"""Changing the sign-in e-mail address: confirmed by a link sent to the new address.

The current password is asked first (`EmailChangeForm`); the new address waits on the account
(`User.pending_email`) and nothing changes until the link, signed and valid for `LINK_VALIDITY`
(24 hours), is confirmed from the new mailbox: a mistyped address never locks anyone out, and
nobody signs in with an address they do not hold. The link carries the account's id and a keyed
fingerprint of its current and pending addresses, never an address: once the address has
changed (by this link or another), or another change was asked since, it stops working. The
current address is told of the request (a notification and its e-mail), with the way out if it
was not the person.
"""

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.crypto import constant_time_compare, salted_hmac
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
    """Keep ``new_email`` as the address waiting for confirmation (a request made before stops
    working), send it the link and tell the current address, once the current transaction
    commits (the e-mails go through tasks)."""
    with transaction.atomic():
        user.pending_email = new_email
        user.save(update_fields=["pending_email"])
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


def _fingerprint(user: User) -> str:
    """A keyed digest of the addresses the link was made for (the link itself names none)."""
    state = f"{user.pk}|{user.email}|{user.pending_email}"
    return salted_hmac(SALT, state).hexdigest()[:32]


def make_token(user: User) -> str:
    """The link's token for the change the account waits for."""
    return signing.dumps({"u": user.pk, "s": _fingerprint(user)}, salt=SALT)


def _payload(token: str) -> tuple[int, str]:
    """(person, state fingerprint) of a link signed here and not expired."""
    try:
        data = signing.loads(token, salt=SALT, max_age=LINK_VALIDITY)
        return int(data["u"]), str(data["s"])
    except signing.SignatureExpired as error:
        raise InvalidLink(_("This link has expired: ask for the change again.")) from error
    except (signing.BadSignature, KeyError, TypeError, ValueError) as error:
        raise InvalidLink(_("This link is not valid: ask for the change again.")) from error


def _holder(users, user_id: int, state: str) -> User:
    user = users.filter(pk=user_id, is_active=True).first()
    if (
        user is None
        or not user.pending_email
        or not constant_time_compare(state, _fingerprint(user))
    ):
        raise InvalidLink(
            _("This link no longer works: the address of the account has changed since.")
        )
    return user


def read(token: str) -> tuple[User, str]:
    """The person and the new address a link holds, if it may still change the address."""
    user = _holder(User.objects.all(), *_payload(token))
    return user, user.pending_email


def confirm(token: str) -> User:
    """Make the address waiting on the account its sign-in address (once)."""
    user_id, state = _payload(token)
    taken = _("Another account already uses this e-mail address.")
    with transaction.atomic():
        user = _holder(User.objects.select_for_update(), user_id, state)
        new_email = user.pending_email
        if User.objects.filter(email__iexact=new_email).exclude(pk=user.pk).exists():
            raise InvalidLink(taken)
        user.email, user.pending_email = new_email, ""
        # The link came to the new address: it is proven.
        user.email_confirmed_at = timezone.now()
        try:
            with transaction.atomic():
                user.save(update_fields=["email", "pending_email", "email_confirmed_at"])
        except IntegrityError as error:  # another account took it at the same moment
            raise InvalidLink(taken) from error
    return user


@task()
def send_confirmation_link(user_id: int, new_email: str) -> bool:
    """E-mail the link to the new address, in the person's language (unless another change
    was asked since)."""
    user = User.objects.filter(pk=user_id, is_active=True, pending_email=new_email).first()
    if user is None:
        return False
    with translation.override(user.language or settings.LANGUAGE_CODE):
        path = reverse("accounts:email_confirm", kwargs={"token": make_token(user)})
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
