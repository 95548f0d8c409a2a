"""Themes, territories, organisations and working groups of the seed (DOMAIN.md).

Territory memberships of EPCIs and LEADER areas follow DOMAIN.md, whose list is marked "to
verify": demo data may use them, the UI does not present them as official.
"""

from wagtail.models import Locale

from home.demo.i18n import Catalogue
from home.translation import translate_instance
from projects.network.models import Organisation, Territory, Theme, WorkingGroup

THEMES = [
    (
        1,
        "locaux-materiels",
        ("Locaux et matériels", "Premises and equipment", "Locali e attrezzature"),
        (
            "Partager des locaux, des véhicules et des équipements entre structures.",
            "Sharing premises, vehicles and equipment between organisations.",
            "Condividere locali, veicoli e attrezzature tra organizzazioni.",
        ),
    ),
    (
        2,
        "communication-echanges",
        ("Communication et échanges", "Communication and exchanges", "Comunicazione e scambi"),
        (
            "Mutualiser la communication interne et externe pour mieux valoriser les initiatives.",
            "Pooling internal and external communication to showcase initiatives better.",
            "Mettere in comune la comunicazione interna ed esterna per valorizzare meglio le "
            "iniziative.",
        ),
    ),
    (
        3,
        "competences-emploi-formation",
        (
            "Compétences, emploi et formation",
            "Skills, employment and training",
            "Competenze, occupazione e formazione",
        ),
        (
            "Partager des compétences et des emplois, organiser des formations inter-structures.",
            "Sharing skills and jobs, organising training between organisations.",
            "Condividere competenze e posti di lavoro, organizzare formazioni tra organizzazioni.",
        ),
    ),
    (
        4,
        "diversification-financiere",
        ("Diversification financière", "Financial diversification", "Diversificazione finanziaria"),
        (
            "Hybrider les ressources : trésorerie mutualisée, financement participatif, mécénat, "
            "fondations, projets européens.",
            "Hybrid resources: pooled treasury, crowdfunding, corporate sponsorship, "
            "foundations, European projects.",
            "Ibridare le risorse: tesoreria condivisa, crowdfunding, mecenatismo, fondazioni, "
            "progetti europei.",
        ),
    ),
    (
        5,
        "projets-communs",
        (
            "Projets communs décloisonnés",
            "Cross-sector joint projects",
            "Progetti comuni intersettoriali",
        ),
        (
            "Construire des projets qui sortent des silos pour mieux répondre aux besoins des "
            "habitants.",
            "Building projects that leave silos behind to better meet residents' needs.",
            "Costruire progetti che escono dai compartimenti stagni per rispondere meglio ai "
            "bisogni degli abitanti.",
        ),
    ),
    (
        6,
        "appui-ingenierie",
        ("Appui en ingénierie", "Engineering support", "Supporto di ingegneria"),
        (
            "Expérimenter des formes d'appui en ingénierie aux projets de coopération "
            "inter-structures.",
            "Trying out forms of engineering support for cooperation projects between "
            "organisations.",
            "Sperimentare forme di supporto di ingegneria ai progetti di cooperazione tra "
            "organizzazioni.",
        ),
    ),
]

