"""List the sharing posts and public experiments whose public text gives contact details."""

from django.core.management.base import BaseCommand

from core.contact_details import find_contact_details
from projects.experiments.models import Experiment
from projects.sharing.models import SharingPost

POST_FIELDS = ("title", "description", "terms_note")
EXPERIMENT_FIELDS = ("title", "summary")


class Command(BaseCommand):
    help = (
        "List the sharing posts (in any state but withdrawn) and the public experiments whose "
        "public text contains an e-mail address or a phone number, written before such text was "
        "refused: the moderators hide the post or ask its organisation to edit it. Changes "
        "nothing."
    )

    def handle(self, *args, **options):
        found = 0
        posts = (
            SharingPost.objects.exclude(state=SharingPost.State.WITHDRAWN)
            .select_related("organisation")
            .only("pk", "state", "organisation__name", *POST_FIELDS)
            .order_by("pk")
        )
        for post in posts.iterator():
            found += self.report(
                f"post {post.pk} ({post.state}, {post.organisation.name})", post, POST_FIELDS
            )
        experiments = Experiment.objects.public().only("pk", *EXPERIMENT_FIELDS).order_by("pk")
        for experiment in experiments.iterator():
            found += self.report(f"experiment {experiment.pk}", experiment, EXPERIMENT_FIELDS)
        self.stdout.write(f"{found} text(s) with contact details.")

    def report(self, label: str, instance, fields) -> int:
        count = 0
        for field in fields:
            details = find_contact_details(getattr(instance, field) or "")
            if details:
                count += 1
                self.stdout.write(f"{label}, {field}: {', '.join(details)}")
        return count
