"""The funding call's form in the admin: four tabs (the call, eligibility, terms, provenance)."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)

from projects.network.widgets import SearchableSelect, SearchableSelectMultiple, TerritorySelect

CONTENT_PANELS = [
    FieldPanel("name"),
    FieldPanel("slug"),
    FieldRowPanel(
        [
            FieldPanel("source", widget=SearchableSelect),
            FieldPanel("co_funders", widget=SearchableSelectMultiple),
        ],
    ),
    FieldPanel("summary"),
    FieldPanel("description"),
    FieldPanel("application_url"),
    FieldPanel("is_illustrative"),
]
ELIGIBILITY_PANELS = [
    # A searchable drop-down: the territory chooser needs network permissions.
    FieldPanel("territory", widget=TerritorySelect),
    FieldPanel("eligible_legal_forms"),
    FieldPanel("eligible_audiences"),
    FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
    FieldRowPanel([FieldPanel("aid_types"), FieldPanel("cost_types")]),
    MultiFieldPanel(
        [FieldPanel("min_partners"), FieldPanel("required_countries")],
        heading=_("Partnership"),
    ),
]
TERMS_PANELS = [
    MultiFieldPanel(
        [
            FieldPanel("recurrence"),
            FieldPanel("opens_on"),
            FieldRowPanel([FieldPanel("pre_deposit_at"), FieldPanel("closes_at")]),
        ],
        heading=_("Dates"),
    ),
    FieldRowPanel([FieldPanel("amount_min"), FieldPanel("amount_max")], heading=_("Amount")),
    FieldRowPanel(
        [
            FieldPanel("rate_min"),
            FieldPanel("rate_max"),
            FieldPanel("min_self_financing_rate"),
        ],
        heading=_("Rates"),
    ),
    FieldRowPanel(
        [FieldPanel("platform_fee_rate"), FieldPanel("all_or_nothing")],
        heading=_("Crowdfunding"),
    ),
    InlinePanel("requirements", heading=_("Required documents and questions"), label=_("Item")),
    InlinePanel("criteria", heading=_("Review criteria"), label=_("Criterion")),
]
PROVENANCE_PANELS = [
    FieldRowPanel([FieldPanel("import_source"), FieldPanel("external_id")]),
    FieldPanel("source_url"),
    FieldRowPanel([FieldPanel("licence"), FieldPanel("last_fetched_at")]),
]
CALL_EDIT_HANDLER = TabbedInterface(
    [
        ObjectList(CONTENT_PANELS, heading=_("Call")),
        ObjectList(ELIGIBILITY_PANELS, heading=_("Eligibility")),
        ObjectList(TERMS_PANELS, heading=pgettext_lazy("funding call", "Terms")),
        ObjectList(PROVENANCE_PANELS, heading=_("Provenance")),
    ]
)