# (slug, name, kind, code, country, parents)
AREAS = [
    ("eu", "Union européenne", "eu", "EU", "EU", []),
    ("france", "France", "nation", "FR", "FR", ["eu"]),
    ("italie", "Italie", "nation", "IT", "IT", ["eu"]),
    ("alcotra", "Zone Interreg ALCOTRA France-Italie", "cross_border", "", "EU", ["eu"]),
    ("massif-alpes", "Massif des Alpes", "massif", "", "FR", ["france"]),
    ("paca", "Provence-Alpes-Côte d'Azur", "region", "93", "FR", ["france"]),
    ("aura", "Auvergne-Rhône-Alpes", "region", "84", "FR", ["france"]),
    ("piemonte", "Piemonte", "region", "ITC1", "IT", ["italie"]),
    ("liguria", "Liguria", "region", "ITC3", "IT", ["italie"]),
    ("valle-aosta", "Valle d'Aosta", "region", "ITC2", "IT", ["italie", "alcotra"]),
    (
        "hautes-alpes",
        "Hautes-Alpes",
        "departement",
        "05",
        "FR",
        ["paca", "massif-alpes", "alcotra"],
    ),
    (
        "alpes-haute-provence",
        "Alpes-de-Haute-Provence",
        "departement",
        "04",
        "FR",
        ["paca", "massif-alpes", "alcotra"],
    ),
    (
        "alpes-maritimes",
        "Alpes-Maritimes",
        "departement",
        "06",
        "FR",
        ["paca", "massif-alpes", "alcotra"],
    ),
    ("savoie", "Savoie", "departement", "73", "FR", ["aura", "massif-alpes", "alcotra"]),
    (
        "haute-savoie",
        "Haute-Savoie",
        "departement",
        "74",
        "FR",
        ["aura", "massif-alpes", "alcotra"],
    ),
    ("torino", "Città metropolitana di Torino", "departement", "TO", "IT", ["piemonte", "alcotra"]),
    ("cuneo", "Provincia di Cuneo", "departement", "CN", "IT", ["piemonte", "alcotra"]),
    ("imperia", "Provincia di Imperia", "departement", "IM", "IT", ["liguria", "alcotra"]),
    ("gal-sisteronais-buech", "GAL Sisteronais-Buëch", "pays", "", "FR", ["hautes-alpes"]),
    ("petr-grand-brianconnais", "PETR Grand Briançonnais", "pays", "", "FR", ["hautes-alpes"]),
    ("gal-pays-gapencais", "GAL Pays gapençais", "pays", "", "FR", ["hautes-alpes"]),
    (
        "ca-gap-tallard-durance",
        "Communauté d'agglomération Gap-Tallard-Durance",
        "epci",
        "",
        "FR",
        ["hautes-alpes", "gal-pays-gapencais"],
    ),
    (
        "cc-brianconnais",
        "Communauté de communes du Briançonnais",
        "epci",
        "",
        "FR",
        ["hautes-alpes", "petr-grand-brianconnais"],
    ),
    (
        "cc-pays-des-ecrins",
        "Communauté de communes du Pays des Écrins",
        "epci",
        "",
        "FR",
        ["hautes-alpes", "petr-grand-brianconnais"],
    ),
    (
        "cc-guillestrois-queyras",
        "Communauté de communes du Guillestrois et du Queyras",
        "epci",
        "",
        "FR",
        ["hautes-alpes", "petr-grand-brianconnais"],
    ),
    (
        "cc-serre-poncon",
        "Communauté de communes de Serre-Ponçon",
        "epci",
        "",
        "FR",
        ["hautes-alpes"],
    ),
    (
        "cc-serre-poncon-val-avance",
        "Communauté de communes de Serre-Ponçon Val d'Avance",
        "epci",
        "",
        "FR",
        ["hautes-alpes", "gal-pays-gapencais"],
    ),
    (
        "cc-champsaur-valgaudemar",
        "Communauté de communes du Champsaur-Valgaudemar",
        "epci",
        "",
        "FR",
        ["hautes-alpes", "gal-pays-gapencais"],
    ),
    (
        "cc-buech-devoluy",
        "Communauté de communes Buëch-Dévoluy",
        "epci",
        "",
        "FR",
        ["hautes-alpes", "gal-sisteronais-buech"],
    ),
    (
        "cc-sisteronais-buech",
        "Communauté de communes du Sisteronais-Buëch",
        "epci",
        "",
        "FR",
        ["hautes-alpes", "alpes-haute-provence", "gal-sisteronais-buech"],
    ),
]

