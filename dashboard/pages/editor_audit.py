"""/editor/audit: logins (successful and failed), uploads, edits and undos as sentences in the
reader's language. Administrators only."""

from __future__ import annotations

import dash
from dash import html

from dashboard.components.editor_log import audit_table
from dashboard.data import runs as run_data
from dashboard.i18n import normalise_lang, t
from dashboard.web.auth import require_role

dash.register_page(__name__, path="/editor/audit", title="Regiometer: audit log", order=92)


def layout(lang: str = "en", **_query: str) -> html.Div:
    lang = normalise_lang(lang)
    heading = html.H1(t("audit.heading", lang), className="h3 mt-3")
    refused = require_role("admin", lang, "/editor/audit")
    if refused is not None:
        return html.Div([heading, refused])
    return html.Div([heading, audit_table(run_data.audit_log(limit=500), lang)])
