"""The detector of contact details in public text (core/contact_details.py): what it finds and,
as much, what it must leave alone."""

import pytest
from django.core.exceptions import ValidationError

from core.contact_details import find_contact_details, has_contact_details, no_contact_details

FOUND = [
    # e-mail addresses
    ("Écrivez à jean.dupont@asso-gap.fr pour réserver", "jean.dupont@asso-gap.fr"),
    ("contact : Marie+salle@Example.ORG.", "Marie+salle@Example.ORG"),
    ("jean (at) asso-gap (point) fr", "jean (at) asso-gap (point) fr"),
    ("jean[at]asso-gap[dot]fr", "jean[at]asso-gap[dot]fr"),
    ("jean arobase asso-gap.fr", "jean arobase asso-gap.fr"),
    ("mario chiocciola coop-cuneo punto it", "mario chiocciola coop-cuneo punto it"),
    ("scrivete a info@coop.cuneo.it", "info@coop.cuneo.it"),
    # French numbers
    ("Appelez le 04 92 53 12 34.", "04 92 53 12 34"),
    ("tél. 06.12.34.56.78", "06.12.34.56.78"),
    ("tel:0612345678", "0612345678"),
    ("06-12-34-56-78 le soir", "06-12-34-56-78"),
    ("+33 6 12 34 56 78", "+33 6 12 34 56 78"),
    ("+33612345678", "+33612345678"),
    ("+33 (0)4 92 53 12 34", "+33 (0)4 92 53 12 34"),
    ("0033 4 92 53 12 34", "0033 4 92 53 12 34"),
    ("(09 70 12 34 56)", "09 70 12 34 56"),
    # Italian numbers
    ("cellulare 333 123 4567", "333 123 4567"),
    ("347-1234567", "347-1234567"),
    ("348.123.45.67", "348.123.45.67"),
    ("3331234567", "3331234567"),
    ("ufficio 011 1234567", "011 1234567"),
    ("Aosta 0165 238011", "0165 238011"),
    ("02 1234 5678", "02 1234 5678"),
    ("+39 333 123 4567", "+39 333 123 4567"),
    ("+39 011 1234567", "+39 011 1234567"),
    ("0039 0165 238011", "0039 0165 238011"),
]

NOT_FOUND = [
    "Salle de 40 m² à Gap, libre le mardi de 9h à 12h",
    "Rendez-vous le 12.03.2026 à 14h30",
    "du 01/06/2026 au 30/06/2026",
    "le 2026-03-12 et le 12-03-2026",
    "Budget : 12 000 € dont 1 200,50 € de frais",
    "Montant 300 000 000 € sur 3 ans",
    "Une subvention de 25 000 à 75 000 €",
    "05000 Gap, 05100 Briançon, 12100 Cuneo",
    "SIRET 362 521 879 00034",
    "SIRET 36252187900034",
    "SIREN 412 345 678",
    "RNA W051000123",
    "Code APE 88.99B, 94.99Z",
    "Suivez-nous : @cluster05",
    "Réunion à 9h-12h puis 14h-17h",
    "Capacité : 120 personnes, 3 salles",
    "référence 2026-0042-17",
    "Interreg ALCOTRA 2021-2027",
    "un prêt à 0 % sur 36 mois",
    "On se retrouve at Gap point de vente",
    "Latitude 44.5594, longitude 6.0786",
    "version 1.2.3.4",
    "",
]


@pytest.mark.parametrize(("text", "detail"), FOUND)
def test_contact_details_are_found(text, detail):
    assert find_contact_details(text) == [detail]
    assert has_contact_details(text)
    with pytest.raises(ValidationError) as error:
        no_contact_details(text)
    assert error.value.code == "contact_details"


@pytest.mark.parametrize("text", NOT_FOUND)
def test_other_numbers_and_words_are_left_alone(text):
    assert find_contact_details(text) == []
    no_contact_details(text)


def test_every_detail_of_a_text_is_listed_in_order():
    text = "Marie : 06 12 34 56 78, Jean : jean@asso.fr, Mario : +39 333 123 4567"
    assert find_contact_details(text) == ["06 12 34 56 78", "jean@asso.fr", "+39 333 123 4567"]
