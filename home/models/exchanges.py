"""Exchanges of experience (meetings, testimonies, study trips, forums, trainings) and agenda."""

from datetime import datetime
from zoneinfo import ZoneInfo

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import prefetch_related_objects
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from core.revisions import UnchangedRevisionMixin
from core.translation import localize_all
from home.blocks.common import BodyBlock
from home.calendar import calendar_response
from home.forms import ExchangeFilterForm
from home.listing import localize_related, paginate
from home.models.relations import canonical_only
from projects.network.models import Territory
from projects.network.widgets import SearchableSelectMultiple, TerritorySelect

# Exchanges take place in the Hautes-Alpes: dates are shown and exported in Paris time.
EXCHANGE_TIMEZONE = ZoneInfo("Europe/Paris")
REPORT_FEATURES = ["h3", "bold", "italic", "ol", "ul", "link", "document-link"]


class ExchangePageQuerySet(PageQuerySet):
    """Named filters of the exchanges."""

    def upcoming(self, now: datetime | None = None) -> "ExchangePageQuerySet":
        """Exchanges not over yet (those under way included), soonest first."""
        return self.filter(end__gte=now or timezone.now()).order_by("start", "pk")

    def past(self, now: datetime | None = None) -> "ExchangePageQuerySet":
        """Exchanges that are over, most recent first."""
        return self.filter(end__lt=now or timezone.now()).order_by("-start", "-pk")

    def for_listing(self) -> "ExchangePageQuerySet":
        """What a listing or the agenda shows, fetched in a fixed number of queries."""
        return self.select_related("commune").prefetch_related("themes")


ExchangePageManager = PageManager.from_queryset(ExchangePageQuerySet)


