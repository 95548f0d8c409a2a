"""The exchanges of experience of the demo: the seed plans 15 a year (meetings, testimonies,
study trips, forums, trainings). Dates are relative to the day the demo is loaded; pages are keyed
on their slug, so loading again creates nothing even on another day.
"""

from dataclasses import dataclass, field

from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from home.demo.editorial import Text, is_translated, paris_time, rich_paragraphs, text
from home.demo.i18n import Catalogue
from home.demo.pages import ensure_child, stream, translate_everywhere
from home.models import ExchangeIndexPage, ExchangePage, HomePage

MEETING, TESTIMONY, STUDY_TRIP, FORUM, TRAINING = (
    ExchangePage.Kind.MEETING,
    ExchangePage.Kind.TESTIMONY,
    ExchangePage.Kind.STUDY_TRIP,
    ExchangePage.Kind.FORUM,
    ExchangePage.Kind.TRAINING,
)


@dataclass
class DemoExchange:
    """One exchange: French texts, or (fr, en, it) triples when the demo translates it."""

    slug: Text
    kind: str
    days: int  # from the loading day; negative in the past
    hours: tuple[int, int]  # start and end hour, Paris time
    commune: str
    address: str
    organisers: list[str]
    themes: list[int]
    title: Text
    summary: Text
    programme: list[Text]
    registration_url: str = ""
    capacity: int | None = None
    report: list[Text] = field(default_factory=list)
    participants: int | None = None
    document: str = ""  # title of a report document to attach
    last_days: int = 0  # for exchanges over several days


