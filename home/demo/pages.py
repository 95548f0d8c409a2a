"""The home page, the "take part" page, the legal notice and the privacy page (seed facts)."""

import json
import uuid

from wagtail.models import Locale, Page

from home.demo.i18n import Catalogue
from home.models import HomePage, MainMenu, SiteSettings, StandardPage
from home.translation import translate_instance


def link(page: Page | None = None, url: str = "", label: str = "") -> dict:
    return {"page": page.pk if page else None, "url": url, "label": label}


def items(*values) -> list[dict]:
    """ListBlock items in Wagtail's block format (wagtail-localize only translates that form)."""
    return [{"type": "item", "value": value, "id": str(uuid.uuid4())} for value in values]


def stream(*blocks: tuple[str, dict | str]) -> str:
    return json.dumps([{"type": kind, "value": value} for kind, value in blocks])


def french_home() -> HomePage:
    return HomePage.objects.get(locale__language_code="fr", depth=2)


def child_by_slug(parent: Page, slug: str) -> Page | None:
    return parent.get_children().filter(slug=slug).first()


def create_child(parent: Page, page: Page) -> Page:
    """Add a page under its parent and publish it, as an editor would."""
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def ensure_child(parent: Page, model: type[Page], *, slug: str, **fields) -> Page:
    """The child page with that slug, created and published if missing (editors' changes kept)."""
    page = child_by_slug(parent, slug)
    if page is None:
        page = create_child(parent, model(slug=slug, **fields))
    return page.specific


def ensure_standard_page(parent: Page, *, slug: str, **fields) -> StandardPage:
    return ensure_child(parent, StandardPage, slug=slug, **fields)


def translate_everywhere(instance, catalogue: Catalogue) -> None:
    """Create the English and Italian linked translations that do not exist yet."""
    for code in catalogue.languages:
        locale = Locale.objects.get(language_code=code)
        if instance.get_translation_or_none(locale) is None:
            translate_instance(instance, code, catalogue.for_language(code))


def take_part_page(home: HomePage, t: Catalogue) -> StandardPage:
    return ensure_standard_page(
        home,
        slug=t("participer", "take-part", "partecipare"),
        title=t("Participer", "Take part", "Partecipare"),
        intro=t(
            "Le Cluster 05 IS est un collectif ouvert : chaque structure de l'ESS ou de l'économie de "
            "proximité des Hautes-Alpes peut y apporter son expérience et y trouver des partenaires.",
            "Cluster 05 IS is an open collective: every organisation of the social and solidarity "
            "economy or of the local economy of the Hautes-Alpes can bring its experience and find "
            "partners.",
            "Il Cluster 05 IS è un collettivo aperto: ogni organizzazione dell'economia sociale e "
            "solidale o dell'economia di prossimità delle Hautes-Alpes può portare la propria "
            "esperienza e trovarvi partner.",
        ),
        body=stream(
            (
                "heading",
                {
                    "text": t(
                        "Quatre façons de s'impliquer",
                        "Four ways to get involved",
                        "Quattro modi per impegnarsi",
                    )
                },
            ),
            (
                "rich_text",
                t.bullets(
                    (
                        "Rejoindre un groupe de travail thématique ou territorial et partager vos "
                        "pratiques de mutualisation.",
                        "Join a thematic or territorial working group and share your pooling "
                        "practices.",
                        "Entrare in un gruppo di lavoro tematico o territoriale e condividere le "
                        "vostre pratiche di mutualizzazione.",
                    ),
                    (
                        "Participer aux échanges d'expériences : réunions, témoignages, voyages "
                        "d'étude.",
                        "Take part in the exchanges of experience: meetings, testimonies, study "
                        "trips.",
                        "Partecipare agli scambi di esperienze: riunioni, testimonianze, viaggi di "
                        "studio.",
                    ),
                    (
                        "Proposer une expérimentation de coopération avec au moins une autre "
                        "structure, et être accompagné pour la formaliser et la financer.",
                        "Propose a cooperation experiment with at least one other organisation, and "
                        "get support to formalise and fund it.",
                        "Proporre una sperimentazione di cooperazione con almeno un'altra "
                        "organizzazione, ed essere accompagnati per formalizzarla e finanziarla.",
                    ),
                    (
                        "Offrir ou chercher des locaux, du matériel, un véhicule ou des compétences "
                        "sur le tableau de mutualisation.",
                        "Offer or look for premises, equipment, a vehicle or skills on the sharing "
                        "board.",
                        "Offrire o cercare locali, attrezzature, un veicolo o competenze sulla "
                        "bacheca della condivisione.",
                    ),
                ),
            ),
            (
                "rich_text",
                t.paragraphs(
                    (
                        "L'Udess 05, union départementale de l'économie sociale et solidaire, anime le "
                        "collectif avec un comité de pilotage interinstitutionnel.",
                        "Udess 05, the departmental union of the social and solidarity economy, runs "
                        "the collective with an inter-institutional steering committee.",
                        "L'Udess 05, unione dipartimentale dell'economia sociale e solidale, anima il "
                        "collettivo con un comitato di pilotaggio interistituzionale.",
                    ),
                ),
            ),
        ),
    )


