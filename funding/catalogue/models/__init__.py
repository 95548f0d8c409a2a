"""The funding catalogue: funders, their sources (programmes, funds, platforms) and their calls.

Funders, sources and calls are translatable snippets under the canonical-row rule of `projects`
(docs/translation.md): one row per language linked by `translation_key`, every relation pointing
at the French row, translated rows carrying translated text only. Listings and facts query
`canonical()` rows and show text in the visitor's language with `localize_all`.

The package holds the funders and sources (`funders`), the calls (`calls`), their named filters
(`querysets`), their form in the admin (`panels`) and their requirements (`requirements`), with
what they share (`common`, and `dates` for Paris time). Import from `funding.catalogue.models`:
migrations name `funding.catalogue.models.canonical_only`.
"""

from funding.catalogue.models.calls import AidType, CostType, FundingCall
from funding.catalogue.models.common import (
    ANYWHERE_RANK,
    PERCENT,
    POSITIVE,
    SLUG_HELP,
    canonical_only,
    unique_slug,
)
from funding.catalogue.models.dates import (
    CALL_TIMEZONE,
    CLOSING_SOON_DAYS,
    end_of_day,
    paris_today,
    start_of_day,
)
from funding.catalogue.models.funders import Funder, FundingSource
from funding.catalogue.models.querysets import FundingCallQuerySet
from funding.catalogue.models.requirements import CallRequirement

__all__ = [
    "ANYWHERE_RANK",
    "CALL_TIMEZONE",
    "CLOSING_SOON_DAYS",
    "PERCENT",
    "POSITIVE",
    "SLUG_HELP",
    "AidType",
    "CallRequirement",
    "CostType",
    "Funder",
    "FundingCall",
    "FundingCallQuerySet",
    "FundingSource",
    "canonical_only",
    "end_of_day",
    "paris_today",
    "start_of_day",
    "unique_slug",
]
