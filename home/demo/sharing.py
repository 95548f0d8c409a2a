"""Demo posts of the sharing board, posted through the real services by demo members on behalf of
their organisations: about twenty offers and requests across categories and territories of the
Hautes-Alpes, several that fit each other (their authors are told), conversations, one of which
became a cooperation idea, and posts in each state (draft, fulfilled, expired, about to expire).
"""

import datetime
from decimal import Decimal

from django.utils import timezone

import projects.sharing.services as sharing
from accounts.models import User
from accounts.notifications import emails_suppressed
from projects.network.models import OrganisationMembership
from projects.sharing.models import Conversation, SharingPost, weekday_mask

P = SharingPost
MON, TUE, WED, THU, FRI, SAT, SUN = range(7)

# Members who post for their organisation (demo accounts first, then people without a password,
# who cannot sign in).
MEMBERS = [
    ("porteur@example.org", "Julien Roux", "Collectif des associations d'utilité sociale 05"),
    ("porteur@example.org", "Julien Roux", "GSA 05"),
    ("partenaire@example.org", "Élodie Garcin", "Serres Lez'Arts"),
    ("marie.blanc@example.org", "Marie Blanc", "MJC centre social Briançonnais"),
    ("lucas.faure@example.org", "Lucas Faure", "Centre social Planète Champsaur"),
    ("ines.morel@example.org", "Inès Morel", "Echanges Paysans"),
    ("thomas.girard@example.org", "Thomas Girard", "Mobil'Idées"),
    ("sophie.arnaud@example.org", "Sophie Arnaud", "Locomun"),
    ("karim.haddad@example.org", "Karim Haddad", "Fab'Alpes"),
    ("anne.vial@example.org", "Anne Vial", "CPIE Haute Durance"),
    ("pierre.chabrand@example.org", "Pierre Chabrand", "Le Gabion"),
    ("lea.dumas@example.org", "Léa Dumas", "Ludambule"),
]


def _days(n: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=n)