EXCHANGES = [
    DemoExchange(
        slug=("forum-ess-05-besoins-des-structures", "ess-05-forum-needs", "forum-ess-05-bisogni"),
        kind=FORUM,
        days=-150,
        hours=(9, 17),
        commune="gap",
        address="Salle polyvalente de la Pépinière, Gap",
        organisers=["Udess 05", "Agence de développement Hautes-Alpes"],
        themes=[1, 2, 3, 4, 5, 6],
        title=(
            "Forum de l'ESS 05 : les besoins des structures",
            "ESS 05 forum: what organisations need",
            "Forum dell'ESS 05: i bisogni delle organizzazioni",
        ),
        summary=(
            "Le forum annuel de l'économie sociale et solidaire des Hautes-Alpes, autour de "
            "l'enquête menée auprès des structures du département.",
            "The annual forum of the social and solidarity economy of the Hautes-Alpes, around "
            "the survey of the department's organisations.",
            "Il forum annuale dell'economia sociale e solidale delle Hautes-Alpes, attorno "
            "all'indagine svolta presso le organizzazioni del dipartimento.",
        ),
        programme=[
            (
                "Matin : présentation de l'enquête menée avec l'Agence de développement des "
                "Hautes-Alpes et le cabinet CEIS, puis table ronde sur la fragilité des "
                "innovations sociales.",
                "Morning: presentation of the survey carried out with the Agence de développement "
                "des Hautes-Alpes and the consultancy CEIS, then a round table on the fragility "
                "of social innovations.",
                "Mattina: presentazione dell'indagine svolta con l'Agence de développement des "
                "Hautes-Alpes e la società di consulenza CEIS, poi una tavola rotonda sulla "
                "fragilità delle innovazioni sociali.",
            ),
            (
                "Après-midi : ateliers sur les cinq thématiques de coopération et constitution "
                "des groupes de travail.",
                "Afternoon: workshops on the five cooperation themes and setting up of the "
                "working groups.",
                "Pomeriggio: laboratori sui cinque temi di cooperazione e costituzione dei "
                "gruppi di lavoro.",
            ),
        ],
        report=[
            (
                "Les structures ont exprimé cinq besoins : de l'ingénierie et de l'animation pour "
                "« sortir le nez du guidon », un appui juridique, un appui à la communication, un "
                "soutien politique et financier, et la diversification de leurs financements.",
                "The organisations voiced five needs: engineering and facilitation time to look "
                "up from day-to-day work, legal support, communication support, political and "
                "financial backing, and more diverse funding.",
                "Le organizzazioni hanno espresso cinque bisogni: ingegneria e animazione per "
                "alzare lo sguardo dal lavoro quotidiano, supporto giuridico, supporto alla "
                "comunicazione, sostegno politico e finanziario e la diversificazione dei "
                "finanziamenti.",
            ),
            (
                "Des groupes de travail autonomes se sont constitués sur chaque thématique ; "
                "l'Udess 05 en assure la coordination.",
                "Independent working groups were set up on each theme; Udess 05 coordinates them.",
                "Si sono costituiti gruppi di lavoro autonomi su ciascun tema; l'Udess 05 ne "
                "assicura il coordinamento.",
            ),
        ],
        participants=112,
        document="Synthèse du forum de l'ESS 05",
    ),
    DemoExchange(
        slug=(
            "voyage-etude-tiers-lieu-serres",
            "study-trip-third-place-serres",
            "viaggio-studio-terzo-luogo-serres",
        ),
        kind=STUDY_TRIP,
        days=-120,
        hours=(9, 18),
        commune="serres",
        address="Départ en covoiturage depuis la gare de Gap à 8 h",
        organisers=["Serres Lez'Arts", "Udess 05"],
        themes=[1, 5],
        title=(
            "Voyage d'étude dans un tiers-lieu rural",
            "Study trip to a rural third place",
            "Viaggio di studio in un terzo luogo rurale",
        ),
        summary=(
            "Une journée à Serres pour découvrir comment un tiers-lieu partage ses locaux entre "
            "associations, artistes et habitants.",
            "A day in Serres to see how a third place shares its premises between associations, "
            "artists and residents.",
            "Una giornata a Serres per scoprire come un terzo luogo condivide i propri locali tra "
            "associazioni, artisti e abitanti.",
        ),
        programme=[
            (
                "Visite des espaces partagés, rencontre avec l'équipe et les structures "
                "hébergées, puis échange sur le modèle économique du lieu.",
                "Visit of the shared spaces, meeting with the team and the hosted organisations, "
                "then a discussion of the place's business model.",
                "Visita degli spazi condivisi, incontro con il gruppo e le organizzazioni ospitate, "
                "poi uno scambio sul modello economico del luogo.",
            ),
        ],
        report=[
            (
                "Les participants retiennent trois conditions : une convention d'occupation "
                "claire, un planning partagé en ligne et une personne chargée de l'animation du "
                "lieu.",
                "Participants took away three conditions: a clear occupancy agreement, a shared "
                "online schedule and one person in charge of running the place.",
                "I partecipanti ricordano tre condizioni: una convenzione di occupazione chiara, "
                "un calendario condiviso online e una persona incaricata di animare il luogo.",
            ),
        ],
        participants=23,
        document="Compte rendu du voyage d'étude à Serres",
    ),
    DemoExchange(
        slug=(
            "temoignage-pole-sante-champsaur-valgaudemar",
            "testimony-champsaur-valgaudemar-health-centre",
            "testimonianza-polo-sanitario-champsaur-valgaudemar",
        ),
        kind=TESTIMONY,
        days=-75,
        hours=(18, 20),
        commune="saint-bonnet-en-champsaur",
        address="Maison de santé, Saint-Bonnet-en-Champsaur",
        organisers=["Pôle Santé Champsaur Valgaudemar", "Centre social Planète Champsaur"],
        themes=[1, 5],
        title=(
            "Témoignage du Pôle Santé Champsaur-Valgaudemar",
            "Testimony of the Champsaur-Valgaudemar health centre",
            "Testimonianza del polo sanitario Champsaur-Valgaudemar",
        ),
        summary=(
            "Comment des professionnels de santé d'une vallée de montagne mutualisent locaux, "
            "secrétariat et projets de prévention.",
            "How health professionals of a mountain valley pool premises, secretarial work and "
            "prevention projects.",
            "Come i professionisti sanitari di una valle di montagna mettono in comune locali, "
            "segreteria e progetti di prevenzione.",
        ),
        programme=[
            (
                "Récit de la création du pôle, de ses règles de fonctionnement et de ses "
                "partenariats avec le centre social, suivi d'un temps de questions.",
                "The story of how the centre was created, its operating rules and its "
                "partnerships with the social centre, followed by questions.",
                "Il racconto della creazione del polo, delle sue regole di funzionamento e dei "
                "suoi partenariati con il centro sociale, seguito da un momento di domande.",
            ),
        ],
        report=[
            (
                "La mutualisation du secrétariat a libéré du temps de soin ; les actions de "
                "prévention menées avec le centre social touchent des habitants éloignés des "
                "services.",
                "Pooling the secretarial work freed time for care; the prevention actions run "
                "with the social centre reach residents far from services.",
                "La condivisione della segreteria ha liberato tempo per la cura; le azioni di "
                "prevenzione svolte con il centro sociale raggiungono abitanti lontani dai "
                "servizi.",
            ),
        ],
        participants=34,
    ),
    DemoExchange(
        slug="reunion-mutualiser-locaux-vehicules",
        kind=MEETING,
        days=-200,
        hours=(14, 17),
        commune="gap",
        address="Locaux d'ADELHA, Gap",
        organisers=["ADELHA", "Locomun", "Ecoloc"],
        themes=[1],
        title="Réunion d'échanges : mutualiser locaux et véhicules",
        summary="Premier groupe de travail « locaux et matériels » : recenser ce que chacun peut prêter ou partager.",
        programme=[
            "Tour de table des besoins et des ressources disponibles, puis choix d'un outil "
            "commun de réservation.",
        ],
        report=[
            "Une vingtaine de locaux et quatre véhicules ont été recensés ; un tableau partagé "
            "sert de premier outil de réservation.",
        ],
        participants=18,
    ),
    DemoExchange(
        slug="temoignage-echanges-paysans-materiel-partage",
        kind=TESTIMONY,
        days=-175,
        hours=(18, 20),
        commune="veynes",
        address="Salle des fêtes, Veynes",
        organisers=["Echanges Paysans"],
        themes=[1, 3],
        title="Témoignage : Échanges Paysans et le matériel agricole partagé",
        summary="Des paysans du Buëch racontent comment ils partagent outils, savoir-faire et coups de main.",
        programme=[
            "Présentation du fonctionnement de l'association, des règles de prêt du matériel et "
            "des chantiers collectifs.",
        ],
        report=[
            "Le partage repose sur la confiance et sur un entretien organisé : chaque outil a un "
            "référent.",
        ],
        participants=22,
    ),
    DemoExchange(
        slug="reunion-financement-participatif-mecenat",
        kind=MEETING,
        days=-100,
        hours=(14, 17),
        commune="gap",
        address="Maison des associations, Gap",
        organisers=["Collectif des associations d'utilité sociale 05", "France Active Paca"],
        themes=[4],
        title="Réunion d'échanges : financement participatif et mécénat",
        summary="Dons, récompenses, prêts : quelles plateformes pour quels projets, et comment solliciter les entreprises du territoire.",
        programme=[
            "Retours d'expérience de collectes réussies ou non, présentation du mécénat "
            "d'entreprise et de ses contreparties.",
        ],
        report=[
            "Une collecte réussie se prépare trois mois à l'avance, avec une communauté déjà "
            "mobilisée ; le mécénat local commence souvent par une rencontre.",
        ],
        participants=29,
    ),
    DemoExchange(
        slug="formation-outils-collaboratifs",
        kind=TRAINING,
        days=-45,
        hours=(9, 17),
        commune="gap",
        address="Salle de formation de Koopéra, Gap",
        organisers=["Koopéra (animacoop)"],
        themes=[2, 3],
        title="Formation : animer un projet coopératif avec des outils numériques",
        summary="Une journée pour prendre en main les outils collaboratifs libres et les postures d'animation.",
        programme=[
            "Matin : postures d'animation d'un collectif. Après-midi : pratique des outils de "
            "partage de documents et d'agenda.",
        ],
        report=[
            "Les participants sont repartis avec un espace de travail partagé pour leur groupe.",
        ],
        participants=14,
    ),
    DemoExchange(
        slug="temoignage-grandir-ici-cafe-des-familles",
        kind=TESTIMONY,
        days=-20,
        hours=(10, 12),
        commune="embrun",
        address="Café des familles, Embrun",
        organisers=["Grandir ici (café des familles)", "E'Changeons le Monde"],
        themes=[5],
        title="Témoignage : un café des familles ouvert à tous",
        summary="Comment un lieu pour les parents est devenu un point de rencontre entre associations du territoire.",
        programme=[
            "Récit des partenariats tissés avec les associations voisines et des activités "
            "menées en commun.",
        ],
        report=[
            "Les activités communes ont fait venir des familles qui ne fréquentaient aucune des "
            "structures partenaires.",
        ],
        participants=16,
    ),
    DemoExchange(
        slug="voyage-etude-manger-bio-logistique",
        kind=STUDY_TRIP,
        days=-8,
        hours=(8, 18),
        commune="gap",
        address="Plateforme logistique de Manger Bio en Provence, Gap",
        organisers=["Manger Bio en Provence", "Agribio 05"],
        themes=[1, 5],
        title="Voyage d'étude : une logistique mutualisée pour la restauration collective",
        summary="Visite d'une plateforme qui regroupe les productions bio locales pour les cantines.",
        programme=[
            "Visite de la plateforme, tournée de livraison, puis échange avec des producteurs et "
            "des cuisiniers.",
        ],
        report=[
            "Mutualiser les tournées de livraison rend l'approvisionnement local accessible aux "
            "petites cantines des vallées.",
        ],
        participants=19,
    ),
    DemoExchange(
        slug="reunion-communication-mutualisee",
        kind=MEETING,
        days=9,
        hours=(14, 17),
        commune="gap",
        address="Studio de Fréquence Mistral, Gap",
        organisers=["Fréquence Mistral", "Koopéra (animacoop)"],
        themes=[2],
        title="Réunion d'échanges : une communication mutualisée",
        summary="Agenda commun, émission de radio, lettre d'information : que peut-on faire ensemble pour mieux faire connaître nos initiatives ?",
        programme=[
            "Présentation des supports existants, puis choix de deux actions communes pour les "
            "six prochains mois.",
        ],
        capacity=25,
    ),
    DemoExchange(
        slug=(
            "formation-groupements-employeurs",
            "training-employer-groups",
            "formazione-gruppi-datori-lavoro",
        ),
        kind=TRAINING,
        days=21,
        hours=(9, 17),
        commune="gap",
        address="Pépinière d'entreprises, Gap",
        organisers=["Créacoop", "Ergologic"],
        themes=[3],
        title=(
            "Formation : créer un groupement d'employeurs",
            "Training: setting up an employer group",
            "Formazione: creare un gruppo di datori di lavoro",
        ),
        summary=(
            "Partager un emploi entre plusieurs structures : cadre juridique, étapes et pièges à "
            "éviter.",
            "Sharing a job between several organisations: legal framework, steps and pitfalls "
            "to avoid.",
            "Condividere un posto di lavoro tra più organizzazioni: quadro giuridico, tappe e "
            "insidie da evitare.",
        ),
        programme=[
            (
                "Le groupement d'employeurs, ses obligations et sa gouvernance ; calcul du "
                "temps partagé et des coûts ; témoignage d'un groupement des Hautes-Alpes.",
                "The employer group, its obligations and governance; working out shared time and "
                "costs; testimony of an employer group of the Hautes-Alpes.",
                "Il gruppo di datori di lavoro, i suoi obblighi e la sua governance; calcolo del "
                "tempo condiviso e dei costi; testimonianza di un gruppo delle Hautes-Alpes.",
            ),
        ],
        capacity=20,
    ),
    DemoExchange(
        slug="temoignage-mjc-brianconnais-locaux-partages",
        kind=TESTIMONY,
        days=35,
        hours=(18, 20),
        commune="briancon",
        address="MJC centre social du Briançonnais, Briançon",
        organisers=["MJC centre social Briançonnais", "ADSCB"],
        themes=[1, 2, 5],
        title="Témoignage : partager ses locaux à Briançon",
        summary="La MJC accueille plusieurs associations : règles de partage, coûts et vie commune.",
        programme=[
            "Visite des locaux et récit de dix ans de cohabitation entre structures.",
        ],
        capacity=30,
    ),
    DemoExchange(
        slug=(
            "voyage-etude-cooperation-transfrontaliere-valle-susa",
            "study-trip-cross-border-valle-susa",
            "viaggio-studio-cooperazione-transfrontaliera-valle-susa",
        ),
        kind=STUDY_TRIP,
        days=60,
        hours=(7, 19),
        commune="briancon",
        address="Départ en minibus depuis la gare de Briançon",
        organisers=["Udess 05", "Cooperativa Sociale Valle Susa"],
        themes=[5, 6],
        title=(
            "Voyage d'étude : coopérer avec le Val de Suse",
            "Study trip: cooperating with the Susa Valley",
            "Viaggio di studio: cooperare con la Valle di Susa",
        ),
        summary=(
            "Une journée en Italie chez une coopérative sociale partenaire, pour préparer des "
            "projets transfrontaliers.",
            "A day in Italy with a partner social cooperative, to prepare cross-border projects.",
            "Una giornata in Italia presso una cooperativa sociale partner, per preparare "
            "progetti transfrontalieri.",
        ),
        programme=[
            (
                "Visite de la coopérative et de ses activités d'insertion, puis atelier sur les "
                "micro-projets Interreg ALCOTRA, qui demandent au moins un partenaire français "
                "et un partenaire italien.",
                "Visit of the cooperative and its work-integration activities, then a workshop "
                "on Interreg ALCOTRA micro-projects, which need at least one French and one "
                "Italian partner.",
                "Visita della cooperativa e delle sue attività di inserimento lavorativo, poi un "
                "laboratorio sui micro-progetti Interreg ALCOTRA, che richiedono almeno un "
                "partner francese e uno italiano.",
            ),
        ],
        registration_url="https://udess05.example.org/inscriptions/voyage-val-de-suse",
    ),
    DemoExchange(
        slug="formation-capitaliser-une-experimentation",
        kind=TRAINING,
        days=80,
        hours=(9, 17),
        commune="gap",
        address="Campus universitaire de Gap",
        organisers=["Aix-Marseille Université Master montagne", "Udess 05"],
        themes=[6],
        title="Formation : capitaliser une expérimentation de coopération",
        summary="Écrire ce qu'une coopération a appris, pour nourrir les mini-guides et inspirer d'autres structures.",
        programme=[
            "Méthodes d'entretien, grille de capitalisation et exercices à partir des "
            "expérimentations en cours.",
        ],
        registration_url="https://udess05.example.org/inscriptions/capitalisation",
    ),
    DemoExchange(
        slug="reunion-appui-ingenierie-cooperation",
        kind=MEETING,
        days=110,
        hours=(14, 17),
        commune="embrun",
        address="Centre de ressources des hauts pays alpins, Embrun",
        organisers=["Centre de ressources des hauts pays alpins", "Le Labo de l'ESS"],
        themes=[6],
        title="Réunion d'échanges : quel appui en ingénierie pour les coopérations ?",
        summary="Temps partagé, accompagnement extérieur, chercheurs : quelles formes d'appui expérimenter en deuxième phase ?",
        programme=[
            "Présentation d'exemples d'autres territoires, puis travail en petits groupes sur "
            "les besoins des expérimentations en cours.",
        ],
        capacity=35,
    ),
    DemoExchange(
        slug="forum-ess-05-experimentations-lancees",
        kind=FORUM,
        days=150,
        hours=(9, 17),
        last_days=1,
        commune="gap",
        address="Salle polyvalente de la Pépinière, Gap",
        organisers=["Udess 05", "Agence de développement Hautes-Alpes", "Caisse d'Epargne"],
        themes=[1, 2, 3, 4, 5, 6],
        title="Forum de l'ESS 05 : les expérimentations lancées",
        summary="Deux jours pour présenter les mini-guides, les trois nouvelles expérimentations de coopération et leurs financements.",
        programme=[
            "Premier jour : restitution des groupes de travail et présentation des mini-guides. "
            "Second jour : rencontres entre porteurs de projets et financeurs.",
        ],
        registration_url="https://udess05.example.org/inscriptions/forum",
    ),
]