class ExchangeIndexPage(RoutablePageMixin, UnchangedRevisionMixin, Page):
    """The agenda of the exchanges of experience: upcoming and past, with an iCalendar feed."""

    intro = models.TextField(_("Introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["home.ExchangePage"]
    max_count_per_parent = 1

    per_page = 10

    class Meta:
        verbose_name = _("exchanges index")
        verbose_name_plural = _("exchanges indexes")

    def feed_url(self, request: HttpRequest | None = None) -> str:
        """Address of the iCalendar feed of upcoming exchanges (no trailing slash)."""
        return self.get_url(request) + "agenda.ics"

    @path("")
    def index_route(self, request: HttpRequest) -> HttpResponse:
        form = ExchangeFilterForm(request.GET or None, kinds=ExchangePage.Kind.choices)
        exchanges = ExchangePage.objects.child_of(self).live().public().for_listing()
        valid = form.is_valid() if request.GET else True
        criteria = form.filters() if valid else {}
        if "kind" in criteria:
            exchanges = exchanges.filter(kind=criteria["kind"])
        if "theme" in criteria:
            exchanges = exchanges.filter(themes__slug=criteria["theme"])
        now = timezone.now()
        upcoming = paginate(
            exchanges.upcoming(now), request, param="upcoming", per_page=self.per_page
        )
        past = paginate(exchanges.past(now), request, param="past", per_page=self.per_page)
        localize_related([*upcoming.object_list, *past.object_list], "themes")
        response = self.render(
            request,
            context_overrides={
                "filter_form": form,
                "is_filtered": bool(criteria),
                "upcoming": upcoming,
                "past": past,
            },
        )
        if not valid:
            response.status_code = 400
        return response

    @path("agenda.ics/", name="agenda")
    def agenda(self, request: HttpRequest) -> HttpResponse:
        """The upcoming exchanges as an iCalendar feed, in this index's language."""
        exchanges = list(
            ExchangePage.objects.child_of(self).live().public().for_listing().upcoming()
        )
        localize_related(exchanges, "themes")
        return calendar_response(
            request, exchanges, name=self.title, filename=f"{self.slug}.ics", description=self.intro
        )


class ExchangePage(RoutablePageMixin, UnchangedRevisionMixin, Page):
    """An exchange of experience: its date, place, organisers, themes, then its report."""

    class Kind(models.TextChoices):
        MEETING = "meeting", _("Meeting")
        TESTIMONY = "testimony", _("Testimony")
        STUDY_TRIP = "study_trip", _("Study trip")
        FORUM = "forum", _("Forum")
        TRAINING = "training", _("Training")

    kind = models.CharField(
        _("Kind"),
        max_length=20,
        choices=Kind.choices,
        default=Kind.MEETING,
        help_text=_("Shown on the agenda, which visitors can filter by kind."),
    )
    start = models.DateTimeField(
        _("Start"),
        db_index=True,
        help_text=_(
            "Date and time in Paris time (Europe/Paris), the site's time zone, as on the "
            "invitation."
        ),
    )
    end = models.DateTimeField(
        _("End"),
        db_index=True,
        help_text=_(
            "Paris time (Europe/Paris), after the start. The exchange is listed as upcoming "
            "until then."
        ),
    )
    commune = models.ForeignKey(
        Territory,
        verbose_name=_("Commune"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="exchanges",
        limit_choices_to={"kind": Territory.Kind.COMMUNE},
        help_text=_("Where it takes place; type a few letters to find the commune."),
    )
    address = models.TextField(
        _("Address"), blank=True, help_text=_("Venue, street, directions: as on an invitation")
    )
    organisers = ParentalManyToManyField(
        "projects.Organisation",
        blank=True,
        related_name="organised_exchanges",
        verbose_name=_("Organisers"),
        limit_choices_to=canonical_only,
        help_text=_(
            "Organisations of the directory that organise it. Type a few letters to find one; "
            "choose as many as needed."
        ),
    )
    themes = ParentalManyToManyField(
        "projects.Theme",
        blank=True,
        related_name="exchanges",
        verbose_name=_("Themes"),
        limit_choices_to=canonical_only,
        help_text=_("The cooperation themes it deals with: the agenda filters on them."),
    )
    registration_url = models.URLField(
        _("Registration link"),
        blank=True,
        help_text=_("Where to register; leave empty and give a number of places instead"),
    )
    capacity = models.PositiveIntegerField(
        _("Number of places"),
        null=True,
        blank=True,
        help_text=_("Places available when registration is not made through a link"),
    )
    summary = models.TextField(
        pgettext_lazy("abstract", "Summary"), help_text=_("One or two sentences for the agenda")
    )
    body = StreamField(
        BodyBlock(),
        blank=True,
        verbose_name=_("Programme"),
        help_text=_("Times, speakers, what to bring: what a participant needs to know."),
    )
    report_summary = RichTextField(
        _("Report"), blank=True, features=REPORT_FEATURES, help_text=_("After the exchange")
    )
    participants = models.PositiveIntegerField(
        _("Number of participants"),
        null=True,
        blank=True,
        help_text=_("How many people came; given after the exchange."),
    )
    report_documents = StreamField(
        [("document", DocumentChooserBlock(label=_("Document")))],
        blank=True,
        verbose_name=_("Report documents"),
        help_text=_("Slides, minutes or a summary to download, after the exchange."),
    )

    objects = ExchangePageManager()

    override_translatable_fields = [
        SynchronizedField("address"),
        SynchronizedField("organisers"),
        SynchronizedField("themes"),
    ]
    content_panels = [
        *Page.content_panels,
        FieldPanel("kind"),
        FieldRowPanel([FieldPanel("start"), FieldPanel("end")], heading=_("When")),
        MultiFieldPanel(
            [FieldPanel("commune", widget=TerritorySelect), FieldPanel("address")],
            heading=_("Where"),
        ),
        FieldPanel("organisers", widget=SearchableSelectMultiple),
        FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
        MultiFieldPanel(
            [FieldPanel("registration_url"), FieldPanel("capacity")], heading=_("Registration")
        ),
        FieldPanel("summary"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("report_summary"),
                FieldPanel("participants"),
                FieldPanel("report_documents"),
            ],
            heading=_("Report (after the exchange)"),
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("report_summary"),
        index.FilterField("kind"),
        index.FilterField("start"),
    ]

    parent_page_types = ["home.ExchangeIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("exchange of experience")
        verbose_name_plural = _("exchanges of experience")

    def clean(self) -> None:
        super().clean()
        errors = {}
        if self.start and self.end and self.end <= self.start:
            errors["end"] = _("The end must come after the start.")
        if self.registration_url and self.capacity is not None:
            errors["capacity"] = _("Give a registration link or a number of places, not both.")
        if self.start and self.start > timezone.now() and self.has_report:
            errors["participants" if self.participants is not None else "report_summary"] = _(
                "The report can only be written once the exchange has started."
            )
        if errors:
            raise ValidationError(errors)

    @property
    def local_start(self) -> datetime:
        return timezone.localtime(self.start, EXCHANGE_TIMEZONE)

    @property
    def local_end(self) -> datetime:
        return timezone.localtime(self.end, EXCHANGE_TIMEZONE)

    @property
    def is_single_day(self) -> bool:
        return self.local_start.date() == self.local_end.date()

    @property
    def is_past(self) -> bool:
        return self.end < timezone.now()

    @property
    def has_report(self) -> bool:
        return bool(self.report_summary or self.participants is not None or self.report_documents)

    @property
    def location(self) -> str:
        """The address then the commune, on one line (for the agenda and calendars)."""
        parts = [" ".join(self.address.split())] if self.address.strip() else []
        if self.commune_id and self.commune.name not in self.address:
            parts.append(self.commune.name)
        return ", ".join(parts)

    def calendar_url(self, request: HttpRequest | None = None) -> str:
        """Address of this exchange's iCalendar file (no trailing slash)."""
        return self.get_url(request) + "event.ics"

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        context = super().get_context(request, *args, **kwargs)
        context["organisers"] = localize_all(self.organisers.order_by("name"))
        context["themes"] = localize_all(self.themes.order_by("number"))
        return context

    @path("event.ics/", name="calendar")
    def calendar(self, request: HttpRequest) -> HttpResponse:
        """This exchange as an iCalendar file, in the page's language."""
        prefetch_related_objects([self], "themes")
        localize_related([self], "themes")
        return calendar_response(
            request, [self], name=self.title, filename=f"{self.slug}.ics", description=""
        )
