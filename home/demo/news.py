"""The news of the demo, written from the seed's facts. Dates are relative to the loading day;
pages are keyed on their slug, so loading again creates nothing.
"""

import datetime
import io
from dataclasses import dataclass

from django.core.files.images import ImageFile
from django.utils import timezone
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images import get_image_model

from home.demo.editorial import PARIS, Text, is_translated, rich_paragraphs, text
from home.demo.i18n import Catalogue
from home.demo.pages import ensure_child, stream, translate_everywhere
from home.models import HomePage, NewsIndexPage, NewsPage


@dataclass
class DemoNews:
    """One piece of news: French texts, or (fr, en, it) triples when the demo translates it."""

    slug: Text
    days: int  # from the loading day, negative
    themes: list[int]
    territories: list[str]
    title: Text
    summary: Text
    body: list[Text]
    image_alt: Text = ""  # given when the demo draws the chart of the ESS's share of jobs


NEWS = [
    DemoNews(
        slug=(
            "ess-pres-de-20-pourcent-emplois-prives",
            "social-economy-close-to-20-percent-private-jobs",
            "ess-quasi-20-per-cento-lavoro-privato",
        ),
        days=-3,
        themes=[5],
        territories=["hautes-alpes"],
        title=(
            "L'ESS, près de 20 % des emplois privés des Hautes-Alpes",
            "The social economy: close to 20% of private jobs in the Hautes-Alpes",
            "L'ESS, quasi il 20% dei posti di lavoro privati delle Hautes-Alpes",
        ),
        summary=(
            "850 établissements employeurs et 6 381 emplois salariés : l'économie sociale et "
            "solidaire pèse lourd dans l'économie de proximité du département.",
            "850 employer establishments and 6,381 salaried jobs: the social and solidarity "
            "economy carries real weight in the department's local economy.",
            "850 stabilimenti datori di lavoro e 6.381 posti di lavoro dipendente: l'economia "
            "sociale e solidale pesa molto nell'economia di prossimità del dipartimento.",
        ),
        body=[
            (
                "Selon l'Insee (Clap 2015), les Hautes-Alpes comptent 850 établissements "
                "employeurs de l'ESS et 6 381 emplois salariés, soit près de 20 % des emplois "
                "privés du département.",
                "According to Insee (Clap 2015), the Hautes-Alpes count 850 employer "
                "establishments of the social economy and 6,381 salaried jobs, close to 20% of "
                "the department's private jobs.",
                "Secondo l'Insee (Clap 2015), le Hautes-Alpes contano 850 stabilimenti datori di "
                "lavoro dell'ESS e 6.381 posti di lavoro dipendente, quasi il 20% dei posti di "
                "lavoro privati del dipartimento.",
            ),
            (
                "Ces emplois ne se délocalisent pas : ils rendent des services aux habitants "
                "permanents comme aux touristes, jusque dans les vallées les moins accessibles.",
                "These jobs cannot be moved elsewhere: they serve permanent residents and "
                "tourists alike, up to the least accessible valleys.",
                "Questi posti di lavoro non si delocalizzano: offrono servizi agli abitanti "
                "permanenti come ai turisti, fino alle valli meno accessibili.",
            ),
        ],
        image_alt=(
            "Diagramme en barre : la part de l'ESS, près d'un cinquième, dans les emplois privés "
            "des Hautes-Alpes.",
            "Bar chart: the social economy's share, close to one fifth, of private jobs in the "
            "Hautes-Alpes.",
            "Grafico a barre: la quota dell'ESS, quasi un quinto, nei posti di lavoro privati "
            "delle Hautes-Alpes.",
        ),
    ),
    DemoNews(
        slug=(
            "enquete-innovations-sociales-fragiles",
            "survey-social-innovations-fragile",
            "indagine-innovazioni-sociali-fragili",
        ),
        days=-16,
        themes=[2, 4, 6],
        territories=["hautes-alpes"],
        title=(
            "Enquête : des innovations sociales nombreuses mais fragiles",
            "Survey: many social innovations, but fragile ones",
            "Indagine: innovazioni sociali numerose ma fragili",
        ),
        summary=(
            "Menée avec l'Agence de développement des Hautes-Alpes et le cabinet CEIS, l'enquête "
            "auprès des structures du département a été présentée au forum de l'ESS 05.",
            "Carried out with the Agence de développement des Hautes-Alpes and the consultancy "
            "CEIS, the survey of the department's organisations was presented at the ESS 05 "
            "forum.",
            "Svolta con l'Agence de développement des Hautes-Alpes e la società di consulenza "
            "CEIS, l'indagine presso le organizzazioni del dipartimento è stata presentata al "
            "forum dell'ESS 05.",
        ),
        body=[
            (
                "Les structures demandent du temps d'ingénierie et d'animation, un appui "
                "juridique, un appui à la communication interne et externe, un soutien politique "
                "et financier, et des sources de financement plus diverses.",
                "Organisations ask for engineering and facilitation time, legal support, support "
                "for internal and external communication, political and financial backing, and "
                "more diverse sources of funding.",
                "Le organizzazioni chiedono tempo di ingegneria e di animazione, supporto "
                "giuridico, supporto alla comunicazione interna ed esterna, sostegno politico e "
                "finanziario e fonti di finanziamento più diversificate.",
            ),
            (
                "Ces besoins ont donné naissance au Cluster 05 Innovation Sociale et à ses "
                "groupes de travail.",
                "These needs gave birth to Cluster 05 Social Innovation and its working groups.",
                "Questi bisogni hanno dato vita al Cluster 05 Innovazione Sociale e ai suoi "
                "gruppi di lavoro.",
            ),
        ],
    ),
    DemoNews(
        slug=("lancement-cluster-05-is", "cluster-05-is-launched", "avvio-cluster-05-is"),
        days=-40,
        themes=[1, 2, 3, 4, 5, 6],
        territories=["hautes-alpes"],
        title=(
            "Le Cluster 05 Innovation Sociale est lancé",
            "Cluster 05 Social Innovation is launched",
            "Il Cluster 05 Innovazione Sociale è avviato",
        ),
        summary=(
            "Animé par l'Udess 05, le cluster relie les structures qui coopèrent déjà pour "
            "formaliser, expérimenter et financer de nouvelles coopérations.",
            "Run by Udess 05, the cluster connects the organisations that already cooperate to "
            "formalise, try out and fund new cooperation.",
            "Animato dall'Udess 05, il cluster collega le organizzazioni che già cooperano per "
            "formalizzare, sperimentare e finanziare nuove cooperazioni.",
        ),
        body=[
            (
                "Cinq thématiques sont ouvertes : locaux et matériels, communication et "
                "échanges, compétences, emploi et formation, diversification financière, projets "
                "communs décloisonnés. L'appui en ingénierie suivra dans un deuxième temps.",
                "Five themes are open: premises and equipment, communication and exchanges, "
                "skills, employment and training, financial diversification, cross-sector joint "
                "projects. Engineering support will follow in a second phase.",
                "Cinque temi sono aperti: locali e attrezzature, comunicazione e scambi, "
                "competenze, occupazione e formazione, diversificazione finanziaria, progetti "
                "comuni intersettoriali. Il supporto di ingegneria seguirà in una seconda fase.",
            ),
            (
                "Un comité de pilotage interinstitutionnel accompagne les groupes de travail.",
                "An inter-institutional steering committee supports the working groups.",
                "Un comitato di pilotaggio interistituzionale accompagna i gruppi di lavoro.",
            ),
        ],
    ),
    DemoNews(
        slug="six-mini-guides-en-preparation",
        days=-65,
        themes=[1, 2, 3, 4, 5, 6],
        territories=["hautes-alpes"],
        title="Six mini-guides de la coopération en préparation",
        summary="Un guide par domaine de coopération, écrit collectivement à partir des travaux existants.",
        body=[
            "Chaque mini-guide analysera les alternatives possibles, des expériences inspirantes "
            "d'ailleurs et les initiatives en cours dans les Hautes-Alpes.",
            "Les groupes de travail en relisent les premières versions avant leur publication "
            "sur la plate-forme.",
        ],
    ),
    DemoNews(
        slug="stagiaire-master-capitalisation",
        days=-90,
        themes=[6],
        territories=["hautes-alpes"],
        title="Un stagiaire de master pour capitaliser les expériences",
        summary="Pendant quatre mois, un étudiant en master 1 recueille et met en forme les expériences de coopération du département.",
        body=[
            "Entretiens avec les structures, visites et fiches de capitalisation : ce travail "
            "nourrira les mini-guides et les échanges d'expériences.",
        ],
    ),
    DemoNews(
        slug="hors-pistes-40-projets-citoyens",
        days=-130,
        themes=[4, 5],
        territories=["hautes-alpes"],
        title="Hors-Pistes : 40 projets citoyens soutenus en cinq ans",
        summary="Le programme de la Fondation de France a accompagné 40 projets citoyens innovants dans les Hautes-Alpes.",
        body=[
            "Ces projets montrent la capacité des habitants et des structures du département à "
            "innover pour répondre aux besoins. Plusieurs d'entre eux participent au cluster.",
        ],
    ),
    DemoNews(
        slug="candidature-territoire-french-impact",
        days=-170,
        themes=[5, 6],
        territories=["hautes-alpes"],
        title="Les Hautes-Alpes candidates au label « Territoire French Impact »",
        summary="Le cluster porte la candidature du département à ce label national de l'innovation sociale.",
        body=[
            "La candidature s'appuie sur la dynamique collective de l'Udess 05, ses 70 membres "
            "et ses 13 forums annuels.",
        ],
    ),
    DemoNews(
        slug="trois-experimentations-de-cooperation",
        days=-210,
        themes=[1, 3, 5],
        territories=["hautes-alpes", "gap", "briancon"],
        title="Trois nouvelles expérimentations de coopération en préparation",
        summary="Les groupes de travail formalisent trois expérimentations et cherchent leurs financements.",
        body=[
            "Locaux partagés, emploi mutualisé, projet commun entre structures de secteurs "
            "différents : chaque expérimentation réunit au moins deux structures.",
        ],
    ),
]

