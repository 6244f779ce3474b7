"""/editor/changes: every import run and edit with who, when and counts, newest first; what a run
changed; undo after a confirmation that names the run and its counts."""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import Input, Output, State, callback, dcc, html, no_update
from flask import request

from dashboard import data
from dashboard.components import editor_log, editor_views
from dashboard.data import runs as run_data
from dashboard.i18n import normalise_lang, t
from dashboard.web.auth import current_user, require_editor
from etl import pipeline
from etl.errors import RegiometerError

dash.register_page(
    __name__,
    path="/editor/changes",
    title="Regiometer: changelog",
    order=91,
    validation_layout=lambda: changelog("en", None),
)


def layout(lang: str = "en", run: str | None = None, **_query: str) -> html.Div:
    lang = normalise_lang(lang)
    heading = html.H1(t("changes.heading", lang), className="h3 mt-3")
    refused = require_editor(lang, "/editor/changes")
    if refused is not None:
        return html.Div([heading, refused])
    return changelog(lang, run)


def changelog(lang: str, run: str | None) -> html.Div:
    """Every run for a signed-in editor, `run` (from the permalink) chosen if it can be undone."""
    heading = html.H1(t("changes.heading", lang), className="h3 mt-3")
    runs = run_data.runs()
    choices = editor_log.run_options(runs, lang)
    chosen = int(run) if run and run.isascii() and run.isdigit() else None
    selected = chosen if any(o["value"] == chosen and not o["disabled"] for o in choices) else None
    return html.Div(
        [
            heading,
            html.P(t("changes.help", lang), className="small"),
            html.A(
                t("changes.back", lang),
                href="/editor" + ("?lang=de" if lang == "de" else ""),
                className="small",
            ),
            html.H2(
                dbc.Label(t("changes.pick", lang), html_for="editor-changes-run", className="mb-0"),
                className="h5 mt-3",
            ),
            dbc.Select(
                id="editor-changes-run",
                options=[{"label": "–", "value": ""}, *choices],
                value=str(selected) if selected is not None else "",
            ),
            html.Div(id="editor-changes-detail", className="mt-2"),
            dbc.Button(
                t("changes.undo", lang),
                id="editor-changes-undo",
                color="danger",
                outline=True,
                className="mt-2",
                disabled=selected is None,
            ),
            dcc.ConfirmDialog(id="editor-changes-confirm"),
            html.Div(id="editor-changes-result", className="mt-2", role="status"),
            html.Div(editor_log.runs_table(runs, lang), id="editor-changes-list", className="mt-3"),
            dcc.Store(id="editor-changes-lang", data=lang),
        ]
    )


def show_run(run_id: int | None, lang: str):
    """(what the run changed, undo button disabled)."""
    if current_user() is None:
        raise dash.exceptions.PreventUpdate
    if not run_id:
        return "", True
    found = run_data.run(int(run_id))
    view = editor_views.revisions_view(run_data.revisions(int(run_id)), lang, data.catalog())
    return view, found is None or not found.undoable


@callback(
    Output("editor-changes-detail", "children"),
    Output("editor-changes-undo", "disabled"),
    Input("editor-changes-run", "value"),
    State("editor-changes-lang", "data"),
)
def on_pick(run_id: int | None, lang: str):
    return show_run(run_id, lang)


def ask(clicks: int | None, run_id: int | None, lang: str):
    """(confirmation shown, its message): the run and its counts are named before anything happens."""
    if current_user() is None or not clicks or not run_id:
        raise dash.exceptions.PreventUpdate
    found = run_data.run(int(run_id))
    if found is None or not found.undoable:
        raise dash.exceptions.PreventUpdate
    return True, editor_log.confirm_text(found, lang)


@callback(
    Output("editor-changes-confirm", "displayed"),
    Output("editor-changes-confirm", "message"),
    Input("editor-changes-undo", "n_clicks"),
    State("editor-changes-run", "value"),
    State("editor-changes-lang", "data"),
    prevent_initial_call=True,
)
def on_undo_click(clicks: int | None, run_id: int | None, lang: str):
    return ask(clicks, run_id, lang)


def undo(confirmed: int | None, run_id: int | None, lang: str):
    """(message, run list, choices, undo button disabled) after the confirmation."""
    user = current_user()
    if user is None or not confirmed or not run_id:
        raise dash.exceptions.PreventUpdate
    try:
        result = pipeline.undo(data.settings(), int(run_id), user=user["name"])
    except RegiometerError as exc:
        return dbc.Alert(editor_views.error_text(exc, lang), color="warning"), no_update, no_update, True
    counts = {"restored": result.restored, "withdrawn": result.withdrawn, "skipped": result.skipped}
    pipeline.audit(
        data.settings(),
        user["name"],
        "undo",
        request.remote_addr or "",
        run=run_id,
        undo=result.run_id,
        **counts,
    )
    message = t("changes.undone", lang, run=run_id, undo=result.run_id, **counts)
    runs = run_data.runs()
    alert = dbc.Alert(message, color="success", id="editor-changes-undone")
    options = [{"label": "–", "value": ""}, *editor_log.run_options(runs, lang)]
    return alert, editor_log.runs_table(runs, lang), options, True


@callback(
    Output("editor-changes-result", "children"),
    Output("editor-changes-list", "children"),
    Output("editor-changes-run", "options"),
    Output("editor-changes-undo", "disabled", allow_duplicate=True),
    Input("editor-changes-confirm", "submit_n_clicks"),
    State("editor-changes-run", "value"),
    State("editor-changes-lang", "data"),
    prevent_initial_call=True,
)
def on_confirm(confirmed: int | None, run_id: int | None, lang: str):
    return undo(confirmed, run_id, lang)
