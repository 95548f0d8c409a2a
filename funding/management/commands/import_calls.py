"""`manage.py import_calls FILE [--source NAME]`: import funding calls from a JSON or CSV file
in the shape of the Aides-territoires API (docs/funding.md)."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from funding.catalogue.importing import (
    AIDES_TERRITOIRES_URL,
    DEFAULT_SOURCE_NAME,
    MalformedFile,
    import_records,
    read_records,
)


class Command(BaseCommand):
    """Create, update or keep each call of the file, idempotently by (source, record id); list
    what was rejected and why. A malformed file imports nothing and exits with status 1."""

    help = (
        "Import funding calls from a JSON ({'results': [...]}) or CSV file shaped like the "
        "Aides-territoires API. Running it again with the same file changes nothing."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", help="A .json or .csv file.")
        parser.add_argument(
            "--source",
            default=DEFAULT_SOURCE_NAME,
            help=f"Name of the data source, part of each call's identity ({DEFAULT_SOURCE_NAME}).",
        )
        parser.add_argument(
            "--format", choices=["json", "csv"], help="Read as this format (else by extension)."
        )
        parser.add_argument(
            "--licence", default="", help="Licence of the data, for records without their own."
        )
        parser.add_argument(
            "--base-url",
            default=None,
            help="Site that relative record addresses (`url`) belong to "
            f"({AIDES_TERRITOIRES_URL} for aides-territoires).",
        )

    def handle(self, *args, **options) -> None:
        # One language for the whole report, validation messages included.
        with translation.override("en"):
            self.import_file(options)

    def import_file(self, options: dict) -> None:
        try:
            records = read_records(options["file"], options["format"])
        except MalformedFile as error:
            raise CommandError(f"Nothing imported: {error}") from error
        base_url = options["base_url"]
        if base_url is None:
            base_url = AIDES_TERRITOIRES_URL if options["source"] == DEFAULT_SOURCE_NAME else ""
        report = import_records(
            records, source_name=options["source"], licence=options["licence"], base_url=base_url
        )
        for outcome in report.outcomes:
            line = f"{outcome.status:<9} {outcome.where:<11} id={outcome.external_id or '?'}"
            if outcome.name:
                line += f"  {outcome.name}"
            if outcome.reason:
                line += f"  — {outcome.reason}"
                self.stderr.write(line)
            else:
                self.stdout.write(line)
        counts = report.counts
        self.stdout.write(
            self.style.SUCCESS(
                f"{counts['created']} created, {counts['updated']} updated, "
                f"{counts['unchanged']} unchanged, {counts['rejected']} rejected."
            )
        )
