"""What the staff area's callbacks share: the user (checked again inside every callback), the
audit log, catalog choices for drop-downs and small layout pieces."""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import html
from flask import request

from dashboard import data
from dashboard.web.auth import current_user
from etl import pipeline

HIDDEN: dict[str, str] = {"display": "none"}
SHOWN: dict[str, str] = {}
# A stand-in for a signed-in administrator: the staff pages' layouts are drawn with it once at start-up,
# ids only, so Dash can check every callback's ids (the pages show anonymous visitors a login prompt).
LAYOUT_CHECK_USER = {"name": "", "role": "admin"}


def user() -> dict:
    """The logged-in editor; the auth guard answers 401 before a callback runs, this is the second
    line of defence."""
    found = current_user()
    if found is None:
        raise dash.exceptions.PreventUpdate
    return found


def audit(who: dict, action: str, **detail: object) -> None:
    pipeline.audit(data.settings(), who["name"], action, request.remote_addr or "", **detail)


def options(kind: str, lang: str) -> list[dict]:
    """Drop-down choices from the warehouse's catalog: 'Name (slug)' in the reader's language."""
    table = getattr(data.catalog(), kind)
    label = "title" if kind == "sources" else f"name_{lang}"
    return [
        {"label": f"{row.get(label) or slug} ({slug})", "value": slug} for slug, row in sorted(table.items())
    ]


def field(name: str, label: str, control, prefix: str = "editor-value") -> dbc.Col:
    return dbc.Col(
        [dbc.Label(label, html_for=f"{prefix}-{name}", className="small mb-0"), control], xs=12, md=6, lg=4
    )


def accept_box(component_id: str, label: str) -> html.Div:
    """The 'save anyway' tick box, shown only when there are warnings."""
    return html.Div(
        dbc.Checkbox(id=component_id, label=label, value=False, className="mt-2"),
        id=f"{component_id}-box",
        style=HIDDEN,
    )
