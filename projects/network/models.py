"""The cooperation network: themes, territories, organisations and working groups."""

from decimal import Decimal

from django import forms
from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Locale, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from core.translation import CanonicalQuerySet
from projects.network.blocks import MeetingNoteBlock
from projects.network.widgets import (
    SearchableSelect,
    SearchableSelectMultiple,
    TerritoryPickerWidget,
    TerritorySelect,
)

COUNTRY_HELP = _("Two-letter ISO code: FR for France, IT for Italy.")


def free_slug(rows: models.QuerySet, base: str, max_length: int) -> str:
    """``base`` slugified, numbered (``-2``, ``-3``…) until none of ``rows`` has it: the slug
    of a row whose editor left the field empty."""
    root = slugify(base)[: max_length - 5] or rows.model._meta.model_name
    slug, number = root, 2
    while rows.filter(slug=slug).exists():
        slug, number = f"{root}-{number}", number + 1
    return slug


def canonical_only() -> models.Q:
    """`limit_choices_to` of relations to translatable snippets: default-language rows only
    (the canonical-row rule of docs/translation.md: translated rows only carry text)."""
    return models.Q(locale_id=Locale.get_default().pk)


class Theme(TranslatableMixin, models.Model):
    """A cooperation domain of the seed (five themes, then engineering support)."""

    # Public pages show it: any change purges the page cache (core/cache/purges.py).
    purges_page_cache = True

    number = models.PositiveSmallIntegerField(
        pgettext_lazy("theme order", "Number"),
        help_text=_("Position of the theme in every list: 1 for the first."),
    )
    slug = models.SlugField(
        _("Slug"),
        max_length=60,
        help_text=_(
            "The theme in web addresses and filters (?theme=…): lower-case letters, digits and "
            "hyphens. Changing it breaks saved links."
        ),
    )
    name = models.CharField(
        _("Name"), max_length=120, help_text=_("Short name, shown in filters, cards and guides.")
    )
    description = models.TextField(
        _("Description"), blank=True, help_text=_("What the theme covers, in one or two sentences.")
    )

    objects = CanonicalQuerySet.as_manager()

    translatable_fields = [
        TranslatableField("name"),
        TranslatableField("description"),
        SynchronizedField("number"),
        SynchronizedField("slug"),
    ]
    panels = [
        FieldPanel("number"),
        FieldPanel("slug"),
        FieldPanel("name"),
        FieldPanel("description"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="unique_theme_slug_per_locale")
        ]

    def __str__(self) -> str:
        return self.name


class TerritoryQuerySet(models.QuerySet):
    def related_both_ways(self, territory: "Territory"):
        """Territories that contain ``territory``, that it contains, and itself.

        A call open on a territory is open to projects on any territory inside it; a search on a
        territory finds what is on it, on what contains it and on what it contains.
        """
        return self.filter(
            models.Q(pk=territory.pk)
            | models.Q(contained__pk=territory.pk)
            | models.Q(ancestors__pk=territory.pk)
        ).distinct()


