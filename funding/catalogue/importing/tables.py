"""The mapping tables of the import: the source's words → the catalogue's codes.

Keys are written as `mapping_key` makes them (folded, ASCII, single spaces); docs/funding.md
shows the tables to importers.
"""

from typing import Any

from core.text import fold
from funding.catalogue.models import Funder, FundingSource
from projects.network.models import Organisation

LF = Organisation.LegalForm
ESS_COMPANIES = [LF.COMPANY, LF.SCIC, LF.SCOP, LF.COOPERATIVE, LF.ESUS]


def mapping_key(value: Any) -> str:
    """The key every mapping table is looked up with: the value folded (`core.text.fold`: lower
    case, no accents, straight apostrophes), in ASCII (what folding leaves outside it, such as a
    zero-width space or a soft hyphen, is dropped) and with its spaces collapsed."""
    folded = fold(str(value)).encode("ascii", "ignore").decode()
    return " ".join(folded.split())


AID_TYPES = {
    "subvention": "grant",
    "pret": "loan",
    "avance recuperable": "recoverable_advance",
    "garantie": "guarantee",
    "aide en nature": "in_kind",
    "ingenierie": "engineering",
    "ingenierie technique": "engineering",
    "ingenierie financiere": "engineering",
    "ingenierie juridique / administrative": "engineering",
    "accompagnement": "engineering",
    "financement participatif (don)": "crowdfunding_donation",
    "financement participatif (recompense)": "crowdfunding_reward",
    "financement participatif (pret)": "crowdfunding_loan",
    "financement participatif (capital)": "crowdfunding_equity",
}
DESTINATIONS = {
    "depenses de fonctionnement": "operating",
    "fonctionnement": "operating",
    "operation": "operating",
    "depenses d'investissement": "investment",
    "investissement": "investment",
}
RECURRENCES = {
    "ponctuelle": "one_off",
    "oneoff": "one_off",
    "permanente": "ongoing",
    "recurrente": "recurring",
}
# Targeted audiences → the legal forms they open the call to. An audience mapped to nothing
# (private persons) opens it to no organisation.
AUDIENCE_LEGAL_FORMS: dict[str, list[str]] = {
    "associations": [LF.ASSOCIATION],
    "association": [LF.ASSOCIATION],
    "entreprises privees": ESS_COMPANIES,
    "private_sector": ESS_COMPANIES,
    "entreprises de l'economie sociale et solidaire": [
        LF.ASSOCIATION,
        LF.SCIC,
        LF.SCOP,
        LF.COOPERATIVE,
        LF.MUTUAL,
        LF.FOUNDATION,
        LF.ESUS,
    ],
    "cooperatives": [LF.COOPERATIVE, LF.SCIC, LF.SCOP],
    "fondations": [LF.FOUNDATION],
    "mutuelles": [LF.MUTUAL],
    "communes": [LF.LOCAL_AUTHORITY],
    "commune": [LF.LOCAL_AUTHORITY],
    "epci": [LF.LOCAL_AUTHORITY],
    "intercommunalites / pays": [LF.LOCAL_AUTHORITY],
    "departements": [LF.LOCAL_AUTHORITY],
    "department": [LF.LOCAL_AUTHORITY],
    "regions": [LF.LOCAL_AUTHORITY],
    "region": [LF.LOCAL_AUTHORITY],
    "collectivites d'outre-mer a statuts particuliers": [LF.LOCAL_AUTHORITY],
    "special": [LF.LOCAL_AUTHORITY],
    "etablissements publics (ecoles, bibliotheques...) / services de l'etat": [LF.PUBLIC_BODY],
    "etablissements publics": [LF.PUBLIC_BODY],
    "public_org": [LF.PUBLIC_BODY],
    "entreprises publiques locales (sem, spl, semop)": [LF.COMPANY, LF.PUBLIC_BODY],
    "public_cies": [LF.COMPANY, LF.PUBLIC_BODY],
    "recherche": [LF.UNIVERSITY],
    "researcher": [LF.UNIVERSITY],
    "agriculteurs": [LF.COMPANY, LF.COOPERATIVE],
    "farmer": [LF.COMPANY, LF.COOPERATIVE],
    "particuliers": [],
    "private_person": [],
}
# Categories (or either half of "Thème | Catégorie") → theme slugs of the cooperation domains.
CATEGORY_THEMES: dict[str, str] = {
    "batiments et construction": "locaux-materiels",
    "equipement public": "locaux-materiels",
    "foncier": "locaux-materiels",
    "tiers-lieux": "locaux-materiels",
    "mutualisation de moyens": "locaux-materiels",
    "communication": "communication-echanges",
    "medias et communication": "communication-echanges",
    "numerique": "communication-echanges",
    "emploi": "competences-emploi-formation",
    "formation professionnelle": "competences-emploi-formation",
    "formation": "competences-emploi-formation",
    "insertion professionnelle": "competences-emploi-formation",
    "competences": "competences-emploi-formation",
    "economie sociale et solidaire": "diversification-financiere",
    "finance solidaire": "diversification-financiere",
    "financement participatif": "diversification-financiere",
    "mecenat": "diversification-financiere",
    "cooperation": "projets-communs",
    "cooperation transfrontaliere": "projets-communs",
    "cohesion sociale": "projets-communs",
    "lien social": "projets-communs",
    "services au public": "projets-communs",
    "vie associative": "projets-communs",
    "solidarites": "projets-communs",
    "innovation sociale": "projets-communs",
    "ingenierie de projet": "appui-ingenierie",
    "accompagnement de projets": "appui-ingenierie",
    "appui aux porteurs de projets": "appui-ingenierie",
}
# Perimeter names that are not a territory's name (folded) → territory slug.
PERIMETER_ALIASES = {
    "europe": "eu",
    "union europeenne": "eu",
    "region sud": "paca",
    "region provence-alpes-cote d'azur": "paca",
    "massif alpin": "massif-alpes",
    "massif des alpes": "massif-alpes",
    "alcotra": "alcotra",
    "interreg alcotra": "alcotra",
}
# Words in a funder's or programme's name → (funder kind, source kind), first match wins.
KIND_KEYWORDS: list[tuple[tuple[str, ...], str, str]] = [
    (("fondation", "foundation"), Funder.Kind.FOUNDATION, FundingSource.Kind.FOUNDATION),
    (
        (
            "feder",
            "feader",
            "fse",
            "fse+",
            "leader",
            "interreg",
            "erasmus+",
            "erasmus",
            "europe",
            "europeen",
            "europeenne",
            "union europeenne",
            "commission europeenne",
        ),
        Funder.Kind.EU,
        FundingSource.Kind.EU_PROGRAMME,
    ),
    (("region", "regional", "regionale"), Funder.Kind.LOCAL_AUTHORITY, FundingSource.Kind.REGION),
    (
        ("departement", "departemental", "departementale", "conseil departemental"),
        Funder.Kind.LOCAL_AUTHORITY,
        FundingSource.Kind.DEPARTEMENT,
    ),
    (
        ("commune", "communaute", "metropole", "mairie", "ville de", "petr", "gal", "parc"),
        Funder.Kind.LOCAL_AUTHORITY,
        FundingSource.Kind.LOCAL_AUTHORITY,
    ),
    (
        ("france active", "nef", "finance solidaire"),
        Funder.Kind.SOLIDARITY_FINANCE,
        FundingSource.Kind.SOLIDARITY_FINANCE,
    ),
    (("banque", "caisse", "credit", "bank"), Funder.Kind.BANK, FundingSource.Kind.BANK),
    (
        ("ministere", "etat", "prefecture", "agence", "ademe", "anct", "dreets", "direction"),
        Funder.Kind.STATE,
        FundingSource.Kind.STATE,
    ),
]
# Without a matching word: a public body (counted against the cap on public funding).
DEFAULT_KINDS = (Funder.Kind.OTHER, FundingSource.Kind.STATE)
