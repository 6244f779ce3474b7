"""Indicator cards: latest value with its period, change (as a bound where the figures are bounds),
source link and a sparkline. Texts in the request's language."""

from __future__ import annotations

import dash_bootstrap_components as dbc
import pandas as pd
from dash import html

from dashboard.data.kpi import Change, Headline
from dashboard.data.progress import rate_text
from dashboard.figures import sparkline
from dashboard.figures.sparkline import SPARK_HEIGHT
from dashboard.i18n import current, format_period, format_value, t, tn


def change_text(change: Change) -> tuple[str, str]:
    """('+6.4% since 2022', 'up'), ('at most +14.3% since 2022', 'up')."""
    sign = "+" if change.percent > 0 else ("−" if change.percent < 0 else "±")
    rate = rate_text(abs(change.percent) / 100)
    signed = t(f"bound.{change.bound}", rate=sign + rate) if change.bound else sign + rate
    direction = "up" if change.percent > 0 else ("down" if change.percent < 0 else "")
    return t("kpi.change", change=signed, period=format_period(change.since)), direction


def localised(href: str) -> str:
    """A link to another page of the site in the reader's language."""
    if current() == "en" or not href.startswith("/"):
        return href
    return f"{href}{'&' if '?' in href else '?'}lang={current()}"


def _source(headline: Headline, latest: pd.Series) -> html.Div:
    if headline.card.cumulative:  # a sum of many figures: the page that lists them is its source
        page = t(f"nav.{headline.card.page.strip('/') or 'overview'}")
        text = tn("kpi.sum_sources", len(latest["sources"]), page=page)
        link = html.A(text, href=localised(headline.card.page), title=str(latest["source_title"]))
    else:
        link = html.A(
            str(latest["publisher"]),
            href=str(latest["source_url"]),
            title=str(latest["source_title"]),
            target="_blank",
            rel="noopener",
        )
    return html.Div([t("common.source_label"), ": ", link], className="kpi-source small")


def _trend(rows: pd.DataFrame) -> html.Img:
    spark = sparkline(rows, current())
    return html.Img(
        src=spark.src, alt=spark.summary, className="kpi-spark", style={"height": f"{SPARK_HEIGHT}px"}
    )


def kpi_card(card_id: str, headline: Headline, href: str | None = None) -> dbc.Card:
    """The card of one headline (dashboard.data.kpi), linking to `href` if given."""
    title = html.H2(headline.card.title.get(current()), className="kpi-title")
    latest = headline.latest
    if latest is None:
        body = [title, html.P(t("kpi.no_value"), className="text-muted")]
        return dbc.Card(dbc.CardBody(body), className="kpi-card", id=card_id)
    qualifier = str(latest["qualifier"] or "")
    change, direction = change_text(headline.change) if headline.change else ("", "")
    rows = headline.rows
    body = [
        title,
        html.Div(
            [
                html.Span(t(f"qualifier.{qualifier}"), className="kpi-qualifier") if qualifier else None,
                html.Span(format_value(float(latest["value"]), str(latest["unit"])), className="kpi-value"),
                " ",
                html.Span(format_period(str(latest["period"])), className="kpi-period"),
            ],
        ),
        html.Div(change, className=f"kpi-change {direction}") if change else None,
        _trend(rows) if len(rows) > 1 else None,
        _source(headline, latest),
        html.A(t("common.more"), href=localised(href), className="stretched-link-off small kpi-more")
        if href
        else None,
    ]
    return dbc.Card(dbc.CardBody([b for b in body if b is not None]), className="kpi-card", id=card_id)