# (slug, name, INSEE code, latitude, longitude, EPCI)
COMMUNES = [
    ("gap", "Gap", "05061", "44.55944", "6.07861", "ca-gap-tallard-durance"),
    ("tallard", "Tallard", "", "44.46278", "6.05472", "ca-gap-tallard-durance"),
    ("briancon", "Briançon", "05023", "44.89861", "6.64333", "cc-brianconnais"),
    (
        "villar-saint-pancrace",
        "Villar-Saint-Pancrace",
        "",
        "44.87250",
        "6.63083",
        "cc-brianconnais",
    ),
    (
        "le-monetier-les-bains",
        "Le Monêtier-les-Bains",
        "",
        "44.97556",
        "6.50806",
        "cc-brianconnais",
    ),
    (
        "argentiere-la-bessee",
        "L'Argentière-la-Bessée",
        "",
        "44.79139",
        "6.55667",
        "cc-pays-des-ecrins",
    ),
    ("puy-saint-vincent", "Puy-Saint-Vincent", "", "44.82417", "6.48250", "cc-pays-des-ecrins"),
    ("la-roche-de-rame", "La Roche-de-Rame", "", "44.75028", "6.58000", "cc-pays-des-ecrins"),
    ("guillestre", "Guillestre", "", "44.66028", "6.64889", "cc-guillestrois-queyras"),
    (
        "chateau-ville-vieille",
        "Château-Ville-Vieille",
        "",
        "44.75833",
        "6.79167",
        "cc-guillestrois-queyras",
    ),
    ("saint-veran", "Saint-Véran", "", "44.70167", "6.86833", "cc-guillestrois-queyras"),
    ("embrun", "Embrun", "05046", "44.56333", "6.49583", "cc-serre-poncon"),
    ("chorges", "Chorges", "", "44.54583", "6.27750", "cc-serre-poncon"),
    ("savines-le-lac", "Savines-le-Lac", "", "44.52556", "6.40806", "cc-serre-poncon"),
    ("la-batie-neuve", "La Bâtie-Neuve", "", "44.56833", "6.19500", "cc-serre-poncon-val-avance"),
    (
        "saint-bonnet-en-champsaur",
        "Saint-Bonnet-en-Champsaur",
        "",
        "44.68306",
        "6.07778",
        "cc-champsaur-valgaudemar",
    ),
    ("saint-firmin", "Saint-Firmin", "", "44.78278", "6.03000", "cc-champsaur-valgaudemar"),
    ("ancelle", "Ancelle", "", "44.62361", "6.20500", "cc-champsaur-valgaudemar"),
    ("laye", "Laye", "", "44.64611", "6.08472", "cc-champsaur-valgaudemar"),
    ("veynes", "Veynes", "", "44.53361", "5.82278", "cc-buech-devoluy"),
    ("aspres-sur-buech", "Aspres-sur-Buëch", "", "44.52472", "5.75083", "cc-buech-devoluy"),
    ("devoluy", "Dévoluy", "", "44.69722", "5.91806", "cc-buech-devoluy"),
    ("laragne-monteglin", "Laragne-Montéglin", "", "44.31611", "5.82389", "cc-sisteronais-buech"),
    ("serres", "Serres", "", "44.42889", "5.71750", "cc-sisteronais-buech"),
    ("orpierre", "Orpierre", "", "44.31194", "5.69500", "cc-sisteronais-buech"),
    ("rosans", "Rosans", "", "44.39194", "5.46944", "cc-sisteronais-buech"),
]

A, SCIC, SCOP, COOP, MUT, FOUND = (
    "association",
    "scic",
    "scop",
    "cooperative",
    "mutual",
    "foundation",
)
ENT, INST = "enterprise", "institution"

