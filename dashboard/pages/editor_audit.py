"""/editor/audit: logins (successful and failed), uploads, edits and undos. Administrators only."""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import html

from dashboard import data, editor_views
from dashboard.auth import require_role
from dashboard.i18n import normalise_lang, register, t
from etl import db

dash.register_page(__name__, path="/editor/audit", title="Regiometer: audit log", order=92, charts=False)

register(
    {
        "audit.heading": {"en": "Audit log", "de": "Audit-Protokoll"},
        "audit.col.at": {"en": "When", "de": "Wann"},
        "audit.col.user": {"en": "User", "de": "Benutzer"},
        "audit.col.action": {"en": "Action", "de": "Aktion"},
        "audit.col.detail": {"en": "Detail", "de": "Details"},
        "audit.col.address": {"en": "Address", "de": "Adresse"},
    }
)


def layout(lang: str = "en", **_query: str) -> html.Div:
    lang = normalise_lang(lang)
    heading = html.H1(t("audit.heading", lang), className="h3 mt-3")
    refused = require_role("admin", lang, "/editor/audit")
    if refused is not None:
        return html.Div([heading, refused])
    rows = db.read_audit(data.engine(), limit=500)
    header = [t(f"audit.col.{c}", lang) for c in ("at", "user", "action", "detail", "address")]
    body = [
        html.Tr(
            [
                html.Td(editor_views.when(r["at"], lang)),
                html.Td(r["user"]),
                html.Td(r["action"]),
                html.Td(r["detail"]),
                html.Td(r["address"]),
            ]
        )
        for r in rows
    ]
    table = dbc.Table(
        [html.Thead(html.Tr([html.Th(h) for h in header])), html.Tbody(body)], size="sm", striped=True
    )
    return html.Div([heading, html.Div(table, className="table-responsive", id="editor-audit-table")])
