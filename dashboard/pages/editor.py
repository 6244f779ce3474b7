"""/editor: staff upload a file or one value, see every problem, preview what changes, commit.

Every callback here has outputs starting with "editor-", which dashboard.auth refuses (401/403)
before the callback runs unless an editor is logged in; the callbacks check again (defence in depth).
"""

from __future__ import annotations

import base64
import binascii
import re

import dash
import dash_bootstrap_components as dbc
from dash import Input, Output, State, callback, dcc, html, no_update
from flask import request

from dashboard import data, editor_views
from dashboard.auth import current_user, require_editor
from dashboard.i18n import normalise_lang, register, t
from dashboard.texts.editor import TEXTS
from etl import db, pipeline
from etl.errors import Problem, RegiometerError, ValidationError
from etl.schema import QUALIFIERS, STATUSES

dash.register_page(__name__, path="/editor", title="Regiometer: editor", order=90, charts=False)

register(TEXTS)

SOURCE_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{2,79}$")
VALUE_FIELDS = [
    "indicator",
    "region",
    "breakdown",
    "period",
    "value",
    "status",
    "source",
    "qualifier",
    "note",
]
SOURCE_FIELDS = ["slug", "publisher", "title", "url", "published"]


def _user() -> dict:
    user = current_user()
    if user is None:  # the auth guard answers 401 first; this is the second line of defence
        raise dash.exceptions.PreventUpdate
    return user


def _audit(user: dict, action: str, detail: str) -> None:
    db.write_audit(data.engine(), user["name"], action, detail, request.remote_addr or "")


def _options(kind: str, lang: str) -> list[dict]:
    table = getattr(data.catalog(), kind)
    label = "title" if kind == "sources" else f"name_{lang}"
    return [
        {"label": f"{row.get(label) or slug} ({slug})", "value": slug} for slug, row in sorted(table.items())
    ]


def _upload_section(lang: str, max_bytes: int) -> dbc.Card:
    numbers = [{"label": t(f"editor.numbers.{v}", lang), "value": v} for v in ("auto", "de", "en")]
    return dbc.Card(
        dbc.CardBody(
            [
                html.H2(t("editor.upload_heading", lang), className="h5"),
                html.P(t("editor.upload_help", lang), className="small"),
                html.P(
                    [
                        t("editor.template", lang),
                        " ",
                        html.A("CSV", href="/assets/staff-template.csv"),
                        " · ",
                        html.A("Excel", href="/assets/staff-template.xlsx"),
                    ],
                    className="small",
                ),
                dbc.RadioItems(
                    id="editor-numbers", options=numbers, value="auto", inline=True, className="small mb-2"
                ),
                dcc.Upload(
                    html.Div(t("editor.drop", lang)),
                    id="editor-upload",
                    className="editor-drop",
                    accept=".csv,.xlsx",
                    max_size=max_bytes * 2,
                ),
                dcc.Loading(html.Div(id="editor-upload-result", className="mt-3")),
                html.Div(
                    [
                        dbc.Button(
                            t("editor.commit", lang), id="editor-commit", color="primary", disabled=True
                        ),
                        dbc.Button(t("editor.cancel", lang), id="editor-cancel", color="link"),
                    ],
                    className="d-flex gap-2",
                ),
                html.Div(id="editor-commit-result", className="mt-2", role="status"),
            ]
        ),
        className="mb-3",
    )


def _field(name: str, label: str, control) -> dbc.Col:
    return dbc.Col(
        [dbc.Label(label, html_for=f"editor-value-{name}", className="small mb-0"), control],
        xs=12,
        md=6,
        lg=4,
    )


def _value_section(lang: str) -> dbc.Card:
    dropdown = lambda name, options: dcc.Dropdown(id=f"editor-value-{name}", options=options)  # noqa: E731
    qualifiers = [{"label": t(f"qualifier.{q}", lang) if q else "–", "value": q} for q in QUALIFIERS]
    controls = {
        "indicator": dropdown("indicator", _options("indicators", lang)),
        "region": dropdown("region", _options("regions", lang)),
        "breakdown": dropdown("breakdown", _options("entities", lang)),
        "period": dbc.Input(id="editor-value-period", placeholder="2025"),
        "value": dbc.Input(id="editor-value-value", placeholder="620"),
        "status": dropdown("status", [{"label": t(f"status.{s}", lang), "value": s} for s in STATUSES]),
        "source": dropdown("source", _options("sources", lang)),
        "qualifier": dcc.Dropdown(id="editor-value-qualifier", options=qualifiers, value=""),
        "note": dbc.Input(id="editor-value-note"),
    }
    labels = {
        name: t(f"common.{name}", lang)
        for name in ("indicator", "region", "breakdown", "period", "value", "status")
    }
    labels |= {
        "source": t("common.source_label", lang),
        "qualifier": t("editor.field.qualifier", lang),
        "note": t("editor.field.note", lang),
    }
    fields = dbc.Row([_field(name, labels[name], controls[name]) for name in VALUE_FIELDS], className="g-2")
    buttons = html.Div(
        [
            dbc.Button(t("editor.check", lang), id="editor-value-check", color="secondary", outline=True),
            dbc.Button(t("editor.save_value", lang), id="editor-value-save", color="primary"),
        ],
        className="d-flex gap-2 mt-2",
    )
    body = [
        html.H2(t("editor.value_heading", lang), className="h5"),
        fields,
        buttons,
        html.Div(id="editor-value-result", className="mt-2", role="status"),
    ]
    return dbc.Card(dbc.CardBody(body), className="mb-3")