# Each post: who, for which organisation, and its fields. "state" is where it ends up.
POSTS = [
    {
        "key": "salle-gap",
        "by": "sophie.arnaud@example.org",
        "organisation": "Locomun",
        "kind": P.Kind.OFFER,
        "category": P.Category.PREMISES,
        "title": "Salle de réunion de 30 places à Gap, les mardis et jeudis",
        "description": "Notre salle du centre-ville de Gap est libre les mardis et jeudis. Elle est accessible en fauteuil, équipée d'un écran et d'une connexion internet, avec une cuisine partagée. Idéale pour des réunions d'équipe, des formations ou des assemblées générales.",
        "territory": "gap",
        "commune": "gap",
        "availability": P.Availability.RECURRING,
        "weekdays": [TUE, THU],
        "terms": P.Terms.COST_SHARING,
        "terms_note": "15 € la demi-journée pour le ménage et le chauffage",
    },
    {
        "key": "ag-gap",
        "by": "porteur@example.org",
        "organisation": "Collectif des associations d'utilité sociale 05",
        "kind": P.Kind.REQUEST,
        "category": P.Category.PREMISES,
        "title": "Une salle pour nos assemblées générales, à Gap ou autour",
        "description": "Le collectif réunit chaque trimestre une quarantaine de représentants d'associations. Nous cherchons une salle accessible, dans l'agglomération de Gap, en soirée ou en journée.",
        "territory": "ca-gap-tallard-durance",
        "availability": P.Availability.ONGOING,
        "terms": P.Terms.COST_SHARING,
    },
    {
        "key": "minibus-veynes",
        "by": "ines.morel@example.org",
        "organisation": "Echanges Paysans",
        "kind": P.Kind.OFFER,
        "category": P.Category.VEHICLE,
        "title": "Minibus 9 places disponible le week-end",
        "description": "Notre minibus sert aux tournées de la semaine et reste au garage le week-end. Permis B suffisant. Nous demandons une participation au carburant et à l'assurance, au kilomètre.",
        "territory": "cc-buech-devoluy",
        "commune": "veynes",
        "availability": P.Availability.RECURRING,
        "weekdays": [SAT, SUN],
        "terms": P.Terms.COST_SHARING,
        "terms_note": "0,25 € par kilomètre, carburant compris",
    },
    {
        "key": "sortie-ludotheque",
        "by": "partenaire@example.org",
        "organisation": "Serres Lez'Arts",
        "kind": P.Kind.REQUEST,
        "category": P.Category.VEHICLE,
        "title": "Un minibus pour les sorties de l'été",
        "description": "Nous organisons des sorties culturelles pour les jeunes du Sisteronais-Buëch pendant l'été et cherchons un minibus plusieurs samedis.",
        "territory": "gal-sisteronais-buech",
        "availability": P.Availability.DATES,
        "from": 20,
        "until": 60,
        "terms": P.Terms.COST_SHARING,
    },
    {
        "key": "comptable-partage",
        "by": "porteur@example.org",
        "organisation": "GSA 05",
        "kind": P.Kind.OFFER,
        "category": P.Category.SHARED_JOB,
        "title": "Un temps partiel de comptable à partager (0,4 ETP)",
        "description": "Le groupement emploie une comptable à temps plein partagée entre plusieurs structures. Deux jours par semaine se libèrent : nous cherchons une ou deux structures pour les partager, avec une refacturation au coût réel.",
        "territory": "hautes-alpes",
        "availability": P.Availability.ONGOING,
        "terms": P.Terms.COST_SHARING,
        "terms_note": "au prorata des heures, sans marge",
    },
    {
        "key": "comptable-champsaur",
        "by": "lucas.faure@example.org",
        "organisation": "Centre social Planète Champsaur",
        "kind": P.Kind.REQUEST,
        "category": P.Category.SHARED_JOB,
        "title": "Cherche un ou une comptable à temps partiel",
        "description": "Le centre social n'a besoin que d'une journée de comptabilité par semaine et ne peut pas recruter seul. Un emploi partagé avec d'autres structures nous conviendrait.",
        "territory": "cc-champsaur-valgaudemar",
        "availability": P.Availability.ONGOING,
        "terms": P.Terms.COST_SHARING,
    },
    {
        "key": "sono-briancon",
        "by": "marie.blanc@example.org",
        "organisation": "MJC centre social Briançonnais",
        "kind": P.Kind.OFFER,
        "category": P.Category.EQUIPMENT,
        "title": "Sono et vidéoprojecteur à prêter",
        "description": "Une sonorisation portable (deux enceintes, table de mixage, micros) et un vidéoprojecteur, à retirer à la MJC de Briançon.",
        "territory": "briancon",
        "commune": "briancon",
        "availability": P.Availability.ONGOING,
        "terms": P.Terms.FREE,
    },
    {
        "key": "projecteur-cpie",
        "by": "anne.vial@example.org",
        "organisation": "CPIE Haute Durance",
        "kind": P.Kind.REQUEST,
        "category": P.Category.EQUIPMENT,
        "title": "Un vidéoprojecteur pour un cycle de soirées-débats",
        "description": "Nous organisons des soirées-débats sur l'eau en montagne dans plusieurs villages du Briançonnais et cherchons un vidéoprojecteur pour deux mois.",
        "territory": "cc-brianconnais",
        "availability": P.Availability.DATES,
        "from": 10,
        "until": 70,
        "terms": P.Terms.FREE,
    },
    {
        "key": "mecanique-velo",
        "by": "karim.haddad@example.org",
        "organisation": "Fab'Alpes",
        "kind": P.Kind.OFFER,
        "category": P.Category.SKILLS,
        "title": "Initiation à la mécanique vélo pour vos bénévoles",
        "description": "Nos animateurs forment des groupes de six à dix personnes à l'entretien et à la réparation des vélos, dans notre atelier de Gap ou chez vous.",
        "territory": "gap",
        "availability": P.Availability.ONGOING,
        "terms": P.Terms.PRICE,
        "price": "120",
        "terms_note": "la demi-journée, outillage fourni",
    },
    {
        "key": "formation-velo",
        "by": "thomas.girard@example.org",
        "organisation": "Mobil'Idées",
        "kind": P.Kind.REQUEST,
        "category": P.Category.SKILLS,
        "title": "Former nos bénévoles à l'entretien des vélos",
        "description": "Notre service de prêt de vélos s'étend : nous cherchons quelqu'un pour former nos bénévoles aux réparations courantes.",
        "territory": "hautes-alpes",
        "availability": P.Availability.ONGOING,
        "terms": P.Terms.COST_SHARING,
    },
    {
        "key": "atelier-embrun",
        "by": "pierre.chabrand@example.org",
        "organisation": "Le Gabion",
        "kind": P.Kind.OFFER,
        "category": P.Category.PREMISES,
        "title": "Atelier de 80 m² à Embrun, le lundi",
        "description": "Notre atelier d'éco-construction est libre le lundi : établis, outillage électroportatif et espace de stockage.",
        "territory": "embrun",
        "commune": "embrun",
        "availability": P.Availability.RECURRING,
        "weekdays": [MON],
        "terms": P.Terms.COST_SHARING,
    },
    {
        "key": "tables-fete",
        "by": "partenaire@example.org",
        "organisation": "Serres Lez'Arts",
        "kind": P.Kind.REQUEST,
        "category": P.Category.EQUIPMENT,
        "title": "Tables et bancs pour une fête de village",
        "description": "Pour la fête de la musique à Serres, il nous manque une vingtaine de tables et de bancs pliants.",
        "territory": "serres",
        "commune": "serres",
        "availability": P.Availability.DATES,
        "from": 30,
        "until": 33,
        "terms": P.Terms.FREE,
    },
    {
        "key": "utilitaire-champsaur",
        "by": "lucas.faure@example.org",
        "organisation": "Centre social Planète Champsaur",
        "kind": P.Kind.OFFER,
        "category": P.Category.VEHICLE,
        "title": "Véhicule utilitaire de 12 m³",
        "description": "Pour un déménagement ou un transport de matériel, notre utilitaire peut être loué à la journée.",
        "territory": "saint-bonnet-en-champsaur",
        "commune": "saint-bonnet-en-champsaur",
        "availability": P.Availability.ONGOING,
        "terms": P.Terms.PRICE,
        "price": "40",
        "terms_note": "par jour, carburant en sus",
        "state": "expired",
    },
    {
        "key": "sorties-nature",
        "by": "marie.blanc@example.org",
        "organisation": "MJC centre social Briançonnais",
        "kind": P.Kind.REQUEST,
        "category": P.Category.SKILLS,
        "title": "Des animations nature pour nos accueils de loisirs",
        "description": "Nos accueils de loisirs aimeraient proposer des sorties nature encadrées aux enfants pendant les vacances.",
        "territory": "cc-brianconnais",
        "availability": P.Availability.ONGOING,
        "terms": P.Terms.COST_SHARING,
    },
    {
        "key": "jeux-geants",
        "by": "lea.dumas@example.org",
        "organisation": "Ludambule",
        "kind": P.Kind.OFFER,
        "category": P.Category.EQUIPMENT,
        "title": "Jeux en bois géants à prêter pour vos fêtes",
        "description": "Une quinzaine de jeux en bois géants, à retirer à Gap et à rapporter propres.",
        "territory": "gap",
        "availability": P.Availability.ONGOING,
        "terms": P.Terms.FREE,
        "expires_in": 5,
    },
    {
        "key": "peinture-locaux",
        "by": "sophie.arnaud@example.org",
        "organisation": "Locomun",
        "kind": P.Kind.REQUEST,
        "category": P.Category.OTHER,
        "title": "Des bras pour repeindre nos locaux partagés",
        "description": "Un chantier participatif d'un week-end pour rafraîchir les locaux communs : peinture fournie, repas offert.",
        "territory": "gap",
        "availability": P.Availability.DATES,
        "from": -20,
        "until": -18,
        "terms": P.Terms.FREE,
        "state": "fulfilled",
    },
    {
        "key": "animation-nature",
        "by": "anne.vial@example.org",
        "organisation": "CPIE Haute Durance",
        "kind": P.Kind.OFFER,
        "category": P.Category.SKILLS,
        "title": "Animation nature pour vos publics",
        "description": "Nos animateurs proposent des sorties découverte de la faune et de la flore, adaptées aux enfants comme aux adultes.",
        "territory": "petr-grand-brianconnais",
        "availability": P.Availability.ONGOING,
        "terms": P.Terms.PRICE,
        "price": "180",
        "terms_note": "la demi-journée pour un groupe",
    },
    {
        "key": "chambre-froide",
        "by": "ines.morel@example.org",
        "organisation": "Echanges Paysans",
        "kind": P.Kind.REQUEST,
        "category": P.Category.PREMISES,
        "title": "Une chambre froide partagée à Veynes",
        "description": "Plusieurs fermes du Buëch cherchent une chambre froide à partager pour stocker les produits avant les livraisons.",
        "territory": "veynes",
        "commune": "veynes",
        "availability": P.Availability.ONGOING,
        "terms": P.Terms.COST_SHARING,
    },
    {
        "key": "barnums",
        "by": "porteur@example.org",
        "organisation": "Collectif des associations d'utilité sociale 05",
        "kind": P.Kind.OFFER,
        "category": P.Category.EQUIPMENT,
        "title": "Barnums et stands pour vos événements",
        "description": "Trois barnums de 3 × 3 m et six grilles d'exposition, à retirer à Gap.",
        "territory": "ca-gap-tallard-durance",
        "availability": P.Availability.ONGOING,
        "terms": P.Terms.COST_SHARING,
        "state": "draft",
    },
    {
        "key": "atelier-machines",
        "by": "karim.haddad@example.org",
        "organisation": "Fab'Alpes",
        "kind": P.Kind.REQUEST,
        "category": P.Category.PREMISES,
        "title": "Un local pour nos machines, à Gap, deux jours par semaine",
        "description": "Notre atelier déborde : nous cherchons un local à Gap deux jours par semaine pour une découpeuse laser et une imprimante 3D.",
        "territory": "gap",
        "availability": P.Availability.RECURRING,
        "weekdays": [TUE, THU],
        "terms": P.Terms.COST_SHARING,
    },
]

