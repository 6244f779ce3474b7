"""The editor's 'add a source' form: a new publication for the catalog, checked in etl like a file's
rows (short name, publisher and its German gloss, title, web address, date, kind of source; no
control characters). The kind decides how the pages rank and mark the source's figures."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import Input, Output, State, callback, html, no_update

from dashboard import data
from dashboard.components import editor_views
from dashboard.components.editor_common import audit, options, user
from dashboard.i18n import t
from etl import pipeline
from etl.errors import RegiometerError, ValidationError
from etl.vocabulary import SOURCE_KINDS

FIELDS = ["slug", "publisher", "publisher_de", "title", "url", "published", "kind"]


def _control(field: str, lang: str) -> dbc.Input | dbc.Select:
    if field != "kind":
        return dbc.Input(id=f"editor-source-{field}")
    kinds = [{"label": t(f"source_kind.{kind}", lang), "value": kind} for kind in SOURCE_KINDS]
    return dbc.Select(id="editor-source-kind", options=[{"label": "–", "value": ""}, *kinds], value="")


def source_card(lang: str) -> dbc.Card:
    inputs = [
        dbc.Col(
            [
                dbc.Label(
                    t(f"editor.field.{f}", lang), html_for=f"editor-source-{f}", className="small mb-0"
                ),
                _control(f, lang),
            ],
            xs=12,
            md=6,
        )
        for f in FIELDS
    ]
    body = [
        html.H2(t("editor.source_heading", lang), className="h5"),
        dbc.Row(inputs, className="g-2"),
        dbc.Button(t("editor.add_source", lang), id="editor-source-add", className="mt-2", color="secondary"),
        html.Div(id="editor-source-result", className="mt-2", role="status"),
    ]
    return dbc.Card(dbc.CardBody(body), className="mb-3")


def add_source(clicks: int | None, *values_and_lang):
    who = user()
    *values, lang = values_and_lang
    fields = dict(zip(FIELDS, values, strict=True))
    try:
        pipeline.add_source(data.settings(), fields, who["name"])
    except ValidationError as exc:
        return editor_views.problems_view(exc.problems, lang), no_update
    except RegiometerError as exc:
        return dbc.Alert(editor_views.error_text(exc, lang), color="danger"), no_update
    data.refresh()
    slug = str(fields["slug"] or "").strip()
    audit(who, "add_source", slug=slug)
    message = dbc.Alert(t("editor.source_added", lang, slug=slug), color="success")
    return message, [{"label": "–", "value": ""}, *options("sources", lang)]


def register_callbacks() -> None:
    """Called by the page module: Dash executes page modules once per app, so callbacks registered
    from there reach every app (a component module is imported only once per process)."""
    callback(
        Output("editor-source-result", "children"),
        Output("editor-value-source", "options"),
        Input("editor-source-add", "n_clicks"),
        [State(f"editor-source-{f}", "value") for f in FIELDS],
        State("editor-lang", "data"),
        prevent_initial_call=True,
    )(add_source)
