"""The guides index and the six mini-guides, one per cooperation theme (seed, DOMAIN.md).

Written in French from the seed's facts, with English and Italian side by side. Legal and tax
points are stated as the guides' authors would, with the reference to check; they point readers
to the advisers (DLA, France Active, Udess 05) rather than settle a particular case.
"""

import datetime

from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Page

from home.demo.i18n import Catalogue
from home.demo.pages import create_child, items, stream, translate_everywhere
from home.models import GuideIndexPage, GuidePage, HomePage
from projects.network.models import Organisation, Theme

Text = tuple[str, str, str]

CLUSTER_CONTACT = "contact@udess05.example.org"


class GuideWriter:
    """Builds the StreamField sections of a guide from French/English/Italian triples."""

    def __init__(self, t: Catalogue, organisations: dict[str, Organisation]):
        self.t = t
        self.organisations = organisations

    def context(self, heading: Text, *paragraphs: Text) -> tuple[str, dict]:
        return ("context", {"heading": self.t(*heading), "text": self.t.paragraphs(*paragraphs)})

    def alternatives(
        self, heading: Text, intro: Text, caption: Text, *options: tuple[Text, ...]
    ) -> tuple[str, dict]:
        rows = []
        for name, advantages, limits, legal_form, cost in options:
            rows.append(
                {
                    "name": self.t(*name),
                    "advantages": self.t(*advantages),
                    "limits": self.t(*limits),
                    "legal_form": self.t(*legal_form),
                    "cost": self.t(*cost),
                }
            )
        return (
            "alternatives",
            {
                "heading": self.t(*heading),
                "intro": self.t(*intro),
                "caption": self.t(*caption),
                "options": items(*rows),
            },
        )

    def experiences(
        self, heading: Text, intro: Text, *experiences: tuple[Text, Text, str]
    ) -> tuple[str, dict]:
        return (
            "experiences",
            {
                "heading": self.t(*heading),
                "intro": self.t(*intro),
                "items": items(
                    *(
                        {"place": self.t(*place), "summary": self.t(*summary), "link": link}
                        for place, summary, link in experiences
                    )
                ),
            },
        )

    def initiatives(
        self, heading: Text, intro: Text, *initiatives: tuple[str, Text]
    ) -> tuple[str, dict]:
        return (
            "initiatives",
            {
                "heading": self.t(*heading),
                "intro": self.t(*intro),
                "items": items(
                    *(
                        {"organisation": self.organisations[name].pk, "note": self.t(*note)}
                        for name, note in initiatives
                    )
                ),
            },
        )

    def resources(self, heading: Text, *resources: tuple[Text, object, Text]) -> tuple[str, dict]:
        """Resources: (title, a URL or a Document, description)."""
        values = []
        for title, target, description in resources:
            is_url = isinstance(target, str)
            values.append(
                {
                    "title": self.t(*title),
                    "document": None if is_url else target.pk,
                    "url": target if is_url else "",
                    "description": self.t(*description),
                }
            )
        return ("resources", {"heading": self.t(*heading), "items": items(*values)})

    def contacts(self, *lines: tuple[Text, Text, str]) -> tuple[str, dict]:
        return (
            "contacts",
            {
                "heading": self.t("Contacts", "Contacts", "Contatti"),
                "lines": items(
                    *(
                        {"name": self.t(*name), "role": self.t(*role), "email": email, "phone": ""}
                        for name, role, email in lines
                    )
                ),
            },
        )

    def cluster_contact(self) -> tuple[Text, Text, str]:
        return (
            (
                "Coordination du Cluster 05 IS",
                "Cluster 05 IS coordination",
                "Coordinamento del Cluster 05 IS",
            ),
            (
                "Udess 05, Gap : pour rejoindre le groupe de travail ou proposer une expérimentation",
                "Udess 05, Gap: to join the working group or propose an experiment",
                "Udess 05, Gap: per entrare nel gruppo di lavoro o proporre una sperimentazione",
            ),
            CLUSTER_CONTACT,
        )


# Headings shared by every guide.
CONTEXT = ("Contexte et enjeux", "Context and stakes", "Contesto e sfide")
ALTERNATIVES = (
    "Les alternatives possibles",
    "The possible alternatives",
    "Le alternative possibili",
)
EXPERIENCES = (
    "Des expériences inspirantes ailleurs",
    "Inspiring experiences elsewhere",
    "Esperienze ispiratrici altrove",
)
INITIATIVES = (
    "Les initiatives en cours dans les Hautes-Alpes",
    "Initiatives under way in the Hautes-Alpes",
    "Le iniziative in corso nelle Hautes-Alpes",
)
RESOURCES = ("Ressources pratiques", "Practical resources", "Risorse pratiche")


CONVENTION_TEMPLATE = """\
TRAME DE CONVENTION DE MISE À DISPOSITION DE LOCAUX ENTRE STRUCTURES
Cluster 05 Innovation Sociale, groupe de travail « Locaux et matériels ». Trame à adapter :
elle ne remplace pas le conseil d'un juriste.

Entre
  [Structure qui met à disposition], [forme juridique], dont le siège est [adresse],
  représentée par [nom, qualité], ci-après « la structure d'accueil »,
et
  [Structure accueillie], [forme juridique], dont le siège est [adresse],
  représentée par [nom, qualité], ci-après « la structure accueillie ».

Article 1 - Objet
La structure d'accueil met à disposition de la structure accueillie les locaux suivants :
[désignation, surface, étage], situés [adresse], pour l'activité suivante : [activité].

Article 2 - Titre d'occupation
La structure d'accueil déclare être [propriétaire / locataire] des locaux. Si elle est
locataire, elle joint l'accord écrit du propriétaire à la présente convention.

Article 3 - Jours et horaires d'occupation
[Exclusive : tous les jours] ou [partagée : planning joint en annexe, revu chaque trimestre].

Article 4 - Participation aux frais
[À titre gratuit] ou [participation forfaitaire de … € par mois couvrant le loyer au
prorata de la surface et du temps d'occupation, les fluides, le ménage et l'assurance].
La participation est révisée chaque année au vu des charges réelles.

Article 5 - Assurances
Chaque structure assure sa responsabilité civile et ses biens propres et remet son
attestation d'assurance à la signature, puis chaque année.

Article 6 - Usage, entretien et sécurité
La structure accueillie respecte le règlement intérieur des locaux (annexe), les
consignes de sécurité et la capacité d'accueil de l'établissement recevant du public.

Article 7 - Durée et fin de la convention
Convention conclue pour [un an], renouvelable par tacite reconduction. Chaque partie peut y
mettre fin par lettre recommandée avec un préavis de [trois mois].

Article 8 - Règlement des différends
Les parties cherchent d'abord un accord amiable, avec l'appui du Cluster 05 IS si elles le
souhaitent.

Fait à [lieu], le [date], en deux exemplaires.
"""


def convention_document():
    """The premises-sharing agreement template offered in the first guide (created once)."""
    document_model = get_document_model()
    title = "Trame de convention de mise à disposition de locaux"
    document = document_model.objects.filter(title=title).first()
    if document is None:
        document = document_model(title=title)
        document.file.save(
            "trame-convention-mise-a-disposition-locaux.txt",
            ContentFile(CONVENTION_TEMPLATE.encode("utf-8")),
            save=False,
        )
        document.save()
    return document