def legal_pages(home: HomePage, t: Catalogue) -> tuple[StandardPage, StandardPage]:
    legal = ensure_standard_page(
        home,
        slug=t("mentions-legales", "legal-notice", "note-legali"),
        title=t("Mentions légales", "Legal notice", "Note legali"),
        intro=t(
            "Ce site est édité par l'Udess 05 pour le Cluster 05 Innovation Sociale.",
            "This site is published by Udess 05 for the Cluster 05 Innovation Sociale.",
            "Questo sito è pubblicato dall'Udess 05 per il Cluster 05 Innovation Sociale.",
        ),
        body=stream(
            ("heading", {"text": t("Éditeur", "Publisher", "Editore")}),
            (
                "rich_text",
                t.paragraphs(
                    (
                        "Union départementale de l'économie sociale et solidaire des "
                        "Hautes-Alpes (Udess 05), association loi 1901, Gap.",
                        "Departmental union of the social and solidarity economy of the "
                        "Hautes-Alpes (Udess 05), a French non-profit association, Gap.",
                        "Unione dipartimentale dell'economia sociale e solidale delle "
                        "Hautes-Alpes (Udess 05), associazione senza scopo di lucro, Gap.",
                    ),
                ),
            ),
            ("heading", {"text": t("Hébergement", "Hosting", "Hosting")}),
            (
                "rich_text",
                t.paragraphs(
                    (
                        "Le site est hébergé dans l'Union européenne. Les coordonnées de "
                        "l'hébergeur sont communiquées sur simple demande.",
                        "The site is hosted in the European Union. The host's details are "
                        "available on request.",
                        "Il sito è ospitato nell'Unione europea. I dati dell'hosting sono "
                        "disponibili su richiesta.",
                    ),
                ),
            ),
        ),
    )
    privacy = ensure_standard_page(
        home,
        slug=t("confidentialite", "privacy", "riservatezza"),
        title=t("Confidentialité", "Privacy", "Riservatezza"),
        intro=t(
            "Nous ne collectons que les données nécessaires à la coopération entre structures, "
            "et vous pouvez les exporter ou les effacer à tout moment.",
            "We only collect the data needed for cooperation between organisations, and you can "
            "export or delete it at any time.",
            "Raccogliamo solo i dati necessari alla cooperazione tra organizzazioni, e potete "
            "esportarli o cancellarli in qualsiasi momento.",
        ),
        body=stream(
            ("heading", {"text": t("Vos données", "Your data", "I vostri dati")}),
            (
                "rich_text",
                t.bullets(
                    (
                        "Compte : adresse électronique, nom, langue préférée.",
                        "Account: e-mail address, name, preferred language.",
                        "Account: indirizzo e-mail, nome, lingua preferita.",
                    ),
                    (
                        "Projets : les informations que vous saisissez sur vos "
                        "expérimentations, visibles seulement par leurs membres et la "
                        "coordination tant qu'elles ne sont pas publiques.",
                        "Projects: the information you enter about your experiments, visible "
                        "only to their members and the coordinators until they are made "
                        "public.",
                        "Progetti: le informazioni che inserite sulle vostre sperimentazioni, "
                        "visibili solo ai loro membri e al coordinamento finché non sono rese "
                        "pubbliche.",
                    ),
                    (
                        "Aucun traceur publicitaire n'est utilisé ; un seul cookie de session "
                        "et un cookie de langue sont déposés.",
                        "No advertising tracker is used; only a session cookie and a language "
                        "cookie are set.",
                        "Non viene usato alcun tracciatore pubblicitario; vengono impostati "
                        "solo un cookie di sessione e un cookie di lingua.",
                    ),
                ),
            ),
        ),
    )
    return legal, privacy


