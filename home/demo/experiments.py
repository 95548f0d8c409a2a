"""Demo cooperation experiments across every state, built by walking the real transitions.

Each experiment is proposed through `projects.experiments.services.propose_idea` and moved through
`run_transition` by the people whose role allows it (the coordinator accepts, the lead
formalises…), so the audit trail and notifications are those of real use.
"""

import datetime
from decimal import Decimal

from django.utils import timezone

import projects.experiments.services as services
from accounts.models import User
from accounts.notifications import emails_suppressed
from projects.experiments.models import (
    BudgetLine,
    Experiment,
    ExperimentMember,
    ExperimentPartner,
    Milestone,
)
from projects.network.models import OrganisationMembership

S = Experiment.State

# The forward path and who runs each step.
FORWARD = [
    ("accept_idea", "coordinator"),
    ("formalise", "lead"),
    ("seek_funding", "lead"),
    ("mark_funded", "coordinator"),
    ("launch", "lead"),
    ("capitalise", "lead"),
]

EXTRA_LEADS = [
    ("marie.blanc@example.org", "Marie Blanc"),
    ("lucas.faure@example.org", "Lucas Faure"),
    ("ines.morel@example.org", "Inès Morel"),
    ("thomas.girard@example.org", "Thomas Girard"),
]

LONG = (
    " Les structures partenaires se réunissent une fois par mois pour suivre l'expérimentation, "
    "partager les difficultés rencontrées et décider des ajustements ; une convention précise les "
    "engagements de chacune, la répartition des coûts et la manière de sortir du dispositif."
)

