"""The data page's parts: the observations table, its filter controls and the download toolbar."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html

from dashboard.components import space
from dashboard.data import facets
from dashboard.data.facets import FACET_COLUMNS, SORTS, BrowseModel, BrowseView, Namer
from dashboard.i18n import (
    current,
    format_date,
    format_number,
    format_period,
    format_value,
    status_label,
    t,
    tn,
    unit_label,
)
from dashboard.i18n.locale import localized_href

COLUMNS = {
    "indicator": "common.indicator",
    "region": "common.region",
    "breakdown": "common.breakdown",
    "period": "common.period",
    "value": "common.value",
    "unit": "common.unit",
    "status": "common.status",
    "source": "common.source_label",
    "note": "common.note",
    "revisions": "data.col.revisions",
}


def _value(row: pd.Series) -> html.Span:
    """'more than 650': the qualifier may wrap onto its own line, the number never breaks."""
    number = html.Span(
        format_value(float(row["value"]), str(row["unit"]), compact=False), className="text-nowrap"
    )
    qualifier = str(row["qualifier"] or "")
    return html.Span([t(f"qualifier.{qualifier}"), " ", number] if qualifier else number)


def _cells(row: pd.Series, namer: Namer) -> dict[str, object]:
    revised = int(row["revisions"]) > 1
    return {
        "indicator": namer("indicator", str(row["indicator"])),
        "region": namer("region", str(row["region"])),
        "breakdown": namer("breakdown", str(row["breakdown"])),
        "period": format_period(str(row["period"])),
        "value": _value(row),
        "unit": unit_label(str(row["unit"])),
        "status": status_label(str(row["status"])),
        "source": html.Div(
            [
                html.A(
                    str(row["source_title"]), href=str(row["source_url"]), target="_blank", rel="noopener"
                ),
                html.Small(str(row["publisher"]), className="d-block text-muted"),
            ]
        ),
        "note": str(row["note"] or ""),
        "revisions": html.Span(
            str(row["revisions"]),
            title=t("data.revised", count=row["revisions"]) if revised else None,
            className="badge text-bg-warning" if revised else None,
        ),
    }


def table(rows: pd.DataFrame, namer: Namer) -> html.Table:
    """At most one page of rows (the caller pages), each cell labelled for the stacked phone layout."""
    head = html.Thead(
        html.Tr([html.Th(t(key), scope="col", className=f"data-{c}") for c, key in COLUMNS.items()])
    )
    body = [
        html.Tr(
            [
                html.Td(content, className=f"data-{column}", **{"data-label": t(COLUMNS[column])})
                for column, content in _cells(row, namer).items()
            ]
        )
        for _, row in rows.iterrows()
    ]
    # lang lets the browser hyphenate long German words in the narrow columns
    return html.Table(
        [head, html.Tbody(body)], className="table table-sm table-striped data-grid", lang=current()
    )


def dropdown(control_id: str, label_key: str, width: dict, **props) -> dbc.Col:
    names = ("select_all", "deselect_all", "selected_count", "search", "clear_search", "clear_selection")
    labels = {name: t(f"data.dropdown.{name}") for name in (*names, "no_options_found")}
    control = space.dropdown(id=control_id, labels=labels, placeholder=t("common.all"), **props)
    return dbc.Col([dbc.Label(t(label_key), html_for=control_id), control], **width, className="mb-2")


def as_of_picker(control_id: str, view: BrowseView) -> dbc.Col:
    """The browser's own date field: keyboard and screen-reader friendly, in the reader's locale."""
    picker = dcc.Input(
        id=control_id,
        type="date",
        value=view.as_of.isoformat() if view.as_of else "",
        max=date.today().isoformat(),
        min="1900-01-01",
        debounce=True,
        className="form-control",
    )
    help_text = dbc.FormText(t("data.as_of_help"), id=f"{control_id}-help")
    return dbc.Col(
        [dbc.Label(t("data.filter.as_of"), html_for=control_id), picker, help_text],
        xs=12,
        md=6,
        lg=4,
        className="mb-2",
    )


def sort_options() -> list[dict]:
    return [{"label": t(f"data.sort.{sort}"), "value": sort} for sort in SORTS]


def reset_link() -> dbc.Col:
    link = html.A(t("data.reset"), href=localized_href("/data"), className="data-reset")
    return dbc.Col(link, xs=12, lg=4, className="mb-2 align-self-center")


@dataclass(frozen=True)
class Shown:
    """The components of the data page for one model."""

    table: object
    count: str
    banner: object
    pages: int
    page: int
    options: dict[str, list[dict]]
    downloadable: bool
    download_note: str


def _options(model: BrowseModel, namer: Namer) -> dict[str, list[dict]]:
    found: dict[str, list[dict]] = {}
    for column in (*FACET_COLUMNS, "year"):
        items = facets.options(model.counts[column], namer, column)
        if column == "year":
            items = sorted(items, key=lambda item: int(item[0]))  # type: ignore[call-overload]
            found["years"] = [{"label": str(value), "value": int(value)} for value, _, _ in items]  # type: ignore[call-overload]
            continue
        found[column] = [
            {
                "label": f"{name} ({format_number(count)})",
                "value": facets.TOTAL if column == "breakdown" and value == "" else value,
                "search": name,
            }
            for value, name, count in items
        ]
    return found


def shown(model: BrowseModel, namer: Namer, download_limit: int) -> Shown:
    view = model.view
    count = tn("data.count", model.total)
    if model.total:
        first = (view.page - 1) * facets.PAGE_SIZE
        last = first + len(model.rows)
        count += " · " + t("data.showing", first=format_number(first + 1), last=format_number(last))
        body: object = table(model.rows, namer)
    else:
        empty = "data.empty" if model.published_before else "data.empty_as_of"
        body = dbc.Alert(t(empty, date=format_date(view.as_of)), color="secondary")
    banner = (
        dbc.Alert(t("data.as_of_banner", date=format_date(view.as_of)), color="info", className="py-2")
        if view.as_of
        else None
    )
    too_many = model.total > download_limit
    note = t("data.download_note")
    if too_many:
        note = t("data.download_too_many", limit=format_number(download_limit)) + " " + note
    return Shown(
        body,
        count,
        banner,
        model.pages,
        view.page,
        _options(model, namer),
        bool(model.total) and not too_many,
        note,
    )
