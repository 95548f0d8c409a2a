"""Write the workflow diagrams of docs/workflow.md from the code (or check they are current)."""

from django.core.management.base import BaseCommand, CommandError

from core.diagram import current_section, diagrams, docs_path, replace_section


class Command(BaseCommand):
    help = "Regenerate the state diagrams in docs/workflow.md from the django-fsm transitions."

    def add_arguments(self, parser):
        parser.add_argument(
            "--check", action="store_true", help="Fail if docs/workflow.md is out of date."
        )

    def handle(self, *args, check: bool = False, **options):
        path = docs_path()
        text = path.read_text(encoding="utf-8") if path.exists() else "# Workflows\n"
        stale = [
            name for name, content in diagrams().items() if current_section(text, name) != content
        ]
        if check:
            if stale:
                raise CommandError(
                    f"docs/workflow.md is out of date ({', '.join(stale)}): "
                    "run `python manage.py workflow_diagram`."
                )
            self.stdout.write("docs/workflow.md is up to date.")
            return
        for name, content in diagrams().items():
            text = replace_section(text, name, content)
        path.write_text(text, encoding="utf-8")
        self.stdout.write(self.style.SUCCESS(f"Wrote {path} ({len(diagrams())} diagram(s))."))
