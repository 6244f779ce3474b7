"""The named charts of /clusters: members of the pack's main cluster, and participants at its events."""

from __future__ import annotations

import textwrap
from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go

from dashboard import charts, data
from dashboard.charts import citation
from dashboard.charts.context import chart_context
from dashboard.data import clusters
from dashboard.figures import timeseries
from dashboard.figures.legend import inside_legend
from dashboard.i18n import current, format_span, format_value, t, use_locale

HEIGHT = 420
NOTE_WIDTH = 24  # characters per line of the founding note


def _span(rows: pd.DataFrame) -> str:
    years = rows["period"].astype(str).str[:4]
    return f"{years.min()}-{years.max()}" if not rows.empty else ""


def _founding_note(figure: go.Figure, founding: pd.Series) -> None:
    """The founding members as a note in the plot's lower right corner (a rising series leaves it empty): a
    lone point decades before the series would stretch the time axis and squeeze the series into a corner."""
    count = format_value(float(founding["value"]), "count", qualifier=str(founding["qualifier"] or ""))
    text = t("clusters.founding_note", year=str(founding["period"])[:4], count=count)
    source = f"{t('common.source_label')}: {founding['publisher']}"
    lines = textwrap.wrap(text, NOTE_WIDTH) + [
        f"<span style='font-size:11px'>{line}</span>" for line in textwrap.wrap(source, NOTE_WIDTH + 4)
    ]  # short lines: the note stays inside a phone's plot
    figure.add_annotation(
        text="<br>".join(lines), xref="paper", yref="paper",
        x=0.99, y=0.03, xanchor="right", yanchor="bottom", showarrow=False, align="right",
        bgcolor="rgba(255,255,255,0.85)", font={"size": 12}, name="founding",
    )  # fmt: skip


@charts.register("clusters-members")
def members_output(lang: str | None = None, query: Mapping[str, str] | None = None) -> charts.ChartOutput:
    """Members by year, and the founding members as a note (page, /export and /embed)."""
    with use_locale(lang or current()):
        found = clusters.members()
        rows, founding = found.rows, found.founding
        span = format_span(str(rows["period"].min()), str(rows["period"].max())) if not rows.empty else ""
        title = t("clusters.members_title", cluster=data.label("entities", found.cluster))
        shown = pd.concat([rows, founding.to_frame().T]) if founding is not None else rows
        ctx = chart_context(None, title, t("clusters.members_subtitle", span=span), rows=shown)
        figure = timeseries(rows, ctx, by="indicator", labels={clusters.MEMBERS: t("clusters.members")})
        if founding is not None and not rows.empty:
            _founding_note(figure, founding)
        name = citation.filename(f"{found.cluster}-members", _span(rows))
        exported = shown.reset_index(drop=True)
        return charts.ChartOutput(figure, exported, name, title, citation.citation(exported, title, ctx.lang))


@charts.register("clusters-events")
def events_output(lang: str | None = None, query: Mapping[str, str] | None = None) -> charts.ChartOutput:
    """Participants per event and year; years without a reported figure are joined by the line."""
    with use_locale(lang or current()):
        rows = clusters.participants()
        labels = {str(slug): data.label("entities", str(slug)) for slug in rows["breakdown"].unique()}
        title = t("clusters.events_title")
        ctx = chart_context(None, title, t("clusters.events_subtitle"), rows=rows)
        figure = inside_legend(timeseries(rows, ctx, by="breakdown", labels=labels), HEIGHT)
        name = citation.filename("cluster-event-participants", _span(rows))
        return charts.ChartOutput(figure, rows, name, title, citation.citation(rows, title, ctx.lang))