# (name, kind, legal form, commune, theme numbers, active member, description)
ORGANISATIONS = [
    (
        "Udess 05",
        ENT,
        A,
        "gap",
        [1, 2, 3, 4, 5, 6],
        True,
        "Union départementale de l'économie sociale et solidaire des Hautes-Alpes : elle anime le Cluster 05 Innovation Sociale.",
    ),
    (
        "ACSSQ",
        ENT,
        A,
        "chateau-ville-vieille",
        [5],
        True,
        "Association du Queyras engagée dans les projets communs du territoire.",
    ),
    (
        "ADELHA",
        ENT,
        A,
        "gap",
        [1, 3],
        True,
        "Structure citée dans la mutualisation de moyens et la coopération entre structures du département.",
    ),
    (
        "ADMR fédération départementale",
        ENT,
        A,
        "gap",
        [3, 5],
        True,
        "Fédération départementale du réseau ADMR d'aide et de services à domicile.",
    ),
    (
        "Adrets",
        ENT,
        A,
        "gap",
        [5, 6],
        False,
        "Association d'appui aux services au public dans les territoires alpins.",
    ),
    (
        "ADSCB",
        ENT,
        A,
        "briancon",
        [1, 3],
        True,
        "Structure du Briançonnais citée parmi les exemples de mutualisation de moyens.",
    ),
    (
        "Agribio 05",
        ENT,
        A,
        "gap",
        [5],
        False,
        "Groupement des agriculteurs biologiques des Hautes-Alpes.",
    ),
    ("Animacoop", ENT, A, "gap", [2, 3], False, "Formation à l'animation de projets coopératifs."),
    (
        "Bio paniers",
        ENT,
        A,
        "tallard",
        [1, 5],
        False,
        "Distribution de paniers de produits biologiques locaux.",
    ),
    (
        "Biocoop le Grenier",
        ENT,
        COOP,
        "gap",
        [5],
        False,
        "Magasin coopératif de produits biologiques.",
    ),
    (
        "Centre de ressources des hauts pays alpins",
        ENT,
        A,
        "embrun",
        [2, 6],
        False,
        "Centre de ressources pour les acteurs des hauts pays alpins.",
    ),
    (
        "Centre social Planète Champsaur",
        ENT,
        A,
        "saint-bonnet-en-champsaur",
        [1, 5],
        True,
        "Centre social du Champsaur.",
    ),
    ("CIBC", ENT, A, "gap", [3], False, "Centre interinstitutionnel de bilans de compétences."),
    (
        "Collectif des associations d'utilité sociale 05",
        ENT,
        A,
        "gap",
        [2, 4],
        True,
        "Collectif d'associations d'utilité sociale des Hautes-Alpes.",
    ),
    ("Coodyssée", ENT, SCIC, "gap", [3, 6], False, "Coopérative d'accompagnement de projets."),
    (
        "CPIE Haute Durance",
        ENT,
        A,
        "briancon",
        [2, 5],
        True,
        "Centre permanent d'initiatives pour l'environnement de la Haute Durance.",
    ),
    (
        "Créacoop",
        ENT,
        SCOP,
        "gap",
        [3, 6],
        True,
        "Coopérative d'activité et d'emploi, citée parmi les exemples de coopération entre structures.",
    ),
    (
        "E'Changeons le Monde",
        ENT,
        A,
        "embrun",
        [2, 5],
        False,
        "Association d'éducation à la solidarité.",
    ),
    (
        "Echanges Paysans",
        ENT,
        A,
        "veynes",
        [1, 3],
        True,
        "Association paysanne citée parmi les exemples de mutualisation de moyens.",
    ),
    (
        "Ecoloc",
        ENT,
        A,
        "gap",
        [1],
        False,
        "Association engagée dans le partage de biens et de locaux.",
    ),
    (
        "ERDG",
        ENT,
        A,
        "laragne-monteglin",
        [3],
        False,
        "Structure d'insertion et d'emploi du sud du département.",
    ),
    (
        "Ergologic",
        ENT,
        SCOP,
        "gap",
        [3, 6],
        False,
        "Conseil et formation sur le travail et les organisations.",
    ),
    ("Fab'Alpes", ENT, A, "gap", [1, 3], False, "Atelier de fabrication partagé."),
    (
        "Fondation Edith Seltzer",
        ENT,
        FOUND,
        "briancon",
        [3, 5],
        True,
        "Fondation du Briançonnais œuvrant dans le sanitaire, le médico-social et la formation.",
    ),
    ("Fréquence Mistral", ENT, A, "gap", [2], True, "Radio associative locale."),
    (
        "Grandir ici (café des familles)",
        ENT,
        A,
        "embrun",
        [5],
        False,
        "Café des familles et lieu de parentalité.",
    ),
    (
        "GSA 05",
        ENT,
        A,
        "gap",
        [3],
        True,
        "Groupement de structures engagé sur le partage d'emplois et de compétences.",
    ),
    (
        "Idéal Acte",
        ENT,
        A,
        "gap",
        [3, 6],
        False,
        "Accompagnement et formation des acteurs associatifs.",
    ),
    (
        "Koopéra (animacoop)",
        ENT,
        A,
        "gap",
        [2, 3],
        False,
        "Formation Animacoop à l'animation de projets coopératifs, citée parmi les exemples de coopération.",
    ),
    ("La Boîte à Editer", ENT, A, "embrun", [2], False, "Édition et communication associatives."),
    (
        "Le Gabion",
        ENT,
        A,
        "embrun",
        [3, 5],
        False,
        "Centre de formation à l'éco-construction et au patrimoine.",
    ),
    (
        "LESA",
        ENT,
        A,
        "gap",
        [5],
        False,
        "Structure de l'économie sociale et solidaire du Gapençais.",
    ),
    (
        "Locomun",
        ENT,
        A,
        "gap",
        [1],
        True,
        "Démarche de locaux communs partagés entre associations.",
    ),
    (
        "Loisirs Provence Events",
        ENT,
        A,
        "laragne-monteglin",
        [2, 5],
        False,
        "Organisation d'événements et de loisirs.",
    ),
    ("Ludambule", ENT, A, "gap", [1, 5], False, "Ludothèque itinérante."),
    (
        "Manger Bio en Provence",
        ENT,
        A,
        "gap",
        [5],
        False,
        "Approvisionnement de la restauration collective en produits biologiques, cité parmi les exemples de coopération.",
    ),
    (
        "MJC centre social Briançonnais",
        ENT,
        A,
        "briancon",
        [1, 2, 5],
        True,
        "Maison des jeunes et de la culture et centre social du Briançonnais.",
    ),
    ("Mobil'Idées", ENT, A, "gap", [1, 5], False, "Solutions de mobilité solidaire."),
    (
        "Monnaie Locale Complémentaire Citoyenne",
        ENT,
        A,
        "gap",
        [4],
        True,
        "Monnaie locale complémentaire et citoyenne des Hautes-Alpes.",
    ),
    (
        "Pôle Santé Champsaur Valgaudemar",
        ENT,
        A,
        "saint-bonnet-en-champsaur",
        [1, 5],
        True,
        "Pôle de santé cité parmi les exemples de mutualisation et de coopération.",
    ),
    ("Rions de soleil", ENT, A, "guillestre", [5], False, "Association d'animation culturelle."),
    ("SAPN", ENT, A, "gap", [3], False, "Structure d'insertion par l'activité économique."),
    (
        "Secours catholique",
        ENT,
        A,
        "gap",
        [5],
        False,
        "Délégation départementale du Secours catholique.",
    ),
    (
        "Serres Lez'Arts",
        ENT,
        A,
        "serres",
        [1, 2],
        True,
        "Association culturelle de Serres, citée parmi les exemples de coopération entre structures.",
    ),
    ("Sport santé", ENT, A, "gap", [5], False, "Activités physiques adaptées et prévention santé."),
    (
        "UTL Pays gapençais",
        ENT,
        A,
        "gap",
        [2],
        False,
        "Université du temps libre du Pays gapençais.",
    ),
    (
        "Agence de développement Hautes-Alpes",
        INST,
        "public_body",
        "gap",
        [5, 6],
        False,
        "Agence de développement économique du département, partenaire de l'enquête de 2018 sur les besoins des structures.",
    ),
    (
        "Aix-Marseille Université Master montagne",
        INST,
        "university",
        "gap",
        [6],
        False,
        "Formation universitaire consacrée aux territoires de montagne.",
    ),
    ("AMF 05", INST, A, "gap", [5], False, "Association des maires des Hautes-Alpes."),
    (
        "Avisé",
        INST,
        A,
        "gap",
        [6],
        False,
        "Agence d'ingénierie pour développer l'économie sociale et solidaire.",
    ),
    (
        "Caisse d'Epargne",
        INST,
        COOP,
        "gap",
        [4],
        False,
        "Banque coopérative ; ses appels à projets soutiennent des structures d'intérêt général.",
    ),
    (
        "DDCSPP",
        INST,
        "public_body",
        "gap",
        [5],
        False,
        "Direction départementale de la cohésion sociale et de la protection des populations.",
    ),
    (
        "Direccte UD 05",
        INST,
        "public_body",
        "gap",
        [3],
        False,
        "Unité départementale de la direction régionale des entreprises, de la concurrence, de la consommation, du travail et de l'emploi.",
    ),
    (
        "Fondation de France",
        INST,
        FOUND,
        "gap",
        [4, 5],
        False,
        "Fondation dont le programme Hors-Pistes a soutenu 40 projets citoyens innovants en 5 ans dans le département.",
    ),
    (
        "France Active Paca",
        INST,
        A,
        "gap",
        [4],
        False,
        "Financeur solidaire : garanties, prêts et primes pour les entreprises de l'ESS.",
    ),
    (
        "LabEx ITEM Grenoble",
        INST,
        "university",
        "gap",
        [6],
        False,
        "Laboratoire d'excellence sur les territoires de montagne.",
    ),
    (
        "Le Labo de l'ESS",
        INST,
        A,
        "gap",
        [6],
        False,
        "Laboratoire d'idées de l'économie sociale et solidaire.",
    ),
    (
        "LEST",
        INST,
        "university",
        "gap",
        [3, 6],
        False,
        "Laboratoire d'économie et de sociologie du travail.",
    ),
    ("MGEN", INST, MUT, "gap", [4], False, "Mutuelle santé et prévoyance."),
    (
        "Pays Grand Briançonnais",
        INST,
        "local_authority",
        "briancon",
        [5, 6],
        False,
        "Territoire de projet du Grand Briançonnais.",
    ),
    (
        "Sciences Po Grenoble",
        INST,
        "university",
        "gap",
        [6],
        False,
        "Institut d'études politiques, partenaire académique.",
    ),
    (
        "SMITCOM",
        INST,
        "local_authority",
        "embrun",
        [1, 5],
        False,
        "Syndicat mixte intercommunal de traitement des ordures ménagères.",
    ),
    (
        "Université d'Avignon",
        INST,
        "university",
        "gap",
        [6],
        False,
        "Université partenaire, notamment sur les formations liées au développement territorial.",
    ),
]

