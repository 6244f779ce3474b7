"""The editor's upload: the file's size is checked in the browser before it is sent (a file of any
size gets a message), then read, validated and checked for plausibility on the server (a dry run);
the preview shows problems or warnings, changes and headline moves; Save needs the 'save anyway' tick
when there are warnings, and saves exactly what was previewed."""

from __future__ import annotations

import base64
import binascii

import dash_bootstrap_components as dbc
from dash import Input, Output, State, callback, clientside_callback, dcc, html, no_update

from dashboard import data
from dashboard.components import editor_views
from dashboard.components.editor_common import HIDDEN, SHOWN, accept_box, audit, user
from dashboard.i18n import t, tn
from etl import pipeline
from etl.errors import RegiometerError, ValidationError, WarningsNotAccepted
from etl.messages import problem


def upload_card(lang: str, limit: int) -> dbc.Card:
    numbers = [{"label": t(f"editor.numbers.{v}", lang), "value": v} for v in ("auto", "de", "en")]
    size = {
        "limit": limit,
        "message": t("editor.too_large", lang),
        "comma": lang == "de",
        "label": t("editor.drop", lang),
    }
    template = html.P(
        [
            t("editor.template", lang) + " ",
            dbc.Button(t("editor.template_xlsx", lang), id="editor-template-xlsx", color="link", size="sm"),
            " · ",
            dbc.Button(t("editor.template_csv", lang), id="editor-template-csv", color="link", size="sm"),
            dcc.Download(id="editor-template-download"),
        ],
        className="small",
    )
    body = [
        html.H2(t("editor.upload_heading", lang), className="h5"),
        html.P(t("editor.upload_help", lang, limit=f"{limit / 1_000_000:g}"), className="small"),
        template,
        dbc.Label(t("editor.numbers.label", lang), html_for="editor-numbers", className="small mb-0"),
        dbc.RadioItems(
            id="editor-numbers", options=numbers, value="auto", inline=True, className="small mb-2"
        ),
        dcc.Upload(
            html.Div(t("editor.drop", lang)),
            id="editor-upload",
            className="editor-drop",
            accept=".csv,.xlsx",
            max_size=-1,
        ),
        html.Div(id="editor-upload-size", className="text-danger mt-2", role="alert"),
        dcc.Loading(html.Div(id="editor-upload-result", className="mt-3")),
        accept_box("editor-accept", t("editor.accept", lang)),
        html.Div(
            [
                dbc.Button(t("editor.commit", lang), id="editor-commit", color="primary", disabled=True),
                dbc.Button(t("editor.cancel", lang), id="editor-cancel", color="link"),
            ],
            className="d-flex gap-2",
        ),
        html.Div(id="editor-commit-result", className="mt-2", role="status"),
        dcc.Store(id="editor-upload-limits", data=size),
        dcc.Store(id="editor-upload-payload"),
        dcc.Store(id="editor-upload-a11y"),
        dcc.Store(id="editor-upload-store"),
    ]
    return dbc.Card(dbc.CardBody(body), className="mb-3")


def _decode(contents: str) -> bytes:
    try:
        return base64.b64decode(contents.split(",", 1)[1], validate=True)
    except (IndexError, binascii.Error, AttributeError):
        raise ValidationError([problem("file_unreadable_upload")]) from None


def check_upload(payload: dict | None, numbers: str | None, lang: str):
    """Returns (result, store, cleared commit message, accept box style, accept value)."""
    who = user()
    if not payload:  # nothing, or a file the browser found too large: no old preview stays
        return "", None, no_update, HIDDEN, False
    name = pipeline.clean_file_name(payload.get("name") or "upload.csv")
    style = None if numbers in (None, "auto") else numbers
    settings = data.settings()
    try:
        content = _decode(payload.get("contents") or "")
        staff_file, result = pipeline.import_upload(settings, content, name, who["name"], True, style)
    except ValidationError as exc:
        audit(who, "upload_rejected", file=name, count=len(exc.problems))
        view = html.Div(
            [
                html.P(t("editor.file", lang, name=name), id="editor-file-name", className="small"),
                editor_views.problems_view(exc.problems, lang, settings.problems_shown),
            ]
        )
        return view, None, "", HIDDEN, False
    moves = pipeline.headline_moves(settings, result.plan)
    parts = [editor_views.file_notes(name, staff_file, lang)]
    if result.warnings:
        parts.append(editor_views.warnings_view(result.warnings, lang, settings.problems_shown))
    parts.append(editor_views.preview_view(result.plan, moves, lang, data.catalog()))
    stored = {
        "name": name,
        "contents": payload["contents"],
        "numbers": style,
        "changes": result.counts["new"] + result.counts["changed"],
        "warnings": [w.key for w in result.warnings],
    }
    return html.Div(parts), stored, "", SHOWN if result.warnings else HIDDEN, False


def on_upload(payload: dict | None, numbers: str | None, lang: str):
    return check_upload(payload, numbers, lang)


def commit_state(stored: dict | None, accepted: bool | None) -> bool:
    """Save is possible when a preview has changes, and its warnings (if any) are accepted."""
    if not stored or not stored.get("changes"):
        return True
    return bool(stored.get("warnings")) and not accepted


