"""The catalogue's vocabulary as plain values: kinds of source, aid types, cost types.

The models' choices and the matcher's facts (`funding.matching.facts`) both read these, so that
the pure matcher needs no model.
"""

# Kinds of funding source (FundingSource.Kind values).
SOURCE_KINDS = (
    "eu_programme",
    "state",
    "region",
    "departement",
    "local_authority",
    "foundation",
    "corporate_sponsorship",
    "crowdfunding_platform",
    "solidarity_finance",
    "bank",
)
# Public money, counted against the cap on public funding (default 80 % of eligible costs).
PUBLIC_SOURCE_KINDS = frozenset(
    {"eu_programme", "state", "region", "departement", "local_authority"}
)

# Aid types (FundingCall.aid_types values).
AID_TYPES = (
    "grant",
    "loan",
    "recoverable_advance",
    "guarantee",
    "in_kind",
    "engineering",
    "crowdfunding_donation",
    "crowdfunding_reward",
    "crowdfunding_loan",
    "crowdfunding_equity",
)
CROWDFUNDING_AID_TYPES = frozenset(
    {"crowdfunding_donation", "crowdfunding_reward", "crowdfunding_loan", "crowdfunding_equity"}
)
# Aid that does not bring money to the budget (it is still matched and shown, never planned).
NON_MONETARY_AID_TYPES = frozenset({"guarantee", "in_kind", "engineering"})

COST_TYPES = ("operating", "investment")
RECURRENCES = ("one_off", "ongoing", "recurring")