def fill_home(home: HomePage, take_part: StandardPage, t: Catalogue) -> None:
    """The French home page: the cluster, the seed's key figures, the themes, how to take part."""
    # The cluster's name is a proper noun: the same in every language.
    t(
        "Cluster 05 Innovation Sociale",
        "Cluster 05 Innovation Sociale",
        "Cluster 05 Innovation Sociale",
    )
    t("accueil", "home", "pagina-iniziale")
    body = stream(
        (
            "hero",
            {
                "heading": t(
                    "Coopérer pour faire vivre l'économie sociale et solidaire des Hautes-Alpes",
                    "Cooperating to keep the social and solidarity economy of the Hautes-Alpes "
                    "alive",
                    "Cooperare per far vivere l'economia sociale e solidale delle Hautes-Alpes",
                ),
                "text": t(
                    "Le Cluster 05 Innovation Sociale relie les structures de l'ESS et de "
                    "l'économie de proximité du département pour mutualiser leurs moyens, "
                    "formaliser leurs coopérations et trouver les financements qui les feront "
                    "durer.",
                    "Cluster 05 Social Innovation connects the organisations of the social and "
                    "solidarity economy and of the local economy of the department so that they "
                    "can pool their resources, formalise their cooperation and find the funding "
                    "that will make it last.",
                    "Il Cluster 05 Innovazione Sociale collega le organizzazioni dell'economia "
                    "sociale e solidale e dell'economia di prossimità del dipartimento per "
                    "mettere in comune le loro risorse, formalizzare le loro cooperazioni e "
                    "trovare i finanziamenti che le faranno durare.",
                ),
                "image": {"image": None, "alt_text": "", "decorative": False},
                "action": link(take_part, label=t("Participer", "Take part", "Partecipare")),
            },
        ),
        (
            "key_figures",
            {
                "heading": t(
                    "L'ESS dans les Hautes-Alpes",
                    "The social economy in the Hautes-Alpes",
                    "L'economia sociale nelle Hautes-Alpes",
                ),
                "figures": items(
                    {
                        "value": t("850", "850", "850"),
                        "label": t(
                            "établissements employeurs",
                            "employer establishments",
                            "stabilimenti datori di lavoro",
                        ),
                    },
                    {
                        "value": t("6 381", "6,381", "6.381"),
                        "label": t(
                            "emplois salariés", "salaried jobs", "posti di lavoro dipendente"
                        ),
                    },
                    {
                        "value": t("près de 20 %", "close to 20%", "quasi il 20%"),
                        "label": t(
                            "des emplois privés du département",
                            "of the department's private jobs",
                            "dei posti di lavoro privati del dipartimento",
                        ),
                    },
                ),
                "source": t(
                    "Source : Insee, Clap 2015.",
                    "Source: Insee, Clap 2015.",
                    "Fonte: Insee, Clap 2015.",
                ),
            },
        ),
        (
            "rich_text",
            t.paragraphs(
                (
                    "Territoire de montagne, enclavé et faiblement peuplé, les Hautes-Alpes "
                    "reposent sur une économie de proximité qui fournit des emplois non "
                    "délocalisables et des services aux habitants comme aux touristes. Ces "
                    "innovations sociales restent pourtant fragiles : elles manquent de temps "
                    "d'ingénierie, d'appui juridique, de visibilité et de financements "
                    "diversifiés.",
                    "A mountain territory, isolated and sparsely populated, the Hautes-Alpes rely "
                    "on a local economy that provides jobs that cannot be moved elsewhere and "
                    "services to residents and tourists alike. Yet these social innovations "
                    "remain fragile: they lack engineering time, legal support, visibility and "
                    "diversified funding.",
                    "Territorio di montagna, isolato e poco popolato, le Hautes-Alpes si reggono "
                    "su un'economia di prossimità che offre posti di lavoro non delocalizzabili e "
                    "servizi agli abitanti come ai turisti. Queste innovazioni sociali restano "
                    "però fragili: mancano di tempo di ingegneria, di supporto giuridico, di "
                    "visibilità e di finanziamenti diversificati.",
                ),
            ),
        ),
        (
            "featured_links",
            {
                "heading": t(
                    "Six domaines de coopération",
                    "Six fields of cooperation",
                    "Sei ambiti di cooperazione",
                ),
                "intro": t(
                    "Les groupes de travail formalisent et expérimentent la mutualisation sur cinq "
                    "thématiques, puis l'appui en ingénierie aux projets inter-structures.",
                    "The working groups formalise and try out pooling on five themes, then "
                    "engineering support for projects between organisations.",
                    "I gruppi di lavoro formalizzano e sperimentano la mutualizzazione su cinque "
                    "temi, poi il supporto di ingegneria ai progetti tra organizzazioni.",
                ),
                "items": items(
                    {
                        "title": t(
                            "Locaux et matériels", "Premises and equipment", "Locali e attrezzature"
                        ),
                        "text": t(
                            "Partager des lieux, des véhicules et des équipements.",
                            "Sharing places, vehicles and equipment.",
                            "Condividere luoghi, veicoli e attrezzature.",
                        ),
                        "link": link(),
                    },
                    {
                        "title": t(
                            "Communication et échanges",
                            "Communication and exchanges",
                            "Comunicazione e scambi",
                        ),
                        "text": t(
                            "Mutualiser la communication interne et externe.",
                            "Pooling internal and external communication.",
                            "Mettere in comune la comunicazione interna ed esterna.",
                        ),
                        "link": link(),
                    },
                    {
                        "title": t(
                            "Compétences, emploi et formation",
                            "Skills, employment and training",
                            "Competenze, occupazione e formazione",
                        ),
                        "text": t(
                            "Partager des compétences, des emplois et des formations.",
                            "Sharing skills, jobs and training.",
                            "Condividere competenze, posti di lavoro e formazione.",
                        ),
                        "link": link(),
                    },
                    {
                        "title": t(
                            "Diversification financière",
                            "Financial diversification",
                            "Diversificazione finanziaria",
                        ),
                        "text": t(
                            "Hybrider les ressources : trésorerie mutualisée, financement "
                            "participatif, mécénat, fondations, projets européens.",
                            "Hybrid resources: pooled treasury, crowdfunding, corporate "
                            "sponsorship, foundations, European projects.",
                            "Ibridare le risorse: tesoreria condivisa, crowdfunding, "
                            "mecenatismo, fondazioni, progetti europei.",
                        ),
                        "link": link(),
                    },
                    {
                        "title": t(
                            "Projets communs décloisonnés",
                            "Cross-sector joint projects",
                            "Progetti comuni intersettoriali",
                        ),
                        "text": t(
                            "Sortir des silos pour mieux répondre aux besoins des habitants.",
                            "Leaving silos behind to better meet the needs of residents.",
                            "Uscire dai compartimenti stagni per rispondere meglio ai bisogni "
                            "degli abitanti.",
                        ),
                        "link": link(),
                    },
                    {
                        "title": t(
                            "Appui en ingénierie", "Engineering support", "Supporto di ingegneria"
                        ),
                        "text": t(
                            "Expérimenter des formes d'appui aux projets de coopération "
                            "inter-structures.",
                            "Trying out ways to support cooperation projects between "
                            "organisations.",
                            "Sperimentare forme di supporto ai progetti di cooperazione tra "
                            "organizzazioni.",
                        ),
                        "link": link(),
                    },
                ),
            },
        ),
        (
            "call_to_action",
            {
                "heading": t(
                    "Votre structure coopère déjà ?",
                    "Is your organisation already cooperating?",
                    "La vostra organizzazione coopera già?",
                ),
                "text": t(
                    "Rejoignez un groupe de travail, partagez vos pratiques et proposez une "
                    "expérimentation : le cluster vous aide à la formaliser et à la financer.",
                    "Join a working group, share your practices and propose an experiment: the "
                    "cluster helps you formalise and fund it.",
                    "Entrate in un gruppo di lavoro, condividete le vostre pratiche e proponete "
                    "una sperimentazione: il cluster vi aiuta a formalizzarla e finanziarla.",
                ),
                "link": link(
                    take_part, label=t("Comment participer", "How to take part", "Come partecipare")
                ),
            },
        ),
    )
    description = t(
        "La plate-forme de coopération de l'économie sociale et solidaire des Hautes-Alpes.",
        "The cooperation platform of the social and solidarity economy of the Hautes-Alpes.",
        "La piattaforma di cooperazione dell'economia sociale e solidale delle Hautes-Alpes.",
    )
    if not home.body:
        home.title = "Cluster 05 Innovation Sociale"
        home.slug = "accueil"
        home.body = body
        home.search_description = description
        home.save_revision().publish()


