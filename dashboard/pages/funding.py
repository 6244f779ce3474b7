"""/funding: investments and funding decisions as a timeline, a table of events, totals per indicator
(never one grand total: the figures overlap) and EU programme money from the Kohesio/CORDIS connectors."""

from __future__ import annotations

import textwrap
from collections.abc import Iterable, Mapping
from typing import NamedTuple

import dash
import dash_bootstrap_components as dbc
import pandas as pd
from dash import Input, Output, State, callback, dcc, html

from dashboard import charts, data
from dashboard.charts import citation
from dashboard.components.chart import chart_card
from dashboard.components.urlstate import split_list, url_sync
from dashboard.figures import ChartContext, funding_timeline, totals_by_year
from dashboard.figures.theme import text_of
from dashboard.i18n import format_period, format_span, format_value, has, normalise_lang, t
from dashboard.i18n import status_label as base_status_label
from dashboard.progress import years_of

dash.register_page(__name__, path="/funding", title="Funding and investments: Regiometer", order=2)

TYPES = {
    "investment": (
        "funding.investment_eur",
        "funding.expansion_investment_eur",
        "funding.investment_cumulative_eur",
        "funding.project_volume_eur",
        "funding.private_investment_eur",
    ),
    "public": ("funding.state_aid_eur", "funding.public_funding_eur"),
    "jobs": ("funding.jobs_announced",),
}
INVESTED = TYPES["investment"][:3]  # an 'actual' row of these means the site runs
CUMULATIVE = ("funding.investment_cumulative_eur",)  # only the latest value may be counted
SCOPES = ("saxony", "eu")
SAXONY = "DED"
WIDER = ("EU27_2020", "DE")  # programme rows beyond Saxony, shown with scope=eu
LEVELS = ("project", "programme", *WIDER)  # totals never add one level to another
EU_FUNDS = ("funding.eu_cohesion_eur", "funding.horizon_europe_eur")
EU_COMMAND = "python -m etl run kohesio cordis"
DEFAULT_TOTAL = "funding.state_aid_eur"

TYPES_ID, SCOPE_ID, ENTITY_ID, TOTAL_ID = "funding-types", "funding-scope", "funding-entity", "funding-total"
LANG_ID, URL_ID, INFO_BOX, EU_BOX = "funding-lang", "funding-url", "funding-entity-info", "funding-eu"
TIMELINE_BOX, TABLE_BOX, TOTALS_BOX = "funding-timeline-box", "funding-table-box", "funding-totals-box"
TIMELINE_GRAPH, TOTALS_GRAPH, EU_GRAPH = "funding-timeline", "funding-totals-graph", "funding-eu-graph"
# Registered charts (dashboard.charts): the page, /export/<name>.csv and /embed/<name> draw the same thing.
TIMELINE_CHART, TOTALS_CHART, EU_CHART = "funding-timeline", "funding-totals", "funding-eu"
FILE_KINDS = {"investment": "investments", "public": "public-funding"}  # money types in file names


def _text(frame: pd.DataFrame, column: str) -> pd.Series:
    return frame[column].astype(str)


def funding_rows(types: Iterable[str], scope: str) -> pd.DataFrame:
    """Observations of the chosen types that name an entity, in Saxony (plus wider programmes for 'eu'),
    with entity_key (slug, or slug@region beyond Saxony) and level (project, programme, EU27_2020, DE)."""
    frames = [data.series(slug) for kind in types for slug in TYPES.get(kind, ())]
    frames = [frame for frame in frames if not frame.empty]
    frame = pd.concat(frames, ignore_index=True) if frames else data.empty()
    region, breakdown = _text(frame, "region"), _text(frame, "breakdown")
    saxon = region.str.startswith(SAXONY)
    keep = (saxon | (region.isin(WIDER) if scope == "eu" else False)) & breakdown.ne("")
    entities = data.catalog().entities
    kinds = {
        slug: "programme" if entities.get(slug, {}).get("kind") == "programme" else "project"
        for slug in breakdown.unique()
    }
    kind = breakdown.map(kinds)
    # EU-wide rows get their own key, so Saxony's IPCEI money never shares a line with the EU-wide total.
    return frame.assign(
        indicator=_text(frame, "indicator"),
        entity_key=breakdown.where(saxon, breakdown + "@" + region),
        level=kind.where(saxon, region),
    )[keep]