# Italian partner used by the cross-border demo experiment.
ITALIAN_PARTNER = (
    "Cooperativa Sociale Valle Susa",
    ENT,
    "cooperative",
    [5],
    False,
    "Coopérative sociale italienne de la vallée de Suse, partenaire de projets transfrontaliers.",
)

WORKING_GROUPS = [
    # (slug, theme number, lead organisation, member organisations, names)
    (
        "locaux-materiels",
        1,
        "Locomun",
        [
            "ADELHA",
            "ADSCB",
            "Echanges Paysans",
            "Centre social Planète Champsaur",
            "Pôle Santé Champsaur Valgaudemar",
        ],
        (
            "Groupe locaux et matériels",
            "Premises and equipment group",
            "Gruppo locali e attrezzature",
        ),
    ),
    (
        "communication-echanges",
        2,
        "Fréquence Mistral",
        ["CPIE Haute Durance", "Serres Lez'Arts", "MJC centre social Briançonnais"],
        (
            "Groupe communication et échanges",
            "Communication and exchanges group",
            "Gruppo comunicazione e scambi",
        ),
    ),
    (
        "competences-emploi-formation",
        3,
        "GSA 05",
        ["Créacoop", "ADMR fédération départementale", "Fondation Edith Seltzer"],
        (
            "Groupe compétences, emploi et formation",
            "Skills, employment and training group",
            "Gruppo competenze, occupazione e formazione",
        ),
    ),
    (
        "diversification-financiere",
        4,
        "Monnaie Locale Complémentaire Citoyenne",
        ["Collectif des associations d'utilité sociale 05", "Udess 05"],
        (
            "Groupe diversification financière",
            "Financial diversification group",
            "Gruppo diversificazione finanziaria",
        ),
    ),
    (
        "projets-communs",
        5,
        "Pôle Santé Champsaur Valgaudemar",
        [
            "ACSSQ",
            "ADMR fédération départementale",
            "CPIE Haute Durance",
            "MJC centre social Briançonnais",
        ],
        (
            "Groupe projets communs décloisonnés",
            "Cross-sector joint projects group",
            "Gruppo progetti comuni intersettoriali",
        ),
    ),
    (
        "appui-ingenierie",
        6,
        "Udess 05",
        ["Créacoop", "Collectif des associations d'utilité sociale 05"],
        (
            "Groupe « Cluster 05 IS » appui en ingénierie",
            "\u201cCluster 05 IS\u201d engineering support group",
            "Gruppo \u00abCluster 05 IS\u00bb supporto di ingegneria",
        ),
    ),
]


