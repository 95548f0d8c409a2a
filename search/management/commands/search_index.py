"""`manage.py search_index --rebuild`: index every document again, with zero downtime."""

from django.core.management.base import BaseCommand

from search.backends import get_backend
from search.services import rebuild_index


class Command(BaseCommand):
    """Rebuild the site search's index (database or Elasticsearch, whichever is configured)."""

    help = (
        "Rebuild the search index: on Elasticsearch a new index is bulk-loaded then the alias is "
        "swapped; on the database the entries are replaced in one transaction."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--rebuild", action="store_true", help="Index every document again")

    def handle(self, *args, rebuild: bool = False, **options) -> None:
        backend = get_backend()
        if rebuild:
            count = rebuild_index()
            self.stdout.write(f"Indexed {count} documents ({backend.name}).")
        else:
            self.stdout.write(f"{backend.count()} documents in the index ({backend.name}).")