def short_name(name: str) -> str:
    """Axis label: 'ESMC (European ...)' -> 'ESMC'; 'IPCEI Micro... (ME/CT)' -> 'IPCEI ME/CT'."""
    head, bracket, tail = name.partition(" (")
    inner = tail.removesuffix(")")
    if not bracket or len(head) <= 14:
        return head
    first = head.split()[0]
    return f"{first} {inner}" if first.isupper() and " " not in inner and len(inner) <= 8 else head


def entity_name(key: str, lang: str, short: bool = False) -> str:
    slug, _, region = key.partition("@")
    name = data.label("entities", slug, lang)
    name = "<br>".join(textwrap.wrap(short_name(name), 24)) if short else name
    return f"{name} ({t('funding.suffix.' + region, lang)})" if region else name


def status_key(indicator: str, status: str) -> str:
    """announced (an announcement), approved (an actual decision), operational (an actual investment)."""
    if status == "announcement":
        return "announced"
    if status == "actual":
        return "operational" if indicator in INVESTED else "approved"
    return "expected" if status == "projection" else status


def status_text(key: str, lang: str) -> str:
    return t(f"funding.status.{key}", lang) if has(f"funding.status.{key}") else base_status_label(key, lang)


def operational_since() -> dict[str, int]:
    """Entity slug -> year of its first actual investment figure (the fab opened)."""
    frames = [frame[frame["status"] == "actual"] for frame in map(data.series, INVESTED)]
    frame = pd.concat([f for f in frames if not f.empty] or [data.empty()])
    return frame.groupby(_text(frame, "breakdown"))["period_start"].min().dt.year.to_dict()


def countable(rows: pd.DataFrame) -> pd.DataFrame:
    """Rows that may be summed within one indicator: drops announcements later confirmed by an actual
    figure of the same entity and indicator, and all but the latest value of cumulative indicators."""
    if rows.empty:
        return rows
    keys = ["entity_key", "indicator"]
    status = _text(rows, "status")
    confirmed = rows[status.eq("actual")].groupby(keys)["period_start"].max().rename("_confirmed")
    rows = rows.join(confirmed, on=keys)
    superseded = status.ne("actual") & rows["_confirmed"].ge(rows["period_start"])
    latest = rows["period_start"].eq(rows.groupby(keys)["period_start"].transform("max"))
    return rows[~superseded & (~rows["indicator"].isin(CUMULATIVE) | latest)].drop(columns="_confirmed")


def _context(title: str, lang: str) -> ChartContext:
    as_of = data.last_import()
    return ChartContext(lang=lang, title=title, data_as_of=as_of.date() if as_of else None)


def _source_link(row, text: str = "") -> html.A:
    return html.A(
        text or str(row.publisher), href=str(row.source_url), title=str(row.source_title), target="_blank"
    )


def _table(headers: list[str], rows: list[list], class_name: str) -> html.Div:
    """A table that stacks into labelled cards below 576 px (data-label), so phones never scroll sideways."""
    cells = [
        [html.Td(html.Div(c) if c else None, **{"data-label": h}) for h, c in zip(headers, r, strict=True)]
        for r in rows
    ]
    body = [html.Tr(row) for row in cells]
    head = html.Thead(html.Tr([html.Th(text, scope="col") for text in headers]))
    table = dbc.Table([head, html.Tbody(body)], className=f"rm-stack {class_name}", hover=True, size="sm")
    return html.Div(table, className="table-responsive")


class View(NamedTuple):
    """A valid view state (controls and URL); entity None means all entities."""

    types: list[str]
    scope: str
    entity: str | None
    total: str | None