def premises_guide(w: GuideWriter) -> dict:
    t = w.t
    return {
        "slug": t(
            "partager-des-locaux-et-du-materiel",
            "sharing-premises-and-equipment",
            "condividere-locali-e-attrezzature",
        ),
        "title": t(
            "Partager des locaux et du matériel",
            "Sharing premises and equipment",
            "Condividere locali e attrezzature",
        ),
        "summary": t(
            "Bureaux, salles, véhicules, outillage : comment plusieurs structures peuvent partager "
            "leurs moyens matériels, de la simple convention de mise à disposition à la "
            "propriété collective d'un tiers-lieu.",
            "Offices, rooms, vehicles, tools: how several organisations can share their material "
            "resources, from a simple loan agreement to the collective ownership of a third "
            "place.",
            "Uffici, sale, veicoli, attrezzi: come più organizzazioni possono condividere i loro "
            "mezzi materiali, dalla semplice convenzione di messa a disposizione alla proprietà "
            "collettiva di un terzo luogo.",
        ),
        "theme": 1,
        "published_on": datetime.date(2019, 10, 15),
        "body": [
            w.context(
                CONTEXT,
                (
                    "Dans un département de montagne où les distances sont longues et l'immobilier "
                    "rare dans les vallées, beaucoup de structures de l'ESS louent seules des "
                    "locaux sous-occupés, achètent un véhicule qui roule peu ou renoncent à un "
                    "équipement trop cher pour elles.",
                    "In a mountain department where distances are long and property is scarce in "
                    "the valleys, many organisations of the social economy rent under-used "
                    "premises on their own, buy a vehicle that is seldom driven or give up "
                    "equipment that is too expensive for them.",
                    "In un dipartimento di montagna dove le distanze sono lunghe e gli immobili "
                    "rari nelle valli, molte organizzazioni dell'economia sociale affittano da "
                    "sole locali sottoutilizzati, comprano un veicolo che circola poco o "
                    "rinunciano a un'attrezzatura troppo cara per loro.",
                ),
                (
                    "Partager ces moyens réduit les charges fixes, rapproche des structures qui "
                    "servent les mêmes habitants et rend visibles des lieux ressources dans les "
                    "territoires les moins accessibles. Le partage demande pourtant des règles "
                    "claires : qui paie quoi, qui est responsable de quoi, et comment on se sépare "
                    "si le projet change.",
                    "Sharing these resources lowers fixed costs, brings together organisations "
                    "that serve the same residents and makes resource places visible in the least "
                    "accessible areas. Sharing still needs clear rules: who pays for what, who is "
                    "responsible for what, and how to part if the project changes.",
                    "Condividere questi mezzi riduce i costi fissi, avvicina organizzazioni che "
                    "servono gli stessi abitanti e rende visibili luoghi di riferimento nei "
                    "territori meno accessibili. La condivisione richiede però regole chiare: chi "
                    "paga cosa, chi è responsabile di cosa e come separarsi se il progetto cambia.",
                ),
                (
                    "L'enquête menée en 2018 auprès des structures du département a fait de la "
                    "mutualisation de moyens l'un des premiers besoins exprimés, avec l'appui "
                    "juridique pour conforter ces pratiques.",
                    "The 2018 survey of the department's organisations placed the pooling of "
                    "resources among the first needs expressed, together with legal support to "
                    "secure these practices.",
                    "L'indagine condotta nel 2018 presso le organizzazioni del dipartimento ha "
                    "indicato la messa in comune dei mezzi tra i primi bisogni espressi, insieme "
                    "al supporto giuridico per consolidare queste pratiche.",
                ),
            ),
            w.alternatives(
                ALTERNATIVES,
                (
                    "Du plus simple au plus engageant, quatre façons de partager des locaux ou du "
                    "matériel. Les coûts indiqués sont des ordres de grandeur à vérifier.",
                    "From the simplest to the most committing, four ways to share premises or "
                    "equipment. Costs are orders of magnitude to check.",
                    "Dalla più semplice alla più impegnativa, quattro modi per condividere locali "
                    "o attrezzature. I costi indicati sono ordini di grandezza da verificare.",
                ),
                (
                    "Comparaison des formes de partage de locaux et de matériel",
                    "Comparison of the ways to share premises and equipment",
                    "Confronto delle forme di condivisione di locali e attrezzature",
                ),
                (
                    (
                        "Convention de mise à disposition",
                        "Loan or sharing agreement",
                        "Convenzione di messa a disposizione",
                    ),
                    (
                        "Rapide à mettre en place ; souple (planning partagé, participation aux "
                        "frais au prorata) ; réversible.",
                        "Quick to set up; flexible (shared schedule, share of costs pro rata); "
                        "reversible.",
                        "Rapida da mettere in atto; flessibile (calendario condiviso, "
                        "partecipazione alle spese pro quota); reversibile.",
                    ),
                    (
                        "Si la structure d'accueil est locataire, l'accord écrit du propriétaire "
                        "est nécessaire ; peu protecteur pour la structure accueillie.",
                        "If the host is a tenant, the owner's written consent is needed; offers "
                        "little protection to the hosted organisation.",
                        "Se l'organizzazione ospitante è in affitto, serve il consenso scritto del "
                        "proprietario; poco tutelante per l'organizzazione ospitata.",
                    ),
                    (
                        "Contrat entre les structures, sans nouvelle entité",
                        "Contract between the organisations, no new entity",
                        "Contratto tra le organizzazioni, senza nuovo ente",
                    ),
                    (
                        "Quasi nul : rédaction de la convention et attestations d'assurance",
                        "Almost nil: drafting the agreement and insurance certificates",
                        "Quasi nullo: redazione della convenzione e attestati di assicurazione",
                    ),
                ),
                (
                    (
                        "Bail ou achat à plusieurs en indivision",
                        "Joint lease or joint ownership",
                        "Locazione o acquisto congiunto in comproprietà",
                    ),
                    (
                        "Chaque structure est cotitulaire : droits équilibrés, pas de structure "
                        "dominante.",
                        "Each organisation is a co-holder: balanced rights, no dominant "
                        "organisation.",
                        "Ogni organizzazione è cotitolare: diritti equilibrati, nessuna "
                        "organizzazione dominante.",
                    ),
                    (
                        "Solidarité des preneurs envers le bailleur ; en indivision, les grandes "
                        "décisions exigent l'accord de tous et chacun peut demander le partage.",
                        "Tenants are jointly liable to the landlord; in joint ownership, major "
                        "decisions need everyone's consent and anyone can ask to divide.",
                        "I conduttori sono solidali verso il locatore; in comproprietà le "
                        "decisioni importanti richiedono l'accordo di tutti e ciascuno può "
                        "chiedere la divisione.",
                    ),
                    (
                        "Bail commun ou indivision (convention d'indivision conseillée)",
                        "Joint lease or joint ownership (co-ownership agreement advised)",
                        "Locazione comune o comproprietà (accordo di comproprietà consigliato)",
                    ),
                    (
                        "Frais d'acte et de notaire en cas d'achat",
                        "Deed and notary fees when buying",
                        "Spese di atto e notarili in caso di acquisto",
                    ),
                ),
                (
                    (
                        "Société civile immobilière (SCI) ou SCIC propriétaire",
                        "Property company (SCI) or SCIC as owner",
                        "Società immobiliare (SCI) o SCIC proprietaria",
                    ),
                    (
                        "Sépare le patrimoine immobilier des activités ; une SCIC associe "
                        "usagers, salariés, habitants et collectivités (jusqu'à 50 % du capital "
                        "pour ces dernières).",
                        "Separates the property from the activities; a SCIC brings together "
                        "users, employees, residents and local authorities (up to 50% of the "
                        "capital for the latter).",
                        "Separa il patrimonio immobiliare dalle attività; una SCIC associa "
                        "utenti, dipendenti, abitanti ed enti locali (fino al 50% del capitale "
                        "per questi ultimi).",
                    ),
                    (
                        "Montage long, comptabilité et assemblées à tenir ; apport en capital et "
                        "emprunt à porter ensemble.",
                        "A long set-up, accounts and general meetings to hold; capital and loans "
                        "to carry together.",
                        "Costituzione lunga, contabilità e assemblee da tenere; apporto di "
                        "capitale e mutuo da sostenere insieme.",
                    ),
                    (
                        "SCI (société civile) ou SCIC (SA, SAS ou SARL coopérative)",
                        "SCI (civil company) or SCIC (cooperative SA, SAS or SARL)",
                        "SCI (società civile) o SCIC (SA, SAS o SARL cooperativa)",
                    ),
                    (
                        "Statuts, immatriculation, expert-comptable : quelques milliers d'euros",
                        "Articles, registration, accountant: a few thousand euros",
                        "Statuto, iscrizione, commercialista: qualche migliaio di euro",
                    ),
                ),
                (
                    ("Tiers-lieu partagé", "Shared third place", "Terzo luogo condiviso"),
                    (
                        "Un lieu ouvert qui mêle bureaux, ateliers, accueil du public et "
                        "événements ; attire de nouvelles activités et des financements dédiés.",
                        "An open place mixing offices, workshops, public reception and events; "
                        "attracts new activities and dedicated funding.",
                        "Un luogo aperto che unisce uffici, laboratori, accoglienza del pubblico "
                        "ed eventi; attira nuove attività e finanziamenti dedicati.",
                    ),
                    (
                        "Demande une animation permanente et un modèle économique (locations, "
                        "services) ; gouvernance à construire.",
                        "Needs permanent facilitation and a business model (rentals, services); "
                        "governance to build.",
                        "Richiede un'animazione permanente e un modello economico (affitti, "
                        "servizi); governance da costruire.",
                    ),
                    (
                        "Association, SCIC ou collectif porté par une structure existante",
                        "Association, SCIC or a collective carried by an existing organisation",
                        "Associazione, SCIC o collettivo sostenuto da un'organizzazione esistente",
                    ),
                    (
                        "Poste d'animation et aménagement : à budgéter dès le départ",
                        "A facilitator's post and fitting out: to budget from the start",
                        "Posto di animazione e allestimento: da mettere a bilancio fin dall'inizio",
                    ),
                ),
            ),
            w.experiences(
                EXPERIENCES,
                (
                    "Des lieux partagés devenus des références, à visiter ou à interroger avant "
                    "de se lancer.",
                    "Shared places that became references, to visit or ask before starting.",
                    "Luoghi condivisi diventati punti di riferimento, da visitare o interpellare "
                    "prima di lanciarsi.",
                ),
                (
                    (
                        "Paris, Les Grands Voisins",
                        "Paris, Les Grands Voisins",
                        "Parigi, Les Grands Voisins",
                    ),
                    (
                        "Occupation temporaire d'un ancien hôpital de 2015 à 2020 : hébergement "
                        "d'urgence, associations, artisans et lieux ouverts au public y ont "
                        "partagé les bâtiments, avec une gouvernance à plusieurs structures.",
                        "Temporary use of a former hospital from 2015 to 2020: emergency "
                        "housing, associations, craftspeople and places open to the public "
                        "shared the buildings, governed by several organisations.",
                        "Occupazione temporanea di un ex ospedale dal 2015 al 2020: accoglienza "
                        "d'emergenza, associazioni, artigiani e luoghi aperti al pubblico hanno "
                        "condiviso gli edifici, con una governance tra più organizzazioni.",
                    ),
                    "",
                ),
                (
                    ("Bordeaux, Darwin", "Bordeaux, Darwin", "Bordeaux, Darwin"),
                    (
                        "Une ancienne caserne reconvertie en écosystème d'entreprises, "
                        "d'associations et d'activités ouvertes au public, qui mutualise "
                        "espaces de travail, services et équipements.",
                        "Former barracks turned into an ecosystem of businesses, associations "
                        "and activities open to the public, pooling workspaces, services and "
                        "equipment.",
                        "Un'ex caserma trasformata in un ecosistema di imprese, associazioni e "
                        "attività aperte al pubblico, che mette in comune spazi di lavoro, "
                        "servizi e attrezzature.",
                    ),
                    "",
                ),
                (
                    (
                        "Réseau national des tiers-lieux",
                        "The national network of third places",
                        "La rete nazionale dei terzi luoghi",
                    ),
                    (
                        "France Tiers-Lieux recense les lieux partagés, publie des guides sur "
                        "leur modèle économique et relaie les programmes de soutien.",
                        "France Tiers-Lieux lists shared places, publishes guides on their "
                        "business model and relays support programmes.",
                        "France Tiers-Lieux censisce i luoghi condivisi, pubblica guide sul loro "
                        "modello economico e diffonde i programmi di sostegno.",
                    ),
                    "https://francetierslieux.fr/",
                ),
            ),
            w.initiatives(
                INITIATIVES,
                (
                    "Des structures du département partagent déjà leurs moyens : contactez-les "
                    "pour un retour d'expérience.",
                    "Organisations of the department already share their resources: contact "
                    "them to learn from their experience.",
                    "Alcune organizzazioni del dipartimento condividono già i loro mezzi: "
                    "contattatele per un ritorno di esperienza.",
                ),
                (
                    "Locomun",
                    (
                        "Démarche de locaux communs partagés entre associations, cheffe de file "
                        "du groupe de travail.",
                        "An initiative for premises shared between associations, lead of the "
                        "working group.",
                        "Iniziativa di locali comuni condivisi tra associazioni, capofila del "
                        "gruppo di lavoro.",
                    ),
                ),
                (
                    "Pôle Santé Champsaur Valgaudemar",
                    (
                        "Professionnels de santé et structures du territoire réunis autour de "
                        "moyens communs.",
                        "Health professionals and local organisations gathered around shared "
                        "resources.",
                        "Professionisti della salute e organizzazioni del territorio riuniti "
                        "attorno a mezzi comuni.",
                    ),
                ),
                (
                    "Fab'Alpes",
                    (
                        "Atelier de fabrication partagé : machines et savoir-faire ouverts aux "
                        "structures et aux habitants.",
                        "A shared fabrication workshop: machines and know-how open to "
                        "organisations and residents.",
                        "Laboratorio di fabbricazione condiviso: macchine e competenze aperte "
                        "alle organizzazioni e agli abitanti.",
                    ),
                ),
                (
                    "ADSCB",
                    (
                        "Citée dans le Briançonnais parmi les exemples de mutualisation de moyens.",
                        "Mentioned in the Briançonnais among the examples of pooled resources.",
                        "Citata nel Briançonnais tra gli esempi di messa in comune dei mezzi.",
                    ),
                ),
                (
                    "Echanges Paysans",
                    (
                        "Association paysanne qui partage matériel et savoir-faire entre fermes.",
                        "A farmers' association sharing equipment and know-how between farms.",
                        "Associazione contadina che condivide attrezzature e competenze tra "
                        "aziende agricole.",
                    ),
                ),
            ),
            w.resources(
                RESOURCES,
                (
                    (
                        "Trame de convention de mise à disposition de locaux",
                        "Template agreement for sharing premises (in French)",
                        "Modello di convenzione per la condivisione di locali (in francese)",
                    ),
                    convention_document(),
                    (
                        "Une trame à adapter : objet, participation aux frais, assurances, durée "
                        "et sortie.",
                        "A template to adapt: purpose, share of costs, insurance, term and exit.",
                        "Un modello da adattare: oggetto, partecipazione alle spese, "
                        "assicurazioni, durata e uscita.",
                    ),
                ),
                (
                    (
                        "Les sociétés coopératives d'intérêt collectif (SCIC)",
                        "Cooperative societies of collective interest (SCIC)",
                        "Le società cooperative di interesse collettivo (SCIC)",
                    ),
                    "https://www.les-scic.coop/",
                    (
                        "Le site du réseau des SCIC : statuts types, exemples, accompagnement.",
                        "The SCIC network's site: model articles, examples, support.",
                        "Il sito della rete delle SCIC: statuti tipo, esempi, accompagnamento.",
                    ),
                ),
                (
                    ("France Tiers-Lieux", "France Tiers-Lieux", "France Tiers-Lieux"),
                    "https://francetierslieux.fr/",
                    (
                        "Ressources et réseau national des tiers-lieux.",
                        "Resources and the national network of third places.",
                        "Risorse e rete nazionale dei terzi luoghi.",
                    ),
                ),
            ),
            w.contacts(w.cluster_contact()),
        ],
    }


