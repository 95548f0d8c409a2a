"""The directory of organisations, the working groups page and the dashboard (seed facts).

Also gives a few working groups their latest meeting notes and the theme leads' descriptions
their English and Italian translations, so that these pages show translated content.
"""

import datetime
import json

from django.utils import timezone
from wagtail.models import Locale

from home.demo.i18n import Catalogue
from home.demo.network import WORKING_GROUPS
from home.demo.pages import ensure_child, french_home, translate_everywhere
from home.models import DashboardPage, OrganisationDirectoryPage, WorkingGroupsPage
from home.translation import translate_instance
from projects.network.models import Organisation, WorkingGroup

# (organisation, English description, Italian description): the theme leads.
LEAD_DESCRIPTIONS = [
    (
        "Udess 05",
        "Departmental union of the social and solidarity economy of the Hautes-Alpes: it runs "
        "the Cluster 05 Innovation Sociale.",
        "Unione dipartimentale dell'economia sociale e solidale delle Hautes-Alpes: anima il "
        "Cluster 05 Innovation Sociale.",
    ),
    (
        "Locomun",
        "An approach to shared premises between associations.",
        "Un'iniziativa di locali comuni condivisi tra associazioni.",
    ),
    (
        "Fréquence Mistral",
        "Local community radio.",
        "Radio associativa locale.",
    ),
    (
        "GSA 05",
        "A grouping of organisations working on shared jobs and skills.",
        "Un raggruppamento di organizzazioni impegnato nella condivisione di posti di lavoro e "
        "competenze.",
    ),
    (
        "Monnaie Locale Complémentaire Citoyenne",
        "The complementary and citizen local currency of the Hautes-Alpes.",
        "La moneta locale complementare e cittadina delle Hautes-Alpes.",
    ),
    (
        "Pôle Santé Champsaur Valgaudemar",
        "A health centre cited among the examples of pooling and cooperation.",
        "Un polo sanitario citato tra gli esempi di mutualizzazione e cooperazione.",
    ),
]

# (working group slug, days before the first load, title, summary): meeting notes.
MEETINGS = [
    (
        "locaux-materiels",
        24,
        (
            "Inventaire des locaux et du matériel partageables",
            "Inventory of the premises and equipment that can be shared",
            "Inventario dei locali e delle attrezzature condivisibili",
        ),
        (
            "Les structures du groupe ont mis en commun la liste de leurs salles, véhicules et "
            "équipements disponibles, et retenu la convention de mise à disposition comme premier "
            "outil à formaliser.",
            "The group's organisations pooled the list of their available rooms, vehicles and "
            "equipment, and chose the loan agreement as the first tool to formalise.",
            "Le organizzazioni del gruppo hanno messo in comune l'elenco delle sale, dei veicoli "
            "e delle attrezzature disponibili, e scelto la convenzione di messa a disposizione "
            "come primo strumento da formalizzare.",
        ),
    ),
    (
        "competences-emploi-formation",
        38,
        (
            "Emplois partagés et formations inter-structures",
            "Shared jobs and training between organisations",
            "Posti di lavoro condivisi e formazioni tra organizzazioni",
        ),
        (
            "Le groupe a comparé les formules de groupement d'employeurs et recensé les besoins de "
            "formation communs, pour proposer un premier calendrier de formations partagées.",
            "The group compared the forms of employers' groupings and listed the common training "
            "needs, in order to propose a first calendar of shared training.",
            "Il gruppo ha confrontato le formule di raggruppamento di datori di lavoro e censito "
            "i bisogni di formazione comuni, per proporre un primo calendario di formazioni "
            "condivise.",
        ),
    ),
    (
        "diversification-financiere",
        12,
        (
            "Mutualisation de trésorerie et financement participatif",
            "Pooled treasury and crowdfunding",
            "Tesoreria condivisa e crowdfunding",
        ),
        (
            "Présentation des prêts entre associations et des plates-formes de financement "
            "participatif ; le groupe prépare une fiche sur le mécénat des entreprises locales.",
            "Presentation of loans between associations and of crowdfunding platforms; the group "
            "is preparing a sheet on sponsorship by local companies.",
            "Presentazione dei prestiti tra associazioni e delle piattaforme di crowdfunding; il "
            "gruppo prepara una scheda sul mecenatismo delle imprese locali.",
        ),
    ),
]


def directory_page(home, t: Catalogue) -> OrganisationDirectoryPage:
    return ensure_child(
        home,
        OrganisationDirectoryPage,
        slug=t("structures", "organisations", "organizzazioni"),
        title=t("Structures", "Organisations", "Organizzazioni"),
        intro=t(
            "Associations, coopératives, fondations, mutuelles et institutions partenaires : "
            "voici les structures qui font vivre le Cluster 05 Innovation Sociale. Cherchez par "
            "thématique de coopération, par territoire ou par forme juridique pour trouver avec "
            "qui mutualiser des locaux, partager des compétences ou monter un projet commun. La "
            "liste, établie à l'issue des réunions, ateliers et contacts du collectif, continue "
            "de s'enrichir.",
            "Associations, cooperatives, foundations, mutual societies and partner institutions: "
            "here are the organisations that keep the Cluster 05 Innovation Sociale alive. Search "
            "by cooperation theme, territory or legal form to find whom to share premises or "
            "skills with, or to build a joint project with. The list, drawn up after the "
            "collective's meetings, workshops and contacts, keeps growing.",
            "Associazioni, cooperative, fondazioni, mutue e istituzioni partner: ecco le "
            "organizzazioni che fanno vivere il Cluster 05 Innovation Sociale. Cercate per tema di "
            "cooperazione, per territorio o per forma giuridica per trovare con chi condividere "
            "locali e competenze o costruire un progetto comune. L'elenco, stilato dopo le "
            "riunioni, i laboratori e i contatti del collettivo, continua ad arricchirsi.",
        ),
    )