def view_from(query: Mapping[str, str], lang: str) -> tuple[View, list[dict], list[dict]]:
    """The view a URL asks for, made valid, with the entity and total options: what the page shows for
    the URL and what /export and /embed render for the same query string."""
    types = [kind for kind in TYPES if kind in split_list(query.get("types"))] or list(TYPES)
    scope = query.get("scope")
    scope = scope if scope in SCOPES else "saxony"
    entities, entity, totals, total = update_choices(
        types, scope, query.get("entity"), query.get("total"), lang
    )
    return View(types, scope, entity, total), entities, totals


def selected_rows(view: View) -> pd.DataFrame:
    rows = funding_rows(view.types, view.scope)
    return rows[rows["entity_key"].str.partition("@")[0] == view.entity] if view.entity else rows


def _observations(rows: pd.DataFrame) -> pd.DataFrame:
    """The rows as observations (without the page's helper columns), for exports."""
    return rows.drop(columns=["entity_key", "level"], errors="ignore")


def with_year_totals(rows: pd.DataFrame) -> pd.DataFrame:
    """Adds year_total: the sum of the row's indicator in its year, which is what the bars plot."""
    years = years_of(rows)
    return rows.assign(year_total=rows.groupby([years, _text(rows, "indicator")])["value"].transform("sum"))


def one_per_year(money: pd.DataFrame) -> pd.DataFrame:
    """One bubble per entity, kind of money and year (the latest figure of that year): a timeline of
    decisions, readable and fast however finely a source reports (monthly data would flood it)."""
    year = pd.to_datetime(money["period_start"]).dt.year
    latest = money.assign(_year=year).sort_values("period_start", kind="stable")
    return latest.drop_duplicates(["entity_key", "indicator", "_year"], keep="last").drop(columns="_year")


def timeline_output(rows: pd.DataFrame, view: View, lang: str) -> charts.ChartOutput:
    money = one_per_year(rows[_text(rows, "unit").eq("EUR")])
    title = t("funding.timeline_title_eu" if view.scope == "eu" else "funding.timeline_title", lang)
    keys = money["entity_key"].unique()
    # Amount labels right of the bubbles collide when one row has points less than two years apart.
    gaps = money.sort_values("period_start").groupby("entity_key")["period_start"].diff().dt.days
    figure = funding_timeline(
        money.assign(breakdown=money["entity_key"]),
        _context(title, lang),
        labels={key: entity_name(key, lang, short=True) for key in keys},
        indicator_labels={slug: data.label("indicators", slug, lang) for slug in money["indicator"].unique()},
        show_amounts=not bool((gaps < 730).any()),
    )
    if len(keys):  # 44 px per entity row (labels wrap to two lines) plus the title and footer margins
        margin = figure.layout.margin
        figure.update_layout(height=int((margin.t or 0) + (margin.b or 0) + max(44 * len(keys), 120) + 20))
    meta = figure.layout.meta if isinstance(figure.layout.meta, dict) else {}
    figure.layout.meta = {**meta, "summary": str(meta.get("summary", "")).replace("<br>", " ")}
    kinds = "-and-".join(FILE_KINDS[kind] for kind in view.types if kind in FILE_KINDS) or "funding"
    name = citation.filename(
        "saxony-and-eu-programmes" if view.scope == "eu" else "saxony",
        view.entity or "",
        kinds,
        citation.period_span(money),
    )
    observations = _observations(money)
    return charts.ChartOutput(figure, observations, name, title, citation.citation(observations, title, lang))


@charts.register(TIMELINE_CHART)
def timeline_chart(lang: str, query: Mapping[str, str]) -> charts.ChartOutput:
    """The timeline for the page's query string (types, scope, entity)."""
    view = view_from(query, lang)[0]
    return timeline_output(selected_rows(view), view, lang)


def timeline_card(rows: pd.DataFrame, view: View, lang: str) -> html.Figure:
    output = timeline_output(rows, view, lang)
    return chart_card(
        TIMELINE_GRAPH,
        output.figure,
        lang,
        output.filename,
        height=int(output.figure.layout.height or 460),
        chart=TIMELINE_CHART,
        citation=output.citation,
    )


