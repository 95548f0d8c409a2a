"""The codes of the hard criteria and of the score's parts, and the matcher's round numbers."""

from decimal import Decimal

# Hard criteria, in the order they are checked and listed (cheapest and most selective first).
TERRITORY = "territory"
OPEN = "open"
LEGAL_FORM = "legal_form"
AMOUNT = "amount"
SELF_FINANCING = "self_financing"
PARTNERSHIP = "partnership"
COST_TYPE = "cost_type"
HARD_CRITERIA = (TERRITORY, OPEN, LEGAL_FORM, AMOUNT, SELF_FINANCING, PARTNERSHIP, COST_TYPE)

# Parts of the soft score.
THEME = "theme"
TEXT = "text"
AMOUNT_FIT = "amount_fit"
TIME_LEFT = "time_left"
COFINANCING = "cofinancing"
NARROWNESS = "narrowness"
SCORE_PARTS = (THEME, TEXT, AMOUNT_FIT, TIME_LEFT, COFINANCING, NARROWNESS)

ANYWHERE_RANK = 10  # CallFacts.territory_rank of a call open anywhere (EU is 9, a commune 1)
# A call sharing a theme with the experiment gets at least this share of the theme's points; a
# call sharing none, with a text part below OFF_TOPIC_TEXT_VALUE, is capped at OFF_TOPIC_CAP of
# them: it can never score (nor rank) above a call sharing a theme.
SHARED_THEME_FLOOR = 0.5
OFF_TOPIC_CAP = 0.4
OFF_TOPIC_TEXT_VALUE = 0.5
# A score part is a reason the call fits (listed under "why it fits") from this value on.
STRENGTH_VALUE = 0.5
ZERO = Decimal("0")
HUNDRED = Decimal("100")
CENT = Decimal("0.01")