EXPERIMENTS = [
    {
        "title": "Trésorerie mutualisée entre associations du Gapençais",
        "lead_user": "porteur@example.org",
        "lead": "Collectif des associations d'utilité sociale 05",
        "partners": [
            ("Udess 05", "appui et animation"),
            ("Monnaie Locale Complémentaire Citoyenne", "partenaire financier"),
        ],
        "themes": [4],
        "territories": ["ca-gap-tallard-durance"],
        "summary": "Des associations se prêtent de la trésorerie entre elles pour passer les retards de versement des subventions sans frais bancaires.",
        "description": "Les associations employeuses du Gapençais subissent des décalages de trésorerie de trois à six mois entre l'engagement de leurs actions et le versement des subventions publiques. L'expérimentation crée un fonds de trésorerie mutualisé, alimenté par les excédents de trésorerie de certaines structures et prêté à taux zéro aux autres, avec une convention de prêt entre associations et un comité d'attribution."
        + LONG,
        "objectives": "Éviter les agios et les découverts ; sécuriser la paie des salariés ; créer de la confiance entre structures.",
        "expected_results": "Un fonds de 60 000 € mobilisable, 10 associations adhérentes la première année.",
        "indicators": "Montant prêté, nombre de prêts, délais de remboursement, frais bancaires évités.",
        "forms": ["treasury"],
        "support": ["legal", "funding"],
        "budget": [
            ("Ingénierie juridique des conventions", "operating", "6000"),
            ("Animation du comité d'attribution", "operating", "9000"),
            ("Outil de suivi des prêts", "investment", "4000"),
            ("Temps bénévole des trésoriers", "operating", "3000", True),
        ],
        "self_financing": "3000",
        "state": S.SEEKING_FUNDING,
        "public": True,
    },
    {
        "title": "Locaux et matériels partagés dans le Briançonnais",
        "lead_user": "marie.blanc@example.org",
        "lead": "MJC centre social Briançonnais",
        "partners": [("ADSCB", "co-porteur"), ("CPIE Haute Durance", "partenaire")],
        "themes": [1],
        "territories": ["cc-brianconnais"],
        "summary": "Un planning commun et une convention de mise à disposition pour partager salles, minibus et matériel d'animation entre trois structures de Briançon.",
        "description": "Trois structures du Briançonnais disposent chacune de salles et de matériel sous-utilisés une partie de la semaine, alors que d'autres en louent à l'extérieur. L'expérimentation met en place une convention de mise à disposition, un calendrier partagé en ligne et une grille de participation aux frais, puis évalue au bout d'un an les économies réalisées et les nouvelles activités rendues possibles."
        + LONG,
        "objectives": "Réduire les coûts de location ; augmenter le taux d'occupation des locaux ; ouvrir de nouvelles activités.",
        "expected_results": "Trois conventions signées, un planning commun, 30 % de location en moins.",
        "indicators": "Taux d'occupation, économies réalisées, nombre d'activités nouvelles.",
        "forms": ["premises", "equipment"],
        "support": ["legal"],
        "budget": [
            ("Coordination du planning", "operating", "8000"),
            ("Équipement des salles", "investment", "12000"),
        ],
        "self_financing": "4000",
        "state": S.FUNDED,
        "public": True,
    },
    {
        "title": "Un comptable partagé par trois employeurs",
        "lead_user": "porteur@example.org",
        "lead": "GSA 05",
        "partners": [("Créacoop", "employeur associé"), ("Fréquence Mistral", "employeur associé")],
        "themes": [3],
        "territories": ["ca-gap-tallard-durance"],
        "summary": "Un groupement d'employeurs recrute un comptable à temps plein partagé entre trois structures qui n'avaient chacune besoin que d'un temps partiel.",
        "description": "Les petites structures de l'ESS peinent à recruter des compétences pointues à temps partiel. Le groupement d'employeurs recrute un comptable à temps plein et le met à disposition de trois structures selon un planning fixe, avec une refacturation au coût réel et une gouvernance partagée. L'expérimentation teste le modèle économique du groupement et la qualité de vie au travail du salarié partagé."
        + LONG,
        "objectives": "Créer un emploi stable et qualifié ; professionnaliser la gestion des trois structures.",
        "expected_results": "Un CDI à temps plein, des comptes annuels produits en interne.",
        "indicators": "Heures par structure, coût horaire, satisfaction des employeurs et du salarié.",
        "forms": ["jobs"],
        "support": ["legal", "engineering"],
        "budget": [
            ("Salaire chargé (12 mois)", "operating", "42000"),
            ("Poste de travail et logiciel", "investment", "3500"),
        ],
        "self_financing": "36000",
        "state": S.RUNNING,
        "public": True,
        "milestones": [("Recrutement", -120, True), ("Bilan à six mois", 60, False)],
    },
    {
        "title": "Un outil de communication commun pour le Champsaur",
        "lead_user": "lucas.faure@example.org",
        "lead": "Centre social Planète Champsaur",
        "partners": [
            ("Pôle Santé Champsaur Valgaudemar", "partenaire"),
            ("Fréquence Mistral", "appui média"),
        ],
        "themes": [2],
        "territories": ["cc-champsaur-valgaudemar"],
        "summary": "Un agenda commun et une lettre mensuelle partagée entre les structures du Champsaur pour mieux faire connaître leurs services aux habitants.",
        "description": "Les habitants du Champsaur connaissent mal l'offre des structures sociales, de santé et culturelles de la vallée, dispersée sur de nombreux supports. L'expérimentation crée un agenda commun alimenté par chaque structure, une lettre mensuelle et une émission régulière sur la radio associative, avec une charte éditoriale partagée."
        + LONG,
        "objectives": "Rendre visible l'offre de services de la vallée ; mutualiser le temps de communication.",
        "expected_results": "Un agenda en ligne, 12 lettres par an, une émission mensuelle.",
        "indicators": "Abonnés, fréquentation des activités, temps de communication économisé.",
        "forms": ["communication"],
        "support": ["communication"],
        "budget": [
            ("Conception de l'agenda", "investment", "5000"),
            ("Animation éditoriale", "operating", "7000"),
        ],
        "self_financing": "2000",
        "state": S.FORMALISED,
        "public": True,
    },
    {
        "title": "Coopération transfrontalière Queyras – Val de Suse",
        "lead_user": "porteur@example.org",
        "lead": "ACSSQ",
        "partners": [
            ("Cooperativa Sociale Valle Susa", "partenaire italien"),
            ("CPIE Haute Durance", "partenaire"),
        ],
        "themes": [5],
        "territories": ["chateau-ville-vieille", "torino"],
        "summary": "Des échanges de pratiques et un service commun d'accueil des saisonniers entre le Queyras et le Val de Suse.",
        "description": "De part et d'autre de la frontière, les vallées du Queyras et de Suse font face aux mêmes difficultés : logement et accueil des travailleurs saisonniers, mobilité, maintien des services. Les structures partenaires veulent construire un service commun d'information des saisonniers et organiser des échanges de pratiques entre professionnels français et italiens, en s'appuyant sur le programme Interreg ALCOTRA."
        + LONG,
        "objectives": "Créer un point d'information commun ; organiser quatre échanges de pratiques par an.",
        "expected_results": "Un service d'information bilingue, 200 saisonniers accueillis.",
        "indicators": "Saisonniers accueillis, échanges réalisés, partenaires mobilisés.",
        "forms": ["joint_service"],
        "support": ["funding", "engineering"],
        "budget": [
            ("Coordination transfrontalière", "operating", "30000"),
            ("Déplacements et interprétariat", "operating", "12000"),
            ("Local d'accueil équipé", "investment", "18000"),
        ],
        "self_financing": "6000",
        "state": S.SEEKING_FUNDING,
        "public": True,
    },
    {
        "title": "Atelier partagé de réparation à Embrun",
        "lead_user": "porteur@example.org",
        "lead": "Fab'Alpes",
        "partners": [("Serres Lez'Arts", "partenaire"), ("SMITCOM", "partenaire institutionnel")],
        "partner_user": "partenaire@example.org",
        "partner_org": "Serres Lez'Arts",
        "themes": [1, 5],
        "territories": ["embrun"],
        "summary": "Un atelier de réparation d'objets et de vélos partagé entre structures, avec des permanences ouvertes aux habitants.",
        "description": "Plusieurs structures possèdent de l'outillage dispersé et peu utilisé. L'atelier partagé réunit ces outils dans un même lieu à Embrun, organise des permanences de réparation ouvertes aux habitants et des formations, et mesure les déchets évités avec le syndicat de traitement des ordures ménagères.",
        "objectives": "",
        "expected_results": "",
        "indicators": "",
        "forms": ["equipment", "premises"],
        "support": ["engineering"],
        "budget": [],
        "self_financing": "0",
        "state": S.FORMALISATION,
        "public": False,
    },
    {
        "title": "Un minibus partagé entre associations du Buëch",
        "lead_user": "ines.morel@example.org",
        "lead": "Echanges Paysans",
        "partners": [("Serres Lez'Arts", "utilisateur"), ("Ludambule", "utilisateur")],
        "themes": [1],
        "territories": ["cc-buech-devoluy", "cc-sisteronais-buech"],
        "summary": "Un minibus acheté en commun et réservé en ligne par trois associations du Buëch.",
        "description": "Trois associations du Buëch louaient chacune des véhicules pour leurs sorties et leurs livraisons. Elles ont acheté ensemble un minibus d'occasion, rédigé une charte d'usage et mis en place un agenda de réservation. Après dix-huit mois, l'expérimentation est terminée et ses enseignements nourrissent le guide sur les locaux et matériels."
        + LONG,
        "objectives": "Réduire les frais de location ; permettre des sorties impossibles faute de véhicule.",
        "expected_results": "Un véhicule partagé utilisé au moins trois jours par semaine.",
        "indicators": "Jours d'utilisation, kilomètres, coûts par structure.",
        "forms": ["equipment"],
        "support": ["legal"],
        "budget": [
            ("Achat du minibus d'occasion", "investment", "18000"),
            ("Assurance et entretien (1 an)", "operating", "3500"),
        ],
        "self_financing": "21500",
        "state": S.CAPITALISED,
        "public": True,
        "capitalisation": (
            "La charte d'usage et l'agenda en ligne ont évité les conflits ; la mutualisation a divisé par trois le coût des déplacements.",
            "La répartition des frais au kilomètre était trop compliquée : un forfait annuel par structure a été plus simple.",
            "Commencer par un véhicule d'occasion, écrire la charte avant l'achat et désigner un référent par structure.",
        ),
    },
    {
        "title": "Plateforme de covoiturage rural",
        "lead_user": "thomas.girard@example.org",
        "lead": "Mobil'Idées",
        "partners": [],
        "themes": [5],
        "territories": ["hautes-alpes"],
        "summary": "Une application de covoiturage dédiée aux salariés des structures de l'ESS.",
        "description": "Une application de covoiturage propre au réseau.",
        "state": S.DECLINED,
        "decline_comment": "Des solutions publiques de covoiturage existent déjà sur le département : rapprochez-vous du groupe de travail sur les projets communs pour les mobiliser plutôt que d'en créer une nouvelle.",
    },
    {
        "title": "Café des familles itinérant",
        "lead_user": "lucas.faure@example.org",
        "lead": "Grandir ici (café des familles)",
        "partners": [("Ludambule", "partenaire")],
        "themes": [5],
        "territories": ["cc-serre-poncon"],
        "summary": "Un café des familles qui se déplace dans les villages autour de Serre-Ponçon.",
        "description": "Un café des familles itinérant.",
        "state": S.ABANDONED,
        "abandon_comment": "Les deux structures ont finalement choisi de renforcer l'accueil fixe à Embrun, faute de véhicule adapté.",
    },
    {
        "title": "Épicerie solidaire et mobile en Sisteronais-Buëch",
        "lead_user": "ines.morel@example.org",
        "lead": "Bio paniers",
        "partners": [("Secours catholique", "partenaire")],
        "themes": [5],
        "territories": ["cc-sisteronais-buech"],
        "summary": "Une épicerie solidaire qui passe chaque semaine dans les villages éloignés des commerces.",
        "description": "",
        "state": S.IDEA,
    },
]


