"""Identity of organisations: the SIREN/SIRET and RNA checks, their normalisation and
uniqueness, the verification and what clears it, and the badge on the directory and the API."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from wagtail.models import Locale, Page

from home.models import OrganisationDirectoryPage
from projects.network.identifiers import (
    normalise_rna,
    normalise_siret,
    siren_of,
    validate_rna,
    validate_siret,
)
from projects.network.models import Organisation
from projects.network.verification import unverify_organisation, verify_organisation
from tests.factories import OrganisationFactory


# ---------------------------------------------------------------------- validators
@pytest.mark.parametrize(
    "number",
    [
        "849123450",  # SIREN, Luhn key
        "849 123 450",
        "84912345000017",  # SIRET, Luhn key
        "849 123 450 00017",
        "356000000",  # La Poste's SIREN follows Luhn
        "35600000000048",  # La Poste's head office follows Luhn
        "35600000049837",  # a La Poste establishment: digits add up to a multiple of 5
        "",
    ],
)
def test_valid_siren_and_siret(number):
    validate_siret(number)


@pytest.mark.parametrize(
    ("number", "code"),
    [
        ("849123451", "siret_checksum"),  # wrong key
        ("84912345000018", "siret_checksum"),
        ("35600000000000", "siret_checksum"),  # La Poste, sum not a multiple of 5
        ("35600000049838", "siret_checksum"),
        ("84912345", "siret_format"),  # 8 digits
        ("8491234500001", "siret_format"),  # 13 digits
        ("84912345O", "siret_format"),  # a letter O
    ],
)
def test_invalid_siren_and_siret(number, code):
    with pytest.raises(ValidationError) as error:
        validate_siret(number)
    assert error.value.code == code
    assert error.value.messages[0]


@pytest.mark.parametrize(
    "number", ["W051000123", "w051000123", " W 051 000 123 ", "W2A1000123", ""]
)
def test_valid_rna(number):
    validate_rna(number)


@pytest.mark.parametrize(
    "number", ["051000123", "W05100012", "W0510001234", "X051000123", "WABC000123"]
)
def test_invalid_rna(number):
    with pytest.raises(ValidationError) as error:
        validate_rna(number)
    assert "W051000123" in error.value.messages[0]


def test_normalisation():
    assert normalise_siret(" 849 123\u00a0450.00017 ") == "84912345000017"
    assert normalise_rna(" w 051 000 123") == "W051000123"
    assert siren_of("84912345000017") == "849123450"
    assert siren_of("849") == ""


# ---------------------------------------------------------------------- the model
@pytest.mark.django_db
def test_numbers_are_normalised_on_save_and_unique():
    first = OrganisationFactory(siret="849 123 450", rna="w051000123")
    first.save()
    first.refresh_from_db()
    assert (first.siret, first.rna) == ("849123450", "W051000123")

    other = OrganisationFactory.build(siret="849123450 ", rna="W 051 000 123")
    with pytest.raises(ValidationError) as error:
        other.full_clean()
    assert set(error.value.message_dict) >= {"siret", "rna"}
    # Empty numbers are not duplicates of each other.
    OrganisationFactory(siret="", rna="").full_clean()
    OrganisationFactory(siret="", rna="").full_clean()


@pytest.mark.django_db
def test_invalid_number_is_a_field_error():
    organisation = OrganisationFactory.build(siret="849123451")
    with pytest.raises(ValidationError) as error:
        organisation.full_clean()
    assert "siret" in error.value.message_dict


@pytest.mark.django_db
def test_verify_requires_a_coordinator_and_a_number(demo_user):
    coordinator = demo_user("coordination")
    organisation = OrganisationFactory()
    with pytest.raises(PermissionDenied):
        verify_organisation(organisation, by=demo_user("redaction"))
    with pytest.raises(ValidationError):
        verify_organisation(organisation, by=coordinator)
    organisation.siret = "849123450"
    organisation.save()
    verified = verify_organisation(organisation, by=coordinator, note="Avis de situation vu")
    verified.refresh_from_db()
    assert verified.verified_by == coordinator
    assert verified.verification_note == "Avis de situation vu"
    assert Organisation.objects.verified().filter(pk=organisation.pk).exists()
    unverify_organisation(verified, by=coordinator)
    verified.refresh_from_db()
    assert verified.verified_at is None and verified.verified_by is None


@pytest.mark.django_db
@pytest.mark.parametrize(("field", "value"), [("siret", "35600000000048"), ("rna", "W051000124")])
def test_changing_a_number_clears_the_verification(demo_user, field, value):
    organisation = OrganisationFactory(siret="849123450", rna="W051000123")
    organisation.save()
    verify_organisation(organisation, by=demo_user("coordination"))
    organisation.refresh_from_db()
    organisation.description = "Autre texte"  # other changes keep it
    organisation.save()
    organisation.refresh_from_db()
    assert organisation.is_verified
    setattr(organisation, field, value)
    organisation.save()
    organisation.refresh_from_db()
    assert not organisation.is_verified
    assert organisation.verified_by is None


@pytest.mark.django_db
def test_the_verification_reaches_the_translations(demo_user):
    organisation = Organisation.objects.canonical().get(slug="adelha")
    translated = organisation.copy_for_translation(Locale.objects.get(language_code="en"))
    translated.save()
    organisation.siret = "849123450"
    organisation.save()
    verify_organisation(organisation, by=demo_user("coordination"))
    translated.refresh_from_db()
    assert translated.verified_at is not None


# ---------------------------------------------------------------------- badge: site and API
def _directory() -> OrganisationDirectoryPage:
    return (
        Page.objects.type(OrganisationDirectoryPage)
        .filter(locale__language_code="fr")
        .specific()
        .first()
    )


@pytest.mark.django_db
def test_badge_on_the_directory_card_and_page(client, demo_user):
    organisation = Organisation.objects.canonical().get(slug="adelha")
    directory = _directory()
    detail_url = directory.organisation_url(organisation.slug)
    page = client.get(detail_url).content.decode()
    assert 'data-testid="verified-badge"' not in page

    organisation.siret = "849123450"
    organisation.save()
    verify_organisation(organisation, by=demo_user("coordination"))
    page = client.get(detail_url).content.decode()
    assert 'data-testid="verified-badge"' in page
    assert "Structure vérifiée" in page or "Verified organisation" in page
    assert "849123450" in page
    listing = client.get(directory.url, {"q": organisation.name}).content.decode()
    card = listing.split(f'href="{detail_url}"', 1)[1].split("</li>", 1)[0]
    assert 'data-testid="verified-badge"' in card


@pytest.mark.django_db
def test_directory_queries_do_not_grow_with_verified_organisations(
    client, demo_user, django_assert_max_num_queries
):
    directory = _directory()
    client.get(directory.url)  # warm the caches of the site and the menus
    with django_assert_max_num_queries(30) as before:
        client.get(directory.url)
    for number, organisation in zip(
        ("849123450", "356000000"), Organisation.objects.canonical()[:2], strict=False
    ):
        organisation.siret = number
        organisation.save()
        verify_organisation(organisation, by=demo_user("coordination"))
    with django_assert_max_num_queries(len(before.captured_queries)):
        client.get(directory.url)


@pytest.mark.django_db
def test_api_summary_carries_the_verification(demo_user):
    from projects.network.api import OrganisationSummarySerializer

    organisation = OrganisationFactory(siret="849123450")
    organisation.save()
    assert OrganisationSummarySerializer(organisation).data["verified_at"] is None
    verify_organisation(organisation, by=demo_user("coordination"))
    organisation.refresh_from_db()
    assert OrganisationSummarySerializer(organisation).data["verified_at"]
