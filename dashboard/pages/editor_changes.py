"""/editor/changes: every import run and edit with who, when and counts; drill down; undo."""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
import pandas as pd
from dash import Input, Output, State, callback, dcc, html, no_update
from flask import request

from dashboard import data, editor_views
from dashboard.auth import current_user, require_editor
from dashboard.i18n import normalise_lang, register, t
from etl import db, pipeline
from etl.errors import RegiometerError

dash.register_page(__name__, path="/editor/changes", title="Regiometer: changelog", order=91, charts=False)

register(
    {
        "changes.heading": {"en": "Changelog", "de": "Änderungsprotokoll"},
        "changes.help": {
            "en": "Every load, upload, edit and undo. Undo adds revisions that restore the previous values; "
            "nothing is deleted.",
            "de": "Jeder Import, Upload, jede Korrektur und jedes Rückgängigmachen. Rückgängig fügt "
            "Revisionen hinzu, die die vorherigen Werte wiederherstellen; nichts wird gelöscht.",
        },
        "changes.pick": {"en": "Show what a run changed", "de": "Anzeigen, was ein Lauf geändert hat"},
        "changes.undo": {"en": "Undo this run", "de": "Diesen Lauf rückgängig machen"},
        "changes.undone": {
            "en": "Run {run} undone as run {undo}: {restored} restored, {withdrawn} withdrawn, "
            "{skipped} left alone (changed again later).",
            "de": "Lauf {run} rückgängig gemacht als Lauf {undo}: {restored} wiederhergestellt, {withdrawn} "
            "zurückgezogen, {skipped} unverändert gelassen (später erneut geändert).",
        },
        "changes.col.run": {"en": "Run", "de": "Lauf"},
        "changes.col.when": {"en": "When", "de": "Wann"},
        "changes.col.kind": {"en": "Kind", "de": "Art"},
        "changes.col.who": {"en": "Who", "de": "Wer"},
        "changes.col.what": {"en": "What", "de": "Was"},
        "changes.col.counts": {"en": "New / changed / unchanged", "de": "Neu / geändert / unverändert"},
        "changes.col.status": {"en": "Status", "de": "Status"},
        "changes.back": {"en": "Back to the editor", "de": "Zurück zur Redaktion"},
    }
)

LIMIT = 100


def _runs() -> pd.DataFrame:
    return db.import_runs(data.engine(), limit=LIMIT)


def _what(run) -> str:
    if run["kind"] == "undo":
        return f"undo of run {int(run['undoes_run_id'])}" if pd.notna(run["undoes_run_id"]) else "undo"
    return run["file_name"] or run["source_name"]


def runs_table(runs: pd.DataFrame, lang: str) -> html.Div:
    header = [t(f"changes.col.{c}", lang) for c in ("run", "when", "kind", "who", "what", "counts", "status")]
    rows = [
        html.Tr(
            [
                html.Td(int(run["id"])),
                html.Td(editor_views.when(run["started_at"], lang)),
                html.Td(run["kind"]),
                html.Td(run["user"]),
                html.Td(_what(run)),
                html.Td(f"{run['rows_new']} / {run['rows_changed']} / {run['rows_unchanged']}"),
                html.Td(run["status"] + (f": {run['error'][:120]}" if run["error"] else "")),
            ]
        )
        for run in runs.to_dict("records")
    ]
    table = dbc.Table(
        [html.Thead(html.Tr([html.Th(h) for h in header])), html.Tbody(rows)], size="sm", striped=True
    )
    return html.Div(table, className="table-responsive", id="editor-changes-runs")


UNDOABLE = ("staff", "edit", "undo")  # official loads and the seed are undone from the CLI, deliberately


def _run_options(runs: pd.DataFrame, lang: str) -> list[dict]:
    ok = runs[(runs["status"] == "succeeded") & runs["kind"].isin(UNDOABLE)]
    return [
        {
            "label": " · ".join(
                [str(int(r["id"])), editor_views.when(r["started_at"], lang), r["kind"], _what(r)]
            ),
            "value": int(r["id"]),
        }
        for r in ok.to_dict("records")
    ]


def layout(lang: str = "en", run: str | None = None, **_query: str) -> html.Div:
    lang = normalise_lang(lang)
    heading = html.H1(t("changes.heading", lang), className="h3 mt-3")
    refused = require_editor(lang, "/editor/changes")
    if refused is not None:
        return html.Div([heading, refused])
    runs = _runs()
    choices = _run_options(runs, lang)
    selected = int(run) if run and run.isdigit() and any(o["value"] == int(run) for o in choices) else None
    return html.Div(
        [
            heading,
            html.P(t("changes.help", lang), className="small"),
            html.A(
                t("changes.back", lang),
                href="/editor" + ("?lang=de" if lang == "de" else ""),
                className="small",
            ),
            html.H2(t("changes.pick", lang), className="h5 mt-3"),
            dcc.Dropdown(id="editor-changes-run", options=choices, value=selected),
            html.Div(id="editor-changes-detail", className="mt-2"),
            dbc.Button(
                t("changes.undo", lang),
                id="editor-changes-undo",
                color="danger",
                outline=True,
                className="mt-2",
                disabled=selected is None,
            ),
            html.Div(id="editor-changes-result", className="mt-2", role="status"),
            html.Div(runs_table(runs, lang), id="editor-changes-list", className="mt-3"),
            dcc.Store(id="editor-changes-lang", data=lang),
        ]
    )


@callback(
    Output("editor-changes-detail", "children"),
    Output("editor-changes-undo", "disabled"),
    Input("editor-changes-run", "value"),
    State("editor-changes-lang", "data"),
)
def show_run(run_id: int | None, lang: str):
    if current_user() is None:
        raise dash.exceptions.PreventUpdate
    if run_id is None:
        return "", True
    return editor_views.revisions_view(db.run_revisions(data.engine(), int(run_id)), lang), False


@callback(
    Output("editor-changes-result", "children"),
    Output("editor-changes-list", "children"),
    Output("editor-changes-run", "options"),
    Input("editor-changes-undo", "n_clicks"),
    State("editor-changes-run", "value"),
    State("editor-changes-lang", "data"),
    prevent_initial_call=True,
)
def undo(clicks: int | None, run_id: int | None, lang: str):
    user = current_user()
    if user is None or not clicks or run_id is None:
        raise dash.exceptions.PreventUpdate
    try:
        result = pipeline.undo(data.settings(), int(run_id), user=user["name"])
    except RegiometerError as exc:
        return dbc.Alert(str(exc), color="warning"), no_update, no_update
    db.write_audit(
        data.engine(), user["name"], "undo", f"run {run_id} -> run {result.run_id}", request.remote_addr or ""
    )
    message = t(
        "changes.undone",
        lang,
        run=run_id,
        undo=result.run_id,
        restored=result.restored,
        withdrawn=result.withdrawn,
        skipped=result.skipped,
    )
    runs = _runs()
    return (
        dbc.Alert(message, color="success", id="editor-changes-undone"),
        runs_table(runs, lang),
        _run_options(runs, lang),
    )
