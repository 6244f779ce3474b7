"""/data: every current observation, filtered, sorted and paged on the server; CSV/XLSX downloads."""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import Input, Output, State, callback, ctx, dcc, html
from dash.exceptions import MissingCallbackContextException

from dashboard import data
from dashboard.components import observations as parts
from dashboard.components.urlstate import url_sync
from dashboard.data import facets
from dashboard.data.facets import FACET_COLUMNS
from dashboard.i18n import localized_layout, t

dash.register_page(__name__, path="/data", order=5, charts=False, shared=True)

FACETS = {column: f"data-{column}" for column in FACET_COLUMNS}
PERIOD_FROM, PERIOD_TO, SORT, AS_OF, PAGER = "data-from", "data-to", "data-sort", "data-as-of", "data-pager"
TABLE, COUNT, BANNER, PAGER_WRAP = "data-table", "data-count", "data-banner", "data-pager-nav"
CSV_BUTTON, XLSX_BUTTON, CSV_FILE, XLSX_FILE = "data-csv", "data-xlsx", "data-csv-file", "data-xlsx-file"
URL_STORE = url_sync(
    "data-url",
    {name: (control, "value") for name, control in FACETS.items()}
    | {"from": (PERIOD_FROM, "value"), "to": (PERIOD_TO, "value"), "sort": (SORT, "value")}
    | {"page": (PAGER, "active_page"), "as_of": (AS_OF, "value")},
)
WIDE, NARROW = {"xs": 12, "md": 6, "lg": 4}, {"xs": 6, "md": 3, "lg": 2}


def _shown(view: facets.BrowseView) -> parts.Shown:
    names = facets.namer()
    return parts.shown(facets.browse(view, names), names, data.settings().download_max_rows)


def _download(view: facets.BrowseView, fmt: str) -> dict:
    content, name = facets.download(view, fmt, data.settings().download_max_rows)
    return dcc.send_bytes(content, name)


def _chosen(view: facets.BrowseView, column: str) -> list[str]:
    return [facets.TOTAL if column == "breakdown" and v == "" else v for v in view.values(column)]


def _controls(view, shown: parts.Shown) -> html.Section:
    facets = [
        parts.dropdown(
            FACETS[c],
            f"data.filter.{c}",
            WIDE,
            multi=True,
            value=_chosen(view, c),
            options=shown.options[c],
        )
        for c in FACETS
    ]
    years = shown.options["years"]
    period = [
        parts.dropdown(PERIOD_FROM, "data.filter.from", NARROW, value=view.start, options=years),
        parts.dropdown(PERIOD_TO, "data.filter.to", NARROW, value=view.end, options=years),
    ]
    sort = parts.dropdown(
        SORT, "data.filter.sort", WIDE, value=view.sort, options=parts.sort_options(), clearable=False
    )
    return html.Section(
        [dbc.Row(facets + period), dbc.Row([sort, parts.as_of_picker(AS_OF, view), parts.reset_link()])],
        className="data-controls",
    )


def _toolbar(shown: parts.Shown) -> html.Div:
    buttons = [
        dbc.Button(
            t(f"common.download_{fmt}"),
            id=button,
            size="sm",
            color="primary",
            outline=fmt == "xlsx",
            disabled=not shown.downloadable,
        )
        for fmt, button in (("csv", CSV_BUTTON), ("xlsx", XLSX_BUTTON))
    ]
    count = html.P(shown.count, id=COUNT, className="data-count mb-0", role="status")
    return html.Div([count, html.Div(buttons, className="data-downloads")], className="data-toolbar")


@localized_layout
def layout(**query: str) -> html.Div:
    view = facets.view_from_query(query)
    shown = _shown(view)
    pager = dbc.Pagination(
        id=PAGER,
        active_page=shown.page,
        max_value=shown.pages,
        fully_expanded=False,
        previous_next=True,
        first_last=True,
    )
    return html.Div(
        [
            URL_STORE,
            html.H1(t("data.heading"), className="h3 mt-3 mb-1"),
            html.P(t("data.lead"), className="text-muted"),
            _controls(view, shown),
            html.Div(shown.banner, id=BANNER),
            _toolbar(shown),
            html.Div(shown.table, id=TABLE, className="table-responsive data-table-wrap"),
            html.Nav(pager, id=PAGER_WRAP, hidden=shown.pages <= 1, **{"aria-label": t("data.pages")}),
            html.P(shown.download_note, className="small text-muted data-download-note"),
            dcc.Download(id=CSV_FILE),
            dcc.Download(id=XLSX_FILE),
        ]
    )


def _triggered() -> object:
    try:
        return ctx.triggered_id
    except MissingCallbackContextException:  # called as a plain function (tests): nothing triggered
        return None


VIEW = {c: Input(control, "value") for c, control in FACETS.items()} | {
    "start": Input(PERIOD_FROM, "value"),
    "end": Input(PERIOD_TO, "value"),
    "sort": Input(SORT, "value"),
    "page": Input(PAGER, "active_page"),
    "as_of": Input(AS_OF, "value"),
}


@callback(
    output={
        "table": Output(TABLE, "children"),
        "count": Output(COUNT, "children"),
        "banner": Output(BANNER, "children"),
        "pages": Output(PAGER, "max_value"),
        "page": Output(PAGER, "active_page"),
        "pager_hidden": Output(PAGER_WRAP, "hidden"),
        "csv_disabled": Output(CSV_BUTTON, "disabled"),
        "xlsx_disabled": Output(XLSX_BUTTON, "disabled"),
        "from_options": Output(PERIOD_FROM, "options"),
        "to_options": Output(PERIOD_TO, "options"),
        **{f"{c}_options": Output(control, "options") for c, control in FACETS.items()},
    },
    inputs=VIEW,
    prevent_initial_call=True,  # the layout rendered the initial view already
)
def update(start=None, end=None, sort=None, page=None, as_of=None, **controls) -> dict:
    # A new filter starts again at page 1; only the pager itself moves between pages.
    page = page if _triggered() in (None, PAGER) else 1
    shown = _shown(facets.view_of(controls, start, end, sort, page, as_of))
    return {
        "table": shown.table,
        "count": shown.count,
        "banner": shown.banner,
        "pages": shown.pages,
        "page": shown.page,
        "pager_hidden": shown.pages <= 1,
        "csv_disabled": not shown.downloadable,
        "xlsx_disabled": not shown.downloadable,
        "from_options": shown.options["years"],
        "to_options": shown.options["years"],
        **{f"{c}_options": shown.options[c] for c in FACETS},
    }


FILTERS = {c: State(control, "value") for c, control in FACETS.items()} | {
    "start": State(PERIOD_FROM, "value"),
    "end": State(PERIOD_TO, "value"),
    "sort": State(SORT, "value"),
    "as_of": State(AS_OF, "value"),
}


@callback(
    Output(CSV_FILE, "data"),
    inputs={"clicks": Input(CSV_BUTTON, "n_clicks")},
    state=FILTERS,
    prevent_initial_call=True,
)
def download_csv(clicks: int | None, start=None, end=None, sort=None, as_of=None, **controls) -> dict:
    return _download(facets.view_of(controls, start, end, sort, None, as_of), "csv")


@callback(
    Output(XLSX_FILE, "data"),
    inputs={"clicks": Input(XLSX_BUTTON, "n_clicks")},
    state=FILTERS,
    prevent_initial_call=True,
)
def download_xlsx(clicks: int | None, start=None, end=None, sort=None, as_of=None, **controls) -> dict:
    return _download(facets.view_of(controls, start, end, sort, None, as_of), "xlsx")
