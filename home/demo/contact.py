"""The contact page: a form built with Wagtail's form builder, in French, English and Italian."""

from home.demo.i18n import Catalogue
from home.demo.pages import child_by_slug, create_child, translate_everywhere
from home.models import FormField, FormPage, HomePage, SiteSettings


def lines(t: Catalogue, fr: str, en: str, it: str) -> str:
    """A multi-line text: wagtail-localize shows its line breaks as <br/> to translators."""
    t(*(value.replace("\n", "<br/>") for value in (fr, en, it)))
    return t(fr, en, it)


def contact_fields(t: Catalogue) -> list[FormField]:
    return [
        FormField(
            label=t("Nom et prénom", "Full name", "Nome e cognome"),
            clean_name="nom",
            field_type="singleline",
            required=True,
        ),
        FormField(
            label=t("Adresse e-mail", "E-mail address", "Indirizzo e-mail"),
            clean_name="email",
            field_type="email",
            required=True,
            help_text=t(
                "Pour vous répondre ; elle n'est jamais publiée.",
                "To answer you; it is never published.",
                "Per rispondervi; non viene mai pubblicato.",
            ),
        ),
        FormField(
            label=t("Structure", "Organisation", "Organizzazione"),
            clean_name="structure",
            field_type="singleline",
            required=False,
        ),
        FormField(
            label=t("Objet", "Subject", "Oggetto"),
            clean_name="objet",
            field_type="dropdown",
            required=True,
            choices=lines(
                t,
                "Rejoindre le cluster\nProposer un échange d'expériences\nProposer une "
                "expérimentation\nAutre question",
                "Join the cluster\nPropose an exchange of experience\nPropose an "
                "experiment\nAnother question",
                "Aderire al cluster\nProporre uno scambio di esperienze\nProporre una "
                "sperimentazione\nAltra domanda",
            ),
        ),
        FormField(
            label=t("Message", "Message", "Messaggio"),
            clean_name="message",
            field_type="multiline",
            required=True,
        ),
    ]


def load(network: dict, home: HomePage) -> list:
    """The contact page and its translations; returns the menu page."""
    t = Catalogue()
    slug = t("contact", "contact", "contatti")
    title = t("Contact", "Contact", "Contatti")
    intro = t.paragraphs(
        (
            "Une question sur le cluster, envie de rejoindre un groupe de travail ou de proposer "
            "un échange d'expériences ? Écrivez-nous : l'équipe de l'Udess 05 vous répond.",
            "A question about the cluster, or would you like to join a working group or propose "
            "an exchange of experience? Write to us: the Udess 05 team will answer you.",
            "Una domanda sul cluster, volete entrare in un gruppo di lavoro o proporre uno "
            "scambio di esperienze? Scriveteci: il gruppo dell'Udess 05 vi risponderà.",
        ),
    )
    thanks = t.paragraphs(
        (
            "Merci, votre message est bien arrivé. Nous vous répondons en général sous une "
            "semaine.",
            "Thank you, your message has arrived. We usually answer within a week.",
            "Grazie, il vostro messaggio è arrivato. Di solito rispondiamo entro una settimana.",
        ),
    )
    subject = t(
        "Nouveau message reçu par le formulaire de contact",
        "New message from the contact form",
        "Nuovo messaggio dal modulo di contatto",
    )
    fields = contact_fields(t)
    page = child_by_slug(home, slug)
    if page is None:
        page = create_child(
            home,
            FormPage(
                slug=slug,
                title=title,
                intro=intro,
                thank_you_text=thanks,
                to_address=SiteSettings.load().contact_email or "contact@udess05.example.org",
                subject=subject,
                form_fields=fields,
            ),
        )
    translate_everywhere(page.specific, t)
    return [page.specific]