def _user(email: str, name: str) -> User:
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(email, None, full_name=name)  # unusable password
    return user


def _walk(experiment: Experiment, spec: dict, lead: User, coordinator: User) -> None:
    target = spec["state"]
    if target == S.DECLINED:
        services.run_transition(
            experiment, "decline_idea", by=coordinator, comment=spec["decline_comment"]
        )
        return
    if target == S.ABANDONED:
        services.run_transition(experiment, "accept_idea", by=coordinator)
        services.run_transition(experiment, "abandon", by=lead, comment=spec["abandon_comment"])
        return
    for name, who in FORWARD:
        experiment.refresh_from_db()
        if experiment.state == target:
            return
        if name == "capitalise":
            worked, did_not, advice = spec["capitalisation"]
            experiment.capitalisation_worked = worked
            experiment.capitalisation_did_not_work = did_not
            experiment.capitalisation_advice = advice
            experiment.save()
        comment = ""
        if name == "mark_funded" and experiment.missing_for("mark_funded"):
            comment = "Financement confirmé par les partenaires publics du territoire (convention signée hors plateforme)."
        services.run_transition(
            experiment, name, by=lead if who == "lead" else coordinator, comment=comment
        )


def load(network: dict) -> list[Experiment]:
    """Create the demo experiments that do not exist yet, in their target states."""
    organisations = network["organisations"]
    territories = network["territories"]
    themes = network["themes"]
    coordinator = User.objects.get(email="coordination@example.org")
    for email, name in EXTRA_LEADS:
        _user(email, name)
    porteur = User.objects.get(email="porteur@example.org")
    partenaire = User.objects.get(email="partenaire@example.org")
    for organisation_name in ("Collectif des associations d'utilité sociale 05", "GSA 05"):
        OrganisationMembership.objects.get_or_create(
            user=porteur,
            organisation=organisations[organisation_name],
            defaults={"role": OrganisationMembership.Role.ADMIN},
        )
    OrganisationMembership.objects.get_or_create(
        user=partenaire, organisation=organisations["Serres Lez'Arts"]
    )
    today = timezone.localdate()
    created = []
    with emails_suppressed():
        for spec in EXPERIMENTS:
            if Experiment.objects.filter(title=spec["title"]).exists():
                continue
            lead = User.objects.get(email=spec["lead_user"])
            experiment = services.propose_idea(
                by=lead,
                title=spec["title"],
                summary=spec["summary"],
                description=spec.get("description", ""),
                lead_organisation=organisations[spec["lead"]],
                themes=[themes[n] for n in spec["themes"]],
                territories=[territories[slug] for slug in spec["territories"]],
            )
            for organisation_name, role in spec.get("partners", []):
                ExperimentPartner.objects.get_or_create(
                    experiment=experiment,
                    organisation=organisations[organisation_name],
                    defaults={"role": role},
                )
            if spec.get("partner_user"):
                services.add_member(
                    experiment,
                    User.objects.get(email=spec["partner_user"]),
                    role=ExperimentMember.Role.CONTRIBUTOR,
                    organisation=organisations[spec["partner_org"]],
                )
            experiment.objectives = spec.get("objectives", "")
            experiment.expected_results = spec.get("expected_results", "")
            experiment.indicators = spec.get("indicators", "")
            experiment.cooperation_forms = spec.get("forms", [])
            experiment.support_needed = spec.get("support", [])
            experiment.self_financing = Decimal(spec.get("self_financing", "0"))
            experiment.is_public = spec.get("public", False)
            if spec.get("budget"):
                experiment.start_date = today + datetime.timedelta(days=45)
                experiment.end_date = experiment.start_date + datetime.timedelta(days=540)
            if spec["state"] in (S.RUNNING, S.CAPITALISED):
                experiment.start_date = today - datetime.timedelta(days=400)
                experiment.end_date = today + datetime.timedelta(days=140)
            experiment.save()
            for position, line in enumerate(spec.get("budget", [])):
                label, nature, amount, *in_kind = line
                BudgetLine.objects.create(
                    experiment=experiment,
                    label=label,
                    nature=nature,
                    amount=Decimal(amount),
                    in_kind=bool(in_kind and in_kind[0]),
                    position=position,
                )
            for title, days, done in spec.get("milestones", []):
                Milestone.objects.create(
                    experiment=experiment,
                    title=title,
                    due_date=today + datetime.timedelta(days=days),
                    done=done,
                )
            _walk(experiment, spec, lead, coordinator)
            created.append(experiment)
    return created