def communication_guide(w: GuideWriter) -> dict:
    t = w.t
    return {
        "slug": t(
            "mutualiser-sa-communication",
            "pooling-communication",
            "mettere-in-comune-la-comunicazione",
        ),
        "title": t(
            "Mutualiser sa communication",
            "Pooling communication",
            "Mettere in comune la comunicazione",
        ),
        "summary": t(
            "Agenda commun, lettre d'information, chargé de communication partagé, outils "
            "numériques libres, médias associatifs : des moyens de se faire connaître ensemble "
            "sans y consacrer un poste chacun.",
            "A common calendar, a newsletter, a shared communication officer, free software "
            "tools, community media: ways of becoming known together without each organisation "
            "paying for a post.",
            "Agenda comune, newsletter, addetto alla comunicazione condiviso, strumenti digitali "
            "liberi, media associativi: modi per farsi conoscere insieme senza che ognuno debba "
            "pagare un posto.",
        ),
        "theme": 2,
        "published_on": datetime.date(2019, 11, 20),
        "body": [
            w.context(
                CONTEXT,
                (
                    "Les structures de l'ESS des Hautes-Alpes sont nombreuses, souvent petites, "
                    "et rares sont celles qui emploient une personne dédiée à la communication. "
                    "Leurs actions restent mal connues des habitants, des élus et des autres "
                    "structures qui pourraient coopérer avec elles.",
                    "The social economy organisations of the Hautes-Alpes are many and often "
                    "small, and few employ someone dedicated to communication. Their work remains "
                    "little known to residents, elected officials and the other organisations "
                    "that could cooperate with them.",
                    "Le organizzazioni dell'economia sociale delle Hautes-Alpes sono numerose, "
                    "spesso piccole, e poche impiegano una persona dedicata alla comunicazione. "
                    "Le loro azioni restano poco conosciute dagli abitanti, dagli amministratori "
                    "e dalle altre organizzazioni che potrebbero cooperare con loro.",
                ),
                (
                    "L'enquête de 2018 a fait ressortir le besoin d'un appui à la communication "
                    "interne et externe pour mieux valoriser et étendre les initiatives. "
                    "Communiquer ensemble, c'est aussi mieux se connaître entre structures : "
                    "c'est souvent la première étape d'une coopération.",
                    "The 2018 survey highlighted the need for support in internal and external "
                    "communication to showcase and spread initiatives better. Communicating "
                    "together also means getting to know each other: it is often the first step "
                    "of cooperation.",
                    "L'indagine del 2018 ha fatto emergere il bisogno di un supporto alla "
                    "comunicazione interna ed esterna per valorizzare ed estendere meglio le "
                    "iniziative. Comunicare insieme significa anche conoscersi meglio: è spesso "
                    "il primo passo di una cooperazione.",
                ),
            ),
            w.alternatives(
                ALTERNATIVES,
                (
                    "Quatre niveaux de mutualisation, qui peuvent se combiner.",
                    "Four levels of pooling, which can be combined.",
                    "Quattro livelli di messa in comune, che si possono combinare.",
                ),
                (
                    "Comparaison des façons de mutualiser la communication",
                    "Comparison of the ways to pool communication",
                    "Confronto dei modi di mettere in comune la comunicazione",
                ),
                (
                    (
                        "Agenda et lettre d'information communs",
                        "Common calendar and newsletter",
                        "Agenda e newsletter comuni",
                    ),
                    (
                        "Peu coûteux ; donne une vue d'ensemble des actions du territoire ; "
                        "chaque structure garde sa propre communication.",
                        "Inexpensive; gives an overview of what happens in the area; each "
                        "organisation keeps its own communication.",
                        "Poco costoso; offre una visione d'insieme delle azioni del territorio; "
                        "ogni organizzazione mantiene la propria comunicazione.",
                    ),
                    (
                        "Ne vit que si quelqu'un l'alimente et le relit régulièrement.",
                        "Only lives if someone feeds and checks it regularly.",
                        "Vive solo se qualcuno lo alimenta e lo rilegge regolarmente.",
                    ),
                    (
                        "Charte éditoriale entre partenaires",
                        "Editorial charter between partners",
                        "Carta editoriale tra partner",
                    ),
                    (
                        "Outils gratuits ; quelques heures par mois",
                        "Free tools; a few hours a month",
                        "Strumenti gratuiti; qualche ora al mese",
                    ),
                ),
                (
                    (
                        "Chargé de communication à temps partagé",
                        "Time-shared communication officer",
                        "Addetto alla comunicazione a tempo condiviso",
                    ),
                    (
                        "Des compétences professionnelles pour des structures qui ne peuvent "
                        "pas payer un poste entier ; un emploi stable pour la personne.",
                        "Professional skills for organisations that cannot pay a whole post; a "
                        "stable job for the person.",
                        "Competenze professionali per organizzazioni che non possono pagare un "
                        "posto intero; un lavoro stabile per la persona.",
                    ),
                    (
                        "Arbitrer les priorités entre structures ; prévoir qui encadre.",
                        "Priorities to settle between organisations; decide who manages the "
                        "person.",
                        "Arbitrare le priorità tra organizzazioni; stabilire chi coordina.",
                    ),
                    (
                        "Groupement d'employeurs ou mise à disposition à but non lucratif",
                        "Employer group or non-profit staff loan",
                        "Gruppo di datori di lavoro o distacco senza scopo di lucro",
                    ),
                    (
                        "Salaire et charges répartis au prorata du temps",
                        "Salary and contributions split pro rata of time",
                        "Stipendio e contributi ripartiti in proporzione al tempo",
                    ),
                ),
                (
                    (
                        "Outils numériques libres partagés",
                        "Shared free software tools",
                        "Strumenti digitali liberi condivisi",
                    ),
                    (
                        "Agenda, visioconférence, documents partagés et listes de diffusion "
                        "communs ; maîtrise des données.",
                        "Common calendar, video calls, shared documents and mailing lists; "
                        "control over data.",
                        "Agenda, videoconferenza, documenti condivisi e liste di diffusione "
                        "comuni; controllo dei dati.",
                    ),
                    (
                        "Demande un référent par structure et un peu de formation.",
                        "Needs a contact person in each organisation and some training.",
                        "Richiede un referente per organizzazione e un po' di formazione.",
                    ),
                    (
                        "Adhésion ou contrat de service auprès d'un hébergeur",
                        "Membership or service contract with a host",
                        "Adesione o contratto di servizio con un fornitore di hosting",
                    ),
                    (
                        "De gratuit à quelques euros par mois et par structure",
                        "From free to a few euros a month per organisation",
                        "Da gratuito a qualche euro al mese per organizzazione",
                    ),
                ),
                (
                    (
                        "Partenariat avec un média associatif local",
                        "Partnership with a local community medium",
                        "Partenariato con un media associativo locale",
                    ),
                    (
                        "Touche un large public ; les structures apprennent à prendre la parole "
                        "(émissions, chroniques, reportages).",
                        "Reaches a wide audience; organisations learn to speak out (programmes, "
                        "columns, reports).",
                        "Raggiunge un vasto pubblico; le organizzazioni imparano a prendere la "
                        "parola (trasmissioni, rubriche, servizi).",
                    ),
                    (
                        "Respecter l'indépendance éditoriale du média.",
                        "The medium's editorial independence must be respected.",
                        "Rispettare l'indipendenza editoriale del media.",
                    ),
                    (
                        "Convention de partenariat",
                        "Partnership agreement",
                        "Convenzione di partenariato",
                    ),
                    (
                        "Adhésion ou participation aux frais de production",
                        "Membership or a share of production costs",
                        "Adesione o partecipazione ai costi di produzione",
                    ),
                ),
            ),
            w.experiences(
                EXPERIENCES,
                (
                    "Des outils et des réseaux ouverts, déjà utilisés par des milliers "
                    "d'associations.",
                    "Open tools and networks, already used by thousands of associations.",
                    "Strumenti e reti aperti, già usati da migliaia di associazioni.",
                ),
                (
                    ("Lyon, Framasoft", "Lyon, Framasoft", "Lione, Framasoft"),
                    (
                        "Association d'éducation populaire qui propose des outils libres "
                        "(formulaires, agendas, visioconférence) et documente leur usage par "
                        "les associations.",
                        "A popular education association offering free software tools (forms, "
                        "calendars, video calls) and documenting how associations use them.",
                        "Associazione di educazione popolare che propone strumenti liberi "
                        "(moduli, agende, videoconferenza) e ne documenta l'uso da parte delle "
                        "associazioni.",
                    ),
                    "https://framasoft.org/",
                ),
                (
                    (
                        "Le collectif CHATONS",
                        "The CHATONS collective",
                        "Il collettivo CHATONS",
                    ),
                    (
                        "Un collectif d'hébergeurs alternatifs, transparents, ouverts, neutres et "
                        "solidaires : des structures locales y trouvent un hébergeur de "
                        "confiance près de chez elles.",
                        "A collective of alternative, transparent, open, neutral and solidarity "
                        "hosts: local organisations find a trustworthy host near them.",
                        "Un collettivo di fornitori di hosting alternativi, trasparenti, aperti, "
                        "neutrali e solidali: le organizzazioni locali vi trovano un fornitore "
                        "di fiducia vicino a loro.",
                    ),
                    "https://www.chatons.org/",
                ),
                (
                    (
                        "Agendas collaboratifs de territoire",
                        "Collaborative local calendars",
                        "Agende collaborative di territorio",
                    ),
                    (
                        "Plusieurs villes publient un agenda alimenté par les associations "
                        "elles-mêmes, avec une charte de publication et une modération "
                        "bénévole : un modèle reproductible à l'échelle d'une vallée.",
                        "Several towns publish a calendar fed by the associations themselves, "
                        "with a publication charter and volunteer moderation: a model that can "
                        "be copied at the scale of a valley.",
                        "Diverse città pubblicano un'agenda alimentata dalle associazioni "
                        "stesse, con una carta di pubblicazione e una moderazione volontaria: "
                        "un modello riproducibile alla scala di una valle.",
                    ),
                    "",
                ),
            ),
            w.initiatives(
                INITIATIVES,
                (
                    "Médias, centres sociaux et associations culturelles du département "
                    "communiquent déjà ensemble.",
                    "Media, social centres and cultural associations of the department already "
                    "communicate together.",
                    "Media, centri sociali e associazioni culturali del dipartimento comunicano "
                    "già insieme.",
                ),
                (
                    "Fréquence Mistral",
                    (
                        "Radio associative locale, cheffe de file du groupe de travail : elle "
                        "ouvre son antenne aux structures du territoire.",
                        "A local community radio, lead of the working group: it opens its "
                        "airwaves to the area's organisations.",
                        "Radio associativa locale, capofila del gruppo di lavoro: apre le sue "
                        "frequenze alle organizzazioni del territorio.",
                    ),
                ),
                (
                    "CPIE Haute Durance",
                    (
                        "Habitué des campagnes de sensibilisation menées avec d'autres structures.",
                        "Used to awareness campaigns run with other organisations.",
                        "Abituato alle campagne di sensibilizzazione condotte con altre "
                        "organizzazioni.",
                    ),
                ),
                (
                    "MJC centre social Briançonnais",
                    (
                        "Relais d'information auprès des habitants du Briançonnais.",
                        "A source of information for the residents of the Briançonnais.",
                        "Punto di informazione per gli abitanti del Briançonnais.",
                    ),
                ),
                (
                    "Serres Lez'Arts",
                    (
                        "Association culturelle citée parmi les exemples de coopération entre "
                        "structures.",
                        "A cultural association mentioned among the examples of cooperation "
                        "between organisations.",
                        "Associazione culturale citata tra gli esempi di cooperazione tra "
                        "organizzazioni.",
                    ),
                ),
                (
                    "La Boîte à Editer",
                    (
                        "Édition et communication associatives : un savoir-faire à partager.",
                        "Publishing and communication for associations: know-how to share.",
                        "Editoria e comunicazione associative: competenze da condividere.",
                    ),
                ),
            ),
            w.resources(
                RESOURCES,
                (
                    ("Framasoft", "Framasoft", "Framasoft"),
                    "https://framasoft.org/",
                    (
                        "Outils libres pour s'organiser et communiquer.",
                        "Free software tools to organise and communicate.",
                        "Strumenti liberi per organizzarsi e comunicare.",
                    ),
                ),
                (
                    ("CHATONS", "CHATONS", "CHATONS"),
                    "https://www.chatons.org/",
                    (
                        "Trouver un hébergeur alternatif et solidaire.",
                        "Find an alternative, solidarity-based host.",
                        "Trovare un fornitore di hosting alternativo e solidale.",
                    ),
                ),
                (
                    (
                        "Le portail des associations",
                        "The associations' portal (in French)",
                        "Il portale delle associazioni (in francese)",
                    ),
                    "https://www.associations.gouv.fr/",
                    (
                        "Fiches pratiques sur la vie associative, dont la communication.",
                        "Practical sheets on running an association, communication included.",
                        "Schede pratiche sulla vita associativa, comunicazione compresa.",
                    ),
                ),
            ),
            w.contacts(w.cluster_contact()),
        ],
    }


