"""The people and objects the permission matrix (tests/test_permission_matrix.py) is checked on.

Built on the demo data: Julien Roux (porteur@) leads the private experiment "Atelier partagé de
réparation à Embrun" where Élodie Garcin (partenaire@) is a partner; the staff accounts come
from the demo too; "outsider" is a member of an organisation unrelated to all of it.
"""

import io
from dataclasses import dataclass, field

from django.contrib.auth.models import AnonymousUser
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

import funding.dossiers.services as dossiers
import projects.experiments.services as services
import projects.network.services as network_services
import projects.sharing.services as sharing
from accounts.models import Notification, User
from funding.catalogue.models import FundingCall
from funding.dossiers.models import FunderMembership, FundingApplication, ReviewProcess
from projects.experiments.models import Experiment
from projects.network.models import OrganisationMembership
from tests.factories import OrganisationFactory, UserFactory, member_of, sharing_post

ROLES = (
    "anonymous",
    "outsider",
    "partner",
    "lead",
    "coordinator",
    "editor",
    "moderator",
    "reviewer_a",
    "reviewer_b",
    "pending",
    "org_admin",
)

DEMO_EMAILS = {
    "partner": "partenaire@example.org",
    "lead": "porteur@example.org",
    "coordinator": "coordination@example.org",
    "editor": "redaction@example.org",
    "moderator": "relecture@example.org",
    "reviewer_a": "financeur@example.org",
    "reviewer_b": "financeur2@example.org",
}

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def _png() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 120, 40)).save(buffer, "PNG")
    return SimpleUploadedFile("remorque.png", buffer.getvalue(), content_type="image/png")


@dataclass
class World:
    users: dict
    objects: dict = field(default_factory=dict)

    def user(self, role: str):
        return self.users[role]

    def __getattr__(self, name):
        try:
            return self.objects[name]
        except KeyError:
            raise AttributeError(name) from None


def build_world() -> World:
    users = {role: User.objects.get(email=email) for role, email in DEMO_EMAILS.items()}
    users["anonymous"] = AnonymousUser()
    users["outsider"] = member_of(
        OrganisationFactory(name="Structure sans lien"), email="outsider@example.org"
    )
    lead, partner = users["lead"], users["partner"]

    experiment = Experiment.objects.get(title="Atelier partagé de réparation à Embrun")
    lead_organisation = experiment.lead_organisation
    users["org_admin"] = UserFactory(email="org-admin@example.org")
    OrganisationMembership.objects.create(
        user=users["org_admin"],
        organisation=lead_organisation,
        role=OrganisationMembership.Role.ADMIN,
    )
    users["pending"] = UserFactory(email="pending@example.org")
    membership_request = network_services.ask_to_join(lead_organisation, by=users["pending"])
    lead_membership = OrganisationMembership.objects.create(
        user=UserFactory(email="org-member@example.org"), organisation=lead_organisation
    )
    public = Experiment.objects.public().order_by("pk").first()
    document = services.add_document(
        experiment,
        by=lead,
        title="Convention de partenariat",
        uploaded=SimpleUploadedFile("convention.pdf", PDF, content_type="application/pdf"),
    )
    invitation = services.invite(by=lead, email="invitee@example.org", experiment=experiment)
    notification = Notification.objects.create(
        recipient=lead,
        title="Une notification",
        url=f"/fr/mon-espace/experimentations/{experiment.pk}/",
    )

    serres = OrganisationMembership.objects.get(user=partner).organisation
    gsa = OrganisationMembership.objects.get(user=lead, organisation__name="GSA 05").organisation
    post = sharing_post(partner, serres, title="Remorque bâchée à prêter")
    photo = sharing.add_photo(post, by=partner, uploaded=_png(), alt_text="La remorque")
    conversation = sharing.reply_to_post(
        post, by=lead, organisation=gsa, body="Bonjour, est-elle libre samedi ?"
    )
    report = sharing.report(by=lead, post=post, reason="spam")
    call = FundingCall.objects.canonical().not_closed().order_by("pk").first()

    # Dossiers of the demo: the pooled treasury, led by Julien, under review at France Active
    # (reviewer_a's funder); a draft at Fondation de France (reviewer_b's) never submitted.
    funder_a = FunderMembership.objects.get(user=users["reviewer_a"]).funder
    funder_b = FunderMembership.objects.get(user=users["reviewer_b"]).funder
    dossier = FundingApplication.objects.get(
        call__source__funder=funder_a,
        state=FundingApplication.State.UNDER_REVIEW,
        experiment__title__startswith="Trésorerie",
    )
    draft = FundingApplication.objects.filter(
        call__source__funder=funder_b, state=FundingApplication.State.DRAFT
    ).first()
    # Funder A's own review process, copied from a preset (the presets have no funder).
    preset = ReviewProcess.objects.get(funder=None, preset="screening_review_committee")
    process_a = dossiers.copy_review_process(
        preset, funder=funder_a, name="Processus du financeur A", by=users["reviewer_a"]
    )
    version = dossier.versions.order_by("number").first()
    version_document = version.documents.order_by("pk").first()
    dossier_document = dossier.documents.order_by("pk").first()
    return World(
        users=users,
        objects={
            "experiment": experiment,
            "lead_organisation": lead_organisation,
            "membership_request": membership_request,
            "org_membership": lead_membership,
            "public_experiment": public,
            "document": document,
            "invitation": invitation,
            "notification": notification,
            "post": post,
            "photo": photo,
            "conversation": conversation,
            "report": report,
            "call": call,
            "dossier": dossier,
            "draft": draft,
            "preset": preset,
            "process_a": process_a,
            "version": version,
            "version_document": version_document,
            "dossier_document": dossier_document,
        },
    )
