"""axe-core in the browser tests: where it is installed, how it runs, how its findings read.

axe-core comes from npm, pinned in the Makefile (`make axe` installs it under var/node, which
`make test` and `.ci/run` do when it is missing). Without it the accessibility tests are
skipped with the reason, or fail under REQUIRE_BROWSER=1, like the other browser tests.
"""

import os
from pathlib import Path

from django.conf import settings

AXE_PATH = Path(
    os.environ.get(
        "AXE_CORE_PATH", Path(settings.BASE_DIR) / "var/node/node_modules/axe-core/axe.min.js"
    )
)

# RGAA 4.1 follows WCAG 2.1 level AA: these are axe's tags for the rules of those levels.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# axe rates each violation minor, moderate, serious or critical; the pages must have none of
# the last two.
BLOCKING_IMPACTS = {"serious", "critical"}


def install_axe(context, source: str) -> None:
    """Load axe into every page of a browser context before the page's own scripts.

    An init script goes through the DevTools protocol, not through a <script> element, so a
    Content-Security-Policy without inline scripts does not block it.
    """
    context.add_init_script(script=source)


def run_axe(tab, tags: list[str] | None = None) -> list[dict]:
    """Run axe on the whole document of a tab; return its violations (every impact)."""
    options = {
        "runOnly": {"type": "tag", "values": tags or WCAG_TAGS},
        "resultTypes": ["violations"],
    }
    return tab.evaluate(
        """async (options) => {
            if (typeof axe === "undefined") { throw new Error("axe-core is not loaded"); }
            const results = await axe.run(document, options);
            return results.violations;
        }""",
        options,
    )


def blocking(violations: list[dict]) -> list[dict]:
    return [v for v in violations if v.get("impact") in BLOCKING_IMPACTS]


def describe(violations: list[dict], url: str) -> str:
    """A readable report: each rule, why it matters, and every element that breaks it."""
    lines = [f"{len(violations)} accessibility violation(s) on {url}:"]
    for violation in violations:
        lines.append(
            f"\n[{violation['impact']}] {violation['id']}: {violation['help']}"
            f"\n    {violation['helpUrl']}"
        )
        for node in violation["nodes"]:
            target = " ".join(str(part) for part in node.get("target", []))
            lines.append(f"  - {target}\n      {node.get('html', '')[:200]}")
            summary = (node.get("failureSummary") or "").replace("\n", "\n        ")
            if summary:
                lines.append(f"        {summary}")
    return "\n".join(lines)


# axe leaves these as "incomplete" (the element might be added later); on a rendered page a
# missing target means a lost label or help text.
DANGLING_REFERENCES = """() => {
    const problems = [];
    const attributes = ["aria-describedby", "aria-labelledby", "aria-controls", "aria-owns"];
    for (const attribute of attributes) {
        for (const element of document.querySelectorAll(`[${attribute}]`)) {
            for (const id of element.getAttribute(attribute).split(/\\s+/).filter(Boolean)) {
                if (!document.getElementById(id)) {
                    problems.push(`${attribute}="${id}" on ${element.outerHTML.slice(0, 160)}`);
                }
            }
        }
    }
    for (const label of document.querySelectorAll("label[for]")) {
        if (!document.getElementById(label.htmlFor)) {
            problems.push(`label for="${label.htmlFor}" names no element`);
        }
    }
    return problems;
}"""


def dangling_references(tab) -> list[str]:
    """ARIA references and labels that point at no element of the page."""
    return tab.evaluate(DANGLING_REFERENCES)
