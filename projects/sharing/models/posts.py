"""The posts of the sharing board, their photos and the matches between offers and requests.

A post belongs to an organisation of the directory and is written by one of its members. It goes
draft → published → fulfilled, expired or withdrawn: its workflow is declared here, once (states
on `SharingPost.State`, each edge as its `@transition` with who runs it, its condition and its
label), and runs through the engine (`core.workflow`, see `projects.sharing.services.posts`). A
published post stays on the board until its expiry date (90 days after publication by default,
renewable). Coordinators may hide a post (moderation) whatever its state.
"""

import datetime
import secrets
import unicodedata

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_fsm import FSMField, FSMModelMixin, transition

from core.contact_details import no_contact_details
from core.validators import one_line
from core.workflow import Condition, Rule, StateInfo, WorkflowStates, declare
from projects.experiments.models import private_storage
from projects.network.models import Organisation, OrganisationMembership, Territory

# A post stays on the board this many days after publication, unless renewed.
POST_LIFETIME_DAYS = 90
# Its author is reminded this many days before it expires.
REMINDER_DAYS = 7
# A published post may be renewed once it expires within this many days.
RENEWABLE_DAYS = 30

# Weekdays as bits of `SharingPost.weekdays` (Monday = bit 0, as `date.weekday()`).
WEEKDAY_COUNT = 7
ALL_WEEKDAYS = (1 << WEEKDAY_COUNT) - 1


WEEKDAY_NAMES = (
    pgettext_lazy("weekday", "Monday"),
    pgettext_lazy("weekday", "Tuesday"),
    pgettext_lazy("weekday", "Wednesday"),
    pgettext_lazy("weekday", "Thursday"),
    pgettext_lazy("weekday", "Friday"),
    pgettext_lazy("weekday", "Saturday"),
    pgettext_lazy("weekday", "Sunday"),
)


def weekday_mask(days) -> int:
    """The bit mask of an iterable of weekday numbers (0 = Monday … 6 = Sunday)."""
    mask = 0
    for day in days:
        mask |= 1 << int(day)
    return mask


def weekdays_of(mask: int) -> list[int]:
    """The weekday numbers of a bit mask, Monday first."""
    return [day for day in range(WEEKDAY_COUNT) if mask & (1 << day)]


def masks_including(day: int) -> list[int]:
    """Every mask that includes ``day`` (there are only 64): a portable SQL `IN` filter."""
    return [mask for mask in range(1, ALL_WEEKDAYS + 1) if mask & (1 << day)]


def fold_text(text: str) -> str:
    """Lower-cased text without accents, for accent-insensitive search on any database."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return plain.replace("\u2019", "'").lower()


# Who runs each transition: the members of the post's organisation (the check lives in
# `projects.sharing.permissions`), or the daily expiry run, never a person.
ITS_ORGANISATION = Rule("its organisation", "projects.sharing.permissions.can_manage_post")
DAILY_RUN = Rule("daily run", None)


def default_expiry() -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=POST_LIFETIME_DAYS)


class SharingPostQuerySet(models.QuerySet):
    def on_board(self, today: datetime.date | None = None):
        """Posts anyone may read: published, not hidden, not past their expiry date."""
        today = today or timezone.localdate()
        return self.filter(
            state=SharingPost.State.PUBLISHED, hidden_at__isnull=True, expires_at__gte=today
        )

    def of_organisations_of(self, user):
        """Posts of the organisations ``user`` acts for."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(
            organisation_id__in=OrganisationMembership.objects.filter(user=user).values(
                "organisation_id"
            )
        )

    def in_territory(self, territory: Territory):
        """Posts on ``territory``, on a territory inside it or on one that contains it."""
        related = Territory.objects.related_both_ways(territory).values("pk")
        return self.filter(territory_id__in=related)

    def available_on(self, day: datetime.date):
        """Posts whose availability includes ``day`` (dates and recurring weekdays)."""
        return self.filter(
            Q(available_from__isnull=True) | Q(available_from__lte=day),
            Q(available_until__isnull=True) | Q(available_until__gte=day),
            Q(weekdays=0) | Q(weekdays__in=masks_including(day.weekday())),
        )

    def matching_text(self, text: str):
        """Posts whose title or description holds every word (accents and case ignored)."""
        queryset = self
        for word in fold_text(text).split():
            queryset = queryset.filter(search_text__contains=word)
        return queryset

    def for_listing(self):
        """What a card of the board shows, in a constant number of queries."""
        return self.select_related("organisation", "territory", "commune").prefetch_related(
            models.Prefetch("photos", queryset=SharingPhoto.objects.order_by("position", "pk"))
        )