def working_groups_page(home, t: Catalogue) -> WorkingGroupsPage:
    return ensure_child(
        home,
        WorkingGroupsPage,
        slug=t("groupes-de-travail", "working-groups", "gruppi-di-lavoro"),
        title=t("Groupes de travail", "Working groups", "Gruppi di lavoro"),
        intro=t(
            "Dans le prolongement du forum de l'ESS 05 de novembre 2018, des groupes de travail "
            "autonomes approfondissent chaque volet de la coopération : ils partagent une analyse "
            "commune et formalisent les prochaines étapes des projets. Chacun a sa structure "
            "cheffe de file ; le groupe « Cluster 05 IS » de l'Udess 05 et un comité de pilotage "
            "interinstitutionnel les appuient et relient les projets et les territoires.",
            "Following the ESS 05 forum of November 2018, autonomous working groups explore each "
            "side of cooperation: they share a common analysis and formalise the next steps of "
            "the projects. Each has its lead organisation; the \u201cCluster 05 IS\u201d group "
            "of Udess 05 and an inter-institutional steering committee support them and connect "
            "projects and territories.",
            "Sulla scia del forum dell'ESS 05 di novembre 2018, gruppi di lavoro autonomi "
            "approfondiscono ogni aspetto della cooperazione: condividono un'analisi comune e "
            "formalizzano le prossime tappe dei progetti. Ciascuno ha la sua organizzazione "
            "capofila; il gruppo \u00abCluster 05 IS\u00bb dell'Udess 05 e un comitato di "
            "pilotaggio interistituzionale li sostengono e collegano progetti e territori.",
        ),
    )


def dashboard_page(home, t: Catalogue) -> DashboardPage:
    return ensure_child(
        home,
        DashboardPage,
        slug=t("tableau-de-bord", "dashboard", "cruscotto"),
        title=t("Tableau de bord", "Dashboard", "Cruscotto"),
        intro=t(
            "Le projet ne commence ni ne se termine en une année : c'est une dynamique qui se "
            "développe par petits pas, avec une ambition de structuration sur trois ans. Chaque "
            "année, le cluster se fixe des objectifs : échanges d'expériences, mini-guides, "
            "nouvelles expérimentations de coopération, chefs de file sur les cinq thématiques, "
            "membres actifs. Voici où nous en sommes.",
            "The project neither starts nor ends within a year: it grows step by step, with the "
            "ambition of taking shape over three years. Each year the cluster sets itself "
            "targets: exchanges of experience, mini-guides, new cooperation experiments, leads "
            "for the five themes, active members. Here is where we stand.",
            "Il progetto non comincia né finisce in un anno: è una dinamica che cresce a piccoli "
            "passi, con l'ambizione di strutturarsi in tre anni. Ogni anno il cluster si fissa "
            "degli obiettivi: scambi di esperienze, mini-guide, nuove sperimentazioni di "
            "cooperazione, capofila sui cinque temi, membri attivi. Ecco a che punto siamo.",
        ),
    )


def meeting_notes(t: Catalogue) -> None:
    """Give a few working groups their latest meeting, once, and update their translations."""
    for *_group, names in WORKING_GROUPS:
        t(*names)
    french = Locale.get_default()
    today = timezone.localdate()
    for slug, days_ago, title, summary in MEETINGS:
        group = WorkingGroup.objects.filter(slug=slug, locale=french).first()
        if group is None or group.meeting_notes:
            continue
        group.meeting_notes = json.dumps(
            [
                {
                    "type": "meeting",
                    "value": {
                        "date": (today - datetime.timedelta(days=days_ago)).isoformat(),
                        "title": t(*title),
                        "summary": t.paragraphs(summary),
                    },
                }
            ]
        )
        group.save()
        for code in t.languages:
            translate_instance(group, code, t.for_language(code))


def lead_descriptions() -> None:
    """English and Italian descriptions of the theme leads, created once."""
    french = Locale.get_default()
    for name, english, italian in LEAD_DESCRIPTIONS:
        organisation = Organisation.objects.filter(name=name, locale=french).first()
        if organisation is None or not organisation.description:
            continue
        t = Catalogue()
        t(organisation.description, english, italian)
        for code in t.languages:
            if organisation.get_translation_or_none(Locale.objects.get(language_code=code)):
                continue
            translate_instance(organisation, code, t.for_language(code))


def load() -> dict:
    """Create the three pages with their translations; return them for the main menu."""
    t = Catalogue()
    home = french_home()
    pages = {
        "directory": directory_page(home, t),
        "working_groups": working_groups_page(home, t),
        "dashboard": dashboard_page(home, t),
    }
    for page in pages.values():
        translate_everywhere(page, t)
    meeting_notes(t)
    lead_descriptions()
    return pages