VALUES_PER_CELL = 4  # more figures for one event than this are regional detail: see the Data page


def _values(group: pd.DataFrame, kind: str, lang: str) -> list[html.Div]:
    items = []
    rows = group[group["indicator"].isin(TYPES[kind])]
    for row in rows.head(VALUES_PER_CELL).itertuples():
        amount = format_value(float(row.value), str(row.unit), lang, text_of(row.qualifier))
        value = html.Span(amount, className="funding-amount")
        name = data.label("indicators", row.indicator, lang)
        items.append(
            html.Div([value, html.Small(name, className="funding-kind")] if kind != "jobs" else value)
        )
    if len(rows) > VALUES_PER_CELL:
        items.append(html.Small(f"+{len(rows) - VALUES_PER_CELL}", className="text-muted"))
    return items


def _event_cells(key: str, group: pd.DataFrame, kinds: list[str], opened: int | None, lang: str) -> list:
    first = group.iloc[0]
    keys = map(status_key, group["indicator"], _text(group, "status"))
    statuses = {key: status_text(key, lang) for key in keys}
    if opened and opened > first["period_start"].year and "announced" in statuses:
        statuses["since"] = t("funding.status.since", lang, year=opened)
    notes = "; ".join(
        dict.fromkeys(part for note in _text(group, "note") for part in note.split("; ") if part)
    )
    region = data.label("regions", str(first["region"]), lang)
    return [
        [html.Strong(entity_name(key, lang)), html.Div(region, className="small text-muted")],
        format_period(str(first["period"]), lang),
        *[_values(group, kind, lang) for kind in kinds],
        [html.Span(text, className=f"funding-status is-{k}") for k, text in statuses.items()],
        [_source_link(first), html.Div(notes, className="small text-muted")],
    ]


MAX_EVENTS = 200  # a longer table is no longer read; the Data page pages through everything


def events_table(rows: pd.DataFrame, types: list[str], lang: str) -> html.Div | dbc.Alert:
    """One row per entity and event (same entity, period and source), newest first."""
    if rows.empty:
        return dbc.Alert(t("common.no_data", lang), color="light")
    since = operational_since()
    kinds = [kind for kind in TYPES if kind in types]
    headers = [t("axis.entity", lang), t("axis.year", lang), *[t(f"funding.col.{k}", lang) for k in kinds]]
    headers += [t("common.status", lang), t("common.source_label", lang)]
    names = {key: entity_name(key, lang) for key in rows["entity_key"].unique()}
    ordered = rows.assign(_name=rows["entity_key"].map(names))
    ordered = ordered.sort_values(["period_start", "_name"], ascending=[False, True])
    events = list(ordered.groupby(["entity_key", "period", "source"], sort=False, observed=True))
    body = [
        _event_cells(key, group, kinds, since.get(key.partition("@")[0]), lang)
        for (key, *_), group in events[:MAX_EVENTS]
    ]
    table = _table(headers, body, "funding-table")
    if len(events) <= MAX_EVENTS:
        return table
    more = t("funding.more_events", lang, shown=MAX_EVENTS, total=f"{len(events):,}")
    return html.Div([table, html.P(more, className="small text-muted")])


def totals_table(rows: pd.DataFrame, lang: str) -> html.Div:
    """Per indicator and level: total, number of entries and years; nothing is added across them."""
    rows = countable(rows)
    headers = [t("common.indicator", lang), t("funding.col.level", lang), t("common.total", lang)]
    headers += [t("funding.col.entries", lang), t("funding.col.years", lang)]
    order = {slug: n for n, slug in enumerate(s for kind in TYPES.values() for s in kind)}
    body, bounded = [], False
    groups = sorted(
        rows.groupby(["indicator", "level"]), key=lambda p: (order[p[0][0]], LEVELS.index(p[0][1]))
    )
    for (indicator, level), group in groups:
        bound = bool(_text(group, "qualifier").ne("").any())
        bounded |= bound
        total = format_value(float(group["value"].sum()), str(group["unit"].iloc[0]), lang)
        years = group["period_start"].dt.year
        span = format_span(str(years.min()), str(years.max()), lang)
        label = data.label("indicators", indicator, lang)
        body.append(
            [label, t(f"funding.level.{level}", lang), total + (" *" if bound else ""), str(len(group)), span]
        )
    note = html.P(t("funding.bounds_note", lang), className="small text-muted") if bounded else None
    return html.Div([_table(headers, body, "funding-totals-table"), note])


