"""Contact details in public text: e-mail addresses and phone numbers.

What members publish (a sharing post, an experiment's public summary) is read by anyone,
robots included. The platform's messaging puts people in touch without either side showing an
address or a number: a text that contains one is refused with a message that says so
(``no_contact_details``). The detector looks for

- e-mail addresses, also written « nom (at) domaine (point) fr », « nom arobase domaine.fr »;
- French numbers: ten digits from 01 to 09 in pairs (« 04 92 53 12 34 », « 06.12.34.56.78 »,
  « 0612345678 ») or with +33 / 0033 (« +33 6 12 34 56 78 », « +33 (0)4 92 53 12 34 »);
- Italian numbers: mobiles (« 333 123 4567 », « 347-1234567 »), landlines (« 011 1234567 »,
  « 0165 238011 ») and either with +39 / 0039.

and leaves alone dates (« 12.03.2026 », « 2026-03-12 »), amounts (« 12 000 € », « 1 200,50 »),
postcodes (« 05000 »), SIREN and SIRET numbers and opening hours (« 9h-12h »).
"""

import re

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

SEP = r"[ .\-]?"  # one optional separator between groups of digits
AT = (
    r"(?:\s*@\s*"
    r"|\s*[\(\[\{]\s*(?:at|arobase|chiocciola)\s*[\)\]\}]\s*"
    r"|\s+(?:arobase|chiocciola)\s+)"
)
DOT = r"(?:\.|\s*[\(\[\{]\s*(?:dot|point|punto)\s*[\)\]\}]\s*|\s+(?:dot|point|punto)\s+)"

EMAIL = re.compile(
    rf"[\w.+\-]+{AT}[\w\-]+(?:{DOT}[\w\-]+)*{DOT}[a-z]{{2,12}}\b", re.IGNORECASE | re.UNICODE
)

PHONES = [
    # France: 0 and a digit from 1 to 9, then four pairs.
    rf"0[1-9](?:{SEP}\d{{2}}){{4}}",
    # France from abroad: +33 or 0033, an optional (0), a digit, four pairs.
    rf"(?:\+|00){SEP}33{SEP}(?:\(0\){SEP})?[1-9](?:{SEP}\d{{2}}){{4}}",
    # Italy, mobiles: 3xx then seven digits in one to three groups.
    rf"3\d{{2}}{SEP}\d{{3}}{SEP}\d{{2}}{SEP}?\d{{2}}",
    rf"3\d{{2}}{SEP}\d{{7}}",
    # Italy, landlines: 0 and an area code of one to three more digits, then 5 to 8 digits.
    r"0\d{1,3}[ .\-/]?\d{5,8}",
    r"0\d{1,3}[ .\-]\d{2,4}[ .\-]\d{2,4}",
    # Italy from abroad: +39 or 0039, then a landline or a mobile.
    rf"(?:\+|00){SEP}39{SEP}[03]\d{{1,3}}(?:{SEP}\d){{5,8}}",
]
# A number stands alone: no digit (nor a digit and a separator, as inside a SIRET written in
# groups) right before or after it.
PHONE = re.compile(
    r"(?<![\d\w+])(?<!\d[ .\-])(?:" + "|".join(PHONES) + r")(?![\d\w])(?![ .\-]\d)",
    re.UNICODE,
)
# Ten digits in a run that a phone pattern accepts but that are not phones.
DATE = re.compile(r"^\d{2}[./\-]\d{2}[./\-]\d{2,4}$")


def find_contact_details(text: str) -> list[str]:
    """The e-mail addresses and phone numbers written in ``text``, in order."""
    if not text:
        return []
    found = [(match.start(), match.group()) for match in EMAIL.finditer(text)]
    for match in PHONE.finditer(text):
        value = match.group()
        digits = re.sub(r"\D", "", value)
        if DATE.match(value) or len(digits) < 9:
            continue
        found.append((match.start(), value))
    return [value for _, value in sorted(found)]


def has_contact_details(text: str) -> bool:
    return bool(find_contact_details(text))


MESSAGE = _(
    "Do not give an e-mail address or a phone number: interested people write to you through "
    "the platform's messaging."
)


@deconstructible(path="core.contact_details.NoContactDetailsValidator")
class NoContactDetailsValidator:
    """Refuses a public text that contains an e-mail address or a phone number."""

    message = MESSAGE
    code = "contact_details"

    def __call__(self, value) -> None:
        if value and has_contact_details(str(value)):
            raise ValidationError(self.message, code=self.code)

    def __eq__(self, other) -> bool:
        return isinstance(other, NoContactDetailsValidator)

    def __hash__(self) -> int:
        return hash(self.code)


no_contact_details = NoContactDetailsValidator()
