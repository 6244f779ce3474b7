"""The editor's single-value form: one value added or corrected, checked like a file's rows.

Numbers are read in the page's notation (1.620 on the German page is 1620) and the number understood
is shown as it is typed; warnings need the 'save anyway' tick, for exactly the values checked.
"""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import Input, Output, State, callback, dcc, html

from dashboard import data
from dashboard.components import editor_views
from dashboard.components.editor_common import HIDDEN, SHOWN, accept_box, audit, field, options, user
from dashboard.i18n import format_number, t
from etl import numbers, pipeline
from etl.errors import ValidationError, WarningsNotAccepted
from etl.vocabulary import QUALIFIERS, STATUSES

FIELDS = [
    "indicator", "region", "breakdown", "period", "value", "status", "source", "qualifier", "note", "note_de",
]  # fmt: skip


def value_card(lang: str) -> dbc.Card:
    def dropdown(
        name: str, choices: list[dict]
    ) -> dbc.Select:  # a native select: keyboard and screen readers
        return dbc.Select(
            id=f"editor-value-{name}", options=[{"label": "–", "value": ""}, *choices], value=""
        )

    qualifiers = [{"label": t(f"qualifier.{q}", lang) if q else "–", "value": q} for q in QUALIFIERS]
    controls = {
        "indicator": dropdown("indicator", options("indicators", lang)),
        "region": dropdown("region", options("regions", lang)),
        "breakdown": dropdown("breakdown", options("entities", lang)),
        "period": dbc.Input(id="editor-value-period", placeholder="2025"),
        "value": html.Div(
            [
                dbc.Input(id="editor-value-value", placeholder="1.620" if lang == "de" else "1,620"),
                html.Div(id="editor-value-understood", className="small text-muted", role="status"),
            ]
        ),
        "status": dropdown("status", [{"label": t(f"status.{s}", lang), "value": s} for s in STATUSES]),
        "source": dropdown("source", options("sources", lang)),
        "qualifier": dbc.Select(id="editor-value-qualifier", options=qualifiers, value=""),
        "note": dbc.Input(id="editor-value-note"),
        "note_de": dbc.Input(id="editor-value-note_de"),
    }
    labels = {
        name: t(f"common.{name}", lang)
        for name in ("indicator", "region", "breakdown", "period", "value", "status")
    }
    labels |= {
        "source": t("common.source_label", lang),
        "qualifier": t("editor.field.qualifier", lang),
        "note": t("editor.field.note", lang),
        "note_de": t("editor.field.note_de", lang),
    }
    buttons = html.Div(
        [
            dbc.Button(t("editor.check", lang), id="editor-value-check", color="secondary", outline=True),
            dbc.Button(t("editor.save_value", lang), id="editor-value-save", color="primary"),
        ],
        className="d-flex gap-2 mt-2",
    )
    body = [
        html.H2(t("editor.value_heading", lang), className="h5"),
        html.P(t("editor.value_help", lang), className="small"),
        dbc.Row([field(name, labels[name], controls[name]) for name in FIELDS], className="g-2"),
        accept_box("editor-value-accept", t("editor.accept", lang)),
        buttons,
        html.Div(id="editor-value-result", className="mt-2", role="status"),
        dcc.Store(id="editor-value-checked"),
    ]
    return dbc.Card(dbc.CardBody(body), className="mb-3")


def understood(text: object, lang: str) -> str:
    """What the form makes of a typed number, in the page's notation."""
    raw = str(text or "").strip()
    if not raw:
        return ""
    number = numbers.read_typed(raw, lang)
    if number is None:
        return t("editor.not_understood", lang, text=raw)
    shown = format_number(number, lang, editor_views.decimals(number))
    style = numbers.GERMAN if lang == "de" else numbers.ENGLISH
    other = numbers.parse_number(raw, numbers.other(style)) if numbers.is_ambiguous(raw) else None
    if other is not None and other != number:
        return t(
            "editor.understood_other",
            lang,
            number=shown,
            other=format_number(other, lang, editor_views.decimals(other)),
        )
    return t("editor.understood", lang, number=shown)


def show_understood(text: str | None, lang: str) -> str:
    user()
    return understood(text, lang)


def form_row(values: list, lang: str) -> dict[str, object]:
    row: dict[str, object] = {n: (v if v is not None else "") for n, v in zip(FIELDS, values, strict=True)}
    raw = str(row["value"]).strip()
    number = numbers.read_typed(raw, lang) if raw else None
    row["value"] = number if number is not None else raw
    return row


def value_result(values: list, save: bool, lang: str, accept: bool = False, checked: dict | None = None):
    """Check (dry run) or save one value. Returns (result, checked, accept box style, accept value)."""
    who = user()
    row = form_row(values, lang)
    keys = checked.get("keys", []) if accept and checked and checked.get("row") == row else False
    settings = data.settings()
    try:
        result = pipeline.apply_edit(settings, row, who["name"], dry_run=not save, accept_warnings=keys)
    except ValidationError as exc:
        return editor_views.problems_view(exc.problems, lang), None, HIDDEN, False
    except WarningsNotAccepted as exc:
        note = t("editor.value_changed", lang) if accept else t("editor.not_accepted", lang)
        view = html.Div([dbc.Alert(note, color="warning"), editor_views.warnings_view(exc.warnings, lang)])
        return view, {"row": row, "keys": [w.key for w in exc.warnings]}, SHOWN, False
    if not save:
        moves = pipeline.headline_moves(settings, result.plan)
        parts = [editor_views.preview_view(result.plan, moves, lang, data.catalog())]
        if result.warnings:
            parts.insert(0, editor_views.warnings_view(result.warnings, lang))
        stored = {"row": row, "keys": [w.key for w in result.warnings]}
        return html.Div(parts), stored, SHOWN if result.warnings else HIDDEN, False
    series = editor_views.series_label(row)
    audit(who, "edit", series=series, value=row["value"], run=result.run_id, warnings=len(result.warnings))
    message = t("editor.saved", lang, run=result.run_id, **result.counts)
    return dbc.Alert(message, color="success", id="editor-value-saved"), None, HIDDEN, False


def save_value(check: int | None, save: int | None, *rest):
    *values, accept, checked, lang = rest
    return value_result(values, dash.ctx.triggered_id == "editor-value-save", lang, bool(accept), checked)


def register_callbacks() -> None:
    """Called by the page module: Dash executes page modules once per app, so callbacks registered
    from there reach every app (a component module is imported only once per process)."""
    callback(
        Output("editor-value-understood", "children"),
        Input("editor-value-value", "value"),
        State("editor-lang", "data"),
        prevent_initial_call=True,
    )(show_understood)
    callback(
        Output("editor-value-result", "children"),
        Output("editor-value-checked", "data"),
        Output("editor-value-accept-box", "style"),
        Output("editor-value-accept", "value"),
        Input("editor-value-check", "n_clicks"),
        Input("editor-value-save", "n_clicks"),
        [State(f"editor-value-{name}", "value") for name in FIELDS],
        State("editor-value-accept", "value"),
        State("editor-value-checked", "data"),
        State("editor-lang", "data"),
        prevent_initial_call=True,
    )(save_value)