def totals_output(rows: pd.DataFrame, view: View, lang: str) -> charts.ChartOutput:
    """The chosen indicator's countable project amounts, summed per year (the data: the rows summed)."""
    indicator = view.total or ""
    chosen = countable(rows[rows["level"].eq("project") & rows["indicator"].eq(indicator)])
    title = t("funding.totals_title", lang, indicator=data.label("indicators", indicator, lang))
    figure = totals_by_year(chosen, _context(title, lang), color_by="status")
    name = citation.filename(
        "saxony",
        view.entity or "",
        indicator.removeprefix("funding.").removesuffix("_eur"),
        "by-year",
        citation.period_span(chosen),
    )
    observations = with_year_totals(_observations(chosen))
    return charts.ChartOutput(figure, observations, name, title, citation.citation(observations, title, lang))


@charts.register(TOTALS_CHART)
def totals_chart(lang: str, query: Mapping[str, str]) -> charts.ChartOutput:
    """Totals by year for the page's query string (types, scope, entity, total)."""
    view = view_from(query, lang)[0]
    return totals_output(selected_rows(view), view, lang)


def totals_section(rows: pd.DataFrame, view: View, lang: str) -> list:
    parts: list = [html.P(t("funding.totals_note", lang), className="funding-note")]
    output = totals_output(rows, view, lang)
    if not output.data.empty:
        parts.append(
            chart_card(
                TOTALS_GRAPH,
                output.figure,
                lang,
                output.filename,
                height=420,
                chart=TOTALS_CHART,
                citation=output.citation,
            )
        )
    return [*parts, totals_table(rows, lang)] if not rows.empty else parts


def eu_rows() -> pd.DataFrame | None:
    """EU programme money in Saxony (None when no connector has loaded any EU programme data)."""
    frames = [frame for frame in map(data.series, EU_FUNDS) if not frame.empty]
    if not frames:
        return None
    frame = pd.concat(frames, ignore_index=True)
    frame = frame.assign(indicator=_text(frame, "indicator"), breakdown=_text(frame, "breakdown"))
    return frame[_text(frame, "region").eq(SAXONY)]


@charts.register(EU_CHART)
def eu_chart(lang: str, query: Mapping[str, str] | None = None) -> charts.ChartOutput:
    """Cohesion and Horizon Europe money for Saxony as a whole, by start year (no view state)."""
    saxony = eu_rows()
    shown = data.empty() if saxony is None else saxony[saxony["breakdown"].eq("")]
    title = t("funding.eu_title", lang)
    names = {slug: data.label("indicators", slug, lang) for slug in EU_FUNDS}
    figure = totals_by_year(shown, _context(title, lang), indicator_labels=names)
    name = citation.filename("saxony-eu-funding-by-start-year", citation.period_span(shown))
    observations = with_year_totals(shown)
    return charts.ChartOutput(figure, observations, name, title, citation.citation(observations, title, lang))