def _source_section(lang: str) -> dbc.Card:
    inputs = [
        dbc.Col(
            [
                dbc.Label(
                    t(f"editor.field.{f}", lang), html_for=f"editor-source-{f}", className="small mb-0"
                ),
                dbc.Input(id=f"editor-source-{f}"),
            ],
            xs=12,
            md=6,
        )
        for f in SOURCE_FIELDS
    ]
    body = [
        html.H2(t("editor.source_heading", lang), className="h5"),
        dbc.Row(inputs, className="g-2"),
        dbc.Button(t("editor.add_source", lang), id="editor-source-add", className="mt-2", color="secondary"),
        html.Div(id="editor-source-result", className="mt-2", role="status"),
    ]
    return dbc.Card(dbc.CardBody(body), className="mb-3")


def layout(lang: str = "en", **_query: str) -> html.Div:
    lang = normalise_lang(lang)
    heading = html.H1(t("editor.heading", lang), className="h3 mt-3")
    refused = require_editor(lang, "/editor")
    if refused is not None:
        return html.Div([heading, refused])
    user = current_user()
    who = html.Div(
        [
            html.Span(
                t("editor.signed_in", lang, name=user["name"], role=t(f"auth.role.{user['role']}", lang))
            ),
            html.Form(
                html.Button(t("editor.logout", lang), className="btn btn-link btn-sm", type="submit"),
                method="post",
                action="/auth/logout",
                className="d-inline",
            ),
            html.A(
                t("editor.changes_link", lang), href="/editor/changes" + ("?lang=de" if lang == "de" else "")
            ),
        ],
        className="editor-user small mb-3 d-flex flex-wrap gap-3 align-items-center",
    )
    return html.Div(
        [
            heading,
            who,
            _upload_section(lang, data.settings().upload_max_bytes),
            _value_section(lang),
            _source_section(lang),
            dcc.Store(id="editor-lang", data=lang),
            dcc.Store(id="editor-upload-store"),
        ]
    )


def _decode(contents: str) -> bytes:
    try:
        return base64.b64decode(contents.split(",", 1)[1], validate=True)
    except (IndexError, binascii.Error):
        raise ValidationError([Problem("is not a readable upload", fix="upload the file again")]) from None


@callback(
    Output("editor-upload-result", "children"),
    Output("editor-upload-store", "data"),
    Output("editor-commit", "disabled"),
    Input("editor-upload", "contents"),
    State("editor-upload", "filename"),
    State("editor-numbers", "value"),
    State("editor-lang", "data"),
    prevent_initial_call=True,
)
def check_upload(contents: str | None, filename: str | None, numbers: str | None, lang: str):
    user = _user()
    if not contents:
        return no_update, None, True
    name = filename or "upload.csv"
    style = None if numbers in (None, "auto") else numbers
    try:
        staff_file, result = pipeline.import_upload(
            data.settings(), _decode(contents), name, user["name"], True, style
        )
    except ValidationError as exc:
        _audit(user, "upload_rejected", f"{name}: {len(exc.problems)} problems")
        return editor_views.problems_view(exc.problems, lang), None, True
    moves = pipeline.headline_moves(data.settings(), result.plan)
    reason = editor_views.numbers_reason(staff_file.number_format, lang)
    changes = result.counts["new"] + result.counts["changed"]
    stored = {"name": name, "contents": contents, "numbers": style}
    return editor_views.preview_view(result.plan, moves, reason, lang), stored, changes == 0


