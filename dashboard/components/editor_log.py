"""Views of the changelog and the audit log: runs with their undo state, undo choices, readable
sentences for audit rows. Pure: data in (dashboard.data.runs), components and texts out."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import html

from dashboard.components.editor_views import when
from dashboard.data.runs import AuditEntry, Run
from dashboard.i18n import has, t, tn


def kind(run: Run, lang: str) -> str:
    return t(f"changes.kind.{run.kind}", lang)


def what(run: Run, lang: str) -> str:
    if run.kind == "undo":
        return t("changes.what.undo", lang, run=run.undoes) if run.undoes else kind(run, lang)
    return run.what


def counts(run: Run, lang: str) -> str:
    if run.kind == "undo":
        return t(
            "changes.undo_counts", lang, restored=run.changed, withdrawn=run.withdrawn, skipped=run.unchanged
        )
    return t("changes.counts", lang, new=run.new, changed=run.changed, unchanged=run.unchanged)


def status(run: Run, lang: str) -> str:
    if run.undone_by is not None:
        if run.pending:
            text = tn("changes.status.partly", run.pending, lang, undo=run.undone_by, pending=run.pending)
        else:
            text = t("changes.status.undone", lang, undo=run.undone_by)
    else:
        text = t(f"changes.status.{run.status}", lang)
    if run.accepted_warnings:
        text += "; " + tn("changes.status.warnings", run.accepted_warnings, lang)
    return text


def runs_table(runs: list[Run], lang: str) -> html.Div:
    header = [t(f"changes.col.{c}", lang) for c in ("run", "when", "kind", "who", "what", "counts", "status")]
    rows = [
        html.Tr(
            [
                html.Td(run.id),
                html.Td(when(run.started_at, lang)),
                html.Td(kind(run, lang)),
                html.Td(run.user),
                html.Td(what(run, lang)),
                html.Td(counts(run, lang)),
                html.Td(status(run, lang)),
            ],
            className="text-muted" if run.undone_by is not None else None,
        )
        for run in runs
    ]
    body = [html.Thead(html.Tr([html.Th(h) for h in header])), html.Tbody(rows)]
    return html.Div(
        dbc.Table(body, size="sm", striped=True), className="table-responsive", id="editor-changes-runs"
    )


def run_options(runs: list[Run], lang: str) -> list[dict]:
    """Undo choices: ordinary runs that can be undone, newest first; then undo runs (undoing one
    redoes its run); runs already undone last, shown but disabled."""
    choosable = [r for r in runs if r.status == "succeeded" and r.kind in ("staff", "edit", "undo")]

    def rank(run: Run) -> tuple[int, int]:
        group = 2 if run.undone_by is not None else (1 if run.kind == "undo" else 0)
        return group, -run.id

    options = []
    for run in sorted(choosable, key=rank):
        parts = [str(run.id), when(run.started_at, lang), kind(run, lang), what(run, lang), run.user]
        if run.undone_by is not None:
            parts.append(t("changes.option.undone", lang, undo=run.undone_by))
        options.append(
            {
                "label": " · ".join(p for p in parts if p),
                "value": run.id,
                "disabled": run.undone_by is not None,
            }
        )
    return options


def confirm_text(run: Run, lang: str) -> str:
    return t(
        "changes.confirm",
        lang,
        run=run.id,
        what=what(run, lang),
        when=when(run.started_at, lang),
        who=run.user or "–",
        counts=counts(run, lang),
    )


LEGACY_KEYS = {"login": "role", "login_failed": "reason", "add_source": "slug"}


def _structured(entry: AuditEntry) -> dict:
    """The detail as fields; rows written before details were JSON are read where their form is known
    ('role=editor', 'wrong password', a slug)."""
    d = entry.detail
    if set(d) != {"text"}:
        return d
    text = str(d["text"])
    if entry.action in LEGACY_KEYS:
        return {LEGACY_KEYS[entry.action]: text.split("=", 1)[-1]} if text else {}
    return d if text else {}


def sentence(entry: AuditEntry, lang: str) -> str:
    """What an audit row says, as a sentence in the reader's language."""
    d = _structured(entry)
    action = entry.action
    if set(d) == {"text"} or not has(f"audit.{action}"):  # an old free-text row, or an unknown action
        text = d.get("text") or ", ".join(f"{k}: {v}" for k, v in d.items())
        return f"{action}: {text}" if text else action
    if action == "login":
        return t("audit.login", lang, role=t(f"auth.role.{d.get('role', 'editor')}", lang))
    if action == "login_failed":
        reason = str(d.get("reason", ""))
        shown = t(f"audit.reason.{reason}", lang) if has(f"audit.reason.{reason}") else reason
        return t("audit.login_failed", lang, reason=shown)
    if action == "upload_rejected":
        return tn("audit.upload_rejected", int(d.get("count", 0) or 0), lang, file=d.get("file", ""))
    if action == "upload":
        values = {k: d.get(k, 0) for k in ("new", "changed", "unchanged")}
        text = t("audit.upload", lang, file=d.get("file", ""), run=d.get("run", ""), **values)
        warnings = int(d.get("warnings", 0) or 0)
        return text + (tn("audit.upload_warnings", warnings, lang, warnings=warnings) if warnings else "")
    return t(f"audit.{action}", lang, **d)


def audit_table(entries: list[AuditEntry], lang: str) -> html.Div:
    header = [t(f"audit.col.{c}", lang) for c in ("at", "user", "action", "address")]
    rows = [
        html.Tr(
            [
                html.Td(when(e.at, lang)),
                html.Td(e.user or t("audit.unknown_user", lang)),
                html.Td(sentence(e, lang)),
                html.Td(e.address),
            ]
        )
        for e in entries
    ]
    body = [html.Thead(html.Tr([html.Th(h) for h in header])), html.Tbody(rows)]
    return html.Div(
        dbc.Table(body, size="sm", striped=True), className="table-responsive", id="editor-audit-table"
    )
