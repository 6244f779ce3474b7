"""The export menu under every chart: images, data, citation, link and embed code.

Images are drawn in the browser by Plotly (title, source and date are inside the figure, so they are
burned in); data files come from /export/<chart>, which renders the same chart from the same view
state. assets/regiometer.js fills in the current query string when a link is used.
"""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import html

from dashboard.i18n import t


def _image_item(label: str, graph_id: str, filename: str, fmt: str, scale: int) -> html.Button:
    return html.Button(
        label,
        type="button",
        className="dropdown-item export-image",
        id=f"{graph_id}-export-{fmt}{scale}",
        **{"data-graph": graph_id, "data-format": fmt, "data-scale": str(scale), "data-filename": filename},
    )


def _data_item(label: str, chart: str, fmt: str) -> html.A:
    return html.A(
        label,
        href=f"/export/{chart}.{fmt}",
        className="dropdown-item export-data",
        id=f"export-{chart}-{fmt}",
    )


def _copy_row(label: str, kind: str, chart: str, text: str, lang: str) -> html.Div:
    field_id = f"share-{chart}-{kind}"
    return html.Div(
        [
            html.Label(label, htmlFor=field_id, className="form-label small mb-0"),
            html.Div(
                [
                    html.Textarea(
                        text,
                        id=field_id,
                        readOnly=True,
                        rows=2 if kind != "link" else 1,
                        className="form-control form-control-sm share-field",
                        **{"data-kind": kind, "data-chart": chart},
                    ),
                    html.Button(
                        t("share.copy", lang),
                        className="btn btn-sm btn-outline-secondary share-copy",
                        **{"data-target": field_id, "data-done": t("share.copied", lang)},
                    ),
                ],
                className="share-row",
            ),
        ],
        className="mb-2",
    )


def export_menu(chart: str, graph_id: str, filename: str, citation: str, lang: str) -> html.Div:
    menu = dbc.DropdownMenu(
        [
            _image_item(t("share.png", lang), graph_id, filename, "png", 1),
            _image_item(t("share.png2x", lang), graph_id, filename, "png", 2),
            _image_item(t("share.svg", lang), graph_id, filename, "svg", 1),
            html.Hr(className="dropdown-divider"),
            _data_item(t("share.csv", lang), chart, "csv"),
            _data_item(t("share.xlsx", lang), chart, "xlsx"),
        ],
        label=t("share.export", lang),
        size="sm",
        color="light",
        toggle_class_name="btn-outline-secondary",
        id=f"{graph_id}-export-menu",
        className="me-2",
    )
    share = html.Details(
        [
            html.Summary(t("share.share", lang), className="btn btn-sm btn-outline-secondary"),
            html.Div(
                [
                    _copy_row(t("share.citation", lang), "citation", chart, citation, lang),
                    _copy_row(t("share.link", lang), "link", chart, "", lang),
                    _copy_row(t("share.embed", lang), "embed", chart, "", lang),
                ],
                className="share-panel",
            ),
        ],
        className="share-details",
        id=f"{graph_id}-share",
    )
    return html.Div([menu, share], className="export-bar", **{"data-chart": chart})