REPORT_HTML = """<!doctype html><html lang="fr"><head><meta charset="utf-8"><style>
body {{ font-family: "DejaVu Sans", sans-serif; font-size: 11pt; margin: 2cm; }}
h1 {{ font-size: 18pt; color: #0a4d5c; }}
</style></head><body><h1>{title}</h1><p>Cluster 05 Innovation Sociale, Udess 05.</p>{body}</body></html>"""


def report_document(title: str, paragraphs: str):
    """A PDF report in the documents library (made once, found by title afterwards)."""
    Document = get_document_model()
    document = Document.objects.filter(title=title).first()
    if document is None:
        from weasyprint import HTML

        pdf = HTML(string=REPORT_HTML.format(title=title, body=paragraphs)).write_pdf()
        document = Document(title=title)
        document.file.save(
            f"{document.title[:40].lower().replace(' ', '-')}.pdf", ContentFile(pdf), save=False
        )
        document.save()
    return document


def ensure_exchange(
    index: ExchangeIndexPage, item: DemoExchange, network: dict, t: Catalogue
) -> ExchangePage:
    slug = text(item.slug, t)
    title = text(item.title, t)
    summary = text(item.summary, t)
    programme = rich_paragraphs(item.programme, t)
    report = rich_paragraphs(item.report, t) if item.report else ""
    existing = index.get_children().filter(slug=slug).first()
    if existing is not None:
        return existing.specific
    documents = stream()
    if item.document:
        documents = stream(("document", report_document(item.document, report).pk))
    return ensure_child(
        index,
        ExchangePage,
        slug=slug,
        title=title,
        kind=item.kind,
        start=paris_time(item.days, item.hours[0]),
        end=paris_time(item.days + item.last_days, item.hours[1]),
        commune=network["territories"][item.commune],
        address=item.address,
        organisers=[network["organisations"][name] for name in item.organisers],
        themes=[network["themes"][number] for number in item.themes],
        registration_url=item.registration_url,
        capacity=item.capacity,
        summary=summary,
        body=stream(("rich_text", programme)),
        report_summary=report,
        participants=item.participants,
        report_documents=documents,
    )