def employment_guide(w: GuideWriter) -> dict:
    t = w.t
    return {
        "slug": t(
            "partager-des-emplois-et-des-competences",
            "sharing-jobs-and-skills",
            "condividere-posti-di-lavoro-e-competenze",
        ),
        "title": t(
            "Partager des emplois et des compétences",
            "Sharing jobs and skills",
            "Condividere posti di lavoro e competenze",
        ),
        "summary": t(
            "Mise à disposition de personnel, groupement d'employeurs, coopérative d'activité et "
            "d'emploi, formations communes : créer des emplois stables à partir de besoins à "
            "temps partiel et faire circuler les compétences.",
            "Staff loans, employer groups, business and employment cooperatives, joint training: "
            "creating stable jobs out of part-time needs and letting skills circulate.",
            "Distacco di personale, gruppo di datori di lavoro, cooperativa di attività e di "
            "impiego, formazioni comuni: creare posti stabili a partire da bisogni a tempo "
            "parziale e far circolare le competenze.",
        ),
        "theme": 3,
        "published_on": datetime.date(2020, 1, 28),
        "body": [
            w.context(
                CONTEXT,
                (
                    "Beaucoup de structures du département ont besoin d'une compétence quelques "
                    "heures par semaine ou quelques mois par an : comptabilité, communication, "
                    "animation, entretien. Les emplois à temps partiel et saisonniers qui en "
                    "résultent sont difficiles à pourvoir et à garder, surtout dans les vallées "
                    "éloignées.",
                    "Many organisations of the department need a skill for a few hours a week or "
                    "a few months a year: accounting, communication, facilitation, maintenance. "
                    "The resulting part-time and seasonal jobs are hard to fill and to keep, "
                    "especially in remote valleys.",
                    "Molte organizzazioni del dipartimento hanno bisogno di una competenza per "
                    "qualche ora alla settimana o qualche mese all'anno: contabilità, "
                    "comunicazione, animazione, manutenzione. I posti a tempo parziale e "
                    "stagionali che ne derivano sono difficili da coprire e da mantenere, "
                    "soprattutto nelle valli lontane.",
                ),
                (
                    "En additionnant ces besoins, plusieurs structures peuvent créer ensemble des "
                    "emplois à temps plein, former leurs équipes à moindre coût et garder sur le "
                    "territoire des compétences qui partiraient sinon.",
                    "By adding up these needs, several organisations can together create "
                    "full-time jobs, train their teams at a lower cost and keep in the area "
                    "skills that would otherwise leave.",
                    "Sommando questi bisogni, più organizzazioni possono creare insieme posti a "
                    "tempo pieno, formare le loro squadre a costi minori e mantenere sul "
                    "territorio competenze che altrimenti se ne andrebbero.",
                ),
            ),
            w.alternatives(
                ALTERNATIVES,
                (
                    "Les références au Code du travail sont à vérifier pour chaque situation, "
                    "par exemple avec un juriste ou le dispositif local d'accompagnement.",
                    "References to the French Labour Code are to be checked for each situation, "
                    "for instance with a lawyer or the local support scheme (DLA).",
                    "I riferimenti al Codice del lavoro francese vanno verificati per ogni "
                    "situazione, ad esempio con un giurista o con il dispositivo locale di "
                    "accompagnamento (DLA).",
                ),
                (
                    "Comparaison des façons de partager des emplois et des compétences",
                    "Comparison of the ways to share jobs and skills",
                    "Confronto dei modi di condividere posti di lavoro e competenze",
                ),
                (
                    (
                        "Mise à disposition de personnel à but non lucratif",
                        "Non-profit staff loan",
                        "Distacco di personale senza scopo di lucro",
                    ),
                    (
                        "Simple, sans nouvelle structure ; adaptée à un besoin ponctuel ou "
                        "régulier entre deux structures.",
                        "Simple, no new entity; suited to an occasional or regular need "
                        "between two organisations.",
                        "Semplice, senza nuovo ente; adatta a un bisogno occasionale o regolare "
                        "tra due organizzazioni.",
                    ),
                    (
                        "Accord écrit du salarié (avenant) et convention entre structures ; "
                        "refacturation au coût réel, sans marge (art. L8241-2 du Code du "
                        "travail).",
                        "Written consent of the employee (amendment) and an agreement between "
                        "the organisations; recharged at actual cost, with no margin (art. "
                        "L8241-2 of the Labour Code).",
                        "Consenso scritto del dipendente (integrazione al contratto) e "
                        "convenzione tra organizzazioni; riaddebito al costo reale, senza "
                        "margine (art. L8241-2 del Codice del lavoro).",
                    ),
                    (
                        "Convention de mise à disposition",
                        "Staff loan agreement",
                        "Convenzione di distacco",
                    ),
                    (
                        "Salaire, charges et frais refacturés au coût réel",
                        "Salary, contributions and expenses recharged at cost",
                        "Stipendio, contributi e spese riaddebitati al costo reale",
                    ),
                ),
                (
                    (
                        "Groupement d'employeurs",
                        "Employer group",
                        "Gruppo di datori di lavoro",
                    ),
                    (
                        "Le groupement embauche et met les salariés à disposition de ses membres "
                        ": des emplois stables et à temps plein à partir de besoins partiels.",
                        "The group hires and places its employees with its members: stable, "
                        "full-time jobs built from partial needs.",
                        "Il gruppo assume e mette i dipendenti a disposizione dei suoi membri: "
                        "posti stabili e a tempo pieno a partire da bisogni parziali.",
                    ),
                    (
                        "Les membres sont solidairement responsables des dettes salariales et "
                        "sociales du groupement ; plannings à coordonner.",
                        "Members are jointly liable for the group's wage and social security "
                        "debts; schedules to coordinate.",
                        "I membri sono solidalmente responsabili dei debiti salariali e "
                        "previdenziali del gruppo; calendari da coordinare.",
                    ),
                    (
                        "Association loi 1901 le plus souvent, ou coopérative (art. L1253-1 et "
                        "suivants du Code du travail)",
                        "Usually a non-profit association, or a cooperative (art. L1253-1 ff. of "
                        "the Labour Code)",
                        "Di solito un'associazione senza scopo di lucro, o una cooperativa (art. "
                        "L1253-1 e seguenti del Codice del lavoro)",
                    ),
                    (
                        "Adhésion et frais de gestion en plus des salaires refacturés",
                        "Membership and management fees on top of recharged salaries",
                        "Adesione e spese di gestione oltre agli stipendi riaddebitati",
                    ),
                ),
                (
                    (
                        "Coopérative d'activité et d'emploi (CAE)",
                        "Business and employment cooperative (CAE)",
                        "Cooperativa di attività e di impiego (CAE)",
                    ),
                    (
                        "Une personne développe son activité avec un statut d'entrepreneur "
                        "salarié et des services partagés (comptabilité, assurance, formation).",
                        "A person develops their activity as an employee-entrepreneur with "
                        "shared services (accounting, insurance, training).",
                        "Una persona sviluppa la propria attività con lo status di "
                        "imprenditore dipendente e servizi condivisi (contabilità, "
                        "assicurazione, formazione).",
                    ),
                    (
                        "Pensée pour des activités individuelles plutôt que pour un poste "
                        "partagé entre structures.",
                        "Designed for individual activities rather than a post shared between "
                        "organisations.",
                        "Pensata per attività individuali piuttosto che per un posto condiviso "
                        "tra organizzazioni.",
                    ),
                    (
                        "SCOP ou SCIC (loi du 31 juillet 2014 relative à l'ESS)",
                        "SCOP or SCIC (French social economy act of 31 July 2014)",
                        "SCOP o SCIC (legge francese del 31 luglio 2014 sull'economia sociale)",
                    ),
                    (
                        "Contribution proportionnelle au chiffre d'affaires, fixée par chaque "
                        "coopérative",
                        "A contribution proportional to turnover, set by each cooperative",
                        "Contributo proporzionale al fatturato, stabilito da ogni cooperativa",
                    ),
                ),
                (
                    (
                        "Formations inter-structures",
                        "Training between organisations",
                        "Formazioni tra organizzazioni",
                    ),
                    (
                        "Des sessions complètes près de chez soi, moins chères par personne ; "
                        "les équipes se rencontrent.",
                        "Full sessions close to home, cheaper per person; teams meet.",
                        "Sessioni complete vicino a casa, meno care per persona; le squadre si "
                        "incontrano.",
                    ),
                    (
                        "Recenser les besoins et trouver des dates communes demande une "
                        "coordination.",
                        "Listing needs and finding common dates takes coordination.",
                        "Censire i bisogni e trovare date comuni richiede un coordinamento.",
                    ),
                    (
                        "Convention avec un organisme de formation",
                        "Agreement with a training provider",
                        "Convenzione con un ente di formazione",
                    ),
                    (
                        "Prise en charge possible par l'opérateur de compétences (OPCO) de la "
                        "branche",
                        "May be funded by the sector's skills operator (OPCO)",
                        "Possibile presa in carico da parte dell'operatore di competenze (OPCO) "
                        "del settore",
                    ),
                ),
            ),
            w.experiences(
                EXPERIENCES,
                (
                    "Des réseaux nationaux et régionaux qui font vivre ces modèles depuis "
                    "longtemps.",
                    "National and regional networks that have run these models for a long time.",
                    "Reti nazionali e regionali che fanno vivere questi modelli da tempo.",
                ),
                (
                    (
                        "Réseau Profession Sport & Loisirs",
                        "The Profession Sport & Loisirs network",
                        "La rete Profession Sport & Loisirs",
                    ),
                    (
                        "Des groupements d'employeurs départementaux qui emploient des "
                        "éducateurs et animateurs partagés entre clubs et associations de "
                        "loisirs.",
                        "Departmental employer groups that employ coaches and youth workers "
                        "shared between sports clubs and leisure associations.",
                        "Gruppi di datori di lavoro dipartimentali che impiegano educatori e "
                        "animatori condivisi tra club sportivi e associazioni per il tempo "
                        "libero.",
                    ),
                    "",
                ),
                (
                    ("Savoie, Oxalis", "Savoie, Oxalis", "Savoia, Oxalis"),
                    (
                        "Coopérative d'activité et d'emploi née dans les Alpes, qui réunit des "
                        "entrepreneurs salariés de métiers très divers et mutualise leurs "
                        "fonctions support.",
                        "A business and employment cooperative born in the Alps, bringing "
                        "together employee-entrepreneurs of very different trades and pooling "
                        "their support functions.",
                        "Cooperativa di attività e di impiego nata nelle Alpi, che riunisce "
                        "imprenditori dipendenti di mestieri molto diversi e mette in comune le "
                        "loro funzioni di supporto.",
                    ),
                    "",
                ),
                (
                    (
                        "Les groupements d'employeurs pour l'insertion et la qualification (GEIQ)",
                        "Employer groups for integration and qualification (GEIQ)",
                        "I gruppi di datori di lavoro per l'inserimento e la qualificazione (GEIQ)",
                    ),
                    (
                        "Des entreprises d'un même secteur recrutent ensemble des personnes "
                        "éloignées de l'emploi et les forment en alternance.",
                        "Companies of one sector jointly recruit people far from employment and "
                        "train them on a work-study basis.",
                        "Imprese di uno stesso settore assumono insieme persone lontane dal "
                        "lavoro e le formano in alternanza.",
                    ),
                    "",
                ),
            ),
            w.initiatives(
                INITIATIVES,
                (
                    "Emplois partagés, coopérative d'activité et formation à la coopération "
                    "existent déjà dans le département.",
                    "Shared jobs, a business and employment cooperative and training in "
                    "cooperation already exist in the department.",
                    "Posti condivisi, cooperativa di attività e formazione alla cooperazione "
                    "esistono già nel dipartimento.",
                ),
                (
                    "GSA 05",
                    (
                        "Groupement engagé sur le partage d'emplois et de compétences, chef de "
                        "file du groupe de travail.",
                        "A group committed to sharing jobs and skills, lead of the working group.",
                        "Raggruppamento impegnato nella condivisione di posti e competenze, "
                        "capofila del gruppo di lavoro.",
                    ),
                ),
                (
                    "Créacoop",
                    (
                        "Coopérative d'activité et d'emploi du département.",
                        "The department's business and employment cooperative.",
                        "Cooperativa di attività e di impiego del dipartimento.",
                    ),
                ),
                (
                    "Koopéra (animacoop)",
                    (
                        "Formation Animacoop à l'animation de projets coopératifs.",
                        "Animacoop training in facilitating cooperative projects.",
                        "Formazione Animacoop all'animazione di progetti cooperativi.",
                    ),
                ),
                (
                    "Fondation Edith Seltzer",
                    (
                        "Employeur important du Briançonnais, dans le sanitaire, le "
                        "médico-social et la formation.",
                        "A major employer of the Briançonnais, in health, social care and "
                        "training.",
                        "Datore di lavoro importante del Briançonnais, nei settori sanitario, "
                        "socio-sanitario e della formazione.",
                    ),
                ),
                (
                    "CIBC",
                    (
                        "Bilans de compétences : pour repérer les compétences à partager.",
                        "Skills assessments: to identify the skills to share.",
                        "Bilanci di competenze: per individuare le competenze da condividere.",
                    ),
                ),
            ),
            w.resources(
                RESOURCES,
                (
                    (
                        "Ministère du Travail",
                        "French Ministry of Labour",
                        "Ministero del Lavoro francese",
                    ),
                    "https://travail-emploi.gouv.fr/",
                    (
                        "Fiches sur le groupement d'employeurs et le prêt de main-d'œuvre.",
                        "Sheets on employer groups and staff loans (in French).",
                        "Schede sui gruppi di datori di lavoro e sul distacco (in francese).",
                    ),
                ),
                (
                    ("Les Scop", "Les Scop", "Les Scop"),
                    "https://www.les-scop.coop/",
                    (
                        "Le réseau des coopératives de travail, dont les coopératives "
                        "d'activité et d'emploi.",
                        "The network of worker cooperatives, including business and employment "
                        "cooperatives.",
                        "La rete delle cooperative di lavoro, comprese le cooperative di "
                        "attività e di impiego.",
                    ),
                ),
                (
                    ("Service-public.fr", "Service-public.fr", "Service-public.fr"),
                    "https://www.service-public.fr/associations",
                    (
                        "L'espace associations : emploi, formation, obligations de l'employeur.",
                        "The associations section: employment, training, employer duties.",
                        "La sezione associazioni: lavoro, formazione, obblighi del datore di "
                        "lavoro.",
                    ),
                ),
            ),
            w.contacts(w.cluster_contact()),
        ],
    }


