"""Territories: perimeters from a commune to the European Union, nested in one another."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel

from core.validators import one_line
from projects.network.models.common import COUNTRY_HELP, free_slug
from projects.network.places import PLACE_FIELDS, PREPOSITIONS, Place, place_from
from projects.network.widgets import TerritoryPickerWidget


def _name_field(label):
    return models.CharField(
        label,
        max_length=150,
        blank=True,
        help_text=_("Only when it differs from the official name (Coni for Cuneo in French)."),
        validators=[one_line],
    )


def _preposition_field(label, language: str, help_text):
    return models.CharField(
        label,
        max_length=10,
        blank=True,
        choices=[(value, value) for value in PREPOSITIONS[language]],
        help_text=help_text,
    )


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
        validators=[one_line],
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

    # How messages say where a project is (projects/network/places.py).
    name_fr = _name_field(_("Name in French"))
    name_en = _name_field(_("Name in English"))
    name_it = _name_field(_("Name in Italian"))
    in_fr = _preposition_field(
        _("Preposition in French"),
        "fr",
        _(
            "How French says « in » this territory: en France, dans les Hautes-Alpes, à Gap. "
            "Empty: guessed from the kind and the name."
        ),
    )
    in_en = _preposition_field(
        _("Preposition in English"), "en", _("« in », or « in the » (in the Briançonnais).")
    )
    in_it = _preposition_field(
        _("Preposition in Italian"),
        "it",
        _("How Italian says « in » this territory: in Francia, nelle Alte Alpi, a Gap."),
    )

    objects = TerritoryQuerySet.as_manager()

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("name_fr"), FieldPanel("name_en"), FieldPanel("name_it")]),
        FieldRowPanel([FieldPanel("in_fr"), FieldPanel("in_en"), FieldPanel("in_it")]),
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
        return self.local_name()

    def save(self, *args, **kwargs) -> None:
        self.rank = self.RANKS.get(self.kind, 1)
        if not self.slug:
            others = Territory.objects.exclude(pk=self.pk)
            self.slug = free_slug(others, f"{self.kind}-{self.name}", 160)
        super().save(*args, **kwargs)

    @property
    def place(self) -> Place:
        """The names and prepositions messages quote (plain data, see `places.py`)."""
        return place_from(self.name, self.kind, {f: getattr(self, f) for f in PLACE_FIELDS})

    def local_name(self, language: str | None = None) -> str:
        """The name in `language` (the active one by default): « Alte Alpi » in Italian."""
        return self.place.local_name(language)

    def located_in(self, language: str | None = None) -> str:
        """« en France », « dans les Hautes-Alpes », « nelle Alte Alpi », « in Gap »."""
        return self.place.located_in(language)
