"""The platform's user: a person who signs in with an e-mail address."""

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.validators import one_line


class UserManager(BaseUserManager):
    """Creates users keyed by a case-insensitive e-mail address."""

    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra_fields):
        # Accounts made by code (the administrator, the demo, scripts) are vouched for by whoever
        # runs it: confirmed unless `email_confirmed_at=None` is passed. Sign-up and the admin's
        # form build the row themselves and leave it unconfirmed until the link is followed.
        extra_fields.setdefault("email_confirmed_at", timezone.now())
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email: str, password: str | None = None, **extra_fields):
        extra_fields["is_staff"] = True
        extra_fields["is_superuser"] = True
        return self._create_user(email, password, **extra_fields)

    def get_by_natural_key(self, username: str):
        return self.get(email__iexact=username)


class User(AbstractBaseUser, PermissionsMixin):
    """A person: member of organisations, project lead, funder reviewer, editor or coordinator."""

    email = models.EmailField(_("e-mail address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=150, validators=[one_line])
    language = models.CharField(
        _("preferred language"),
        max_length=5,
        choices=settings.LANGUAGES,
        default="fr",
        help_text=_("Language of the e-mails you receive and of your space."),
    )
    is_staff = models.BooleanField(_("staff status"), default=False)
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)
    email_confirmed_at = models.DateTimeField(
        _("e-mail address confirmed"),
        null=True,
        blank=True,
        help_text=_("When the person followed the link sent to their address; empty until then."),
    )
    pending_email = models.EmailField(
        _("new e-mail address awaiting confirmation"),
        blank=True,
        help_text=_("Asked for on the account page; it replaces the address once confirmed."),
    )

    objects = UserManager()

    EMAIL_FIELD = "email"
    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["full_name", "email"]

    def __str__(self) -> str:
        return self.full_name or self.email

    def clean(self) -> None:
        super().clean()
        self.email = self.__class__.objects.normalize_email(self.email).lower()

    def save(self, *args, **kwargs) -> None:
        if self.email:
            self.email = self.email.strip().lower()
        super().save(*args, **kwargs)

    @property
    def is_email_confirmed(self) -> bool:
        return self.email_confirmed_at is not None

    def get_full_name(self) -> str:
        return self.full_name or self.email

    def get_short_name(self) -> str:
        return (self.full_name or self.email).split(" ")[0]


class Notification(models.Model):
    """An in-app notification, written in its recipient's language when it was created."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    title = models.CharField(_("Title"), max_length=200)
    body = models.TextField(_("Message"), blank=True)
    url = models.CharField(_("Link"), max_length=500, blank=True)
    created_at = models.DateTimeField(
        pgettext_lazy("timestamp", "Created"), default=timezone.now, db_index=True
    )
    read_at = models.DateTimeField(_("Read"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("E-mailed"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self) -> str:
        return self.title

    @property
    def is_read(self) -> bool:
        return self.read_at is not None