def commit_upload(clicks: int | None, stored: dict | None, accepted: bool, lang: str):
    """Returns (commit message, store, upload result)."""
    who = user()
    if not clicks or not stored:
        return dbc.Alert(t("editor.nothing_to_save", lang), color="secondary"), None, no_update
    accept = stored.get("warnings", []) if accepted else False
    settings = data.settings()
    try:
        _, result = pipeline.import_upload(
            settings,
            _decode(stored["contents"]),
            stored["name"],
            who["name"],
            False,
            stored["numbers"],
            accept,
        )
    except ValidationError as exc:  # the data changed since the preview: show the problems again
        return editor_views.problems_view(exc.problems, lang, settings.problems_shown), None, no_update
    except WarningsNotAccepted as exc:
        view = html.Div(
            [
                dbc.Alert(t("editor.not_accepted", lang), color="warning"),
                editor_views.warnings_view(exc.warnings, lang),
            ]
        )
        return view, {**stored, "warnings": [w.key for w in exc.warnings]}, no_update
    except RegiometerError as exc:  # a load that failed on the database: nothing was saved
        return dbc.Alert(editor_views.error_text(exc, lang), color="danger"), None, no_update
    counts = result.counts
    audit(who, "upload", file=stored["name"], run=result.run_id, warnings=len(result.warnings), **counts)
    message = [t("editor.saved", lang, run=result.run_id, **counts)]
    if result.warnings:
        message.append(" " + tn("editor.saved_warnings", len(result.warnings), lang))
    return dbc.Alert(message, color="success", id="editor-saved"), None, ""


def on_commit(clicks: int | None, stored: dict | None, accepted: bool | None, lang: str):
    return commit_upload(clicks, stored, bool(accepted), lang)


def cancel_upload(clicks: int | None, lang: str):
    user()
    return dbc.Alert(t("editor.cancelled", lang), color="secondary", id="editor-cancelled"), None, "", HIDDEN


def register_callbacks() -> None:
    """Called by the page module: Dash executes page modules once per app, so callbacks registered
    from there reach every app (a component module is imported only once per process)."""
    # dcc.Upload's file input has no label of its own: give it the drop zone's text.
    clientside_callback(
        """
        function(limits) {
            const label = () => {
                const input = document.querySelector("#editor-upload input[type=file]");
                if (input) { input.setAttribute("aria-label", limits.label); }
                return !!input;
            };
            if (!label()) { [50, 250, 1000].forEach((ms) => setTimeout(label, ms)); }
            return true;
        }
        """,
        Output("editor-upload-a11y", "data"),
        Input("editor-upload-limits", "data"),
    )
    # The browser says how large the file is before anything is sent: any size gets a message.
    clientside_callback(
        """
        function(contents, filename, limits) {
            const none = window.dash_clientside.no_update;
            if (!contents) { return [none, none]; }
            const comma = contents.indexOf(",");
            const size = Math.floor((contents.length - comma - 1) * 3 / 4);
            if (size > limits.limit) {
                let mb = (size / 1e6).toFixed(1), max = String(limits.limit / 1e6);
                if (limits.comma) { mb = mb.replace(".", ","); max = max.replace(".", ","); }
                const text = limits.message.replace("{name}", filename || "")
                    .replace("{size}", mb).replace("{limit}", max);
                return [text, null];
            }
            return ["", {name: filename || "upload.csv", contents: contents}];
        }
        """,
        Output("editor-upload-size", "children"),
        Output("editor-upload-payload", "data"),
        Input("editor-upload", "contents"),
        State("editor-upload", "filename"),
        State("editor-upload-limits", "data"),
        prevent_initial_call=True,
    )
    callback(
        Output("editor-upload-result", "children"),
        Output("editor-upload-store", "data"),
        Output("editor-commit-result", "children"),
        Output("editor-accept-box", "style"),
        Output("editor-accept", "value"),
        Input("editor-upload-payload", "data"),
        Input("editor-numbers", "value"),
        State("editor-lang", "data"),
        prevent_initial_call=True,
    )(on_upload)
    callback(
        Output("editor-commit", "disabled"),
        Input("editor-upload-store", "data"),
        Input("editor-accept", "value"),
    )(commit_state)
    callback(
        Output("editor-commit-result", "children", allow_duplicate=True),
        Output("editor-upload-store", "data", allow_duplicate=True),
        Output("editor-upload-result", "children", allow_duplicate=True),
        Input("editor-commit", "n_clicks"),
        State("editor-upload-store", "data"),
        State("editor-accept", "value"),
        State("editor-lang", "data"),
        prevent_initial_call=True,
    )(on_commit)
    callback(
        Output("editor-commit-result", "children", allow_duplicate=True),
        Output("editor-upload-store", "data", allow_duplicate=True),
        Output("editor-upload-result", "children", allow_duplicate=True),
        Output("editor-accept-box", "style", allow_duplicate=True),
        Input("editor-cancel", "n_clicks"),
        State("editor-lang", "data"),
        prevent_initial_call=True,
    )(cancel_upload)
