"""Validators shared by every area's model fields and forms.

``one_line`` guards the fields that are shown, sent and exported as a single line (titles, names,
subjects): a line break or another control character in them breaks e-mail subjects, CSV rows and
page titles, and hides text from the reader. It is set on the model fields, so that the site's
model forms, the API's model serializers and the admin all refuse such a value with the same
message; forms and serializers whose fields do not come from a model add it themselves.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

# C0 controls (line feed, carriage return and tab included), DEL, the C1 controls (NEL
# included) and Unicode's line and paragraph separators.
NOT_ON_ONE_LINE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


@deconstructible(path="core.validators.OneLineValidator")
class OneLineValidator:
    """Refuses a text that does not hold on one line (line breaks, tabs, control characters)."""

    message = _("This field fits on one line: remove the line breaks and control characters.")
    code = "one_line"

    def __call__(self, value) -> None:
        if value is not None and NOT_ON_ONE_LINE.search(str(value)):
            raise ValidationError(self.message, code=self.code)

    def __eq__(self, other) -> bool:
        return isinstance(other, OneLineValidator)

    def __hash__(self) -> int:
        return hash(self.code)


one_line = OneLineValidator()


def is_one_line(value: str) -> bool:
    """Whether ``value`` holds on one line (no control character, no line separator)."""
    return not NOT_ON_ONE_LINE.search(value)
