"""The codes of the hard criteria and of the score's parts, and the matcher's round numbers."""

from decimal import Decimal

# Hard criteria, in the order they are checked and listed (cheapest and most selective first).
TERRITORY = "territory"
OPEN = "open"
LEGAL_FORM = "legal_form"
AMOUNT = "amount"
PARTNERSHIP = "partnership"
COST_TYPE = "cost_type"
HARD_CRITERIA = (TERRITORY, OPEN, LEGAL_FORM, AMOUNT, PARTNERSHIP, COST_TYPE)

# Parts of the soft score.
THEME = "theme"
TEXT = "text"
AMOUNT_FIT = "amount_fit"
TIME_LEFT = "time_left"
COFINANCING = "cofinancing"
NARROWNESS = "narrowness"
SCORE_PARTS = (THEME, TEXT, AMOUNT_FIT, TIME_LEFT, COFINANCING, NARROWNESS)

ANYWHERE_RANK = 10  # CallFacts.territory_rank of a call open anywhere (EU is 9, a commune 1)
ZERO = Decimal("0")
HUNDRED = Decimal("100")
CENT = Decimal("0.01")
