"""The export menu under every chart: images, data, citation, link, embed code and update alerts.

Images are not taken from the chart on screen (on a phone that is the narrow layout): the menu asks
/export/<chart>.json for the chart laid out for a 1200x675 image and draws it off-screen with
Plotly. Data files come from /export/<chart>.<csv|xlsx>, which renders the same chart from the same
view state. assets/regiometer.js adds the current view's query string, fills the citation's link
and date and writes the embed code when the panel opens.
"""

from __future__ import annotations

from urllib.parse import urlencode

import dash_bootstrap_components as dbc
from dash import html

from dashboard.charts.embed import RESIZE_SCRIPT
from dashboard.i18n import current, t


def _image_item(label: str, chart: str, graph_id: str, filename: str, fmt: str, scale: int) -> html.Button:
    return html.Button(
        label,
        type="button",
        className="dropdown-item export-image",
        id=f"{graph_id}-export-{fmt}{scale}",
        **{
            "data-chart": chart,
            "data-format": fmt,
            "data-scale": str(scale),
            "data-filename": filename,
            "data-failed": t("share.image_failed"),
        },
    )


def _data_item(label: str, chart: str, fmt: str) -> html.A:
    return html.A(
        label,
        href=f"/export/{chart}.{fmt}",
        className="dropdown-item export-data",
        id=f"export-{chart}-{fmt}",
    )


def _copy_row(label: str, kind: str, chart: str, text: str, rows: int, help_text: str = "") -> html.Div:
    field_id = f"share-{chart}-{kind}"
    extra = {"data-template": text} if kind == "citation" else {}
    return html.Div(
        [
            html.Label(label, htmlFor=field_id, className="form-label small mb-0"),
            html.Div(
                [
                    html.Textarea(
                        text,
                        id=field_id,
                        readOnly=True,
                        rows=rows,
                        className="form-control form-control-sm share-field",
                        **{"data-kind": kind, "data-chart": chart, **extra},
                    ),
                    html.Button(
                        t("share.copy"),
                        type="button",
                        className="btn btn-sm btn-outline-secondary share-copy",
                        **{"data-target": field_id, "data-done": t("share.copied")},
                    ),
                ],
                className="share-row",
            ),
            html.P(help_text, className="form-text small mb-0") if help_text else None,
        ],
        className="mb-2",
    )


def feed_href(indicator: str = "") -> str:
    query = urlencode([(k, v) for k, v in (("indicator", indicator), ("lang", current())) if v and v != "en"])
    return "/feed.xml" + (f"?{query}" if query else "")


def export_menu(chart: str, graph_id: str, filename: str, citation: str, indicator: str = "") -> html.Div:
    """The menu in the request's language; `citation` from charts.citation.citation()."""
    menu = dbc.DropdownMenu(
        [
            _image_item(t("share.png"), chart, graph_id, filename, "png", 1),
            _image_item(t("share.png2x"), chart, graph_id, filename, "png", 2),
            _image_item(t("share.svg"), chart, graph_id, filename, "svg", 1),
            html.Hr(className="dropdown-divider"),
            _data_item(t("share.csv"), chart, "csv"),
            _data_item(t("share.xlsx"), chart, "xlsx"),
        ],
        label=t("share.export"),
        size="sm",
        color="light",
        toggle_class_name="btn-outline-secondary",
        id=f"{graph_id}-export-menu",
        className="me-2",
    )
    lines = max(3, min(10, citation.count("\n") + 2))
    share = html.Details(
        [
            html.Summary(t("share.share"), className="btn btn-sm btn-outline-secondary"),
            html.Div(
                [
                    _copy_row(t("share.citation"), "citation", chart, citation, lines),
                    _copy_row(t("share.link"), "link", chart, "", 1),
                    _copy_row(t("share.embed"), "embed", chart, "", 4, t("share.embed_help")),
                    html.P(
                        html.A(
                            t("share.feed"),
                            href=feed_href(indicator),
                            id=f"share-{chart}-feed",
                            className="share-feed",
                        ),
                        className="small mb-0",
                    ),
                ],
                className="share-panel",
                **{"data-resize": RESIZE_SCRIPT},
            ),
        ],
        className="share-details",
        id=f"{graph_id}-share",
    )
    return html.Div([menu, share], className="export-bar", **{"data-chart": chart})