CHART_TITLE = "Part de l'ESS dans les emplois privés des Hautes-Alpes"


def share_chart() -> object:
    """A bar chart of the ESS's share of private jobs (drawn once, found by title afterwards)."""
    Image = get_image_model()
    image = Image.objects.filter(title=CHART_TITLE).first()
    if image is None:
        canvas = PILImage.new("RGB", (1200, 675), "#f2f6f7")
        draw = ImageDraw.Draw(canvas)
        draw.rectangle((100, 260, 1100, 420), fill="#c9d3d8")
        draw.rectangle((100, 260, 300, 420), fill="#9c3d12")  # a fifth of the bar
        buffer = io.BytesIO()
        canvas.save(buffer, format="PNG")
        image = Image(title=CHART_TITLE)
        image.file = ImageFile(buffer, name="part-ess-emplois-prives.png")
        image.save()
    return image


def ensure_news(index: NewsIndexPage, item: DemoNews, network: dict, t: Catalogue) -> NewsPage:
    slug = text(item.slug, t)
    fields = {
        "title": text(item.title, t),
        "summary": text(item.summary, t),
        "body": stream(("rich_text", rich_paragraphs(item.body, t))),
        "image_alt": text(item.image_alt, t) if item.image_alt else "",
    }
    existing = index.get_children().filter(slug=slug).first()
    if existing is not None:
        return existing.specific
    return ensure_child(
        index,
        NewsPage,
        slug=slug,
        date=timezone.localdate(timezone=PARIS) + datetime.timedelta(days=item.days),
        themes=[network["themes"][number] for number in item.themes],
        territories=[network["territories"][slug] for slug in item.territories],
        image=share_chart() if item.image_alt else None,
        **fields,
    )


def load(network: dict, home: HomePage) -> list:
    """The news index with its translations and the demo news; returns the menu page."""
    t = Catalogue()
    index = ensure_child(
        home,
        NewsIndexPage,
        slug=t("actualites", "news", "notizie"),
        title=t("Actualités", "News", "Notizie"),
        intro=t(
            "Les nouvelles du Cluster 05 Innovation Sociale et de l'économie sociale et solidaire "
            "des Hautes-Alpes.",
            "News of Cluster 05 Social Innovation and of the social and solidarity economy of the "
            "Hautes-Alpes.",
            "Le notizie del Cluster 05 Innovazione Sociale e dell'economia sociale e solidale "
            "delle Hautes-Alpes.",
        ),
    )
    translate_everywhere(index, t)
    for item in NEWS:
        item_catalogue = Catalogue()
        page = ensure_news(index, item, network, item_catalogue)
        if is_translated(item.slug, item.title, item.summary, *item.body):
            translate_everywhere(page, item_catalogue)
    return [index]
