"""The funding catalogue of the demo: its page, funders, sources and calls (DOMAIN.md's funding
landscape).

Every call is flagged *illustrative*: amounts, rates and dates are plausible (DOMAIN.md marks
several "to verify") and the call page says they are not official. Dates are relative to the
loading day, so that some calls are open, some close within two weeks, some are closed, some
open later and some are ongoing. The two experiments seeking funding (pooled treasury in the
Gapençais, Queyras - Val de Suse) find several calls they can apply to. Loading again creates
only what is missing and keeps editors' changes.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone
from wagtail.models import Locale

from funding.catalogue.models import CallRequirement, Funder, FundingCall, FundingSource, end_of_day
from funding.catalogue.pages import FundingCatalogPage
from home.demo.i18n import Catalogue
from home.demo.pages import ensure_child, translate_everywhere
from home.models import HomePage
from home.translation import translate_instance

Text = str | tuple[str, str, str]  # French only, or (fr, en, it) when the demo translates it

A, SCIC, SCOP, COOP, MUT, FOUND, ESUS, COMPANY, LOCAL, PUBLIC = (
    "association",
    "scic",
    "scop",
    "cooperative",
    "mutual",
    "foundation",
    "esus",
    "company",
    "local_authority",
    "public_body",
)
ESS = [A, SCIC, SCOP, COOP, MUT, FOUND, ESUS]
OPERATING, INVESTMENT = "operating", "investment"
BOTH = [OPERATING, INVESTMENT]

# (name, kind, website, description)
FUNDERS = [
    (
        "Union européenne",
        "eu",
        "https://european-union.europa.eu/",
        "Programmes européens gérés par la Commission ou, en gestion partagée, par les régions.",
    ),
    (
        "Région Sud Provence-Alpes-Côte d'Azur",
        "local_authority",
        "https://www.maregionsud.fr/",
        "Autorité de gestion du FEADER (dont LEADER), du FEDER et d'une part du FSE+ en région.",
    ),
    (
        "GAL Pays gapençais",
        "local_authority",
        "",
        "Groupe d'action locale LEADER du Pays gapençais.",
    ),
    (
        "GAL Sisteronais-Buëch",
        "local_authority",
        "",
        "Groupe d'action locale LEADER du Sisteronais-Buëch.",
    ),
    (
        "PETR Grand Briançonnais",
        "local_authority",
        "",
        "Pôle d'équilibre territorial et rural, porteur du programme LEADER du Grand Briançonnais.",
    ),
    (
        "État",
        "state",
        "https://www.associations.gouv.fr/",
        "Services de l'État : vie associative, aménagement du territoire, économie sociale et "
        "solidaire.",
    ),
    (
        "Fondation de France",
        "foundation",
        "https://www.fondationdefrance.org/",
        "Fondation reconnue d'utilité publique qui soutient des projets d'intérêt général, "
        "notamment dans les territoires de montagne.",
    ),
    (
        "Caisse d'Epargne CEPAC",
        "bank",
        "https://www.caisse-epargne.fr/cepac/",
        "Banque coopérative régionale ; ses appels à projets solidaires relèvent du mécénat.",
    ),
    (
        "Club des entreprises mécènes du Gapençais",
        "company",
        "",
        "Entreprises du bassin gapençais qui soutiennent des projets associatifs locaux "
        "(exemple de démonstration).",
    ),
    (
        "France Active Provence-Alpes-Côte d'Azur",
        "solidarity_finance",
        "https://www.franceactive.org/",
        "Réseau de finance solidaire : subventions d'amorçage, prêts et garanties pour les "
        "entreprises de l'ESS.",
    ),
    ("HelloAsso", "crowdfunding_platform", "https://www.helloasso.com/", ""),
    ("Ulule", "crowdfunding_platform", "https://fr.ulule.com/", ""),
    ("KissKissBankBank", "crowdfunding_platform", "https://www.kisskissbankbank.com/", ""),
    ("Miimosa", "crowdfunding_platform", "https://miimosa.com/", ""),
    ("La Nef", "solidarity_finance", "https://www.lanef.com/", "Coopérative bancaire éthique."),
    ("WiSEED", "crowdfunding_platform", "https://www.wiseed.com/", ""),
]

# (name, funder, kind, parent, description)
SOURCES = [
    (
        "FEADER",
        "Union européenne",
        "eu_programme",
        None,
        "Fonds européen agricole pour le développement rural.",
    ),
    (
        "LEADER",
        "Région Sud Provence-Alpes-Côte d'Azur",
        "eu_programme",
        "FEADER",
        "Volet de développement local du FEADER, mis en œuvre par les groupes d'action locale.",
    ),
    ("LEADER – GAL Pays gapençais", "GAL Pays gapençais", "eu_programme", "LEADER", ""),
    ("LEADER – GAL Sisteronais-Buëch", "GAL Sisteronais-Buëch", "eu_programme", "LEADER", ""),
    ("LEADER – Grand Briançonnais", "PETR Grand Briançonnais", "eu_programme", "LEADER", ""),
    (
        "Interreg VI-A France-Italie ALCOTRA",
        "Union européenne",
        "eu_programme",
        None,
        "Programme de coopération transfrontalière entre la France et l'Italie (FEDER).",
    ),
    (
        "FEDER",
        "Région Sud Provence-Alpes-Côte d'Azur",
        "eu_programme",
        None,
        "Fonds européen de développement régional, dont l'axe interrégional Massif des Alpes.",
    ),
    (
        "FSE+",
        "Région Sud Provence-Alpes-Côte d'Azur",
        "eu_programme",
        None,
        "Fonds social européen plus.",
    ),
    (
        "Erasmus+",
        "Union européenne",
        "eu_programme",
        None,
        "Programme européen pour l'éducation, la formation, la jeunesse et le sport.",
    ),
    ("FDVA", "État", "state", None, "Fonds pour le développement de la vie associative."),
    (
        "FNADT – convention de massif des Alpes",
        "État",
        "state",
        None,
        "Fonds national d'aménagement et de développement du territoire, volet massif (CIMA).",
    ),
    (
        "Économie sociale et solidaire (État)",
        "État",
        "state",
        None,
        "Appels à manifestation d'intérêt et dispositifs nationaux pour l'ESS.",
    ),
    (
        "Dispositif local d'accompagnement (DLA)",
        "État",
        "state",
        None,
        "Accompagnement gratuit des structures d'utilité sociale employeuses.",
    ),
    (
        "Programmes territoriaux de la Fondation de France",
        "Fondation de France",
        "foundation",
        None,
        "",
    ),
    ("Mécénat de la Caisse d'Epargne CEPAC", "Caisse d'Epargne CEPAC", "foundation", None, ""),
    (
        "Mécénat des entreprises du Gapençais",
        "Club des entreprises mécènes du Gapençais",
        "corporate_sponsorship",
        None,
        "",
    ),
    (
        "Outils de France Active",
        "France Active Provence-Alpes-Côte d'Azur",
        "solidarity_finance",
        None,
        "",
    ),
    ("Fonds régional pour l'ESS", "Région Sud Provence-Alpes-Côte d'Azur", "region", None, ""),
    ("HelloAsso", "HelloAsso", "crowdfunding_platform", None, ""),
    ("Ulule", "Ulule", "crowdfunding_platform", None, ""),
    ("KissKissBankBank", "KissKissBankBank", "crowdfunding_platform", None, ""),
    ("Miimosa", "Miimosa", "crowdfunding_platform", None, ""),
    (
        "Zeste",
        "La Nef",
        "crowdfunding_platform",
        None,
        "Plateforme de financement participatif de La Nef.",
    ),
    ("WiSEED", "WiSEED", "crowdfunding_platform", None, ""),
]

# Requirements shared by many calls: (kind, label, required).
BASICS: list[tuple[str, Text, bool]] = [
    (
        "document",
        ("Statuts de la structure", "Articles of association", "Statuto dell'organizzazione"),
        True,
    ),
    (
        "document",
        (
            "Budget prévisionnel du projet",
            "Provisional project budget",
            "Bilancio preventivo del progetto",
        ),
        True,
    ),
    (
        "document",
        ("Relevé d'identité bancaire", "Bank details", "Coordinate bancarie"),
        True,
    ),
]
PUBLIC_GRANT = [
    *BASICS,
    ("document", "Attestations de régularité fiscale et sociale", True),
    ("document", "Délibération de l'organe compétent approuvant le projet", True),
    ("document", "Devis des dépenses prévues", False),
]
CAMPAIGN = [
    ("question", "Objectif de collecte et contreparties proposées", True),
    ("document", "Visuel ou vidéo de présentation", False),
]


@dataclass
class DemoCall:
    """One call of the demo. Days count from the loading day (negative: in the past)."""

    slug: str
    source: str
    name: Text
    summary: Text
    description: Text
    territory: str | None
    aid_types: list[str]
    themes: list[int] = field(default_factory=list)
    legal_forms: list[str] = field(default_factory=list)
    audiences: list[str] = field(default_factory=list)
    cost_types: list[str] = field(default_factory=list)
    recurrence: str = "one_off"
    opens: int | None = None
    pre_deposit: int | None = None
    closes: int | None = None
    amount_min: str | None = None
    amount_max: str | None = None
    rate_min: str | None = None
    rate_max: str | None = None
    min_self_financing: str | None = None
    min_partners: int = 0
    countries: list[str] = field(default_factory=list)
    fee: str | None = None
    all_or_nothing: bool = False
    url: str = ""
    co_funders: list[str] = field(default_factory=list)
    requirements: list[tuple[str, Text, bool]] = field(default_factory=list)


CALLS = [
    # ------------------------------------------------------------------ LEADER, through the GALs
    DemoCall(
        slug="leader-pays-gapencais-cooperation-services",
        source="LEADER – GAL Pays gapençais",
        name="LEADER Pays gapençais – coopération et services de proximité",
        summary="Soutien aux projets collectifs qui mutualisent des moyens ou créent des services de proximité dans le Pays gapençais.",
        description="Le groupe d'action locale finance, avec le FEADER, des projets portés à plusieurs structures : mutualisation de locaux, d'emplois ou de trésorerie, services aux habitants, circuits courts. Les dépenses sont cofinancées par une aide publique nationale ; un dépôt d'une lettre d'intention précède le dossier complet, examiné par le comité de programmation.",
        territory="gal-pays-gapencais",
        aid_types=["grant"],
        themes=[1, 4, 5],
        legal_forms=[A, SCIC, SCOP, COOP, LOCAL, PUBLIC],
        cost_types=BOTH,
        opens=-60,
        pre_deposit=30,
        closes=75,
        amount_min="5000",
        amount_max="50000",
        rate_max="80",
        min_self_financing="20",
        url="https://www.maregionsud.fr/",
        requirements=[
            *PUBLIC_GRANT,
            ("question", "En quoi le projet répond-il à la stratégie locale du GAL ?", True),
        ],
    ),
    DemoCall(
        slug="leader-sisteronais-buech-projets-collectifs",
        source="LEADER – GAL Sisteronais-Buëch",
        name="LEADER Sisteronais-Buëch – projets collectifs en milieu rural",
        summary="Dernière session de l'année pour les projets collectifs du Sisteronais-Buëch.",
        description="Projets de coopération entre structures, d'équipements partagés et de services itinérants dans les communes rurales du Sisteronais-Buëch.",
        territory="gal-sisteronais-buech",
        aid_types=["grant"],
        themes=[1, 5],
        legal_forms=[A, SCIC, COOP, LOCAL],
        cost_types=BOTH,
        opens=-30,
        closes=10,
        amount_min="3000",
        amount_max="40000",
        rate_max="80",
        min_self_financing="20",
        url="https://www.maregionsud.fr/",
        requirements=PUBLIC_GRANT,
    ),
    DemoCall(
        slug="leader-grand-brianconnais-cooperation",
        source="LEADER – Grand Briançonnais",
        name="LEADER Grand Briançonnais – coopération et attractivité",
        summary="Projets de coopération, y compris transfrontaliers, dans le Briançonnais, les Écrins, le Guillestrois et le Queyras.",
        description="Le PETR soutient les projets qui renforcent l'accueil des habitants et des saisonniers, la coopération entre structures et les échanges avec les vallées italiennes voisines.",
        territory="petr-grand-brianconnais",
        aid_types=["grant"],
        themes=[5, 2, 3],
        legal_forms=[A, SCIC, SCOP, COOP, LOCAL, PUBLIC],
        cost_types=BOTH,
        opens=-10,
        closes=120,
        amount_min="10000",
        amount_max="60000",
        rate_max="80",
        min_self_financing="20",
        url="https://www.maregionsud.fr/",
        requirements=PUBLIC_GRANT,
    ),
    # ------------------------------------------------------------------ Interreg ALCOTRA
    DemoCall(
        slug="alcotra-projets-simples",
        source="Interreg VI-A France-Italie ALCOTRA",
        name=(
            "Interreg ALCOTRA – projets simples",
            "Interreg ALCOTRA – single projects",
            "Interreg ALCOTRA – progetti singoli",
        ),
        summary=(
            "Projets de coopération transfrontalière franco-italiens portés par au moins un partenaire de chaque pays.",
            "French-Italian cross-border cooperation projects with at least one partner from each country.",
            "Progetti di cooperazione transfrontaliera franco-italiani con almeno un partner per paese.",
        ),
        description=(
            "Le programme cofinance jusqu'à 80 % des dépenses éligibles de projets conçus et mis en œuvre ensemble de part et d'autre de la frontière.",
            "The programme co-finances up to 80% of the eligible costs of projects designed and carried out together on both sides of the border.",
            "Il programma cofinanzia fino all'80% delle spese ammissibili di progetti ideati e realizzati insieme sui due lati del confine.",
        ),
        territory="alcotra",
        aid_types=["grant"],
        themes=[5, 3, 6],
        legal_forms=[A, SCIC, SCOP, COOP, FOUND, LOCAL, PUBLIC, "university"],
        cost_types=BOTH,
        opens=-20,
        closes=90,
        amount_min="100000",
        amount_max="2000000",
        rate_max="80",
        min_self_financing="20",
        min_partners=1,
        countries=["FR", "IT"],
        url="https://www.interreg-alcotra.eu/",
        requirements=[
            (
                "document",
                (
                    "Accord de partenariat signé",
                    "Signed partnership agreement",
                    "Accordo di partenariato firmato",
                ),
                True,
            ),
            (
                "document",
                (
                    "Plan de financement par partenaire",
                    "Financing plan per partner",
                    "Piano finanziario per partner",
                ),
                True,
            ),
        ],
    ),
    DemoCall(
        slug="alcotra-micro-projets",
        source="Interreg VI-A France-Italie ALCOTRA",
        name=(
            "Interreg ALCOTRA – micro-projets",
            "Interreg ALCOTRA – micro-projects",
            "Interreg ALCOTRA – microprogetti",
        ),
        summary=(
            "Petits projets transfrontaliers entre structures françaises et italiennes, de 25 000 à 75 000 €.",
            "Small cross-border projects between French and Italian organisations, from €25,000 to €75,000.",
            "Piccoli progetti transfrontalieri tra organizzazioni francesi e italiane, da 25.000 a 75.000 €.",
        ),
        description=(
            "Un volet simplifié pour les associations, coopératives et collectivités qui veulent coopérer avec un partenaire de l'autre côté de la frontière : échanges de pratiques, services communs, événements.",
            "A simplified strand for associations, cooperatives and local authorities that want to cooperate with a partner across the border: exchanges of practice, joint services, events.",
            "Una linea semplificata per associazioni, cooperative ed enti locali che vogliono cooperare con un partner dall'altra parte del confine: scambi di pratiche, servizi comuni, eventi.",
        ),
        territory="alcotra",
        aid_types=["grant"],
        themes=[5, 2, 3],
        legal_forms=[A, SCIC, SCOP, COOP, LOCAL, PUBLIC],
        cost_types=BOTH,
        opens=-15,
        pre_deposit=20,
        closes=45,
        amount_min="25000",
        amount_max="75000",
        rate_max="80",
        min_self_financing="20",
        min_partners=1,
        countries=["FR", "IT"],
        url="https://www.interreg-alcotra.eu/",
        requirements=[
            (
                "document",
                (
                    "Lettre d'engagement du partenaire italien",
                    "Commitment letter from the Italian partner",
                    "Lettera di impegno del partner italiano",
                ),
                True,
            ),
            (
                "question",
                (
                    "Quelle valeur ajoutée transfrontalière ?",
                    "What cross-border added value?",
                    "Quale valore aggiunto transfrontaliero?",
                ),
                True,
            ),
        ],
    ),
    # ------------------------------------------------------------------ other EU funds
    DemoCall(
        slug="feder-massif-des-alpes",
        source="FEDER",
        name="FEDER – axe interrégional Massif des Alpes",
        summary="Projets qui renforcent l'attractivité et les services des territoires de montagne du massif alpin.",
        description="L'appel ouvre prochainement ; il cofinance des investissements et des actions d'animation portés par des collectifs de structures du massif.",
        territory="massif-alpes",
        aid_types=["grant"],
        themes=[5, 1, 6],
        legal_forms=[A, SCIC, COOP, LOCAL, PUBLIC],
        cost_types=BOTH,
        opens=20,
        closes=150,
        amount_min="50000",
        amount_max="500000",
        rate_max="50",
        min_self_financing="20",
        url="https://www.maregionsud.fr/",
        requirements=PUBLIC_GRANT,
    ),
    DemoCall(
        slug="fse-plus-inclusion-emploi",
        source="FSE+",
        name="FSE+ – inclusion et emplois partagés",
        summary="Actions d'inclusion par l'emploi et de mutualisation d'emplois (session close).",
        description="Session close : la prochaine sera annoncée par la Région.",
        territory="paca",
        aid_types=["grant"],
        themes=[3],
        legal_forms=[A, SCIC, SCOP, COOP],
        cost_types=[OPERATING],
        opens=-90,
        closes=-20,
        amount_min="20000",
        amount_max="200000",
        rate_max="60",
        url="https://www.maregionsud.fr/",
    ),
    DemoCall(
        slug="erasmus-partenariats-petite-echelle",
        source="Erasmus+",
        name=(
            "Erasmus+ – partenariats de petite envergure",
            "Erasmus+ – small-scale partnerships",
            "Erasmus+ – partenariati su piccola scala",
        ),
        summary=(
            "Montants forfaitaires de 30 000 € ou 60 000 € pour des échanges de pratiques entre structures de pays européens.",
            "Lump sums of €30,000 or €60,000 for exchanges of practice between organisations of European countries.",
            "Importi forfettari di 30.000 o 60.000 € per scambi di pratiche tra organizzazioni di paesi europei.",
        ),
        description=(
            "Pour les petites structures d'éducation des adultes, de jeunesse ou de formation qui découvrent la coopération européenne ; au moins deux structures de deux pays différents.",
            "For small adult education, youth or training organisations discovering European cooperation; at least two organisations from two different countries.",
            "Per piccole organizzazioni di educazione degli adulti, gioventù o formazione che scoprono la cooperazione europea; almeno due organizzazioni di due paesi diversi.",
        ),
        territory="eu",
        aid_types=["grant"],
        themes=[3, 2, 5],
        legal_forms=[A, SCIC, COOP, FOUND, LOCAL, PUBLIC],
        cost_types=[OPERATING],
        recurrence="recurring",
        opens=-45,
        closes=40,
        amount_min="30000",
        amount_max="60000",
        min_partners=1,
        url="https://agence.erasmusplus.fr/",
    ),
    # ------------------------------------------------------------------ State
    DemoCall(
        slug="fdva-fonctionnement-innovation",
        source="FDVA",
        name="FDVA – fonctionnement et projets innovants des associations",
        summary="Aide au fonctionnement global ou à un projet innovant des petites associations des Hautes-Alpes.",
        description="Réservé aux associations ; les dossiers se déposent en ligne avant la date limite de la campagne départementale.",
        territory="hautes-alpes",
        aid_types=["grant"],
        themes=[],
        legal_forms=[A],
        audiences=["Associations"],
        cost_types=[OPERATING],
        recurrence="recurring",
        opens=-40,
        closes=8,
        amount_min="1000",
        amount_max="15000",
        url="https://www.associations.gouv.fr/fdva.html",
        requirements=[
            *BASICS,
            ("document", "Dernier rapport d'activité et comptes approuvés", True),
        ],
    ),
    DemoCall(
        slug="fnadt-massif-des-alpes",
        source="FNADT – convention de massif des Alpes",
        name="FNADT massif des Alpes – services et coopération en montagne",
        summary="Soutien de l'État aux projets qui maintiennent des services et des coopérations dans les territoires de montagne.",
        description="Appel à projets de la convention interrégionale du massif des Alpes : animation de réseaux, services mutualisés, ingénierie de projets collectifs.",
        territory="massif-alpes",
        aid_types=["grant"],
        themes=[5, 6, 1],
        legal_forms=[A, SCIC, COOP, LOCAL, PUBLIC],
        cost_types=BOTH,
        opens=-30,
        closes=60,
        amount_min="20000",
        amount_max="200000",
        rate_max="50",
        min_self_financing="20",
        url="https://www.prefectures-regions.gouv.fr/",
        requirements=PUBLIC_GRANT,
    ),
    DemoCall(
        slug="ami-ptce",
        source="Économie sociale et solidaire (État)",
        name="AMI Pôles territoriaux de coopération économique (PTCE)",
        summary="Soutien aux pôles qui regroupent structures de l'ESS, entreprises et collectivités autour d'une stratégie commune.",
        description="L'appel à manifestation d'intérêt ouvre bientôt ; il finance l'émergence ou le développement d'un PTCE pendant deux à trois ans.",
        territory="france",
        aid_types=["grant", "engineering"],
        themes=[5, 6],
        legal_forms=[A, SCIC, SCOP, COOP, ESUS],
        cost_types=[OPERATING],
        opens=30,
        closes=100,
        amount_min="50000",
        amount_max="100000",
        url="https://www.economie.gouv.fr/",
    ),
    DemoCall(
        slug="dla-hautes-alpes",
        source="Dispositif local d'accompagnement (DLA)",
        name="DLA des Hautes-Alpes – accompagnement gratuit",
        summary="Un diagnostic et un accompagnement par des consultants, pris en charge, pour consolider une structure d'utilité sociale employeuse.",
        description="Le DLA ne verse pas d'argent : il finance du conseil (modèle économique, mutualisation, coopération, ressources humaines).",
        territory="hautes-alpes",
        aid_types=["engineering"],
        themes=[6, 4],
        legal_forms=[A, SCIC, SCOP, COOP, ESUS],
        audiences=["Structures d'utilité sociale employeuses"],
        recurrence="ongoing",
        url="https://www.info-dla.fr/",
    ),
    DemoCall(
        slug="region-sud-ami-ess",
        source="Fonds régional pour l'ESS",
        name="Région Sud – AMI économie sociale et solidaire",
        summary="Appel à manifestation d'intérêt régional pour les projets collectifs de l'ESS (session close).",
        description="Session close ; la suivante est attendue l'an prochain.",
        territory="paca",
        aid_types=["grant"],
        themes=[4, 5],
        legal_forms=ESS,
        cost_types=BOTH,
        opens=-75,
        closes=-15,
        amount_min="10000",
        amount_max="80000",
        rate_max="70",
        url="https://www.maregionsud.fr/",
    ),
    # ------------------------------------------------------------------ foundations and sponsors
    DemoCall(
        slug="fondation-de-france-hors-pistes",
        source="Programmes territoriaux de la Fondation de France",
        name=(
            "Fondation de France – Hors-Pistes Hautes-Alpes",
            "Fondation de France – Hors-Pistes Hautes-Alpes",
            "Fondation de France – Hors-Pistes Hautes-Alpes",
        ),
        summary=(
            "Soutien aux initiatives citoyennes et collectives qui font vivre les Hautes-Alpes.",
            "Support for citizen and collective initiatives that keep the Hautes-Alpes alive.",
            "Sostegno alle iniziative cittadine e collettive che fanno vivere le Hautes-Alpes.",
        ),
        description=(
            "Le programme Hors-Pistes a accompagné une quarantaine de projets citoyens en cinq ans ; il finance le lancement de projets collectifs d'intérêt général.",
            "The Hors-Pistes programme has supported some forty citizen projects in five years; it funds the launch of collective projects of general interest.",
            "Il programma Hors-Pistes ha accompagnato una quarantina di progetti cittadini in cinque anni; finanzia l'avvio di progetti collettivi di interesse generale.",
        ),
        territory="hautes-alpes",
        aid_types=["grant"],
        themes=[5, 2, 4],
        legal_forms=[A, SCIC, FOUND],
        cost_types=BOTH,
        opens=-20,
        closes=30,
        amount_min="2000",
        amount_max="15000",
        rate_max="80",
        url="https://www.fondationdefrance.org/",
        requirements=BASICS,
    ),
    DemoCall(
        slug="fondation-de-france-vivre-en-montagne",
        source="Programmes territoriaux de la Fondation de France",
        name="Fondation de France – vivre et coopérer en montagne",
        summary="Programme des territoires de montagne : la prochaine session ouvre dans deux mois.",
        description="Projets qui améliorent la vie quotidienne des habitants des vallées : mobilité, logement des saisonniers, lieux partagés.",
        territory="massif-alpes",
        aid_types=["grant"],
        themes=[5, 1],
        legal_forms=[A, SCIC, FOUND],
        cost_types=BOTH,
        recurrence="recurring",
        opens=60,
        closes=130,
        amount_min="5000",
        amount_max="30000",
        url="https://www.fondationdefrance.org/",
    ),
    DemoCall(
        slug="caisse-epargne-cepac-initiatives-solidaires",
        source="Mécénat de la Caisse d'Epargne CEPAC",
        name="Caisse d'Epargne CEPAC – appel à projets initiatives solidaires",
        summary="Petites subventions de mécénat pour les structures d'intérêt général existant depuis au moins douze mois.",
        description="Ouvert aux organismes éligibles au mécénat (reçu fiscal), créés depuis au moins douze mois, pour un projet d'inclusion, de lien social ou d'éducation financière.",
        territory="paca",
        aid_types=["grant"],
        themes=[4, 5, 3],
        legal_forms=[A, FOUND],
        audiences=["Organismes éligibles au mécénat, d'au moins 12 mois"],
        cost_types=BOTH,
        opens=-35,
        closes=12,
        amount_min="2000",
        amount_max="10000",
        url="https://www.caisse-epargne.fr/cepac/",
        requirements=[*BASICS, ("document", "Preuve d'au moins douze mois d'existence", True)],
    ),
    DemoCall(
        slug="mecenat-entreprises-gapencais",
        source="Mécénat des entreprises du Gapençais",
        name="Mécénat des entreprises du Gapençais",
        summary="Des entreprises locales soutiennent en argent ou en compétences des projets associatifs du bassin gapençais.",
        description="Mécénat financier ou de compétences ; les dons ouvrent droit à la réduction d'impôt de 60 % de l'article 238 bis du CGI pour l'entreprise.",
        territory="ca-gap-tallard-durance",
        aid_types=["grant", "in_kind"],
        themes=[4, 1, 5],
        legal_forms=[A, FOUND],
        cost_types=BOTH,
        recurrence="ongoing",
        amount_min="1000",
        amount_max="10000",
    ),
    # ------------------------------------------------------------------ solidarity finance
    DemoCall(
        slug="france-active-subvention",
        source="Outils de France Active",
        name="France Active PACA – subvention de démarrage",
        summary="Une subvention d'amorçage jusqu'à environ 20 000 € pour lancer ou développer un projet de l'ESS.",
        description="Attribuée après un accompagnement par un chargé de mission France Active, souvent en complément d'un prêt bancaire ou d'un apport associatif.",
        territory="paca",
        aid_types=["grant"],
        legal_forms=[A, SCIC, SCOP, COOP, ESUS],
        cost_types=BOTH,
        recurrence="ongoing",
        amount_min="3000",
        amount_max="20000",
        url="https://www.franceactive.org/",
        requirements=BASICS,
    ),
    DemoCall(
        slug="france-active-apport-associatif",
        source="Outils de France Active",
        name="France Active PACA – apport associatif à taux zéro",
        summary="Un prêt sans intérêt qui renforce les fonds propres d'une association employeuse.",
        description="Prêt à 0 % remboursable sur plusieurs années, sans garantie personnelle.",
        territory="paca",
        aid_types=["loan"],
        legal_forms=[A],
        cost_types=BOTH,
        recurrence="ongoing",
        amount_min="5000",
        amount_max="30000",
        url="https://www.franceactive.org/",
    ),
    DemoCall(
        slug="france-active-garantie",
        source="Outils de France Active",
        name="France Active PACA – garantie d'emprunt",
        summary="Une garantie qui facilite l'accès au prêt bancaire des structures de l'ESS.",
        description="Garantie d'une partie d'un prêt bancaire ; elle n'apporte pas d'argent mais rassure la banque.",
        territory="paca",
        aid_types=["guarantee"],
        legal_forms=[A, SCIC, SCOP, COOP, ESUS],
        cost_types=[INVESTMENT],
        recurrence="ongoing",
        url="https://www.franceactive.org/",
    ),
    # ------------------------------------------------------------------ crowdfunding
    DemoCall(
        slug="helloasso-collecte-dons",
        source="HelloAsso",
        name=(
            "HelloAsso – collecte de dons",
            "HelloAsso – donation campaign",
            "HelloAsso – raccolta di donazioni",
        ),
        summary=(
            "Une campagne de dons en ligne sans frais pour l'association, financée par les contributions volontaires des donateurs.",
            "An online donation campaign with no fee for the association, funded by donors' voluntary tips.",
            "Una campagna di donazioni online senza costi per l'associazione, finanziata dai contributi volontari dei donatori.",
        ),
        description=(
            "Réservé aux associations ; l'association garde tout ce qu'elle collecte.",
            "For associations only; the association keeps everything it raises.",
            "Riservato alle associazioni; l'associazione trattiene tutto ciò che raccoglie.",
        ),
        territory="france",
        aid_types=["crowdfunding_donation"],
        legal_forms=[A],
        cost_types=BOTH,
        recurrence="ongoing",
        fee="0",
        url="https://www.helloasso.com/",
    ),
    DemoCall(
        slug="ulule-campagne-contreparties",
        source="Ulule",
        name="Ulule – campagne à contreparties",
        summary="Une campagne à contreparties en tout-ou-rien : les fonds ne sont versés que si l'objectif est atteint.",
        description="Adapté à un projet concret et visible (un lieu, un équipement, un événement) avec des contreparties pour les contributeurs.",
        territory="france",
        aid_types=["crowdfunding_reward"],
        cost_types=BOTH,
        recurrence="ongoing",
        amount_min="500",
        fee="6.67",
        all_or_nothing=True,
        url="https://fr.ulule.com/",
        requirements=CAMPAIGN,
    ),
    DemoCall(
        slug="kisskissbankbank-campagne",
        source="KissKissBankBank",
        name="KissKissBankBank – campagne de financement participatif",
        summary="Campagne à contreparties en tout-ou-rien, accompagnée par l'équipe de la plateforme.",
        description="Commission prélevée seulement en cas de succès.",
        territory="france",
        aid_types=["crowdfunding_reward"],
        cost_types=BOTH,
        recurrence="ongoing",
        amount_min="500",
        fee="8",
        all_or_nothing=True,
        url="https://www.kisskissbankbank.com/",
        requirements=CAMPAIGN,
    ),
    DemoCall(
        slug="miimosa-agriculture-alimentation",
        source="Miimosa",
        name="Miimosa – agriculture et alimentation",
        summary="Financement participatif en don ou en prêt pour les projets agricoles et alimentaires.",
        description="Épiceries solidaires, circuits courts, ateliers de transformation : la plateforme est spécialisée dans l'agriculture et l'alimentation.",
        territory="france",
        aid_types=["crowdfunding_donation", "crowdfunding_loan"],
        themes=[5],
        legal_forms=[A, SCIC, COOP, COMPANY],
        cost_types=BOTH,
        recurrence="ongoing",
        amount_min="1000",
        fee="8",
        url="https://miimosa.com/",
        requirements=CAMPAIGN,
    ),
    DemoCall(
        slug="zeste-la-nef",
        source="Zeste",
        name="Zeste par La Nef – collecte de dons",
        summary="Campagne de dons sur la plateforme de la coopérative bancaire La Nef, pour des projets à impact social ou écologique.",
        description="Projets portés par des associations, coopératives et entreprises de l'ESS.",
        territory="france",
        aid_types=["crowdfunding_donation"],
        legal_forms=[A, SCIC, SCOP, COOP, ESUS],
        cost_types=BOTH,
        recurrence="ongoing",
        fee="5",
        url="https://www.zeste.coop/",
        requirements=CAMPAIGN,
    ),
    DemoCall(
        slug="wiseed-investissement",
        source="WiSEED",
        name="WiSEED – levée de fonds en capital ou en obligations",
        summary="Financement participatif en capital ou en prêt pour les entreprises en développement.",
        description="Réservé aux sociétés (dont SCIC et SCOP) ; les investisseurs attendent un rendement.",
        territory="france",
        aid_types=["crowdfunding_equity", "crowdfunding_loan"],
        legal_forms=[COMPANY, SCIC, SCOP, ESUS],
        cost_types=[INVESTMENT],
        recurrence="ongoing",
        amount_min="100000",
        amount_max="1000000",
        fee="7",
        url="https://www.wiseed.com/",
    ),
]


def _fr(value: Text) -> str:
    return value[0] if isinstance(value, tuple) else value


def _is_translated(call: DemoCall) -> bool:
    texts = [call.name, call.summary, call.description, *(r[1] for r in call.requirements)]
    return all(isinstance(text, tuple) for text in texts)


def catalogue_page(home: HomePage, t: Catalogue) -> FundingCatalogPage:
    return ensure_child(
        home,
        FundingCatalogPage,
        slug=t("financements", "funding", "finanziamenti"),
        title=t("Financements", "Funding", "Finanziamenti"),
        intro=t(
            "Appels à projets européens, nationaux et locaux, fondations, mécénat, finance "
            "solidaire et financement participatif : les financements ouverts aux projets de "
            "coopération des Hautes-Alpes, du plus local au plus large, et les dates à ne pas "
            "manquer.",
            "European, national and local calls, foundations, corporate sponsorship, solidarity "
            "finance and crowdfunding: the funding open to cooperation projects in the "
            "Hautes-Alpes, from the most local to the widest, and the dates not to miss.",
            "Bandi europei, nazionali e locali, fondazioni, mecenatismo, finanza solidale e "
            "crowdfunding: i finanziamenti aperti ai progetti di cooperazione delle Hautes-Alpes, "
            "dal più locale al più ampio, e le date da non perdere.",
        ),
    )


def load_funders(french: Locale) -> dict[str, Funder]:
    funders = {f.name: f for f in Funder.objects.filter(locale=french)}
    for name, kind, website, description in FUNDERS:
        if name not in funders:
            funders[name] = Funder.objects.create(
                name=name, kind=kind, website=website, description=description, locale=french
            )
    return funders


def load_sources(funders: dict[str, Funder], french: Locale) -> dict[str, FundingSource]:
    sources = {s.name: s for s in FundingSource.objects.filter(locale=french)}
    for name, funder, kind, parent, description in SOURCES:
        if name not in sources:
            sources[name] = FundingSource.objects.create(
                name=name,
                funder=funders[funder],
                kind=kind,
                parent=sources[parent] if parent else None,
                description=description,
                locale=french,
            )
    return sources


def _decimal(value: str | None) -> Decimal | None:
    return Decimal(value) if value is not None else None


def create_call(spec: DemoCall, network: dict, sources: dict, french: Locale) -> FundingCall:
    """The French call of ``spec`` with its requirements, as an editor would enter it."""
    today = timezone.localdate()

    def day(offset: int | None) -> datetime.date | None:
        return today + datetime.timedelta(days=offset) if offset is not None else None

    call = FundingCall(
        slug=spec.slug,
        locale=french,
        source=sources[spec.source],
        name=_fr(spec.name),
        summary=_fr(spec.summary),
        description=_fr(spec.description),
        territory=network["territories"][spec.territory] if spec.territory else None,
        eligible_legal_forms=spec.legal_forms,
        eligible_audiences=spec.audiences,
        aid_types=spec.aid_types,
        cost_types=spec.cost_types,
        recurrence=spec.recurrence,
        opens_on=day(spec.opens),
        pre_deposit_at=end_of_day(day(spec.pre_deposit)) if spec.pre_deposit is not None else None,
        closes_at=end_of_day(day(spec.closes)) if spec.closes is not None else None,
        amount_min=_decimal(spec.amount_min),
        amount_max=_decimal(spec.amount_max),
        rate_min=_decimal(spec.rate_min),
        rate_max=_decimal(spec.rate_max),
        min_self_financing_rate=_decimal(spec.min_self_financing),
        min_partners=spec.min_partners,
        required_countries=spec.countries,
        platform_fee_rate=_decimal(spec.fee),
        all_or_nothing=spec.all_or_nothing,
        application_url=spec.url,
        is_illustrative=True,
    )
    call.full_clean()
    call.save()
    call.themes.set([network["themes"][number] for number in spec.themes])
    for kind, label, required in spec.requirements:
        call.requirements.add(CallRequirement(kind=kind, label=_fr(label), required=required))
    call.save()
    return call


def translate_call(call: FundingCall, spec: DemoCall) -> None:
    """English and Italian linked translations of a call whose texts the demo translates."""
    t = Catalogue()
    for text in (spec.name, spec.summary, spec.description, *(r[1] for r in spec.requirements)):
        t(*text)
    for code in t.languages:
        if call.get_translation_or_none(Locale.objects.get(language_code=code)) is None:
            translate_instance(call, code, t.for_language(code))


def load(network: dict, home: HomePage) -> FundingCatalogPage:
    """The catalogue page with its translations, then funders, sources and calls; returns the
    page for the main menu."""
    t = Catalogue()
    page = catalogue_page(home, t)
    translate_everywhere(page, t)
    french = Locale.get_default()
    funders = load_funders(french)
    sources = load_sources(funders, french)
    existing = set(FundingCall.objects.filter(locale=french).values_list("slug", flat=True))
    for spec in CALLS:
        if spec.slug in existing:
            continue
        call = create_call(spec, network, sources, french)
        if _is_translated(spec):
            translate_call(call, spec)
    return page