class SharingPost(FSMModelMixin, models.Model):
    """An offer or a request of an organisation: premises, equipment, a vehicle, skills, a
    shared job… published on the sharing board."""

    # Public pages show it: any change purges the page cache (core/cache/purges.py).
    purges_page_cache = True

    class Kind(models.TextChoices):
        OFFER = "offer", _("Offer")
        REQUEST = "request", _("Request")

    class Category(models.TextChoices):
        PREMISES = "premises", _("Premises")
        EQUIPMENT = "equipment", _("Equipment")
        VEHICLE = "vehicle", _("Vehicle")
        SKILLS = "skills", _("Skills")
        SHARED_JOB = "shared_job", _("Shared job")
        OTHER = "other", _("Other")

    class Availability(models.TextChoices):
        ONGOING = "ongoing", _("Ongoing")
        DATES = "dates", _("Between two dates")
        RECURRING = "recurring", _("On given days of the week")

    class Terms(models.TextChoices):
        FREE = "free", _("Free")
        COST_SHARING = "cost_sharing", _("Cost sharing")
        PRICE = "price", _("At a price")

    class State(WorkflowStates):
        DRAFT = "draft", StateInfo("amber"), _("Draft")
        PUBLISHED = "published", StateInfo("green"), pgettext_lazy("sharing post", "Published")
        FULFILLED = "fulfilled", StateInfo("purple", terminal=True), _("Fulfilled")
        # Not terminal: an expired post may be renewed.
        EXPIRED = "expired", StateInfo("amber"), _("Expired")
        WITHDRAWN = "withdrawn", StateInfo("red", terminal=True), _("Withdrawn")

    FINAL_STATES = State.where("terminal")

    kind = models.CharField(_("Offer or request"), max_length=10, choices=Kind.choices)
    category = models.CharField(_("Category"), max_length=20, choices=Category.choices)
    # Posts are public: no e-mail address nor phone number, people write through the messaging.
    title = models.CharField(_("Title"), max_length=150, validators=[one_line, no_contact_details])
    description = models.TextField(
        _("Description"), max_length=4000, validators=[no_contact_details]
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("On behalf of"),
        on_delete=models.CASCADE,
        related_name="sharing_posts",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Posted by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="sharing_posts",
    )
    territory = models.ForeignKey(
        Territory,
        verbose_name=_("Territory"),
        on_delete=models.PROTECT,
        related_name="sharing_posts",
        help_text=_("Where the offer or the need is: a commune, a valley, the whole département…"),
    )
    commune = models.ForeignKey(
        Territory,
        verbose_name=_("Commune"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        limit_choices_to={"kind": Territory.Kind.COMMUNE},
        help_text=_("Optional: the precise place, inside the territory."),
    )
    availability = models.CharField(
        _("Availability"), max_length=10, choices=Availability.choices, default=Availability.ONGOING
    )
    available_from = models.DateField(pgettext_lazy("date range", "From"), null=True, blank=True)
    available_until = models.DateField(_("Until"), null=True, blank=True)
    weekdays = models.PositiveSmallIntegerField(
        _("Days of the week"), default=0, help_text=_("Bit mask, Monday = 1; 0 = every day.")
    )
    terms = models.CharField(
        pgettext_lazy("sharing terms", "Terms"),
        max_length=15,
        choices=Terms.choices,
        default=Terms.FREE,
    )
    price = models.DecimalField(
        _("Price (€)"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    terms_note = models.CharField(
        _("Terms in a few words"),
        max_length=200,
        blank=True,
        help_text=_("For example: per day, fuel included, insurance to share…"),
        validators=[no_contact_details],
    )
    state = FSMField(
        _("State"), default=State.DRAFT, choices=State.choices, protected=True, db_index=True
    )
    published_at = models.DateTimeField(
        pgettext_lazy("sharing post", "Published"), null=True, blank=True
    )
    expires_at = models.DateField(_("Expires on"), default=default_expiry, db_index=True)
    reminded_at = models.DateTimeField(_("Expiry reminder sent"), null=True, blank=True)
    fulfilled_at = models.DateTimeField(_("Fulfilled"), null=True, blank=True)
    closed_at = models.DateTimeField(_("Closed"), null=True, blank=True)
    hidden_at = models.DateTimeField(_("Hidden by the coordinators"), null=True, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hidden_reason = models.TextField(_("Why it is hidden"), blank=True)
    # Title and description folded (no accents, lower case), for the board's text filter.
    search_text = models.TextField(editable=False, blank=True)
    created_at = models.DateTimeField(pgettext_lazy("timestamp", "Created"), auto_now_add=True)
    updated_at = models.DateTimeField(pgettext_lazy("timestamp", "Updated"), auto_now=True)

    objects = SharingPostQuerySet.as_manager()

    class Meta:
        verbose_name = _("sharing post")
        verbose_name_plural = _("sharing posts")
        ordering = ["-published_at", "-pk"]
        indexes = [models.Index(fields=["state", "expires_at"])]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        self.search_text = fold_text(f"{self.title}\n{self.description}")
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and {"title", "description"} & set(update_fields):
            kwargs["update_fields"] = {*update_fields, "search_text"}
        super().save(*args, **kwargs)

    def clean(self) -> None:
        super().clean()
        errors: dict[str, str] = {}
        if self.commune_id:
            commune = self.commune
            if commune.kind != Territory.Kind.COMMUNE:
                errors["commune"] = _("Choose a commune.")
            elif (
                self.territory_id
                and commune.pk != self.territory_id
                and not (commune.ancestors.filter(pk=self.territory_id).exists())
            ):
                errors["commune"] = _("The commune must be inside the territory chosen.")
        if (
            self.available_from
            and self.available_until
            and self.available_until < self.available_from
        ):
            errors["available_until"] = _("The end date comes before the start date.")
        if self.availability == self.Availability.DATES:
            if not self.available_from:
                errors["available_from"] = _("Give the first day.")
            if not self.available_until:
                errors["available_until"] = _("Give the last day.")
        if self.availability == self.Availability.RECURRING and not self.weekdays:
            errors["weekdays"] = _("Choose at least one day of the week.")
        if self.weekdays < 0 or self.weekdays > ALL_WEEKDAYS:
            errors["weekdays"] = _("Choose among the days offered.")
        if self.availability == self.Availability.ONGOING:
            if self.weekdays:
                errors["weekdays"] = _(
                    "An ongoing availability has no days of the week: choose “on given days”."
                )
            if self.available_until:
                errors["available_until"] = _(
                    "An ongoing availability has no last day: choose “between two dates”."
                )
        if self.terms == self.Terms.PRICE and self.price is None:
            errors["price"] = _("Give the price.")
        if errors:
            raise ValidationError(errors)

    # ------------------------------------------------------------------ reading helpers
    @property
    def weekday_numbers(self) -> list[int]:
        return weekdays_of(self.weekdays)

    @property
    def weekday_names(self) -> list[str]:
        return [str(WEEKDAY_NAMES[day]) for day in weekdays_of(self.weekdays)]

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None

    def is_on_board(self, today: datetime.date | None = None) -> bool:
        today = today or timezone.localdate()
        return (
            self.state == self.State.PUBLISHED and not self.is_hidden and self.expires_at >= today
        )

    @property
    def is_final(self) -> bool:
        return self.State(self.state).terminal

    # ------------------------------------------------------------------ transitions
    # In-memory changes only; the engine checks who may, saves, and the services match and
    # notify (`projects.sharing.services.posts`).
    def _start_lifetime(self) -> None:
        today = timezone.localdate()
        self.expires_at = today + datetime.timedelta(days=POST_LIFETIME_DAYS)
        self.reminded_at = None

    @transition(
        field=state,
        source=State.DRAFT,
        target=State.PUBLISHED,
        permission=ITS_ORGANISATION,
        custom=declare(_("Publish")),
    )
    def publish(self) -> None:
        """The author puts the post on the board for 90 days."""
        self.published_at = timezone.now()
        self._start_lifetime()

    def _renewable(self) -> bool:
        if self.state == self.State.EXPIRED:
            return True
        horizon = timezone.localdate() + datetime.timedelta(days=RENEWABLE_DAYS)
        return self.expires_at <= horizon

    @transition(
        field=state,
        source=[State.PUBLISHED, State.EXPIRED],
        target=State.PUBLISHED,
        conditions=[
            Condition(
                _renewable,
                code="renewable",
                message=_("A post can be renewed in the %(days)d days before it expires."),
                params={"days": RENEWABLE_DAYS},
            )
        ],
        permission=ITS_ORGANISATION,
        custom=declare(_("Keep it 90 more days")),
    )
    def renew(self) -> None:
        """The author keeps the post on the board for another 90 days."""
        self._start_lifetime()

    @transition(
        field=state,
        source=[State.PUBLISHED, State.EXPIRED],
        target=State.FULFILLED,
        permission=ITS_ORGANISATION,
        custom=declare(_("Mark as fulfilled")),
    )
    def fulfil(self) -> None:
        """The exchange took place: the post leaves the board and counts as fulfilled."""
        self.fulfilled_at = self.closed_at = timezone.now()

    @transition(
        field=state,
        source=State.where("terminal", present=False),
        target=State.WITHDRAWN,
        permission=ITS_ORGANISATION,
        custom=declare(_("Withdraw")),
    )
    def withdraw(self) -> None:
        """The organisation no longer offers or needs it."""
        self.closed_at = timezone.now()

    @transition(
        field=state,
        source=State.PUBLISHED,
        target=State.EXPIRED,
        permission=DAILY_RUN,
        custom=declare(_("Expire")),
    )
    def expire(self) -> None:
        """The expiry date passed: the post leaves the board (it may be renewed)."""
        self.closed_at = timezone.now()


def photo_path(instance: "SharingPhoto", filename: str) -> str:
    return f"sharing/{instance.post_id}/{secrets.token_hex(8)}-{filename}"


class SharingPhoto(models.Model):
    """A photo of a post, in private storage: served only while its post may be read."""

    # Public pages show it: any change purges the page cache (core/cache/purges.py).
    purges_page_cache = True

    post = models.ForeignKey(SharingPost, on_delete=models.CASCADE, related_name="photos")
    file = models.FileField(_("Photo"), upload_to=photo_path, storage=private_storage)
    alt_text = models.CharField(
        _("Description of the photo"),
        max_length=200,
        help_text=_("What the photo shows, for people who cannot see it."),
    )
    content_type = models.CharField(max_length=50)
    size = models.PositiveIntegerField()
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    position = models.PositiveSmallIntegerField(default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.alt_text


class SharingMatch(models.Model):
    """An offer and a request that fit (same category, compatible territory and dates); both
    authors were told."""

    purges_page_cache = True  # the public dashboard counts matches

    offer = models.ForeignKey(SharingPost, on_delete=models.CASCADE, related_name="+")
    request = models.ForeignKey(SharingPost, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(_("Found"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("match")
        verbose_name_plural = _("matches")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["offer", "request"], name="unique_sharing_match")
        ]

    def __str__(self) -> str:
        return f"{self.offer_id} ↔ {self.request_id}"
