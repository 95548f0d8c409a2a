"""Organisations of the network and the people acting on their behalf."""

from decimal import Decimal

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from core.translation import CanonicalQuerySet
from core.validators import one_line
from projects.network.identifiers import (
    normalise_rna,
    normalise_siret,
    validate_rna,
    validate_siret,
)
from projects.network.models.common import COUNTRY_HELP, canonical_only, free_slug
from projects.network.models.territories import Territory
from projects.network.models.themes import Theme
from projects.network.widgets import TerritoryPickerWidget, TerritorySelect


class OrganisationQuerySet(CanonicalQuerySet):
    def active_members(self):
        return self.filter(is_active_member=True)

    def verified(self):
        return self.filter(verified_at__isnull=False)


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
        validators=[one_line],
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
    # Identity: official numbers, what the register says, and the coordinators' verification
    # (docs/security.md, "How organisations are verified").
    siret = models.CharField(
        _("SIREN or SIRET"),
        max_length=20,
        blank=True,
        validators=[validate_siret],
        help_text=_(
            "Its SIREN (9 digits) or the SIRET of its main establishment (14 digits), as on its "
            "registration notice; spaces are removed. Changing it removes the verification."
        ),
    )
    rna = models.CharField(
        _("RNA number"),
        max_length=16,
        blank=True,
        validators=[validate_rna],
        help_text=_(
            "Associations only: their number in the national register of associations, W and 9 "
            "digits (W051000123). Changing it removes the verification."
        ),
    )
    address = models.CharField(
        _("Registered address"),
        max_length=300,
        blank=True,
        help_text=_("The address of its head office, as the register of companies gives it."),
    )
    naf_code = models.CharField(
        _("Activity code (NAF)"),
        max_length=6,
        blank=True,
        help_text=_("Its main activity in INSEE's nomenclature, such as 88.99B."),
    )
    verified_at = models.DateTimeField(_("Verified on"), null=True, blank=True, editable=False)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Verified by"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    verification_note = models.TextField(_("Verification note"), blank=True, editable=False)
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
        SynchronizedField("siret"),
        SynchronizedField("rna"),
        SynchronizedField("address"),
        SynchronizedField("naf_code"),
        SynchronizedField("verified_at"),
        SynchronizedField("verified_by"),
        SynchronizedField("verification_note"),
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
    # The identity panel (numbers, the register's lookup, the verification) is added by the
    # admin (projects/network/admin.py), which needs the request to show coordinators' actions.
    identity_fields = ("siret", "rna", "address", "naf_code")

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["slug", "locale"], name="unique_organisation_slug_per_locale"
            ),
            # One organisation per number: per locale, since translated rows copy it.
            models.UniqueConstraint(
                fields=["siret", "locale"],
                condition=~models.Q(siret=""),
                name="unique_organisation_siret_per_locale",
            ),
            models.UniqueConstraint(
                fields=["rna", "locale"],
                condition=~models.Q(rna=""),
                name="unique_organisation_rna_per_locale",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_verified(self) -> bool:
        return self.verified_at is not None

    def normalise_identifiers(self) -> None:
        self.siret = normalise_siret(self.siret)
        self.rna = normalise_rna(self.rna)

    def clean(self) -> None:
        """Numbers in their stored form, and each one held by one organisation only."""
        super().clean()
        self.normalise_identifiers()
        locale_id = self.locale_id or self.get_default_locale().pk
        others = Organisation.objects.filter(locale_id=locale_id).exclude(pk=self.pk)
        errors = {}
        if self.siret and others.filter(siret=self.siret).exists():
            errors["siret"] = _("Another organisation of the directory has this SIREN or SIRET.")
        if self.rna and others.filter(rna=self.rna).exists():
            errors["rna"] = _("Another organisation of the directory has this RNA number.")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs) -> None:
        self.normalise_identifiers()
        if self.pk and self.verified_at is not None:
            # A verification vouches for the numbers it checked: new numbers need a new one.
            before = Organisation.objects.filter(pk=self.pk).values("siret", "rna").first()
            if before and (before["siret"], before["rna"]) != (self.siret, self.rna):
                self.verified_at, self.verified_by, self.verification_note = None, None, ""
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