def funding_guide(w: GuideWriter) -> dict:
    t = w.t
    return {
        "slug": t(
            "diversifier-ses-financements",
            "diversifying-funding",
            "diversificare-i-finanziamenti",
        ),
        "title": t(
            "Diversifier et hybrider ses financements",
            "Diversifying and combining funding sources",
            "Diversificare e ibridare i finanziamenti",
        ),
        "summary": t(
            "Mécénat d'entreprises, financement participatif, fondations, trésorerie "
            "mutualisée, fonds européens : les sources qui complètent les subventions "
            "publiques, leurs conditions et leurs pièges.",
            "Corporate sponsorship, crowdfunding, foundations, pooled treasury, European "
            "funds: the sources that complement public grants, their conditions and their "
            "pitfalls.",
            "Mecenatismo d'impresa, crowdfunding, fondazioni, tesoreria condivisa, fondi "
            "europei: le fonti che completano le sovvenzioni pubbliche, le loro condizioni e le "
            "loro insidie.",
        ),
        "theme": 4,
        "published_on": datetime.date(2019, 12, 10),
        "body": [
            w.context(
                CONTEXT,
                (
                    "Les innovations sociales du département sortent souvent des cadres "
                    "habituels d'intervention « en silos » des financeurs publics, dont les "
                    "compétences ont été redistribuées par la loi NOTRe. Une structure qui "
                    "dépend d'une seule source de financement est fragile.",
                    "The department's social innovations often fall outside public funders' "
                    "usual \u201csiloed\u201d frameworks, whose responsibilities were redistributed "
                    "by the NOTRe act. An organisation that depends on a single source of "
                    "funding is fragile.",
                    "Le innovazioni sociali del dipartimento escono spesso dai quadri abituali "
                    "di intervento «a compartimenti stagni» dei finanziatori pubblici, le cui "
                    "competenze sono state ridistribuite dalla legge NOTRe. "
                    "Un'organizzazione che dipende da una sola fonte di finanziamento è fragile.",
                ),
                (
                    "Les structures ont exprimé le besoin de diversifier et d'hybrider leurs "
                    "ressources : mutualisation de trésorerie, financement participatif, "
                    "prestations de services, projets européens, mécénat d'entreprises, "
                    "fondations. Chaque source a ses règles : mieux vaut les connaître avant de "
                    "bâtir un plan de financement.",
                    "Organisations expressed the need to diversify and combine their resources: "
                    "pooled treasury, crowdfunding, services, European projects, corporate "
                    "sponsorship, foundations. Each source has its rules: better know them "
                    "before building a funding plan.",
                    "Le organizzazioni hanno espresso il bisogno di diversificare e ibridare le "
                    "loro risorse: tesoreria condivisa, crowdfunding, prestazioni di servizi, "
                    "progetti europei, mecenatismo d'impresa, fondazioni. Ogni fonte ha le sue "
                    "regole: meglio conoscerle prima di costruire un piano di finanziamento.",
                ),
            ),
            w.alternatives(
                ALTERNATIVES,
                (
                    "Les taux et plafonds cités sont ceux en vigueur à la rédaction du guide : "
                    "vérifiez-les avant de vous engager.",
                    "The rates and ceilings quoted are those in force when the guide was "
                    "written: check them before committing.",
                    "Le aliquote e i massimali citati sono quelli in vigore al momento della "
                    "redazione della guida: verificateli prima di impegnarvi.",
                ),
                (
                    "Comparaison des sources de financement complémentaires",
                    "Comparison of complementary funding sources",
                    "Confronto delle fonti di finanziamento complementari",
                ),
                (
                    (
                        "Mécénat d'entreprises",
                        "Corporate sponsorship",
                        "Mecenatismo d'impresa",
                    ),
                    (
                        "Réduction d'impôt de 60 % du don pour l'entreprise (art. 238 bis du "
                        "CGI), dans la limite de 20 000 € ou de 5 ‰ du chiffre d'affaires ; "
                        "dons en numéraire, en nature ou en compétences.",
                        "A tax reduction of 60% of the gift for the company (art. 238 bis of "
                        "the French tax code), up to €20,000 or 0.5% of turnover; gifts in "
                        "cash, in kind or in skills.",
                        "Riduzione d'imposta del 60% del dono per l'impresa (art. 238 bis del "
                        "codice tributario francese), entro 20.000 € o lo 0,5% del fatturato; "
                        "doni in denaro, in natura o in competenze.",
                    ),
                    (
                        "Réservé aux organismes d'intérêt général (un rescrit fiscal sécurise) ; "
                        "contreparties limitées ; reçus fiscaux à délivrer.",
                        "Only for organisations of general interest (a tax ruling gives "
                        "certainty); limited benefits in return; tax receipts to issue.",
                        "Riservato agli enti di interesse generale (un interpello fiscale dà "
                        "certezza); contropartite limitate; ricevute fiscali da rilasciare.",
                    ),
                    (
                        "Convention de mécénat",
                        "Sponsorship agreement",
                        "Convenzione di mecenatismo",
                    ),
                    (
                        "Temps de prospection auprès des entreprises locales",
                        "Time spent approaching local companies",
                        "Tempo per contattare le imprese locali",
                    ),
                ),
                (
                    (
                        "Financement participatif",
                        "Crowdfunding",
                        "Crowdfunding",
                    ),
                    (
                        "Mobilise la communauté autour d'un projet précis ; teste l'intérêt du "
                        "public ; dons, contreparties ou prêts.",
                        "Rallies the community around a specific project; tests public "
                        "interest; donations, rewards or loans.",
                        "Mobilita la comunità attorno a un progetto preciso; verifica "
                        "l'interesse del pubblico; doni, ricompense o prestiti.",
                    ),
                    (
                        "Une campagne demande plusieurs semaines d'animation ; montants souvent "
                        "modestes ; sur certaines plateformes, tout ou rien.",
                        "A campaign takes several weeks of work; amounts are often modest; on "
                        "some platforms, all or nothing.",
                        "Una campagna richiede diverse settimane di animazione; importi spesso "
                        "modesti; su alcune piattaforme, tutto o niente.",
                    ),
                    (
                        "Don (associations), contrepartie ou prêt selon la plateforme",
                        "Donation (associations), reward or loan depending on the platform",
                        "Dono (associazioni), ricompensa o prestito a seconda della piattaforma",
                    ),
                    (
                        "De 0 % (HelloAsso, financé par contributions volontaires) à environ "
                        "5 à 8 % de commission",
                        "From 0% (HelloAsso, funded by voluntary tips) to a fee of about 5 to 8%",
                        "Da 0% (HelloAsso, finanziata da contributi volontari) a circa il 5-8% "
                        "di commissione",
                    ),
                ),
                (
                    (
                        "Fondations et appels à projets privés",
                        "Foundations and private calls for projects",
                        "Fondazioni e bandi privati",
                    ),
                    (
                        "Soutiennent l'innovation et l'expérimentation, parfois avec un "
                        "accompagnement ; programmes dédiés aux territoires de montagne.",
                        "Support innovation and experiments, sometimes with coaching; "
                        "programmes dedicated to mountain areas.",
                        "Sostengono l'innovazione e la sperimentazione, talvolta con un "
                        "accompagnamento; programmi dedicati ai territori di montagna.",
                    ),
                    (
                        "Sélectifs ; calendriers à anticiper ; souvent limités dans le temps.",
                        "Selective; timetables to plan ahead; often time-limited.",
                        "Selettivi; calendari da anticipare; spesso limitati nel tempo.",
                    ),
                    (
                        "Subvention sur dossier",
                        "Grant on application",
                        "Sovvenzione su domanda",
                    ),
                    (
                        "Temps de rédaction du dossier",
                        "Time to write the application",
                        "Tempo di redazione della domanda",
                    ),
                ),
                (
                    (
                        "Trésorerie mutualisée",
                        "Pooled treasury",
                        "Tesoreria condivisa",
                    ),
                    (
                        "Passer les creux de trésorerie en attendant le versement des "
                        "subventions, sans agios bancaires.",
                        "Bridge cash gaps while waiting for grants to be paid, without bank "
                        "charges.",
                        "Superare i vuoti di cassa in attesa del pagamento delle sovvenzioni, "
                        "senza oneri bancari.",
                    ),
                    (
                        "Le monopole bancaire (art. L511-5 du Code monétaire et financier) "
                        "encadre les prêts entre structures : montage à faire valider.",
                        "The banking monopoly (art. L511-5 of the French monetary and financial "
                        "code) restricts loans between organisations: have the arrangement "
                        "checked.",
                        "Il monopolio bancario (art. L511-5 del codice monetario e finanziario "
                        "francese) limita i prestiti tra organizzazioni: far verificare la "
                        "soluzione scelta.",
                    ),
                    (
                        "Apport avec droit de reprise, ou outils d'un financeur solidaire "
                        "(apport associatif, garantie)",
                        "Contribution with a right of return, or a solidarity funder's tools "
                        "(associative contribution, guarantee)",
                        "Apporto con diritto di ripresa, o strumenti di un finanziatore "
                        "solidale (apporto associativo, garanzia)",
                    ),
                    (
                        "Faible ; conseil juridique à prévoir",
                        "Low; legal advice to plan for",
                        "Basso; consulenza giuridica da prevedere",
                    ),
                ),
                (
                    (
                        "Fonds européens (LEADER, Interreg ALCOTRA)",
                        "European funds (LEADER, Interreg ALCOTRA)",
                        "Fondi europei (LEADER, Interreg ALCOTRA)",
                    ),
                    (
                        "Montants importants ; ALCOTRA cofinance jusqu'à 80 % des projets "
                        "franco-italiens ; LEADER passe par les groupes d'action locale.",
                        "Large amounts; ALCOTRA co-finances up to 80% of French-Italian "
                        "projects; LEADER goes through the local action groups.",
                        "Importi consistenti; ALCOTRA cofinanzia fino all'80% dei progetti "
                        "franco-italiani; LEADER passa attraverso i gruppi di azione locale.",
                    ),
                    (
                        "Gestion lourde ; paiement après dépense, donc trésorerie à avancer ; "
                        "cofinancement à trouver ; ALCOTRA exige un partenaire italien.",
                        "Heavy management; payment after spending, so cash to advance; "
                        "co-financing to find; ALCOTRA requires an Italian partner.",
                        "Gestione onerosa; pagamento dopo la spesa, quindi liquidità da "
                        "anticipare; cofinanziamento da trovare; ALCOTRA richiede un partner "
                        "italiano.",
                    ),
                    (
                        "Convention avec l'autorité de gestion ; accord de partenariat",
                        "Agreement with the managing authority; partnership agreement",
                        "Convenzione con l'autorità di gestione; accordo di partenariato",
                    ),
                    (
                        "Temps d'ingénierie important",
                        "A lot of engineering time",
                        "Molto tempo di ingegneria",
                    ),
                ),
            ),
            w.experiences(
                EXPERIENCES,
                (
                    "Épargne citoyenne, monnaies locales et fondations : des modèles éprouvés.",
                    "Citizen savings, local currencies and foundations: proven models.",
                    "Risparmio dei cittadini, monete locali e fondazioni: modelli collaudati.",
                ),
                (
                    ("Les clubs CIGALES", "The CIGALES clubs", "I club CIGALES"),
                    (
                        "Des clubs d'épargnants qui investissent ensemble au capital de petites "
                        "entreprises locales et les accompagnent.",
                        "Clubs of savers who invest together in the capital of small local "
                        "businesses and support them.",
                        "Club di risparmiatori che investono insieme nel capitale di piccole "
                        "imprese locali e le accompagnano.",
                    ),
                    "",
                ),
                (
                    (
                        "Hautes-Alpes, programme Hors-Pistes",
                        "Hautes-Alpes, the Hors-Pistes programme",
                        "Hautes-Alpes, il programma Hors-Pistes",
                    ),
                    (
                        "Le programme de la Fondation de France a soutenu 40 projets citoyens "
                        "innovants en cinq ans dans le département.",
                        "The Fondation de France programme supported 40 innovative citizen "
                        "projects in five years in the department.",
                        "Il programma della Fondation de France ha sostenuto 40 progetti "
                        "cittadini innovativi in cinque anni nel dipartimento.",
                    ),
                    "https://www.fondationdefrance.org/",
                ),
                (
                    ("Pays basque, l'eusko", "Basque Country, the eusko", "Paesi Baschi, l'eusko"),
                    (
                        "Une monnaie locale complémentaire largement diffusée, qui fait circuler "
                        "l'argent entre commerces, associations et producteurs du territoire.",
                        "A widely used complementary local currency that keeps money circulating "
                        "between the area's shops, associations and producers.",
                        "Una moneta locale complementare molto diffusa, che fa circolare il "
                        "denaro tra negozi, associazioni e produttori del territorio.",
                    ),
                    "",
                ),
            ),
            w.initiatives(
                INITIATIVES,
                (
                    "Acteurs du financement solidaire et structures qui expérimentent déjà de "
                    "nouvelles ressources.",
                    "Solidarity funders and organisations already trying new resources.",
                    "Attori della finanza solidale e organizzazioni che sperimentano già nuove "
                    "risorse.",
                ),
                (
                    "Monnaie Locale Complémentaire Citoyenne",
                    (
                        "Monnaie locale des Hautes-Alpes, cheffe de file du groupe de travail.",
                        "The local currency of the Hautes-Alpes, lead of the working group.",
                        "Moneta locale delle Hautes-Alpes, capofila del gruppo di lavoro.",
                    ),
                ),
                (
                    "France Active Paca",
                    (
                        "Garanties, prêts, apports associatifs et primes pour les structures de "
                        "l'ESS.",
                        "Guarantees, loans, associative contributions and grants for social "
                        "economy organisations.",
                        "Garanzie, prestiti, apporti associativi e premi per le organizzazioni "
                        "dell'economia sociale.",
                    ),
                ),
                (
                    "Fondation de France",
                    (
                        "Programme Hors-Pistes et appels à projets pour les territoires de "
                        "montagne.",
                        "The Hors-Pistes programme and calls for projects for mountain areas.",
                        "Programma Hors-Pistes e bandi per i territori di montagna.",
                    ),
                ),
                (
                    "Caisse d'Epargne",
                    (
                        "Appels à projets pour des structures d'intérêt général.",
                        "Calls for projects for organisations of general interest.",
                        "Bandi per organizzazioni di interesse generale.",
                    ),
                ),
                (
                    "Collectif des associations d'utilité sociale 05",
                    (
                        "Porte la voix des associations sur leurs modèles économiques.",
                        "Speaks for associations on their business models.",
                        "Porta la voce delle associazioni sui loro modelli economici.",
                    ),
                ),
            ),
            w.resources(
                RESOURCES,
                (
                    ("France Active", "France Active", "France Active"),
                    "https://www.franceactive.org/",
                    (
                        "Financements solidaires et accompagnement des structures de l'ESS.",
                        "Solidarity funding and support for social economy organisations.",
                        "Finanziamenti solidali e accompagnamento delle organizzazioni "
                        "dell'economia sociale.",
                    ),
                ),
                (
                    ("HelloAsso", "HelloAsso", "HelloAsso"),
                    "https://www.helloasso.com/",
                    (
                        "Collecte de dons et d'adhésions pour les associations.",
                        "Collecting donations and memberships for associations.",
                        "Raccolta di doni e adesioni per le associazioni.",
                    ),
                ),
                (
                    (
                        "Légifrance : article 238 bis du Code général des impôts",
                        "Légifrance: article 238 bis of the French tax code",
                        "Légifrance: articolo 238 bis del codice tributario francese",
                    ),
                    "https://www.legifrance.gouv.fr/",
                    (
                        "Le texte du mécénat d'entreprises (rechercher « 238 bis »).",
                        "The text on corporate sponsorship (search for \u201c238 bis\u201d).",
                        "Il testo sul mecenatismo d'impresa (cercare «238 bis»).",
                    ),
                ),
                (
                    ("Interreg ALCOTRA", "Interreg ALCOTRA", "Interreg ALCOTRA"),
                    "https://www.interreg-alcotra.eu/",
                    (
                        "Le programme de coopération transfrontalière France-Italie.",
                        "The France-Italy cross-border cooperation programme.",
                        "Il programma di cooperazione transfrontaliera Francia-Italia.",
                    ),
                ),
            ),
            w.contacts(w.cluster_contact()),
        ],
    }


