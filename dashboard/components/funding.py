"""The funding page's tables and cards, drawn from the page models of dashboard.data.funding."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import html

from dashboard.components import space
from dashboard.components.controls import field, options
from dashboard.data import funding
from dashboard.data.funding import Choices, Events, FundingView, Recipient, Total
from dashboard.i18n import current, format_value, t


def stack_table(headers: list[str], rows: list[list], class_name: str) -> html.Div:
    """A table that stacks into labelled cards below 576 px (data-label), so phones never scroll sideways."""
    cells = [
        [html.Td(html.Div(c) if c else None, **{"data-label": h}) for h, c in zip(headers, r, strict=True)]
        for r in rows
    ]
    head = html.Thead(html.Tr([html.Th(text, scope="col") for text in headers]))
    table = dbc.Table(
        [head, html.Tbody([html.Tr(row) for row in cells])],
        className=f"rm-stack {class_name}",
        hover=True,
        size="sm",
    )
    return html.Div(table, className="table-responsive")


def _source(publisher: str, url: str, title: str) -> html.A | str:
    return html.A(publisher, href=url, title=title, target="_blank") if url else publisher


def events_table(model: Events) -> html.Div | dbc.Alert:
    """One row per event, newest first; a note with a link to the Data page when more exist."""
    if not model.rows:
        return dbc.Alert(t("common.no_data"), color="light")
    kinds = list(model.kinds)
    headers = [t("axis.entity"), t("axis.year"), *[t(f"funding.col.{kind}") for kind in kinds]]
    headers += [t("common.status"), t("common.source_label")]
    body = []
    for event in model.rows:  # at most funding.EVENTS_SHOWN
        values = []
        for kind in kinds:
            amounts = [
                html.Div(
                    [
                        html.Span(a.text, className="funding-amount"),
                        html.Small(a.indicator, className="funding-kind"),
                    ]
                    if a.indicator
                    else html.Span(a.text, className="funding-amount")
                )
                for a in event.values.get(kind, ())
            ]
            if event.more.get(kind):
                amounts.append(html.Small(f"+{event.more[kind]}", className="text-muted"))
            values.append(amounts)
        body.append(
            [
                [html.Strong(event.entity), html.Div(event.region, className="small text-muted")],
                event.period,
                *values,
                [html.Span(text, className=f"funding-status is-{key}") for key, text in event.statuses],
                [
                    _source(event.publisher, event.source_url, event.source_title),
                    html.Div(event.notes, className="small text-muted"),
                ],
            ]
        )
    table = stack_table(headers, body, "funding-table")
    if model.total <= len(model.rows):
        return table
    more = t("funding.more_events", shown=len(model.rows), total=format_value(model.total, "count"))
    link = html.A(t("funding.more_events_link"), href=model.data_link)
    return html.Div([table, html.P([more, " ", link], className="small text-muted funding-more")])


def totals_table(totals: tuple[Total, ...]) -> html.Div:
    """Per indicator and scope: the total and what it adds; nothing is added across rows."""
    headers = [t("common.indicator"), t("common.total"), t("funding.col.adds")]
    body = [
        [
            funding.indicator_label(total.indicator),
            format_value(total.value, total.unit) + (" *" if total.bounded else ""),
            funding.total_label(total),
        ]
        for total in totals
    ]
    bounded = any(total.bounded for total in totals)
    note = html.P(t("funding.bounds_note"), className="small text-muted") if bounded else None
    return html.Div([stack_table(headers, body, "funding-totals-table"), note])


def recipients_table(rows: list[Recipient]) -> html.Div:
    headers = [t("axis.entity"), t("funding.col.fund"), t("common.total"), t("funding.col.years")]
    headers.append(t("common.source_label"))
    body = [
        [r.name, r.fund, r.amount, r.years, _source(r.source, r.source_url, r.source_title)] for r in rows
    ]
    return stack_table(headers, body, "funding-recipients-table")


def entity_card(slug: str | None) -> dbc.Card | None:
    """Name, description and website of the chosen entity."""
    row = funding.catalog().entities.get(slug or "")
    if not row:
        return None
    lang = current()
    body = [
        html.H2(row.name(lang), className="h6 mb-1"),
        html.P(row.description(lang), className="mb-1 small"),
        html.A(t("funding.website"), href=row.website, target="_blank", className="small")
        if row.website
        else None,
    ]
    return dbc.Card(
        dbc.CardBody([part for part in body if part is not None]), className="funding-entity mb-3"
    )


def controls(view: FundingView, choices: Choices, ids: tuple[str, str, str]) -> dbc.Card:
    """The kinds shown, the scope and the entity: the page's controls, with the page's ids."""
    types_id, scope_id, entity_id = ids
    kinds = [{"label": t(f"funding.type.{kind}"), "value": kind} for kind in funding.KINDS]
    scopes = [{"label": t(f"funding.scope.{name}"), "value": name} for name in funding.SCOPES]
    entity = space.dropdown(
        id=entity_id, options=options(choices.entities), value=view.entity, placeholder=t("common.all")
    )
    types = dbc.Checklist(id=types_id, options=kinds, value=list(view.kinds), inline=True)
    scope = dbc.RadioItems(id=scope_id, options=scopes, value=view.scope, inline=True)
    row = dbc.Row(
        [
            field(types_id, t("funding.types"), types, lg=5),
            field(scope_id, t("funding.scope"), scope, lg=4),
            field(entity_id, t("axis.entity"), entity, lg=3),
        ]
    )
    return dbc.Card(dbc.CardBody(row), className="funding-controls mb-3")
