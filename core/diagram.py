"""State diagrams of the workflows (Mermaid), drawn from their declarations and kept in
docs/workflow.md: one edge per source of each `@transition`, labelled with who runs it (the
`who` of its `Rule`)."""

import re
from pathlib import Path

from django.conf import settings
from django.utils.module_loading import import_string
from django_fsm import FSMFieldMixin

from core.workflow.declarations import declarations

BEGIN = "<!-- BEGIN GENERATED {name} -->"
END = "<!-- END GENERATED {name} -->"


def initial_state(model) -> str:
    """The state a new object starts in: the default of the model's django-fsm field."""
    field = next(f for f in model._meta.concrete_fields if isinstance(f, FSMFieldMixin))
    return str(field.get_default())


def mermaid(model) -> str:
    """A Mermaid `stateDiagram-v2` of the model's workflow, each edge labelled with who runs it."""
    lines = ["```mermaid", "stateDiagram-v2", f"    [*] --> {initial_state(model)}"]
    for declaration in declarations(model):
        who = declaration.rule.who if declaration.rule else ""
        label = f"{declaration.name} ({who})" if who else declaration.name
        for source in declaration.sources:
            lines.append(f"    {source} --> {declaration.target}: {label}")
    lines.append("```")
    return "\n".join(lines)


def docs_path() -> Path:
    return Path(settings.BASE_DIR) / "docs" / "workflow.md"


def replace_section(text: str, name: str, content: str) -> str:
    begin, end = BEGIN.format(name=name), END.format(name=name)
    block = f"{begin}\n{content}\n{end}"
    pattern = re.compile(re.escape(begin) + ".*?" + re.escape(end), re.S)
    if pattern.search(text):
        return pattern.sub(lambda _m: block, text)
    return text.rstrip() + "\n\n" + block + "\n"


def current_section(text: str, name: str) -> str | None:
    begin, end = BEGIN.format(name=name), END.format(name=name)
    match = re.search(re.escape(begin) + r"\n(.*?)\n" + re.escape(end), text, re.S)
    return match.group(1) if match else None


def diagrams() -> dict[str, str]:
    """Every workflow diagram of the platform, by section name, from the providers named in the
    ``WORKFLOW_DIAGRAMS`` setting (each returns ``{section: mermaid}``)."""
    found: dict[str, str] = {}
    for provider in settings.WORKFLOW_DIAGRAMS:
        found.update(import_string(provider)())
    return found