def load(network: dict, home: HomePage) -> list:
    """The exchanges index with its translations and the demo exchanges; returns the menu page."""
    t = Catalogue()
    index = ensure_child(
        home,
        ExchangeIndexPage,
        slug=t("echanges", "exchanges", "scambi"),
        title=t("Échanges d'expériences", "Exchanges of experience", "Scambi di esperienze"),
        intro=t(
            "Réunions d'échanges, témoignages, voyages d'étude, forums et formations : le "
            "cluster organise une quinzaine d'échanges d'expériences par an entre les "
            "structures de l'ESS des Hautes-Alpes.",
            "Meetings, testimonies, study trips, forums and trainings: the cluster organises "
            "some fifteen exchanges of experience a year between the social economy "
            "organisations of the Hautes-Alpes.",
            "Riunioni, testimonianze, viaggi di studio, forum e formazioni: il cluster organizza "
            "una quindicina di scambi di esperienze all'anno tra le organizzazioni dell'economia "
            "sociale delle Hautes-Alpes.",
        ),
    )
    translate_everywhere(index, t)
    for item in EXCHANGES:
        item_catalogue = Catalogue()
        page = ensure_exchange(index, item, network, item_catalogue)
        if is_translated(item.slug, item.title, item.summary, *item.programme, *item.report):
            translate_everywhere(page, item_catalogue)
    return [index]