def load_themes(t: Catalogue) -> dict[int, Theme]:
    french = Locale.get_default()
    themes = {}
    for number, slug, names, descriptions in THEMES:
        name, description = t(*names), t(*descriptions)
        theme = Theme.objects.filter(slug=slug, locale=french).first()
        if theme is None:
            theme = Theme.objects.create(
                number=number, slug=slug, name=name, description=description, locale=french
            )
        for code in t.languages:
            if theme.get_translation_or_none(Locale.objects.get(language_code=code)) is None:
                translate_instance(theme, code, t.for_language(code))
        themes[number] = theme
    return themes


def load_territories() -> dict[str, Territory]:
    territories = {t.slug: t for t in Territory.objects.all()}
    for slug, name, kind, code, country, parents in AREAS:
        if slug not in territories:
            territories[slug] = Territory.objects.create(
                slug=slug, name=name, kind=kind, code=code, country=country
            )
            territories[slug].parents.add(*(territories[p] for p in parents))
    for slug, name, code, latitude, longitude, epci in COMMUNES:
        if slug not in territories:
            territories[slug] = Territory.objects.create(
                slug=slug,
                name=name,
                kind=Territory.Kind.COMMUNE,
                code=code,
                latitude=latitude,
                longitude=longitude,
            )
            territories[slug].parents.add(territories[epci])
    return territories


