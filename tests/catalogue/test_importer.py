"""`manage.py import_calls`: valid, updated, unchanged, rejected records; malformed files import
nothing and exit with status 1."""

import datetime
import io
import json
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from funding.catalogue.importing import html_to_text, infer_kinds
from funding.catalogue.importing import mapping_key as fold
from funding.catalogue.models import CALL_TIMEZONE, Funder, FundingCall, FundingSource
from projects.network.models import Territory, Theme

DATA = Path(__file__).parent / "data"


def run(name: str, *args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("import_calls", str(DATA / name), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def imported(external_id: str, source: str = "aides-territoires") -> FundingCall:
    return FundingCall.objects.canonical().get(import_source=source, external_id=external_id)


def counts() -> tuple[int, int, int]:
    return FundingCall.objects.count(), Funder.objects.count(), FundingSource.objects.count()


def theme(slug: str) -> Theme:
    return Theme.objects.canonical().get(slug=slug)


# --- A valid file ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_valid_json_creates_calls_and_explains_rejections():
    out, err = run("aides_valid.json")
    assert "2 created, 0 updated, 0 unchanged, 4 rejected." in out
    assert "created   record 1" in out and "id=1001" in out
    assert "record 3" in err and "unknown perimeter “Atlantide”" in err
    assert "record 4" in err and "private persons only" in err
    assert "record 5" in err and "no known aid type (Autre aide financière)" in err
    assert "record 6" in err and "same id as an earlier record" in err


@pytest.mark.django_db
def test_imported_call_maps_every_field():
    run("aides_valid.json")
    call = imported("1001")
    record = json.loads((DATA / "aides_valid.json").read_text())["results"][0]
    assert call.name == "Appel à projets ESS des Hautes-Alpes"
    assert call.locale.language_code == "fr"
    assert call.territory == Territory.objects.get(slug="hautes-alpes")
    # A deadline given as a date: the end of that day, Paris time.
    assert call.closes_at == datetime.datetime(2030, 6, 30, 23, 59, 59, tzinfo=CALL_TIMEZONE)
    assert call.pre_deposit_at == datetime.datetime(2030, 4, 1, 23, 59, 59, tzinfo=CALL_TIMEZONE)
    assert call.opens_on == datetime.date(2030, 1, 15)
    assert (call.rate_min, call.rate_max) == (Decimal(20), Decimal(60))
    assert call.recurrence == "one_off"
    assert call.aid_types == ["grant"]
    assert call.cost_types == ["operating"]
    assert set(call.eligible_legal_forms) == {
        "association",
        "company",
        "scic",
        "scop",
        "cooperative",
        "esus",
    }
    assert call.eligible_audiences == ["Associations", "Entreprises privées"]
    assert set(call.themes.all()) == {
        theme("diversification-financiere"),
        theme("projets-communs"),
        theme("competences-emploi-formation"),
    }
    assert call.description == (
        "Le Département soutient les projets collectifs de l'ESS.\n\n- mutualisation\n\n"
        "- emplois partagés\n\nStructures ayant leur siège dans le département."
    )
    assert call.summary == "Le Département soutient les projets collectifs de l'ESS."
    assert call.application_url == "https://www.hautes-alpes.fr/aap-ess/deposer"
    assert call.source_url == (
        "https://aides-territoires.beta.gouv.fr/aides/1001-appel-a-projets-ess-des-hautes-alpes/"
    )
    assert call.licence == "Licence Ouverte 2.0"
    assert call.raw_record == record
    assert call.last_fetched_at is not None
    funder = call.source.funder
    assert funder.name == "Conseil départemental des Hautes-Alpes"
    assert funder.kind == "local_authority"
    assert call.source.kind == "departement"
    assert not call.is_illustrative


@pytest.mark.django_db
def test_programmes_and_co_funders():
    run("aides_valid.json")
    call = imported("1002")
    assert call.source.name == "Fonds d'ingénierie territoriale"
    assert call.source.funder.name == "Banque des Territoires"
    assert call.source.funder.kind == "bank"
    assert [f.name for f in call.co_funders.all()] == ["ADEME"]
    assert Funder.objects.get(name="ADEME").kind == "state"
    assert call.recurrence == "ongoing" and call.closes_at is None
    assert call.aid_types == ["engineering", "loan"]
    assert call.territory.slug == "france"
    assert set(call.eligible_legal_forms) == {"local_authority", "association"}
    assert call.application_url == "https://www.banquedesterritoires.fr/ingenierie"


@pytest.mark.django_db
def test_rejected_records_leave_nothing_behind():
    run("aides_valid.json")
    for name in ("Mairie fantôme", "Fondation inconnue", "Royaume d'Atlantide"):
        assert not Funder.objects.filter(name=name).exists()
    assert not FundingCall.objects.filter(external_id__in=["1003", "1004", "1005"]).exists()


@pytest.mark.django_db
def test_valid_csv_reports_lines():
    out, err = run("aides_valid.csv")
    assert "2 created, 0 updated, 0 unchanged, 1 rejected." in out
    assert "line 4" in err and "no funder" in err
    cooperation = imported("3001")
    assert cooperation.territory.slug == "paca"  # by its code, 93
    assert cooperation.closes_at.astimezone(CALL_TIMEZONE).date() == datetime.date(2030, 6, 30)
    assert cooperation.rate_max == Decimal("50.5")  # a decimal comma
    assert cooperation.cost_types == ["operating", "investment"]
    assert set(cooperation.eligible_legal_forms) == {"association", "cooperative", "scic", "scop"}
    assert set(cooperation.themes.all()) == {
        theme("projets-communs"),
        theme("communication-echanges"),
    }
    assert cooperation.source.kind == "region"
    loan = imported("3002")
    assert loan.territory.slug == "gap"
    assert loan.source.funder.kind == "solidarity_finance"


# --- Running again ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_running_again_with_the_same_file_changes_nothing():
    run("aides_valid.json")
    before = counts()
    first = imported("1001")
    out, _err = run("aides_valid.json")
    assert "0 created, 0 updated, 2 unchanged, 4 rejected." in out
    assert counts() == before
    again = imported("1001")
    assert again.updated_at == first.updated_at
    assert again.last_fetched_at > first.last_fetched_at


@pytest.mark.django_db
def test_an_updated_file_updates_what_changed():
    run("aides_valid.json")
    kept = imported("1002")
    out, _err = run("aides_updated.json")
    assert "1 created, 1 updated, 1 unchanged, 0 rejected." in out
    assert "updated   record 1" in out
    changed = imported("1001")
    assert changed.closes_at == datetime.datetime(2030, 7, 15, 23, 59, 59, tzinfo=CALL_TIMEZONE)
    assert changed.rate_max == Decimal(70)
    assert imported("1002").updated_at == kept.updated_at
    new = imported("1006")
    assert new.territory.slug == "paca"  # "Région Sud"
    assert new.aid_types == ["grant", "recoverable_advance"]
    assert new.cost_types == ["investment"]
    assert list(new.themes.all()) == [theme("locaux-materiels")]


@pytest.mark.django_db
def test_the_same_id_from_another_source_is_another_call():
    run("aides_valid.json")
    out, _err = run("aides_valid.json", "--source", "autre-catalogue", "--licence", "CC-BY")
    assert "2 created" in out
    other = imported("1001", source="autre-catalogue")
    assert other.pk != imported("1001").pk
    assert other.slug != imported("1001").slug
    assert other.licence == "Licence Ouverte 2.0"  # the record's own licence wins
    assert imported("1002", source="autre-catalogue").licence == "CC-BY"
    assert other.source_url == "https://www.hautes-alpes.fr/aap-ess"  # no base URL: origin


# --- Malformed files -----------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("aides_truncated.json", "Invalid JSON"),
        ("aides_without_results.json", "no “results” list"),
        ("aides_bad_record.json", "Record 2 is not an object"),
        ("aides_extra_field.csv", "line 3 has more fields than the header"),
        ("aides_no_id_column.csv", "lacks the column(s): id"),
        ("missing.json", "No such file"),
    ],
)
def test_a_malformed_file_imports_nothing(name, reason):
    before = counts()
    with pytest.raises(CommandError, match="Nothing imported") as caught:
        run(name)
    assert reason in str(caught.value)
    assert counts() == before