def eu_section(lang: str) -> list:
    """Cohesion and Horizon Europe money by start year, and the largest recipients (connectors only)."""
    saxony = eu_rows()
    if saxony is None:
        empty = [t("funding.eu_empty", lang), " ", html.Code(EU_COMMAND)]
        return [dbc.Alert(empty, color="info", className="funding-eu-empty")]
    output = eu_chart(lang)
    card = chart_card(
        EU_GRAPH, output.figure, lang, output.filename, height=420, chart=EU_CHART, citation=output.citation
    )
    parts = [card]
    compare = f"/regions?indicator={EU_FUNDS[0]}" + ("&lang=de" if lang == "de" else "")
    link = html.A(t("funding.eu_compare", lang), href=compare)
    parts.append(html.P([t("funding.eu_note", lang), " ", link], className="small text-muted"))
    recipients = saxony[saxony["breakdown"].ne("")]
    if not recipients.empty:
        parts += [
            html.H3(t("funding.eu_recipients", lang), className="h6 mt-3"),
            recipients_table(recipients, lang),
        ]
    return parts


def recipients_table(rows: pd.DataFrame, lang: str) -> html.Div:
    grouped = rows.groupby(["breakdown", "indicator"])
    headers = [t("axis.entity", lang), t("funding.col.fund", lang), t("common.total", lang)]
    headers += [t("funding.col.years", lang), t("common.source_label", lang)]
    body = []
    for (slug, indicator), total in grouped["value"].sum().sort_values(ascending=False).head(10).items():
        group = grouped.get_group((slug, indicator))
        first, years = group.iloc[0], group["period_start"].dt.year
        span = format_span(str(years.min()), str(years.max()), lang)
        name = data.label("entities", slug, lang)
        body.append(
            [
                name,
                data.label("indicators", indicator, lang),
                format_value(float(total), "EUR", lang),
                span,
                _source_link(first, str(first.source_title).split(":")[0]),  # 'Kohesio', 'CORDIS'
            ]
        )
    return _table(headers, body, "funding-recipients-table")


def entity_info(slug: str | None, lang: str) -> dbc.Card | None:
    row = data.catalog().entities.get(slug or "")
    if not row:
        return None
    website = row.get("website") or ""
    body = [
        html.H2(data.label("entities", slug or "", lang), className="h6 mb-1"),
        html.P(row.get(f"description_{lang}") or row.get("description_en") or "", className="mb-1 small"),
        html.A(t("funding.website", lang), href=website, target="_blank", className="small")
        if website
        else None,
    ]
    return dbc.Card(
        dbc.CardBody([part for part in body if part is not None]), className="funding-entity mb-3"
    )


def entity_options(rows: pd.DataFrame, lang: str) -> list[dict]:
    slugs = {key.partition("@")[0] for key in rows["entity_key"]}
    options = [{"label": data.label("entities", slug, lang), "value": slug} for slug in slugs]
    return sorted(options, key=lambda option: option["label"].casefold())


def total_options(rows: pd.DataFrame, lang: str) -> list[dict]:
    present = set(rows.loc[rows["level"].eq("project") & _text(rows, "unit").eq("EUR"), "indicator"])
    slugs = [slug for kind in TYPES.values() for slug in kind if slug in present]
    return [{"label": data.label("indicators", slug, lang), "value": slug} for slug in slugs]


def _known(value: str | None, options: list[dict]) -> str | None:
    return value if value in {option["value"] for option in options} else None


def _pick(value: str | None, options: list[dict], default: str | None = None) -> str | None:
    values = [option["value"] for option in options]
    return value if value in values else (default if default in values else next(iter(values), None))


@callback(
    Output(ENTITY_ID, "options"),
    Output(ENTITY_ID, "value"),
    Output(TOTAL_ID, "options"),
    Output(TOTAL_ID, "value"),
    Input(TYPES_ID, "value"),
    Input(SCOPE_ID, "value"),
    Input(ENTITY_ID, "value"),
    State(TOTAL_ID, "value"),
    State(LANG_ID, "data"),
)
def update_choices(types: list[str] | None, scope: str, entity: str | None, total: str | None, lang: str):
    """Entities present for the types and scope; totals offered for what the entity filter leaves."""
    rows = funding_rows(types or [], scope)
    entities = entity_options(rows, lang)
    entity = _known(entity, entities)
    if entity:
        rows = rows[rows["entity_key"].str.partition("@")[0] == entity]
    totals = total_options(rows, lang)
    return entities, entity, totals, _pick(total, totals, DEFAULT_TOTAL)


