"""Confirming the e-mail address of a new account, and signing up without telling who exists.

Sign-up creates the account unconfirmed and sends a link to the address; following it (one
button, since mail servers' link checkers open links) confirms the address and signs the person
in. Until then the account cannot sign in (the sign-in form says so and offers the link again)
nor write anything (`accounts.middleware.EmailConfirmationMiddleware`), and the API gives it no
token.

The link carries the account's id and a fingerprint of its state (address, confirmation,
password, activity), signed and valid for `LINK_VALIDITY` (3 days); never the address. It works
once: confirming changes the state it was made for.

Signing up with an address that already has an account answers exactly as for a new one; the
owner of the address gets an e-mail instead (someone tried to create an account with it), or,
if their account is still unconfirmed, the link again.

Another way of proving the address (an invitation followed from its e-mail, a password reset)
may call `confirm_email(user)`.
"""

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core import signing
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.http import urlencode
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_tasks import task

from core.mail import subject_line

from .models import User

SALT = "accounts.confirmation"
LINK_VALIDITY = 3 * 24 * 60 * 60  # seconds
LINK_VALIDITY_DAYS = LINK_VALIDITY // (24 * 60 * 60)


class InvalidLink(Exception):
    """The link cannot confirm the address: ``message`` says why, in the visitor's language."""

    def __init__(self, message) -> None:
        super().__init__(str(message))
        self.message = message


class AlreadyConfirmed(InvalidLink):
    """The address of the link's account is confirmed already (the link was used)."""


def _fingerprint(user: User) -> str:
    """A keyed digest of what the link was made for: any change of it voids the link."""
    confirmed = user.email_confirmed_at.isoformat() if user.email_confirmed_at else ""
    state = f"{user.pk}|{user.email}|{confirmed}|{user.password}|{user.is_active}"
    return salted_hmac(SALT, state).hexdigest()[:32]


def make_token(user: User) -> str:
    return signing.dumps({"u": user.pk, "s": _fingerprint(user)}, salt=SALT)


def read(token: str) -> User:
    """The account a link may still confirm."""
    try:
        data = signing.loads(token, salt=SALT, max_age=LINK_VALIDITY)
        user_id, state = int(data["u"]), str(data["s"])
    except signing.SignatureExpired as error:
        raise InvalidLink(_("This link has expired: ask for a new one.")) from error
    except (signing.BadSignature, KeyError, TypeError, ValueError) as error:
        raise InvalidLink(_("This link is not valid: ask for a new one.")) from error
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        raise InvalidLink(_("This link is not valid: ask for a new one."))
    if user.is_email_confirmed:
        raise AlreadyConfirmed(_("Your e-mail address is already confirmed: sign in."))
    if not constant_time_compare(state, _fingerprint(user)):
        raise InvalidLink(_("This link no longer works: ask for a new one."))
    return user


def confirm(token: str) -> User:
    """Confirm the address of the link's account (once)."""
    with transaction.atomic():
        user = read(token)
        user = User.objects.select_for_update().get(pk=user.pk)
        if user.is_email_confirmed:  # confirmed by a concurrent request
            raise AlreadyConfirmed(_("Your e-mail address is already confirmed: sign in."))
        confirm_email(user)
    return user


def confirm_email(user: User) -> bool:
    """Take the person's address as confirmed (they proved they hold it: a link sent to it was
    followed). Returns whether it was not confirmed before."""
    if user.is_email_confirmed:
        return False
    user.email_confirmed_at = timezone.now()
    user.save(update_fields=["email_confirmed_at"])
    return True


def sign_up(user: User, password: str, *, next_url: str = "") -> None:
    """Create the account ``user`` (unsaved, validated) and send its confirmation link; if the
    address already has an account, tell its owner instead. The visitor sees the same answer
    either way, and both paths hash a password, so that timing does not tell them apart."""
    existing = User.objects.filter(email__iexact=user.email).first()
    if existing is None:
        user.email_confirmed_at = None
        user.set_password(password)
        try:
            with transaction.atomic():
                user.save()
        except IntegrityError:  # the same address signed up at the same moment
            existing = User.objects.filter(email__iexact=user.email).first()
        else:
            transaction.on_commit(lambda: send_link.enqueue(user.pk, next_url))
            return
    make_password(password)
    if existing is None or not existing.is_active:
        return
    if existing.is_email_confirmed:
        transaction.on_commit(lambda: send_sign_up_notice.enqueue(existing.pk))
    else:
        transaction.on_commit(lambda: send_link.enqueue(existing.pk, next_url))


def send_link_again(email: str) -> None:
    """Send the link again to an account still waiting for it (nothing otherwise: the visitor
    sees the same answer whether or not the address has an account)."""
    user = User.objects.filter(
        email__iexact=email.strip(), is_active=True, email_confirmed_at__isnull=True
    ).first()
    if user is not None:
        transaction.on_commit(lambda: send_link.enqueue(user.pk, ""))


def link_for(user: User, next_url: str = "") -> str:
    """The full address of the confirmation link, in the active language."""
    path = reverse("accounts:sign_up_confirm", kwargs={"token": make_token(user)})
    if next_url:
        path += "?" + urlencode({"next": next_url})
    return settings.SITE_URL.rstrip("/") + path


def _send(user: User, subject: str, template: str, context: dict) -> None:
    body = render_to_string(template, {"user": user, **context})
    EmailMessage(subject=subject_line(subject), body=body, to=[user.email]).send()


@task()
def send_link(user_id: int, next_url: str = "") -> bool:
    """E-mail the confirmation link, in the person's language."""
    user = User.objects.filter(pk=user_id, is_active=True, email_confirmed_at__isnull=True).first()
    if user is None:
        return False
    with translation.override(user.language or settings.LANGUAGE_CODE):
        _send(
            user,
            gettext("Confirm your e-mail address for Cluster 05 IS"),
            "accounts/email/confirm_email.txt",
            {"url": link_for(user, next_url), "days": LINK_VALIDITY_DAYS},
        )
    return True


@task()
def send_sign_up_notice(user_id: int) -> bool:
    """Tell the owner of an address that someone tried to create an account with it."""
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        return False
    with translation.override(user.language or settings.LANGUAGE_CODE):
        site = settings.SITE_URL.rstrip("/")
        _send(
            user,
            gettext("Someone tried to create an account with your address on Cluster 05 IS"),
            "accounts/email/sign_up_notice.txt",
            {
                "sign_in_url": site + reverse("accounts:login"),
                "reset_url": site + reverse("accounts:password_reset"),
            },
        )
    return True