@pytest.mark.django_db
def test_a_malformed_file_exits_with_status_1():
    # manage.py turns a CommandError into `sys.exit(error.returncode)`.
    with pytest.raises(CommandError) as caught:
        run("aides_bad_record.json")
    assert caught.value.returncode == 1


# --- Mapping helpers -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "kinds"),
    [
        ("Fondation de France", ("foundation", "foundation")),
        ("Union européenne", ("eu", "eu_programme")),
        ("Programme LEADER", ("eu", "eu_programme")),
        ("Région Sud", ("local_authority", "region")),
        ("Conseil départemental des Hautes-Alpes", ("local_authority", "departement")),
        ("Communauté de communes du Briançonnais", ("local_authority", "local_authority")),
        ("Caisse d'Epargne", ("bank", "bank")),
        ("Ministère de l'Intérieur", ("state", "state")),
        ("France Active", ("solidarity_finance", "solidarity_finance")),
        ("Société anonyme quelconque", ("other", "state")),
    ],
)
def test_kinds_are_inferred_from_names(name, kinds):
    assert infer_kinds(name) == kinds


def test_html_becomes_plain_paragraphs():
    assert html_to_text("<p>Un&nbsp;texte</p><p>Deux<br>lignes</p>") == "Un texte\n\nDeux\nlignes"
    assert html_to_text("<script>x</script>") == "x"


def test_fold_ignores_case_accents_and_apostrophes():
    assert (
        fold("  Dépenses d\N{RIGHT SINGLE QUOTATION MARK}INVESTISSEMENT ")
        == "depenses d'investissement"
    )