@callback(
    Output(INFO_BOX, "children"),
    Output(TIMELINE_BOX, "children"),
    Output(TABLE_BOX, "children"),
    Output(TOTALS_BOX, "children"),
    Input(TYPES_ID, "value"),
    Input(SCOPE_ID, "value"),
    Input(ENTITY_ID, "value"),
    Input(TOTAL_ID, "value"),
    State(LANG_ID, "data"),
)
def render(types: list[str] | None, scope: str, entity: str | None, total: str | None, lang: str):
    lang = normalise_lang(lang)
    view = View([kind for kind in TYPES if kind in (types or [])], scope, entity, total)
    rows = selected_rows(view)
    return (
        entity_info(entity, lang),
        timeline_card(rows, view, lang),
        events_table(rows, view.types, lang),
        totals_section(rows, view, lang),
    )


# Registered once at import: the controls write their values into the query string.
url_sync(
    URL_ID,
    {
        name: (control, "value")
        for name, control in (
            ("types", TYPES_ID),
            ("scope", SCOPE_ID),
            ("entity", ENTITY_ID),
            ("total", TOTAL_ID),
        )
    },
)


def _field(control_id: str, label: str, control, **widths: int) -> dbc.Col:
    label_ = dbc.Label(label, html_for=control_id, className="fw-semibold small mb-1")
    return dbc.Col([label_, control], xs=12, className="mb-2", **widths)


def layout(
    lang: str = "en",
    types: str | None = None,
    scope: str | None = None,
    entity: str | None = None,
    total: str | None = None,
    **_query: str,
) -> html.Div:
    lang = normalise_lang(lang)
    query = {"types": types, "scope": scope, "entity": entity, "total": total}
    view, entities, totals = view_from({key: value for key, value in query.items() if value}, lang)
    info, timeline, table, totals_part = render(view.types, view.scope, view.entity, view.total, lang)
    type_options = [{"label": t(f"funding.type.{kind}", lang), "value": kind} for kind in TYPES]
    scope_options = [{"label": t(f"funding.scope.{name}", lang), "value": name} for name in SCOPES]
    controls = [
        _field(
            TYPES_ID,
            t("funding.types", lang),
            dbc.Checklist(id=TYPES_ID, options=type_options, value=view.types, inline=True),
            lg=5,
        ),
        _field(
            SCOPE_ID,
            t("funding.scope", lang),
            dbc.RadioItems(id=SCOPE_ID, options=scope_options, value=view.scope, inline=True),
            lg=4,
        ),
        _field(
            ENTITY_ID,
            t("axis.entity", lang),
            dcc.Dropdown(
                id=ENTITY_ID, options=entities, value=view.entity, placeholder=t("common.all", lang)
            ),
            lg=3,
        ),
    ]
    total_picker = _field(
        TOTAL_ID,
        t("funding.totals_of", lang),
        dcc.Dropdown(id=TOTAL_ID, options=totals, value=view.total, clearable=False),
        md=6,
        lg=4,
    )
    return html.Div(
        [
            html.H1(t("funding.heading", lang), className="h3 mt-3 mb-1"),
            html.P(t("funding.lead", lang), className="text-muted"),
            dbc.Card(dbc.CardBody(dbc.Row(controls)), className="funding-controls mb-3"),
            html.Div(info, id=INFO_BOX),
            html.Div(timeline, id=TIMELINE_BOX),
            html.H2(t("funding.table_heading", lang), className="h5 mt-4"),
            html.Div(table, id=TABLE_BOX),
            html.H2(t("funding.totals_heading", lang), className="h5 mt-4"),
            dbc.Row(total_picker),
            html.Div(totals_part, id=TOTALS_BOX),
            html.H2(t("funding.eu_heading", lang), className="h5 mt-4"),
            html.Div(eu_section(lang), id=EU_BOX),
            dcc.Store(id=LANG_ID, data=lang),
            dcc.Store(id=URL_ID),
        ],
        className="funding-page",
    )