def joint_projects_guide(w: GuideWriter) -> dict:
    t = w.t
    return {
        "slug": t(
            "monter-un-projet-commun-decloisonne",
            "building-a-cross-sector-joint-project",
            "costruire-un-progetto-comune-intersettoriale",
        ),
        "title": t(
            "Monter un projet commun décloisonné",
            "Building a cross-sector joint project",
            "Costruire un progetto comune intersettoriale",
        ),
        "summary": t(
            "Social, santé, culture, environnement, alimentation : comment des structures de "
            "secteurs différents construisent ensemble un service pour les habitants, et quelle "
            "forme donner à leur coopération.",
            "Social care, health, culture, environment, food: how organisations from different "
            "sectors build a service for residents together, and what form to give their "
            "cooperation.",
            "Sociale, salute, cultura, ambiente, alimentazione: come organizzazioni di settori "
            "diversi costruiscono insieme un servizio per gli abitanti, e quale forma dare alla "
            "loro cooperazione.",
        ),
        "theme": 5,
        "published_on": datetime.date(2020, 2, 25),
        "body": [
            w.context(
                CONTEXT,
                (
                    "L'offre de services reste souvent cloisonnée par secteur d'activité, par "
                    "territoire et par public. Or le vieillissement de la population, l'arrivée "
                    "de nouveaux habitants venus des villes et le développement du numérique "
                    "appellent des réponses transversales.",
                    "Services often remain split by sector, area and audience. Yet an ageing "
                    "population, newcomers from the cities and the spread of digital technology "
                    "call for cross-cutting answers.",
                    "L'offerta di servizi resta spesso divisa per settore di attività, per "
                    "territorio e per pubblico. Eppure l'invecchiamento della popolazione, "
                    "l'arrivo di nuovi abitanti dalle città e lo sviluppo del digitale "
                    "richiedono risposte trasversali.",
                ),
                (
                    "Décloisonner, c'est partir d'un besoin des habitants et réunir les "
                    "structures qui peuvent y répondre ensemble. L'enjeu est de taille pour les "
                    "vallées les moins accessibles : maintenir des services de proximité, c'est "
                    "lutter contre leur désertification.",
                    "Breaking down silos means starting from a need of residents and bringing "
                    "together the organisations that can meet it jointly. The stakes are high "
                    "for the least accessible valleys: keeping local services is how to fight "
                    "their depopulation.",
                    "Superare i compartimenti stagni significa partire da un bisogno degli "
                    "abitanti e riunire le organizzazioni che possono rispondervi insieme. La "
                    "posta in gioco è alta per le valli meno accessibili: mantenere servizi di "
                    "prossimità significa lottare contro il loro spopolamento.",
                ),
            ),
            w.alternatives(
                ALTERNATIVES,
                (
                    "La forme juridique suit le projet : commencer léger, puis structurer quand "
                    "l'activité et les financements se confirment.",
                    "The legal form follows the project: start light, then formalise once "
                    "activity and funding are confirmed.",
                    "La forma giuridica segue il progetto: iniziare in modo leggero, poi "
                    "strutturare quando l'attività e i finanziamenti si confermano.",
                ),
                (
                    "Comparaison des formes de coopération pour un projet commun",
                    "Comparison of the forms of cooperation for a joint project",
                    "Confronto delle forme di cooperazione per un progetto comune",
                ),
                (
                    (
                        "Convention de partenariat",
                        "Partnership agreement",
                        "Convenzione di partenariato",
                    ),
                    (
                        "Rapide ; chaque structure garde son autonomie ; adaptée à une "
                        "expérimentation.",
                        "Quick; each organisation stays independent; suited to an experiment.",
                        "Rapida; ogni organizzazione mantiene la propria autonomia; adatta a "
                        "una sperimentazione.",
                    ),
                    (
                        "Une structure cheffe de file porte les fonds et les risques pour les "
                        "autres.",
                        "One lead organisation carries the funds and the risks for the others.",
                        "Un'organizzazione capofila sostiene i fondi e i rischi per le altre.",
                    ),
                    (
                        "Contrat, sans personnalité morale",
                        "A contract, no legal personality",
                        "Contratto, senza personalità giuridica",
                    ),
                    ("Faible", "Low", "Basso"),
                ),
                (
                    (
                        "Association de coopération ou union d'associations",
                        "Cooperation association or union of associations",
                        "Associazione di cooperazione o unione di associazioni",
                    ),
                    (
                        "Gouvernance partagée ; peut employer, recevoir des subventions et "
                        "signer au nom du collectif.",
                        "Shared governance; can employ, receive grants and sign on behalf of "
                        "the group.",
                        "Governance condivisa; può assumere, ricevere sovvenzioni e firmare a "
                        "nome del collettivo.",
                    ),
                    (
                        "Une structure de plus à faire vivre (instances, comptes).",
                        "One more organisation to run (boards, accounts).",
                        "Un ente in più da far vivere (organi, conti).",
                    ),
                    (
                        "Association loi 1901",
                        "Non-profit association (1901 act)",
                        "Associazione senza scopo di lucro (legge del 1901)",
                    ),
                    ("Faible à modéré", "Low to moderate", "Da basso a moderato"),
                ),
                (
                    (
                        "Société coopérative d'intérêt collectif (SCIC)",
                        "Cooperative society of collective interest (SCIC)",
                        "Società cooperativa di interesse collettivo (SCIC)",
                    ),
                    (
                        "Associe salariés, usagers, bénévoles et collectivités dans une même "
                        "entreprise ; adaptée aux services à vocation économique.",
                        "Brings employees, users, volunteers and local authorities into one "
                        "enterprise; suited to services with an economic model.",
                        "Associa dipendenti, utenti, volontari ed enti locali in una stessa "
                        "impresa; adatta a servizi con un modello economico.",
                    ),
                    (
                        "Montage plus long ; capital à constituer ; règles coopératives à "
                        "maîtriser.",
                        "A longer set-up; capital to raise; cooperative rules to master.",
                        "Costituzione più lunga; capitale da raccogliere; regole cooperative da "
                        "padroneggiare.",
                    ),
                    (
                        "SCIC (SA, SAS ou SARL coopérative)",
                        "SCIC (cooperative SA, SAS or SARL)",
                        "SCIC (SA, SAS o SARL cooperativa)",
                    ),
                    (
                        "Quelques milliers d'euros de frais de constitution",
                        "A few thousand euros of set-up costs",
                        "Qualche migliaio di euro di spese di costituzione",
                    ),
                ),
                (
                    (
                        "Pôle territorial de coopération économique (PTCE)",
                        "Local economic cooperation cluster (PTCE)",
                        "Polo territoriale di cooperazione economica (PTCE)",
                    ),
                    (
                        "Un cadre reconnu pour relier plusieurs projets, des entreprises, des "
                        "collectivités et la recherche sur un territoire ; soutien de l'État par "
                        "appel à manifestation d'intérêt.",
                        "A recognised framework linking several projects, businesses, local "
                        "authorities and research in one area; State support through calls for "
                        "expressions of interest.",
                        "Un quadro riconosciuto per collegare più progetti, imprese, enti "
                        "locali e ricerca su un territorio; sostegno dello Stato tramite "
                        "avvisi di manifestazione di interesse.",
                    ),
                    (
                        "Démarche de long terme ; demande une coordination dédiée.",
                        "A long-term approach; needs dedicated coordination.",
                        "Percorso di lungo periodo; richiede un coordinamento dedicato.",
                    ),
                    (
                        "Toute forme, souvent une association",
                        "Any form, often an association",
                        "Qualsiasi forma, spesso un'associazione",
                    ),
                    (
                        "Un poste de coordination à financer",
                        "A coordination post to fund",
                        "Un posto di coordinamento da finanziare",
                    ),
                ),
            ),
            w.experiences(
                EXPERIENCES,
                (
                    "En montagne comme ailleurs, des habitants et des structures ont inventé des "
                    "services qui ne rentraient dans aucune case.",
                    "In the mountains as elsewhere, residents and organisations have invented "
                    "services that fitted no box.",
                    "In montagna come altrove, abitanti e organizzazioni hanno inventato "
                    "servizi che non rientravano in nessuna casella.",
                ),
                (
                    (
                        "Apennin, coopératives de communauté",
                        "The Apennines, community cooperatives",
                        "Appennino, cooperative di comunità",
                    ),
                    (
                        "Dans des villages de montagne italiens, les habitants ont créé des "
                        "coopératives qui tiennent à la fois le commerce, l'accueil touristique "
                        "et des services du quotidien.",
                        "In Italian mountain villages, residents created cooperatives that run "
                        "the shop, tourist accommodation and everyday services all at once.",
                        "In alcuni paesi di montagna italiani, gli abitanti hanno creato "
                        "cooperative che gestiscono insieme il negozio, l'accoglienza turistica "
                        "e servizi quotidiani.",
                    ),
                    "",
                ),
                (
                    (
                        "Territoires zéro chômeur de longue durée",
                        "Zero long-term unemployment areas",
                        "Territori a disoccupazione di lunga durata zero",
                    ),
                    (
                        "Une expérimentation nationale où acteurs locaux et entreprises à but "
                        "d'emploi créent des activités utiles au territoire pour les personnes "
                        "privées d'emploi.",
                        "A national experiment in which local actors and employment-focused "
                        "enterprises create useful activities in the area for people without "
                        "work.",
                        "Una sperimentazione nazionale in cui attori locali e imprese a scopo "
                        "occupazionale creano attività utili al territorio per le persone "
                        "prive di lavoro.",
                    ),
                    "https://www.tzcld.fr/",
                ),
                (
                    (
                        "Drôme, Pôle Sud Archer",
                        "Drôme, Pôle Sud Archer",
                        "Drôme, Pôle Sud Archer",
                    ),
                    (
                        "Un pôle territorial de coopération économique à Romans-sur-Isère qui "
                        "relie entreprises sociales, artisans et collectivité autour de "
                        "l'emploi local.",
                        "A local economic cooperation cluster in Romans-sur-Isère linking social "
                        "enterprises, craftspeople and the local authority around local jobs.",
                        "Un polo territoriale di cooperazione economica a Romans-sur-Isère che "
                        "collega imprese sociali, artigiani ed ente locale attorno "
                        "all'occupazione locale.",
                    ),
                    "",
                ),
            ),
            w.initiatives(
                INITIATIVES,
                (
                    "Santé, aide à domicile, environnement, alimentation, mobilité : les projets "
                    "communs du département.",
                    "Health, home care, environment, food, mobility: the department's joint "
                    "projects.",
                    "Salute, assistenza domiciliare, ambiente, alimentazione, mobilità: i "
                    "progetti comuni del dipartimento.",
                ),
                (
                    "Pôle Santé Champsaur Valgaudemar",
                    (
                        "Pôle de santé, chef de file du groupe de travail : soignants et "
                        "structures sociales coopèrent au service des habitants.",
                        "A health centre, lead of the working group: carers and social "
                        "organisations cooperate for residents.",
                        "Polo sanitario, capofila del gruppo di lavoro: operatori sanitari e "
                        "organizzazioni sociali cooperano al servizio degli abitanti.",
                    ),
                ),
                (
                    "ADMR fédération départementale",
                    (
                        "Réseau d'aide et de services à domicile présent dans les vallées.",
                        "A home help and care network present in the valleys.",
                        "Rete di assistenza e servizi a domicilio presente nelle valli.",
                    ),
                ),
                (
                    "ACSSQ",
                    (
                        "Engagée dans les projets communs du Queyras.",
                        "Involved in the Queyras's joint projects.",
                        "Impegnata nei progetti comuni del Queyras.",
                    ),
                ),
                (
                    "Manger Bio en Provence",
                    (
                        "Approvisionne la restauration collective en produits biologiques avec "
                        "les producteurs.",
                        "Supplies school and public catering with organic food together with "
                        "producers.",
                        "Rifornisce la ristorazione collettiva di prodotti biologici insieme "
                        "ai produttori.",
                    ),
                ),
                (
                    "Mobil'Idées",
                    (
                        "Solutions de mobilité solidaire pour les habitants sans véhicule.",
                        "Solidarity mobility solutions for residents without a vehicle.",
                        "Soluzioni di mobilità solidale per gli abitanti senza veicolo.",
                    ),
                ),
            ),
            w.resources(
                RESOURCES,
                (
                    ("Avise", "Avise", "Avise"),
                    "https://www.avise.org/",
                    (
                        "Ressources sur les PTCE et l'innovation sociale.",
                        "Resources on PTCEs and social innovation.",
                        "Risorse sui PTCE e sull'innovazione sociale.",
                    ),
                ),
                (
                    (
                        "Territoires zéro chômeur de longue durée",
                        "Zero long-term unemployment areas",
                        "Territori a disoccupazione di lunga durata zero",
                    ),
                    "https://www.tzcld.fr/",
                    (
                        "Le réseau de l'expérimentation et ses fiches méthode.",
                        "The experiment's network and its method sheets.",
                        "La rete della sperimentazione e le sue schede di metodo.",
                    ),
                ),
                (
                    (
                        "Les sociétés coopératives d'intérêt collectif (SCIC)",
                        "Cooperative societies of collective interest (SCIC)",
                        "Le società cooperative di interesse collettivo (SCIC)",
                    ),
                    "https://www.les-scic.coop/",
                    (
                        "Le site du réseau des SCIC : statuts types, exemples, accompagnement.",
                        "The SCIC network's site: model articles, examples, support.",
                        "Il sito della rete delle SCIC: statuti tipo, esempi, accompagnamento.",
                    ),
                ),
            ),
            w.contacts(w.cluster_contact()),
        ],
    }