# (post key, replying organisation, [(writer, message)], turned into an idea by)
CONVERSATIONS = [
    (
        "comptable-partage",
        "Centre social Planète Champsaur",
        [
            (
                "lucas.faure@example.org",
                "Bonjour, votre offre tombe à pic : nous cherchons justement une journée de comptabilité par semaine. Pourrions-nous en parler ?",
            ),
            (
                "porteur@example.org",
                "Avec plaisir. La comptable pourrait venir le jeudi à Saint-Bonnet. Nous pouvons vous envoyer la convention type du groupement.",
            ),
            (
                "lucas.faure@example.org",
                "Parfait. Proposons-le comme expérimentation de coopération pour être accompagnés sur la convention et le financement du démarrage.",
            ),
        ],
        "lucas.faure@example.org",
    ),
    (
        "sono-briancon",
        "CPIE Haute Durance",
        [
            (
                "anne.vial@example.org",
                "Bonjour, le vidéoprojecteur serait-il disponible pour nos soirées-débats du mois prochain ?",
            ),
            (
                "marie.blanc@example.org",
                "Oui, passez le chercher à la MJC quand vous voulez, en semaine.",
            ),
        ],
        None,
    ),
    (
        "minibus-veynes",
        "Serres Lez'Arts",
        [
            (
                "partenaire@example.org",
                "Bonjour, votre minibus serait-il libre trois samedis de juillet pour nos sorties avec les jeunes ?",
            ),
        ],
        None,
    ),
]