def load_organisations(themes, territories) -> dict[str, Organisation]:
    french = Locale.get_default()
    existing = {o.name: o for o in Organisation.objects.filter(locale=french)}
    for name, kind, legal_form, commune, theme_numbers, active, description in ORGANISATIONS:
        if name in existing:
            continue
        organisation = Organisation(
            name=name,
            kind=kind,
            legal_form=legal_form,
            description=description,
            commune=territories[commune],
            is_active_member=active,
            locale=french,
        )
        organisation.save()
        organisation.themes.set([themes[n] for n in theme_numbers])
        epci = territories[commune].parents.first()
        organisation.territories.set(
            [territories[commune], epci] if epci else [territories[commune]]
        )
        organisation.save()
        existing[name] = organisation
    name, kind, legal_form, theme_numbers, active, description = ITALIAN_PARTNER
    if name not in existing:
        organisation = Organisation(
            name=name,
            kind=kind,
            legal_form=legal_form,
            description=description,
            country="IT",
            latitude="45.13720",
            longitude="7.04850",
            is_active_member=active,
            locale=french,
        )
        organisation.save()
        organisation.themes.set([themes[n] for n in theme_numbers])
        organisation.territories.set([territories["torino"]])
        organisation.save()
        existing[name] = organisation
    return existing


def load_working_groups(themes, organisations, territories, t: Catalogue) -> list[WorkingGroup]:
    french = Locale.get_default()
    groups = []
    for slug, number, lead, members, names in WORKING_GROUPS:
        name = t(*names)
        group = WorkingGroup.objects.filter(slug=slug, locale=french).first()
        if group is None:
            group = WorkingGroup(
                slug=slug,
                name=name,
                kind=WorkingGroup.Kind.THEMATIC,
                theme=themes[number],
                territory=territories["hautes-alpes"],
                lead_organisation=organisations[lead],
                locale=french,
            )
            group.save()
            group.members.set([organisations[m] for m in [lead, *members]])
            group.save()
        for code in t.languages:
            if group.get_translation_or_none(Locale.objects.get(language_code=code)) is None:
                translate_instance(group, code, t.for_language(code))
        groups.append(group)
    return groups


def load() -> dict:
    """Create the network and return it for the other demo parts."""
    t = Catalogue()
    themes = load_themes(t)
    territories = load_territories()
    organisations = load_organisations(themes, territories)
    groups = load_working_groups(themes, organisations, territories, t)
    return {
        "themes": themes,
        "territories": territories,
        "organisations": organisations,
        "working_groups": groups,
    }
