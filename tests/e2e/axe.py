"""axe-core in the browser: WCAG 2.1 A/AA checks of a rendered page (installed by `make test`)."""

from __future__ import annotations

from pathlib import Path

AXE_JS = Path(__file__).resolve().parents[2] / ".venv" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
BLOCKING = ("serious", "critical")


def violations(page) -> list[dict]:
    """axe's violations on the page as it is now (rule id, impact, help, the first failing nodes)."""
    if not page.evaluate("() => !!window.axe"):
        page.add_script_tag(path=str(AXE_JS))
    result = page.evaluate(
        """async (tags) => {
            const options = {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']};
            const r = await axe.run(document, options);
            return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ') + ' :: ' + n.failureSummary)}));
        }""",
        TAGS,
    )
    return list(result)


def blocking(found: list[dict]) -> list[dict]:
    return [v for v in found if v["impact"] in BLOCKING]


def describe(found: list[dict]) -> str:
    return "\n".join(
        f"{v['impact']:>8} {v['id']}: {v['help']}\n    " + "\n    ".join(v["nodes"]) for v in found
    )
