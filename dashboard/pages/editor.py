"""/editor: staff upload a file or one value, see every problem, preview what changes, commit.

Every callback here has outputs starting with "editor-", which dashboard.web.auth refuses (401/403)
before the callback runs unless an editor is logged in; the callbacks check again (defence in depth).
The upload, the single value and the new source forms, with their callbacks, are in
dashboard/components/editor_upload.py, editor_value.py and editor_source.py.
"""

from __future__ import annotations

import dash
from dash import Input, Output, callback, dcc, html

from dashboard import data
from dashboard.components import editor_source, editor_upload, editor_value
from dashboard.components.editor_common import LAYOUT_CHECK_USER, user
from dashboard.i18n import normalise_lang, t
from dashboard.web.auth import current_user, require_editor
from etl import pipeline

dash.register_page(
    __name__,
    path="/editor",
    title="Regiometer: editor",
    order=90,
    validation_layout=lambda: workspace("en", LAYOUT_CHECK_USER),
)
for component in (editor_upload, editor_value, editor_source):
    component.register_callbacks()


def layout(lang: str = "en", **_query: str) -> html.Div:
    lang = normalise_lang(lang)
    heading = html.H1(t("editor.heading", lang), className="h3 mt-3")
    refused = require_editor(lang, "/editor")
    who = current_user()  # not None once require_editor let the reader in (it is read once per request)
    if refused is not None or who is None:
        return html.Div([heading, refused])
    return workspace(lang, who)


def workspace(lang: str, who: dict) -> html.Div:
    """The editor of a signed-in user: upload, one value, a new source."""
    heading = html.H1(t("editor.heading", lang), className="h3 mt-3")
    suffix = "?lang=de" if lang == "de" else ""
    links = [html.A(t("editor.changes_link", lang), href="/editor/changes" + suffix)]
    if who["role"] == "admin":
        links.append(html.A(t("editor.audit_link", lang), href="/editor/audit" + suffix))
    signed_in = t("editor.signed_in", lang, name=who["name"], role=t(f"auth.role.{who['role']}", lang))
    logout = html.Form(
        html.Button(t("editor.logout", lang), className="btn btn-link btn-sm", type="submit"),
        method="post",
        action="/auth/logout",
        className="d-inline",
    )
    bar = html.Div(
        [html.Span(signed_in), logout, *links],
        className="editor-user small mb-3 d-flex flex-wrap gap-3 align-items-center",
    )
    cards = [
        editor_upload.upload_card(lang, data.settings().upload_max_bytes),
        editor_value.value_card(lang),
        editor_source.source_card(lang),
    ]
    return html.Div([heading, bar, *cards, dcc.Store(id="editor-lang", data=lang)])


@callback(
    Output("editor-template-download", "data"),
    Input("editor-template-xlsx", "n_clicks"),
    Input("editor-template-csv", "n_clicks"),
    prevent_initial_call=True,
)
def template(xlsx: int | None, csv: int | None):
    return template_file("csv" if dash.ctx.triggered_id == "editor-template-csv" else "xlsx")


def template_file(fmt: str) -> dict:
    """The template generated from the warehouse's catalog now, as a download."""
    user()
    return dcc.send_bytes(pipeline.staff_template(data.settings(), fmt), f"staff-template.{fmt}")