class Territory(models.Model):
    """A perimeter: commune, EPCI, pays/GAL, département, région, massif, cross-border zone…

    A territory may sit in several others (a commune is in an EPCI and a LEADER area; a
    département in a région, a massif and the ALCOTRA zone): ``parents`` are the direct ones, and
    ``ancestors`` stores every territory that contains it, directly or not.
    """

    # Public pages show it: any change purges the page cache (core/cache/purges.py).
    purges_page_cache = True

    class Kind(models.TextChoices):
        COMMUNE = "commune", _("Commune")
        EPCI = "epci", _("Inter-communal grouping (EPCI)")
        PAYS = "pays", _("Pays or LEADER area (GAL)")
        DEPARTEMENT = "departement", _("Département or province")
        REGION = "region", _("Région")
        MASSIF = "massif", _("Massif")
        CROSS_BORDER = "cross_border", _("Cross-border zone")
        NATION = "nation", _("Nation")
        EU = "eu", _("European Union")

    # Smaller ranks are narrower perimeters (used to order results by narrowest territory).
    RANKS = {
        Kind.COMMUNE: 1,
        Kind.EPCI: 2,
        Kind.PAYS: 3,
        Kind.DEPARTEMENT: 4,
        Kind.REGION: 5,
        Kind.MASSIF: 6,
        Kind.CROSS_BORDER: 7,
        Kind.NATION: 8,
        Kind.EU: 9,
    }

    name = models.CharField(
        _("Name"),
        max_length=150,
        help_text=_("Official name, as written locally: Gap, Communauté de communes du Queyras…"),
    )
    slug = models.SlugField(
        _("Slug"),
        max_length=160,
        unique=True,
        blank=True,
        help_text=_(
            "The territory in web addresses and filters (?territory=…). Leave empty to make it "
            "from the kind and the name; changing it breaks saved links."
        ),
    )
    kind = models.CharField(
        _("Kind"),
        max_length=20,
        choices=Kind.choices,
        help_text=_("Searches and listings show the narrowest kinds first."),
    )
    rank = models.PositiveSmallIntegerField(_("Rank"), editable=False, default=1, db_index=True)
    code = models.CharField(
        _("Official code"),
        max_length=20,
        blank=True,
        help_text=_(
            "INSEE code of a commune (05061 for Gap), SIREN of an EPCI, number of a département, "
            "NUTS code of an Italian region or province. Empty when there is none."
        ),
    )
    country = models.CharField(_("Country"), max_length=2, default="FR", help_text=COUNTRY_HELP)
    latitude = models.DecimalField(
        _("Latitude"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        help_text=_("Decimal degrees, e.g. 44.55963 for Gap. Places the territory on maps."),
    )
    longitude = models.DecimalField(
        _("Longitude"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        help_text=_("Decimal degrees, e.g. 6.07800 for Gap (east of Greenwich is positive)."),
    )
    parents = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="children",
        verbose_name=_("Directly inside"),
        help_text=_(
            "The territories it sits directly inside: a commune in its EPCI, an EPCI in its "
            "département and LEADER area… The wider ones follow by themselves."
        ),
    )
    ancestors = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="contained",
        editable=False,
        verbose_name=_("Every territory that contains it"),
    )

    objects = TerritoryQuerySet.as_manager()

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("code"), FieldPanel("country")]),
        FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
        FieldPanel("parents", widget=TerritoryPickerWidget),
    ]

    class Meta:
        verbose_name = _("territory")
        verbose_name_plural = _("territories")
        ordering = ["rank", "name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        self.rank = self.RANKS.get(self.kind, 1)
        if not self.slug:
            others = Territory.objects.exclude(pk=self.pk)
            self.slug = free_slug(others, f"{self.kind}-{self.name}", 160)
        super().save(*args, **kwargs)


class OrganisationQuerySet(CanonicalQuerySet):
    def active_members(self):
        return self.filter(is_active_member=True)


class Organisation(TranslatableMixin, index.Indexed, ClusterableModel):
    """An ESS enterprise (association, SCIC, SCOP, mutual, foundation…) or an institution."""

    # Public pages show it: any change purges the page cache (core/cache/purges.py).
    purges_page_cache = True

    class Kind(models.TextChoices):
        ENTERPRISE = "enterprise", _("Enterprise")
        INSTITUTION = "institution", _("Institution")

    class LegalForm(models.TextChoices):
        ASSOCIATION = "association", _("Association")
        SCIC = "scic", _("Cooperative society of collective interest (SCIC)")
        SCOP = "scop", _("Worker cooperative (SCOP)")
        COOPERATIVE = "cooperative", _("Other cooperative")
        MUTUAL = "mutual", _("Mutual society")
        FOUNDATION = "foundation", _("Foundation")
        ESUS = "esus", _("Social utility company (ESUS)")
        COMPANY = "company", _("Commercial company")
        LOCAL_AUTHORITY = "local_authority", _("Local authority")
        PUBLIC_BODY = "public_body", _("Public body or State service")
        UNIVERSITY = "university", _("University or research body")
        OTHER = "other", _("Other")

    name = models.CharField(
        _("Name"),
        max_length=200,
        help_text=_("Its usual name, as the organisation writes it; the same in every language."),
    )
    slug = models.SlugField(
        _("Slug"),
        max_length=200,
        blank=True,
        help_text=_(
            "Its page's address in the directory (…/o/<slug>/). Leave empty to make it from the "
            "name; changing it breaks saved links."
        ),
    )
    kind = models.CharField(
        _("Kind"),
        max_length=20,
        choices=Kind.choices,
        default=Kind.ENTERPRISE,
        help_text=_(
            "Enterprise: an organisation of the social and solidarity economy (association, "
            "cooperative…). Institution: a public body, a local authority, a university."
        ),
    )
    legal_form = models.CharField(
        _("Legal form"),
        max_length=30,
        choices=LegalForm.choices,
        default=LegalForm.ASSOCIATION,
        help_text=_("Its legal status: funding calls are matched on it."),
    )
    description = models.TextField(
        _("Description"),
        blank=True,
        help_text=_(
            "What it does, in a few sentences, for the directory's visitors. Translated into "
            "English and Italian with « Translate »."
        ),
    )
    themes = ParentalManyToManyField(
        Theme,
        blank=True,
        verbose_name=_("Themes"),
        limit_choices_to=canonical_only,
        help_text=_("The cooperation themes it works on: the directory filters on them."),
    )
    territories = ParentalManyToManyField(
        Territory,
        blank=True,
        related_name="organisations_active",
        verbose_name=_("Territories where it works"),
        help_text=_(
            "Where it acts, beyond its commune. Type a few letters to find a place; choose as "
            "many as needed."
        ),
    )
    commune = models.ForeignKey(
        Territory,
        verbose_name=_("Commune"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="organisations_based",
        limit_choices_to={"kind": Territory.Kind.COMMUNE},
        help_text=_("Where it is based. Places it on the map when it has no coordinates."),
    )
    country = models.CharField(_("Country"), max_length=2, default="FR", help_text=COUNTRY_HELP)
    latitude = models.DecimalField(
        _("Latitude"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(-90)), MaxValueValidator(Decimal(90))],
        help_text=_("Decimal degrees. Leave empty to use its commune's position."),
    )
    longitude = models.DecimalField(
        _("Longitude"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(-180)), MaxValueValidator(Decimal(180))],
        help_text=_("Decimal degrees. Leave empty to use its commune's position."),
    )
    website = models.URLField(
        _("Website"), blank=True, help_text=_("The full address, starting with https://.")
    )
    email = models.EmailField(
        _("E-mail"),
        blank=True,
        help_text=_(
            "Shown on its directory page: give only an address the organisation publishes."
        ),
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("Logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The image's description is its alternative text."),
    )
    is_active_member = models.BooleanField(
        _("Active member of the cluster"),
        default=False,
        help_text=_(
            "Takes part in the cluster's work: counted on the dashboard, and a filter of the "
            "directory."
        ),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = OrganisationQuerySet.as_manager()

    translatable_fields = [
        TranslatableField("description"),
        SynchronizedField("name"),
        SynchronizedField("slug"),
        SynchronizedField("kind"),
        SynchronizedField("legal_form"),
        SynchronizedField("themes"),
        SynchronizedField("territories"),
        SynchronizedField("commune"),
        SynchronizedField("country"),
        SynchronizedField("latitude"),
        SynchronizedField("longitude"),
        SynchronizedField("website"),
        SynchronizedField("email"),
        SynchronizedField("logo"),
        SynchronizedField("is_active_member"),
    ]
    search_fields = [
        index.SearchField("name", boost=3),
        index.AutocompleteField("name"),
        index.SearchField("description"),
        index.FilterField("kind"),
        index.FilterField("legal_form"),
        index.FilterField("locale_id"),
    ]
    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("legal_form")]),
        FieldPanel("description"),
        FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
        FieldPanel("territories", widget=TerritoryPickerWidget),
        MultiFieldPanel(
            [
                FieldPanel("commune", widget=TerritorySelect),
                FieldPanel("country"),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
            ],
            heading=_("Location"),
        ),
        MultiFieldPanel(
            [FieldPanel("website"), FieldPanel("email"), FieldPanel("logo")],
            heading=_("Contact"),
        ),
        FieldPanel("is_active_member"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["slug", "locale"], name="unique_organisation_slug_per_locale"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        if not self.slug:
            if self.locale_id is None:
                self.locale = self.get_default_locale()
            others = Organisation.objects.filter(locale_id=self.locale_id).exclude(pk=self.pk)
            self.slug = free_slug(others, self.name, 200)
        if self.commune_id and (self.latitude is None or self.longitude is None):
            commune = self.commune
            self.latitude = self.latitude if self.latitude is not None else commune.latitude
            self.longitude = self.longitude if self.longitude is not None else commune.longitude
        super().save(*args, **kwargs)


class OrganisationMembership(models.Model):
    """A person acting on behalf of an organisation (its administrator or a member)."""

    class Role(models.TextChoices):
        ADMIN = "admin", pgettext_lazy("organisation role", "Administrator")
        MEMBER = "member", _("Member")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="organisation_memberships"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("Role"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("organisation membership")
        verbose_name_plural = _("organisation memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation"], name="unique_membership_per_organisation"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.organisation}"


class WorkingGroup(TranslatableMixin, ClusterableModel):
    """A thematic or territorial group of active members, led by a *chef de file*."""

    # Public pages show it: any change purges the page cache (core/cache/purges.py).
    purges_page_cache = True

    class Kind(models.TextChoices):
        THEMATIC = "thematic", _("Thematic")
        TERRITORIAL = "territorial", _("Territorial")

    name = models.CharField(
        _("Name"), max_length=150, help_text=_("For example « Groupe locaux et matériels ».")
    )
    slug = models.SlugField(
        _("Slug"),
        max_length=160,
        help_text=_(
            "The group's anchor on the working groups page (#group-<slug>): lower-case letters, "
            "digits and hyphens."
        ),
    )
    kind = models.CharField(
        _("Kind"),
        max_length=12,
        choices=Kind.choices,
        default=Kind.THEMATIC,
        help_text=_("Thematic: works on one theme. Territorial: works on one territory."),
    )
    theme = models.ForeignKey(
        Theme,
        verbose_name=_("Theme"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="working_groups",
        limit_choices_to=canonical_only,
        help_text=_("The theme of a thematic group; its lead becomes the theme's lead."),
    )
    territory = models.ForeignKey(
        Territory,
        verbose_name=_("Territory"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="working_groups",
        help_text=_("The territory of a territorial group."),
    )
    lead_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("Lead organisation (chef de file)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="led_working_groups",
        limit_choices_to=canonical_only,
        help_text=_("The organisation that leads the group and speaks for it."),
    )
    members = ParentalManyToManyField(
        Organisation,
        blank=True,
        related_name="working_groups",
        verbose_name=_("Members"),
        limit_choices_to=canonical_only,
        help_text=_(
            "The organisations taking part. Type a few letters to find one; choose as many as "
            "needed."
        ),
    )
    description = RichTextField(
        _("Description"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("What the group works on, shown on the working groups page."),
    )
    meeting_notes = StreamField(
        [("meeting", MeetingNoteBlock())],
        blank=True,
        verbose_name=_("Meeting notes"),
        help_text=_("One entry per meeting; the working groups page shows the latest."),
    )

    objects = CanonicalQuerySet.as_manager()

    translatable_fields = [
        TranslatableField("name"),
        TranslatableField("description"),
        TranslatableField("meeting_notes"),
        SynchronizedField("slug"),
        SynchronizedField("kind"),
        SynchronizedField("theme"),
        SynchronizedField("territory"),
        SynchronizedField("lead_organisation"),
        SynchronizedField("members"),
    ]
    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldRowPanel(
            [
                FieldPanel("kind"),
                FieldPanel("theme", widget=forms.Select),
                FieldPanel("territory", widget=TerritorySelect),
            ]
        ),
        FieldPanel("lead_organisation", widget=SearchableSelect),
        FieldPanel("members", widget=SearchableSelectMultiple),
        FieldPanel("description"),
        FieldPanel("meeting_notes"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("working group")
        verbose_name_plural = _("working groups")
        ordering = ["kind", "name"]

    def __str__(self) -> str:
        return self.name