@callback(
    Output("editor-commit-result", "children"),
    Output("editor-upload-store", "data", allow_duplicate=True),
    Output("editor-commit", "disabled", allow_duplicate=True),
    Output("editor-upload-result", "children", allow_duplicate=True),
    Input("editor-commit", "n_clicks"),
    State("editor-upload-store", "data"),
    State("editor-lang", "data"),
    prevent_initial_call=True,
)
def commit_upload(clicks: int | None, stored: dict | None, lang: str):
    user = _user()
    if not clicks or not stored:
        return dbc.Alert(t("editor.nothing_to_save", lang), color="secondary"), None, True, no_update
    content = _decode(stored["contents"])
    try:
        _, result = pipeline.import_upload(
            data.settings(), content, stored["name"], user["name"], False, stored["numbers"]
        )
    except ValidationError as exc:  # the data changed since the preview: show the problems again
        return editor_views.problems_view(exc.problems, lang), None, True, no_update
    _audit(user, "upload", f"{stored['name']}: run {result.run_id}, {result.counts}")
    message = t("editor.saved", lang, run=result.run_id, **result.counts)
    return dbc.Alert(message, color="success", id="editor-saved"), None, True, ""


@callback(
    Output("editor-commit-result", "children", allow_duplicate=True),
    Output("editor-upload-store", "data", allow_duplicate=True),
    Output("editor-commit", "disabled", allow_duplicate=True),
    Output("editor-upload-result", "children", allow_duplicate=True),
    Input("editor-cancel", "n_clicks"),
    State("editor-lang", "data"),
    prevent_initial_call=True,
)
def cancel_upload(clicks: int | None, lang: str):
    _user()
    return dbc.Alert(t("editor.cancelled", lang), color="secondary"), None, True, ""


@callback(
    Output("editor-value-result", "children"),
    Input("editor-value-check", "n_clicks"),
    Input("editor-value-save", "n_clicks"),
    [State(f"editor-value-{name}", "value") for name in VALUE_FIELDS],
    State("editor-lang", "data"),
    prevent_initial_call=True,
)
def save_value(check: int | None, save: int | None, *values_and_lang):
    *values, lang = values_and_lang
    return value_result(values, save=dash.ctx.triggered_id == "editor-value-save", lang=lang)


def value_result(values: list, save: bool, lang: str):
    """Check (dry run) or save one value from the form."""
    user = _user()
    row = {
        name: (value if value is not None else "") for name, value in zip(VALUE_FIELDS, values, strict=True)
    }
    row["value"] = _number(row["value"])
    dry_run = not save
    try:
        result = pipeline.apply_edit(data.settings(), row, user["name"], dry_run=dry_run)
    except ValidationError as exc:
        return editor_views.problems_view(exc.problems, lang)
    if dry_run:
        moves = pipeline.headline_moves(data.settings(), result.plan)
        return editor_views.preview_view(result.plan, moves, "", lang)
    _audit(user, "edit", f"{editor_views.series_label(row)} = {row['value']} (run {result.run_id})")
    return dbc.Alert(t("editor.saved", lang, run=result.run_id, **result.counts), color="success")


def _number(text: object) -> object:
    """The form takes 620, 4.2, 4,2 or 76.000 like a file does; unreadable text stays for validation."""
    from etl import numbers

    raw = str(text).strip()
    style = numbers.detect([raw]).style if raw else "en"
    parsed = numbers.parse_number(raw, style) if raw else None
    return parsed if parsed is not None else raw


@callback(
    Output("editor-source-result", "children"),
    Output("editor-value-source", "options"),
    Input("editor-source-add", "n_clicks"),
    [State(f"editor-source-{f}", "value") for f in SOURCE_FIELDS],
    State("editor-lang", "data"),
    prevent_initial_call=True,
)
def add_source(clicks: int | None, *values_and_lang):
    user = _user()
    *values, lang = values_and_lang
    fields = {f: (v or "").strip() for f, v in zip(SOURCE_FIELDS, values, strict=True)}
    problems = _source_problems(fields)
    if problems:
        return editor_views.problems_view(problems, lang), no_update
    try:
        db.add_source_row(data.engine(), {**fields, "licence": "", "kind": "", "language": ""}, user["name"])
    except RegiometerError as exc:
        return dbc.Alert(str(exc), color="danger"), no_update
    data.refresh()
    _audit(user, "add_source", fields["slug"])
    return dbc.Alert(t("editor.source_added", lang, slug=fields["slug"]), color="success"), _options(
        "sources", lang
    )


def _source_problems(fields: dict[str, str]) -> list[Problem]:
    problems = []
    if not SOURCE_SLUG.match(fields["slug"]):
        problems.append(
            Problem(
                f"'{fields['slug']}' is not a usable slug",
                None,
                "slug",
                "use 3-80 lowercase letters, digits and hyphens, e.g. silicon-saxony-2025-06",
            )
        )
    elif fields["slug"] in data.catalog().sources:
        problems.append(
            Problem(f"source '{fields['slug']}' already exists", None, "slug", "choose it in the form")
        )
    for name in ("publisher", "title"):
        if not fields[name]:
            problems.append(Problem("is empty", None, name, f"fill in the {name}"))
    if fields["url"] and not fields["url"].startswith(("https://", "http://")):
        problems.append(Problem("is not a web address", None, "url", "start it with https://"))
    return problems