def _member(email: str, name: str) -> User:
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(email, None, full_name=name)  # unusable password
    return user


def _fields(spec: dict, territories: dict) -> dict:
    fields = {
        "kind": spec["kind"],
        "category": spec["category"],
        "title": spec["title"],
        "description": spec["description"],
        "territory": territories[spec["territory"]],
        "commune": territories[spec["commune"]] if spec.get("commune") else None,
        "availability": spec["availability"],
        "weekdays": weekday_mask(spec.get("weekdays", [])),
        "terms": spec["terms"],
        "terms_note": spec.get("terms_note", ""),
        "price": Decimal(spec["price"]) if spec.get("price") else None,
    }
    if "from" in spec:
        fields["available_from"] = _days(spec["from"])
    if "until" in spec:
        fields["available_until"] = _days(spec["until"])
    return fields


def _post(spec: dict, organisations: dict, territories: dict) -> SharingPost:
    organisation = organisations[spec["organisation"]]
    existing = SharingPost.objects.filter(title=spec["title"], organisation=organisation).first()
    if existing is not None:
        return existing
    author = User.objects.get(email=spec["by"])
    state = spec.get("state", "published")
    fields = _fields(spec, territories)
    if state == "fulfilled":
        # A past exchange: posted while its dates were still ahead.
        fields["available_from"] = fields["available_until"] = None
        fields["availability"] = P.Availability.ONGOING
    post = sharing.create_post(
        by=author, organisation=organisation, fields=fields, publish=state != "draft"
    )
    if state == "fulfilled":
        post = sharing.run_post_transition(post, "fulfil", by=author)
    elif state == "expired":
        SharingPost.objects.filter(pk=post.pk).update(expires_at=_days(-3))
        sharing.expire_posts()
    elif spec.get("expires_in") is not None:
        SharingPost.objects.filter(pk=post.pk).update(expires_at=_days(spec["expires_in"]))
    return post


def load(network: dict) -> dict[str, SharingPost]:
    """Create the demo members' memberships, posts and conversations that do not exist yet."""
    organisations = network["organisations"]
    territories = network["territories"]
    for email, name, organisation_name in MEMBERS:
        OrganisationMembership.objects.get_or_create(
            user=_member(email, name), organisation=organisations[organisation_name]
        )
    posts = {}
    with emails_suppressed():
        for spec in POSTS:
            posts[spec["key"]] = _post(spec, organisations, territories)
        for key, organisation_name, messages, idea_by in CONVERSATIONS:
            post = posts[key]
            organisation = organisations[organisation_name]
            if Conversation.objects.filter(post=post, organisation=organisation).exists():
                continue
            (first_by, first), *rest = messages
            conversation = sharing.reply_to_post(
                post, by=User.objects.get(email=first_by), organisation=organisation, body=first
            )
            for writer, body in rest:
                sharing.send_message(conversation, by=User.objects.get(email=writer), body=body)
            if idea_by:
                by = User.objects.get(email=idea_by)
                draft = sharing.idea_draft(conversation, by)
                sharing.turn_into_idea(
                    conversation,
                    by=by,
                    title="Un comptable partagé entre le Champsaur et le Gapençais",
                    summary=draft.summary,
                    description=draft.description,
                    themes=draft.themes,
                    territories=draft.territories,
                )
    return posts