def engineering_guide(w: GuideWriter) -> dict:
    t = w.t
    return {
        "slug": t(
            "trouver-l-appui-en-ingenierie",
            "finding-engineering-support",
            "trovare-il-supporto-di-ingegneria",
        ),
        "title": t(
            "Trouver l'appui en ingénierie pour coopérer",
            "Finding engineering support to cooperate",
            "Trovare il supporto di ingegneria per cooperare",
        ),
        "summary": t(
            "Dispositif local d'accompagnement, ingénierie entre pairs, coopératives et "
            "incubateurs, partenariats universitaires : où trouver le temps et l'expertise pour "
            "formaliser une coopération et la financer.",
            "The local support scheme, peer engineering, cooperatives and incubators, university "
            "partnerships: where to find the time and expertise to formalise a cooperation and "
            "fund it.",
            "Dispositivo locale di accompagnamento, ingegneria tra pari, cooperative e "
            "incubatori, partenariati universitari: dove trovare il tempo e le competenze per "
            "formalizzare una cooperazione e finanziarla.",
        ),
        "theme": 6,
        "published_on": datetime.date(2020, 3, 17),
        "body": [
            w.context(
                CONTEXT,
                (
                    "Les responsables de structures l'ont dit lors du forum de novembre 2018 : "
                    "pour coopérer, il faut pouvoir « sortir le nez du guidon ». Formaliser un "
                    "partenariat, comparer des montages juridiques ou monter un dossier européen "
                    "demande un temps d'ingénierie que les petites structures n'ont pas.",
                    "Organisation leaders said it at the November 2018 forum: to cooperate, you "
                    "need to be able to lift your head from the handlebars. Formalising a "
                    "partnership, comparing legal arrangements or preparing a European "
                    "application takes engineering time that small organisations do not have.",
                    "I responsabili delle organizzazioni lo hanno detto al forum di novembre "
                    "2018: per cooperare bisogna poter «alzare la testa dal manubrio». "
                    "Formalizzare un partenariato, confrontare soluzioni giuridiche o preparare "
                    "una domanda europea richiede un tempo di ingegneria che le piccole "
                    "organizzazioni non hanno.",
                ),
                (
                    "Le Cluster 05 IS mobilise d'abord l'ingénierie des participants des groupes "
                    "de travail eux-mêmes, et la cherche à l'extérieur quand il le faut : "
                    "capitalisation des projets, recherche d'expériences ailleurs, mise en "
                    "relation avec des chercheurs, expertises juridiques et financières, appui à "
                    "la recherche de financement.",
                    "Cluster 05 IS first draws on the engineering of the working groups' own "
                    "participants, and looks for it outside when needed: capitalising on "
                    "projects, finding experiences elsewhere, connecting with researchers, legal "
                    "and financial expertise, help in seeking funding.",
                    "Il Cluster 05 IS mobilita anzitutto l'ingegneria dei partecipanti ai gruppi "
                    "di lavoro, e la cerca all'esterno quando serve: capitalizzazione dei "
                    "progetti, ricerca di esperienze altrove, contatti con ricercatori, "
                    "competenze giuridiche e finanziarie, supporto nella ricerca di "
                    "finanziamenti.",
                ),
            ),
            w.alternatives(
                ALTERNATIVES,
                (
                    "Quatre sources d'appui, du gratuit au sur-mesure.",
                    "Four sources of support, from free to tailor-made.",
                    "Quattro fonti di supporto, dal gratuito al su misura.",
                ),
                (
                    "Comparaison des sources d'appui en ingénierie",
                    "Comparison of the sources of engineering support",
                    "Confronto delle fonti di supporto di ingegneria",
                ),
                (
                    (
                        "Dispositif local d'accompagnement (DLA)",
                        "Local support scheme (DLA)",
                        "Dispositivo locale di accompagnamento (DLA)",
                    ),
                    (
                        "Diagnostic puis accompagnement par un consultant, financé par le "
                        "dispositif ; possible pour plusieurs structures ensemble.",
                        "An assessment then support by a consultant, paid by the scheme; "
                        "possible for several organisations together.",
                        "Diagnosi poi accompagnamento da parte di un consulente, finanziato dal "
                        "dispositivo; possibile per più organizzazioni insieme.",
                    ),
                    (
                        "Réservé aux structures employeuses de l'ESS ; délais de mise en route.",
                        "Only for social economy employers; takes time to start.",
                        "Riservato alle organizzazioni dell'economia sociale con dipendenti; "
                        "tempi di avvio.",
                    ),
                    (
                        "Aucune démarche juridique",
                        "No legal step",
                        "Nessun passaggio giuridico",
                    ),
                    (
                        "Gratuit pour la structure",
                        "Free for the organisation",
                        "Gratuito per l'organizzazione",
                    ),
                ),
                (
                    (
                        "Ingénierie entre pairs",
                        "Peer engineering",
                        "Ingegneria tra pari",
                    ),
                    (
                        "Des praticiens qui connaissent le territoire ; réciprocité ; "
                        "apprentissage collectif dans les groupes de travail.",
                        "Practitioners who know the area; reciprocity; collective learning in "
                        "the working groups.",
                        "Professionisti che conoscono il territorio; reciprocità; "
                        "apprendimento collettivo nei gruppi di lavoro.",
                    ),
                    (
                        "Repose sur du temps donné ; limites d'expertise sur les sujets pointus.",
                        "Relies on donated time; limited expertise on specialist subjects.",
                        "Si basa su tempo donato; competenze limitate sui temi specialistici.",
                    ),
                    (
                        "Charte ou convention de groupe de travail",
                        "Working group charter or agreement",
                        "Carta o convenzione del gruppo di lavoro",
                    ),
                    (
                        "Temps valorisé en contribution volontaire",
                        "Time counted as an in-kind contribution",
                        "Tempo valorizzato come contributo volontario",
                    ),
                ),
                (
                    (
                        "Coopérative d'accompagnement ou incubateur",
                        "Support cooperative or incubator",
                        "Cooperativa di accompagnamento o incubatore",
                    ),
                    (
                        "Méthode éprouvée, réseau d'experts, suivi dans la durée.",
                        "A proven method, a network of experts, long-term follow-up.",
                        "Metodo collaudato, rete di esperti, accompagnamento nel tempo.",
                    ),
                    (
                        "Prestation payante ou sélection à l'entrée.",
                        "A paid service or selective entry.",
                        "Prestazione a pagamento o selezione all'ingresso.",
                    ),
                    (
                        "Contrat de prestation ou convention d'incubation",
                        "Service contract or incubation agreement",
                        "Contratto di prestazione o convenzione di incubazione",
                    ),
                    (
                        "Variable, souvent cofinancé",
                        "Variable, often co-funded",
                        "Variabile, spesso cofinanziato",
                    ),
                ),
                (
                    (
                        "Partenariat universitaire",
                        "University partnership",
                        "Partenariato universitario",
                    ),
                    (
                        "Stages, projets d'étudiants, recherche-action : analyse, comparaison "
                        "d'expériences et capitalisation.",
                        "Internships, student projects, action research: analysis, comparison "
                        "of experiences and capitalisation.",
                        "Tirocini, progetti di studenti, ricerca-azione: analisi, confronto di "
                        "esperienze e capitalizzazione.",
                    ),
                    (
                        "Calendrier universitaire ; encadrement à prévoir.",
                        "The academic calendar; supervision to plan.",
                        "Calendario universitario; tutoraggio da prevedere.",
                    ),
                    (
                        "Convention de stage ou de partenariat",
                        "Internship or partnership agreement",
                        "Convenzione di tirocinio o di partenariato",
                    ),
                    (
                        "Gratification obligatoire pour un stage de plus de deux mois",
                        "Mandatory allowance for an internship longer than two months",
                        "Indennità obbligatoria per un tirocinio di oltre due mesi",
                    ),
                ),
            ),
            w.experiences(
                EXPERIENCES,
                (
                    "Des programmes qui font émerger et accompagnent des projets collectifs.",
                    "Programmes that bring out and support collective projects.",
                    "Programmi che fanno emergere e accompagnano progetti collettivi.",
                ),
                (
                    (
                        "La Fabrique à initiatives",
                        "La Fabrique à initiatives",
                        "La Fabrique à initiatives",
                    ),
                    (
                        "Un programme national animé par l'Avise : il part des besoins non "
                        "couverts d'un territoire pour faire naître de nouvelles activités "
                        "d'utilité sociale.",
                        "A national programme run by Avise: it starts from an area's unmet "
                        "needs to create new socially useful activities.",
                        "Un programma nazionale animato dall'Avise: parte dai bisogni non "
                        "coperti di un territorio per far nascere nuove attività di utilità "
                        "sociale.",
                    ),
                    "https://www.avise.org/",
                ),
                (
                    (
                        "Le réseau national des DLA",
                        "The national network of DLAs",
                        "La rete nazionale dei DLA",
                    ),
                    (
                        "Dans chaque département, un DLA accompagne gratuitement les "
                        "structures employeuses de l'ESS dans leur consolidation.",
                        "In every department, a DLA supports social economy employers free of "
                        "charge as they consolidate.",
                        "In ogni dipartimento, un DLA accompagna gratuitamente le "
                        "organizzazioni dell'economia sociale con dipendenti nel loro "
                        "consolidamento.",
                    ),
                    "https://www.info-dla.fr/",
                ),
                (
                    (
                        "Incubateurs d'innovation sociale",
                        "Social innovation incubators",
                        "Incubatori di innovazione sociale",
                    ),
                    (
                        "Portés par des réseaux coopératifs ou des collectivités, ils "
                        "accompagnent pendant un à deux ans des projets collectifs, de l'idée "
                        "au lancement.",
                        "Run by cooperative networks or local authorities, they support "
                        "collective projects for one to two years, from idea to launch.",
                        "Promossi da reti cooperative o da enti locali, accompagnano per uno o "
                        "due anni progetti collettivi, dall'idea al lancio.",
                    ),
                    "",
                ),
            ),
            w.initiatives(
                INITIATIVES,
                (
                    "Les ressources d'accompagnement déjà présentes dans le département et autour.",
                    "The support resources already present in and around the department.",
                    "Le risorse di accompagnamento già presenti nel dipartimento e nei dintorni.",
                ),
                (
                    "Udess 05",
                    (
                        "Union départementale de l'ESS, plate-forme de coordination du Cluster "
                        "05 IS et cheffe de file du groupe de travail.",
                        "The departmental union of the social economy, coordinating platform of "
                        "Cluster 05 IS and lead of the working group.",
                        "Unione dipartimentale dell'economia sociale, piattaforma di "
                        "coordinamento del Cluster 05 IS e capofila del gruppo di lavoro.",
                    ),
                ),
                (
                    "Coodyssée",
                    (
                        "Coopérative d'accompagnement de projets.",
                        "A project support cooperative.",
                        "Cooperativa di accompagnamento di progetti.",
                    ),
                ),
                (
                    "Créacoop",
                    (
                        "Coopérative d'activité et d'emploi, habituée à accompagner des "
                        "porteurs de projets.",
                        "A business and employment cooperative used to supporting project leaders.",
                        "Cooperativa di attività e di impiego, abituata ad accompagnare chi "
                        "porta progetti.",
                    ),
                ),
                (
                    "Agence de développement Hautes-Alpes",
                    (
                        "Partenaire de l'enquête de 2018 sur les besoins des structures.",
                        "Partner of the 2018 survey of organisations' needs.",
                        "Partner dell'indagine del 2018 sui bisogni delle organizzazioni.",
                    ),
                ),
                (
                    "Aix-Marseille Université Master montagne",
                    (
                        "Formation consacrée aux territoires de montagne : stages et projets "
                        "d'étudiants possibles.",
                        "A programme devoted to mountain areas: internships and student projects "
                        "possible.",
                        "Formazione dedicata ai territori di montagna: possibili tirocini e "
                        "progetti di studenti.",
                    ),
                ),
            ),
            w.resources(
                RESOURCES,
                (
                    (
                        "Le dispositif local d'accompagnement",
                        "The local support scheme (DLA)",
                        "Il dispositivo locale di accompagnamento (DLA)",
                    ),
                    "https://www.info-dla.fr/",
                    (
                        "Trouver le DLA de son département et les conditions d'accès.",
                        "Find your department's DLA and how to apply.",
                        "Trovare il DLA del proprio dipartimento e le condizioni di accesso.",
                    ),
                ),
                (
                    ("Avise", "Avise", "Avise"),
                    "https://www.avise.org/",
                    (
                        "Guides et programmes d'appui à l'innovation sociale.",
                        "Guides and programmes supporting social innovation.",
                        "Guide e programmi di supporto all'innovazione sociale.",
                    ),
                ),
            ),
            w.contacts(w.cluster_contact()),
        ],
    }