# Parts of the platform outside the page tree that the demo menu links to (see home/areas.py).
MENU_AREAS = ("sharing_board",)


def main_menu(pages: list[Page]) -> None:
    """The French menu, created once then completed with new demo pages, and its translations."""
    t = Catalogue()
    menu = MainMenu.objects.filter(locale=Locale.get_default()).first()
    t("Menu principal", "Main menu", "Menu principale")
    changed = menu is None
    if menu is None:
        menu = MainMenu(name="Menu principal", locale=Locale.get_default())
        menu.items = stream()
        menu.save()
    links = [b.value for b in menu.items if b.block_type == "link"]
    present = {value["page"].pk for value in links if value["page"]}
    missing = [page for page in pages if page.pk not in present]
    areas_present = {b.value["area"] for b in menu.items if b.block_type == "area"}
    missing_areas = [key for key in MENU_AREAS if key not in areas_present]
    if missing or missing_areas:
        raw = [{"type": b["type"], "value": b["value"]} for b in menu.items.raw_data]
        raw += [{"type": "link", "value": link(page)} for page in missing]
        raw += [{"type": "area", "value": {"area": key, "label": ""}} for key in missing_areas]
        menu.items = json.dumps(raw)
        menu.save()
        changed = True
    for code in t.languages:
        locale = Locale.objects.get(language_code=code)
        if changed or menu.get_translation_or_none(locale) is None:
            # Menus link pages: the translation points at each page's translation.
            translate_instance(menu, code, t.for_language(code))


def load() -> dict[str, Page]:
    """Create the editorial shell of the demo. Safe to run again: creates only what is missing.

    No enclosing transaction: wagtail-localize publishes translations on commit, from page
    instances whose tree counters would then be stale (a translated parent would lose track of
    its children). Each step commits on its own and the loader is idempotent.
    """
    t = Catalogue()
    home = french_home()
    take_part = take_part_page(home, t)
    legal, privacy = legal_pages(home, t)
    fill_home(home.specific, take_part, t)
    translate_everywhere(french_home(), t)
    for page in (take_part, legal, privacy):
        translate_everywhere(page, t)
    settings_ = SiteSettings.load()
    if not settings_.contact_email:
        settings_.contact_email = "contact@udess05.example.org"
        settings_.postal_address = "Udess 05\n05000 Gap"
        settings_.legal_notice_page = legal
        settings_.privacy_page = privacy
        settings_.save()
    return {"home": french_home().specific, "take_part": take_part}
