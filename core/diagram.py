"""State diagrams generated from django-fsm transitions (Mermaid), kept in docs/workflow.md."""

import re
from pathlib import Path

from django.conf import settings

BEGIN = "<!-- BEGIN GENERATED {name} -->"
END = "<!-- END GENERATED {name} -->"


def transitions_of(model, names: list[str]) -> list[tuple[str, str, str]]:
    """(source, target, transition) for each named transition method, in order."""
    edges = []
    for name in names:
        meta = getattr(model, name)._django_fsm
        for source, transition in meta.transitions.items():
            edges.append((str(source), str(transition.target), name))
    return edges


def mermaid(model, names: list[str], roles: dict[str, str], initial: str) -> str:
    """A Mermaid `stateDiagram-v2` of the model's workflow, each edge labelled with who runs it."""
    lines = ["```mermaid", "stateDiagram-v2", f"    [*] --> {initial}"]
    for source, target, name in transitions_of(model, names):
        role = roles.get(name, "")
        label = f"{name} ({role})" if role else name
        lines.append(f"    {source} --> {target}: {label}")
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
    for extra in settings.WORKFLOW_DIAGRAMS:
        module_name, func = extra.rsplit(".", 1)
        module = __import__(module_name, fromlist=[func])
        found.update(getattr(module, func)())
    return found