GUIDE_BUILDERS = [
    premises_guide,
    communication_guide,
    employment_guide,
    funding_guide,
    joint_projects_guide,
    engineering_guide,
]


def index_page(home: HomePage, t: Catalogue) -> GuideIndexPage:
    """The guides index of the French home page (found by type: editors may rename it)."""
    # The texts are registered in the catalogue even when the page exists: translations need them.
    slug = t("guides", "guides", "guide")
    title = t("Mini-guides", "Mini-guides", "Mini-guide")
    intro = t(
        "Six mini-guides, un par domaine de coopération, rassemblent ce que les groupes de "
        "travail ont appris : les alternatives possibles, des expériences inspirantes "
        "ailleurs, les initiatives déjà en cours dans les Hautes-Alpes et les bons contacts. "
        "Chacun se télécharge en PDF pour être partagé en réunion.",
        "Six mini-guides, one per field of cooperation, gather what the working groups have "
        "learnt: the possible alternatives, inspiring experiences elsewhere, the initiatives "
        "already under way in the Hautes-Alpes and who to contact. Each one can be "
        "downloaded as a PDF to share in meetings.",
        "Sei mini-guide, una per ambito di cooperazione, raccolgono ciò che i gruppi di "
        "lavoro hanno imparato: le alternative possibili, esperienze ispiratrici altrove, le "
        "iniziative già in corso nelle Hautes-Alpes e i contatti giusti. Ognuna si scarica "
        "in PDF per essere condivisa nelle riunioni.",
    )
    existing = GuideIndexPage.objects.child_of(home).first()
    if existing is not None:
        return existing.specific
    return create_child(home, GuideIndexPage(slug=slug, title=title, intro=intro))


def ensure_guide(index: GuideIndexPage, fields: dict, themes: dict[int, Theme]) -> GuidePage:
    """The guide on that theme, created and published if missing (editors' changes kept).

    Found by theme, the natural key (one guide per theme and language), not by slug: an editor
    may have renamed it.
    """
    theme = themes[fields["theme"]]
    page = GuidePage.objects.child_of(index).filter(theme=theme).first()
    if page is None:
        page = create_child(
            index,
            GuidePage(
                slug=fields["slug"],
                title=fields["title"],
                summary=fields["summary"],
                theme=theme,
                published_on=fields["published_on"],
                body=stream(*fields["body"]),
            ),
        )
    return page.specific


def load(home: HomePage, network: dict) -> Page:
    """Create the guides index and the six guides with their translations; return the index.

    No enclosing transaction (see `home.demo.pages.load`): each step commits on its own.
    """
    t = Catalogue()
    index = index_page(home, t)
    writer = GuideWriter(t, network["organisations"])
    guides = [ensure_guide(index, build(writer), network["themes"]) for build in GUIDE_BUILDERS]
    translate_everywhere(index, t)
    for guide in guides:
        translate_everywhere(guide, t)
    return index
