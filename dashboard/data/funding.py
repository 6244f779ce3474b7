"""The funding page's rules: which figures it shows, which may be added, and what each total adds.

- **Which rows**: figures of the pack's funding indicators (pack.toml [funding]) that name an entity,
  inside the home region (every region `pack.within_home()` lists), plus, with scope "eu", the
  programme figures of the wider regions ([[funding.wider]], e.g. the EU and the country).
- **Entity keys**: an entity's figures inside the home region share its slug whatever district they
  are coded at; a figure beyond it is keyed `slug@region`, so a programme's EU-wide figure never
  shares a line with the home region's share of it.
- **Countable**: an announcement (or any figure not 'actual') later confirmed by an actual figure of
  the same entity and indicator is counted once, at the actual figure; of a cumulative indicator only
  an entity's latest value counts.
- **Never sum overlaps**: a total only adds parts of the same scope. The companies and projects in
  the home region (entities that are not programmes) are added per indicator: the same region and
  kind of figure. A programme's figures are added only to themselves (the same programme, per
  indicator and region): an EU-wide programme's figure stands alone, and nothing is ever added across
  indicators (a company's public funding includes its State aid) or across levels.
- **The timeline** draws one bubble per entity, indicator and year (the latest figure of that year).
- **The events table** shows the newest events (an entity's figures of one period and source) and
  says how many more there are.

Reads go through etl.db (aggregated in SQL) and are cached per data version; the rules are pure
functions of what they return.
"""

from __future__ import annotations

import sys
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field

import pandas as pd

from dashboard.data.cache import cached
from dashboard.data.warehouse import catalog, data_key, engine, enrich, pack, store_key
from dashboard.i18n import format_period, format_span, format_value, has, localized_href, t, tn
from dashboard.i18n import status_label as base_status_label
from etl import db
from etl.pack import Funding
from etl.vocabulary import MONEY_UNITS

MONEY_KINDS = ("investment", "public")
KINDS = (*MONEY_KINDS, "jobs")
SCOPES = ("home", "eu")
EVENTS_SHOWN = 25  # newest events in the table; the Data page lists every figure
VALUES_PER_CELL = 4  # more figures of one kind for one event are regional detail: see the Data page
LARGEST = 10  # recipients of EU programme money listed
PROJECT, PROGRAMME, WIDER = "project", "programme", "wider"  # what a total adds (see total_groups)
EVENT_KEY = [
    "breakdown",
    "scope",
    "period",
    "source",
]  # one event: an entity's figures of a period and source


def settings() -> Funding:
    return pack().funding


def kind_indicators(kinds: Collection[str], funding: Funding | None = None) -> tuple[str, ...]:
    """The indicators of some kinds ('investment', 'public', 'jobs'), in the pack's order."""
    funding = funding or settings()
    return tuple(slug for kind in KINDS if kind in kinds for slug in getattr(funding, kind))


def kind_of(funding: Funding) -> dict[str, str]:
    """Indicator slug -> its kind."""
    return {slug: kind for kind in KINDS for slug in getattr(funding, kind)}


def scope_regions(scope: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(regions read, regions inside the home region) for a scope."""
    home = pack().within_home()
    return ((*home, *settings().wider_regions()) if scope == "eu" else home), home


# -- the view ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FundingView:
    """What the reader chose: kinds shown, scope, one entity (None: all) and the indicator totalled."""

    kinds: tuple[str, ...] = KINDS
    scope: str = "home"
    entity: str | None = None
    total: str | None = None


def view_of(
    kinds: Collection[str] | None, scope: str | None, entity: str | None, total: str | None
) -> FundingView:
    """A view from controls or a URL, made valid: unknown kinds, scopes, entities and totals fall back."""
    chosen = tuple(kind for kind in KINDS if kind in (kinds or ()))
    view = FundingView(chosen, scope if scope in SCOPES else "home", entity or None, total or None)
    choices = choices_for(view)
    return FundingView(view.kinds, view.scope, choices.entity, choices.total)


def view_from_query(query: Mapping[str, str]) -> FundingView:
    """The view a page URL (or an /export, /embed query string) asks for; no kinds named: all kinds."""
    kinds = [part for part in (query.get("types") or "").split(",") if part in KINDS]
    return view_of(kinds or KINDS, query.get("scope"), query.get("entity"), query.get("total"))


@dataclass(frozen=True)
class Option:
    label: str
    value: str


@dataclass(frozen=True)
class Choices:
    entities: tuple[Option, ...]
    entity: str | None
    totals: tuple[Option, ...]
    total: str | None

    def __sizeof__(self) -> int:  # what the byte-bounded cache counts
        return _deep_size(self)


def choices_for(view: FundingView) -> Choices:
    """The entities with figures of the chosen kinds and scope, and the indicators a total can be
    given for (companies and projects in the home region) once the entity filter applies."""
    return _choices(view, _lang())


@cached(data_key, budget=2 * 1024 * 1024)
def _choices(view: FundingView, lang: str) -> Choices:
    funding = settings()
    rows = cube(view.scope)
    rows = rows[rows["indicator"].isin(kind_indicators(view.kinds, funding))]
    slugs = sorted(set(rows["breakdown"]))
    entities = sorted((Option(entity_label(slug), slug) for slug in slugs), key=lambda o: o.label.casefold())
    entity = view.entity if view.entity in slugs else None
    if entity:
        rows = rows[rows["breakdown"].eq(entity)]
    present = set(rows.loc[rows["group"].eq(PROJECT) & rows["unit"].isin(MONEY_UNITS), "indicator"])
    totals = tuple(Option(indicator_label(slug), slug) for slug in funding.money if slug in present)
    values = [option.value for option in totals]
    total: str | None = None
    if view.total in values:
        total = view.total
    else:
        total = funding.default_total if funding.default_total in values else next(iter(values), None)
    return Choices(tuple(entities), entity, totals, total)


# -- names --------------------------------------------------------------------------------------------


def entity_label(slug: str) -> str:
    row = catalog().entities.get(slug)
    return row.name(_lang()) if row else slug


def indicator_label(slug: str) -> str:
    row = catalog().indicators.get(slug)
    return row.name(_lang()) if row else slug


def _lang() -> str:
    from dashboard.i18n import current

    return current()


def short_name(name: str) -> str:
    """Chart label: 'ESMC (European ...)' -> 'ESMC'; 'Test Chips Alliance II (TCA II)' ->
    'Test Chips Alliance II'; an upper-case first word keeps a short bracket: 'IPCEI ME/CT'."""
    head, bracket, tail = name.partition(" (")
    inner = tail.removesuffix(")")
    if not bracket or len(head) <= 14:
        return head
    first = head.split()[0]
    return f"{first} {inner}" if first.isupper() and " " not in inner and len(inner) <= 8 else head


def entity_name(key: str, short: bool = False) -> str:
    """The name of an entity key ('slug' or 'slug@region'), with the wider scope it stands for."""
    slug, _, region = key.partition("@")
    name = entity_label(slug)
    name = short_name(name) if short else name
    return f"{name} ({settings().wider_name(region, _lang())})" if region else name


def _deep_size(value: object) -> int:
    """Bytes a small page model holds (strings, numbers, tuples, dicts and dataclasses in it)."""
    if isinstance(value, str | int | float | bool) or value is None:
        return sys.getsizeof(value)
    if isinstance(value, dict):
        return sys.getsizeof(value) + sum(_deep_size(k) + _deep_size(v) for k, v in value.items())
    if isinstance(value, tuple | list):
        return sys.getsizeof(value) + sum(_deep_size(item) for item in value)
    if hasattr(value, "__dataclass_fields__"):
        return 64 + sum(_deep_size(getattr(value, name)) for name in value.__dataclass_fields__)
    return sys.getsizeof(value)


# -- pure rules ---------------------------------------------------------------------------------------


def entity_keys(breakdown: pd.Series, scope: pd.Series) -> pd.Series:
    """'slug' inside the home region (scope ''), 'slug@region' beyond it."""
    breakdown, scope = breakdown.astype(str), scope.astype(str)
    return breakdown.where(scope.eq(""), breakdown + "@" + scope)


def total_groups(breakdown: pd.Series, scope: pd.Series, kinds: Mapping[str, str]) -> pd.DataFrame:
    """What a figure may be added to: columns group (project, programme, wider) and part ('' for the
    companies and projects of the home region, else the programme's slug). `kinds` maps entity slugs
    to their catalog kind."""
    breakdown, scope = breakdown.astype(str), scope.astype(str)
    programme = breakdown.map(kinds).fillna("").eq("programme")
    group = pd.Series(PROJECT, index=breakdown.index).mask(programme, PROGRAMME).mask(scope.ne(""), WIDER)
    part = breakdown.where(group.ne(PROJECT), "")
    return pd.DataFrame({"group": group, "part": part})


def countable(rows: pd.DataFrame, cumulative: Collection[str]) -> pd.DataFrame:
    """Rows that may be summed within one indicator and entity key: drops figures (not 'actual') that
    an actual figure of the same entity and indicator confirmed on or after their date, and all but
    the latest date of cumulative indicators."""
    if rows.empty:
        return rows
    keys = [rows["entity_key"], rows["indicator"]]
    actual = rows["status"].astype(str).eq("actual")
    confirmed = rows["period_start"].where(actual).groupby(keys).transform("max")
    superseded = ~actual & confirmed.ge(rows["period_start"])
    latest = rows["period_start"].eq(rows["period_start"].groupby(keys).transform("max"))
    return rows[~superseded & (~rows["indicator"].isin(list(cumulative)) | latest)]


def status_key(indicator: pd.Series, status: pd.Series, operational: Collection[str]) -> pd.Series:
    """announced (an announcement), approved (an actual decision), operational (an actual investment
    in a site), expected (a projection); other statuses as they are."""
    status = status.astype(str)
    actual = status.eq("actual")
    key = status.mask(status.eq("announcement"), "announced").mask(status.eq("projection"), "expected")
    return key.mask(actual, "approved").mask(actual & indicator.isin(list(operational)), "operational")


def status_text(key: str) -> str:
    return t(f"funding.status.{key}") if has(f"funding.status.{key}") else base_status_label(key)


def operational_since(rows: pd.DataFrame, operational: Collection[str]) -> dict[str, int]:
    """Entity slug -> year of its first actual figure of an operational indicator (the site opened)."""
    opened = rows[
        rows["indicator"].isin(list(operational)) & rows["status"].eq("actual") & rows["scope"].eq("")
    ]
    return {str(k): int(v) for k, v in opened.groupby("breakdown")["period_start"].min().dt.year.items()}


# -- reads (cached per data version) -------------------------------------------------------------------


def _entity_kinds() -> dict[str, str]:
    return {slug: row.kind for slug, row in catalog().entities.items()}


@cached(store_key, budget=32 * 1024 * 1024)  # both notes as stored: one for both languages
def _cube() -> pd.DataFrame:
    """One query for both scopes: the home region and the wider regions."""
    regions, home = scope_regions("eu")
    rows = db.funding_cube(engine(), settings().indicators, regions, home)
    if rows.empty:
        rows = rows.astype({"value": float, "entries": int, "bounded": bool})
        rows["period_start"] = pd.to_datetime(rows["period_start"])
    folded = rows["region"].ne(rows["last_region"])  # figures of several districts: the home region's
    rows = rows.assign(
        region=rows["region"].mask(folded, rows["scope"].mask(rows["scope"].eq(""), pack().home)),
        entity_key=entity_keys(rows["breakdown"], rows["scope"]),
    ).drop(columns="last_region")
    groups = total_groups(rows["breakdown"], rows["scope"], _entity_kinds())
    units = {slug: row.unit for slug, row in catalog().indicators.items()}
    return pd.concat([rows, groups], axis=1).assign(unit=rows["indicator"].map(units))


def _details(rows: pd.DataFrame) -> pd.DataFrame:
    """Cube rows with their source details (publisher, title, URL, date, licence), for what a chart
    draws: the cube itself stays lean."""
    return enrich(rows.drop(columns=["unit"]))


@cached(store_key, budget=16 * 1024 * 1024)
def cube(scope: str) -> pd.DataFrame:
    """Sums per indicator, entity, scope, status, source and period of every funding indicator in the
    scope, with entity_key, group and part (what it may be added to) and unit."""
    rows = _cube()
    return rows if scope == "eu" else rows[rows["scope"].eq("")]


@cached(data_key, budget=16 * 1024 * 1024)
def bubbles(scope: str) -> pd.DataFrame:
    """The timeline's figures: per indicator, entity key and year the latest (an entity's figures of
    one date and source, its districts folded)."""
    rows = cube(scope).sort_values(["period_start", "source"], kind="stable")
    year = rows["period_start"].dt.year
    latest = rows.assign(_year=year).drop_duplicates(["entity_key", "indicator", "_year"], keep="last")
    return _details(latest.drop(columns="_year"))


def chosen(rows: pd.DataFrame, view: FundingView, kinds: Collection[str] | None = None) -> pd.DataFrame:
    """The rows of the view's kinds (or the given kinds) and entity."""
    keep = rows["indicator"].isin(kind_indicators(view.kinds if kinds is None else kinds))
    if view.entity:
        keep &= rows["breakdown"].eq(view.entity)
    return rows[keep]


def timeline_rows(view: FundingView) -> pd.DataFrame:
    """The money the timeline draws for the view (one figure per entity, indicator and year)."""
    return chosen(bubbles(view.scope), view, [kind for kind in view.kinds if kind in MONEY_KINDS])


def jobs_rows(view: FundingView) -> pd.DataFrame:
    """Jobs announced: each entity's latest figure (jobs are not money and are never added)."""
    rows = chosen(bubbles(view.scope), view, ["jobs"])
    latest = rows.sort_values("period_start", kind="stable").drop_duplicates("entity_key", keep="last")
    return latest.sort_values(["value", "entity_key"], ascending=[False, True], kind="stable")


# -- totals -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Total:
    """One total: the countable figures of one indicator and one scope, and what they add."""

    indicator: str
    group: str  # project, programme or wider
    part: str  # '' for the companies and projects of the home region, else the programme's slug
    scope: str  # '' inside the home region, else the wider region's code
    value: float
    unit: str
    entries: int
    entities: int
    first: int
    last: int
    bounded: bool
    statuses: tuple[tuple[str, int], ...] = field(default=())  # status key -> figures


def countable_rows(rows: pd.DataFrame) -> pd.DataFrame:
    return countable(rows, settings().cumulative)


def totals(rows: pd.DataFrame) -> list[Total]:
    """The totals of cube rows: per indicator and part, countable figures only, in the pack's order
    of indicators, the home region's companies and projects first, then its programmes, then the
    wider programmes."""
    funding = settings()
    rows = countable_rows(rows)
    rows = rows[rows["unit"].isin(MONEY_UNITS)]
    if rows.empty:
        return []
    rows = rows.assign(_status=status_key(rows["indicator"], rows["status"], funding.operational))
    keys = ["indicator", "group", "part", "scope"]
    sums = rows.groupby(keys, sort=False).agg(
        value=("value", "sum"),
        entries=("entries", "sum"),
        entities=("breakdown", "nunique"),
        first=("period_start", "min"),
        last=("period_start", "max"),
        bounded=("bounded", "any"),
        unit=("unit", "first"),
    )
    statuses = rows.groupby([*keys, "_status"], sort=False)["entries"].sum()
    order = {slug: n for n, slug in enumerate(funding.money)}
    counted: dict[tuple, list[tuple[str, int]]] = {}
    for (*key, status), count in statuses.items():  # a few per total
        counted.setdefault(tuple(key), []).append((str(status), int(count)))
    found = [  # one per indicator and part: a handful, whatever the warehouse holds
        Total(
            indicator=str(key[0]),
            group=str(key[1]),
            part=str(key[2]),
            scope=str(key[3]),
            value=float(total["value"]),
            unit=str(total["unit"]),
            entries=int(total["entries"]),
            entities=int(total["entities"]),
            first=int(total["first"].year),
            last=int(total["last"].year),
            bounded=bool(total["bounded"]),
            statuses=tuple(sorted(counted[key], key=_status_rank)),
        )
        for key, total in zip(sums.index, sums.to_dict("records"), strict=True)
    ]
    groups = (PROJECT, PROGRAMME, WIDER)
    return sorted(found, key=lambda s: (order.get(s.indicator, 99), groups.index(s.group), s.part, s.scope))


STATUS_ORDER = ("approved", "operational", "announced", "expected")  # how a total lists its figures


def _status_rank(item: tuple[str, int]) -> tuple[int, str]:
    key = item[0]
    return (STATUS_ORDER.index(key) if key in STATUS_ORDER else len(STATUS_ORDER), key)


def _parts(total: Total) -> str:
    """'2 decisions and 1 announcement'."""
    parts = [
        tn(f"funding.noun.{key}" if has(f"funding.noun.{key}") else "funding.noun.other", count)
        for key, count in total.statuses
    ]
    return parts[0] if len(parts) == 1 else t("funding.and", first=", ".join(parts[:-1]), last=parts[-1])


def total_label(total: Total) -> str:
    """What a total adds: '2 decisions for 2 companies and projects in Testshire, 2021–2023'."""
    span = format_span(str(total.first), str(total.last))
    if total.group == PROJECT:
        whom = tn("funding.adds.project", total.entities)
        return t("funding.adds.label", parts=_parts(total), whom=whom, span=span)
    name = entity_label(total.part)
    if total.group == WIDER:
        whom = t("funding.adds.wider", name=name, scope=settings().wider_name(total.scope, _lang()))
    else:
        whom = t("funding.adds.programme", name=name)
    return t("funding.adds.label", parts=_parts(total), whom=whom, span=span)


@cached(data_key, budget=4 * 1024 * 1024)
def total_rows(view: FundingView) -> tuple[Total, ...]:
    """The totals the page lists for a view (cached per data version)."""
    return tuple(totals(chosen(cube(view.scope), view)))


def yearly_rows(view: FundingView) -> pd.DataFrame:
    """The countable figures the totals chart adds per year: the chosen indicator's companies and
    projects in the home region (one row per entity, status, source and date)."""
    rows = cube(view.scope)
    rows = rows[rows["indicator"].eq(view.total or "") & rows["group"].eq(PROJECT)]
    if view.entity:
        rows = rows[rows["breakdown"].eq(view.entity)]
    return _details(countable_rows(rows))


def yearly_observations(view: FundingView) -> pd.DataFrame:
    """The observations the totals chart adds (for its downloads), with year_total: the sum of the
    row's year, which is what the bars plot."""
    _, home = scope_regions("home")
    breakdowns = (view.entity,) if view.entity else ()
    rows = db.funding_rows(engine(), (view.total,) if view.total else (), home, home, breakdowns)
    rows = rows.assign(entity_key=entity_keys(rows["breakdown"], rows["scope"]))
    groups = total_groups(rows["breakdown"], rows["scope"], _entity_kinds())
    rows = countable_rows(enrich(pd.concat([rows, groups], axis=1)))
    rows = rows[rows["group"].eq(PROJECT)]
    year = pd.to_datetime(rows["period_start"]).dt.year
    rows = rows.assign(year_total=rows.groupby(year)["value"].transform("sum"))
    return rows.drop(columns=["entity_key", "scope", "group", "part"])


def yearly_label(rows: pd.DataFrame) -> str:
    """What the totals chart adds, in words."""
    summed = totals(rows)
    return total_label(summed[0]) if summed else ""


# -- events -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Amount:
    text: str
    indicator: str  # its name


@dataclass(frozen=True)
class Event:
    """One row of the events table: an entity's figures of one period and source."""

    entity: str
    region: str
    period: str
    values: dict[str, tuple[Amount, ...]]  # kind -> amounts (at most VALUES_PER_CELL)
    more: dict[str, int]  # kind -> amounts left out
    statuses: tuple[tuple[str, str], ...]  # (key, text)
    publisher: str
    source_url: str
    source_title: str
    notes: str


@dataclass(frozen=True)
class Events:
    rows: tuple[Event, ...]
    total: int  # events of the view in the warehouse
    kinds: tuple[str, ...]
    data_link: str  # the Data page filtered to the view's figures

    def __sizeof__(self) -> int:  # what the byte-bounded cache counts
        return _deep_size(self)


def event_keys(rows: pd.DataFrame, limit: int) -> tuple[pd.DataFrame, int]:
    """The newest events of cube rows (an entity's figures of one period and source), newest first,
    then by entity and source; and how many there are."""
    events = rows.drop_duplicates(EVENT_KEY)
    events = events.sort_values(
        ["period_start", "breakdown", "scope", "source"], ascending=[False, True, True, True], kind="stable"
    )
    return events[EVENT_KEY].head(limit).reset_index(drop=True), len(events)


@cached(data_key, budget=8 * 1024 * 1024)
def _event_frames(view: FundingView) -> tuple[pd.DataFrame, pd.DataFrame, int]:
    regions, home = scope_regions(view.scope)
    keys, count = event_keys(chosen(cube(view.scope), view), EVENTS_SHOWN)
    rows = enrich(db.event_rows(engine(), kind_indicators(view.kinds), regions, home, keys))
    return keys, rows.assign(entity_key=entity_keys(rows["breakdown"], rows["scope"])), count


def _event_rows(rows: pd.DataFrame, kinds: tuple[str, ...]) -> list[Event]:
    """The events of their rows (newest first, as the rows come), each with at most VALUES_PER_CELL
    amounts per kind: formatted once per amount shown, never per row read."""
    funding = settings()
    rows = rows.assign(_kind=rows["indicator"].map(kind_of(funding)))
    rows = rows[rows["_kind"].isin(kinds)].assign(
        _status=status_key(rows["indicator"], rows["status"], funding.operational)
    )
    events = [tuple(key) for key in rows[EVENT_KEY].drop_duplicates().to_numpy()]
    per_kind = rows.groupby([*EVENT_KEY, "_kind"], sort=False)
    shown, counts = per_kind.head(VALUES_PER_CELL), per_kind.size()
    names = {slug: indicator_label(slug) for slug in shown["indicator"].unique()}
    amounts: dict[tuple, list[Amount]] = {}
    for *key, kind, value, unit, qualifier, indicator in zip(
        *(shown[c] for c in EVENT_KEY), shown["_kind"], shown["value"], shown["unit"],
        shown["qualifier"].fillna(""), shown["indicator"], strict=True,
    ):  # fmt: skip
        text = format_value(value, unit, qualifier=qualifier)
        amounts.setdefault((*key, kind), []).append(Amount(text, names[indicator] if kind != "jobs" else ""))
    statuses: dict[tuple, dict[str, str]] = {}
    for *key, status in rows[[*EVENT_KEY, "_status"]].drop_duplicates().to_numpy():
        statuses.setdefault(tuple(key), {})[status] = status_text(status)
    notes: dict[tuple, dict[str, None]] = {}
    for *key, note in rows[[*EVENT_KEY, "note"]].fillna("").drop_duplicates().to_numpy():
        notes.setdefault(tuple(key), {}).update(dict.fromkeys(part for part in note.split("; ") if part))
    since = operational_since(cube("home"), funding.operational)
    firsts = rows.drop_duplicates(EVENT_KEY).set_index(EVENT_KEY)
    found = []
    for event in events:  # at most EVENTS_SHOWN
        first = firsts.loc[event]
        labels = statuses[event]
        opened = since.get(event[0]) if event[1] == "" else None
        if opened and opened > first["period_start"].year and "announced" in labels:
            labels["since"] = t("funding.status.since", year=opened)
        found.append(
            Event(
                entity=entity_name(str(first["entity_key"])),
                region=_region_label(str(first["region"])),
                period=format_period(str(event[2])),
                values={kind: tuple(amounts.get((*event, kind), ())) for kind in kinds},
                more={kind: max(0, int(counts.get((*event, kind), 0)) - VALUES_PER_CELL) for kind in kinds},
                statuses=tuple(labels.items()),
                publisher=str(first["publisher"] or event[3]),
                source_url=str(first["source_url"] or ""),
                source_title=str(first["source_title"] or ""),
                notes="; ".join(notes.get(event, {})),
            )
        )
    return found


def _region_label(code: str) -> str:
    row = catalog().regions.get(code)
    return row.name(_lang()) if row else code


@cached(data_key, budget=8 * 1024 * 1024)
def _events(view: FundingView, lang: str) -> Events:
    keys, rows, count = _event_frames(view)
    order = keys[EVENT_KEY].assign(_order=range(len(keys)))
    rows = rows.merge(order, on=EVENT_KEY).sort_values("_order", kind="stable")
    regions, _ = scope_regions(view.scope)
    query = f"/data?indicator={','.join(kind_indicators(view.kinds))}&region={','.join(regions)}"
    if view.entity:
        query += f"&breakdown={view.entity}"
    return Events(tuple(_event_rows(rows, view.kinds)), count, view.kinds, localized_href(query))


def events(view: FundingView) -> Events:
    """The newest events of the view, newest first (then by entity), and how many there are."""
    return _events(view, _lang())


# -- EU programmes ------------------------------------------------------------------------------------


@cached(data_key, budget=4 * 1024 * 1024)
def eu_years() -> pd.DataFrame:
    """EU programme money in the home region as a whole, per indicator, status, source and start year,
    as rows the charts and downloads read (period = the year); empty when no connector loaded any."""
    home = pack().home
    rows = db.yearly_totals(engine(), settings().eu_programmes, home)
    rows = rows.assign(
        region=home,
        breakdown="",
        period=rows["year"].astype(str),
        period_start=pd.to_datetime(rows["year"].astype(str) + "-01-01"),
        qualifier="",
        note="",
    )
    rows = enrich(rows)
    year = rows["period_start"].dt.year
    return rows.assign(year_total=rows.groupby([year, rows["indicator"]])["value"].transform("sum"))


@dataclass(frozen=True)
class Recipient:
    name: str
    fund: str
    amount: str
    years: str
    source: str
    source_url: str
    source_title: str


@cached(data_key, budget=1024 * 1024)
def _largest() -> pd.DataFrame:
    return enrich(db.largest_breakdowns(engine(), settings().eu_programmes, pack().home, LARGEST))


def recipients() -> list[Recipient]:
    """The largest recipients of EU programme money in the home region (each programme apart)."""
    rows = _largest()
    return [
        Recipient(
            entity_label(slug),
            indicator_label(indicator),
            format_value(value, "EUR"),
            format_span(str(first), str(last)),
            str(title).split(":")[0],  # 'Kohesio', 'CORDIS'
            str(url or ""),
            str(title or ""),
        )
        for slug, indicator, value, first, last, title, url in zip(
            rows["breakdown"],
            rows["indicator"],
            rows["value"],
            rows["first_year"],
            rows["last_year"],
            rows["source_title"],
            rows["source_url"],
            strict=True,
        )
    ]


def eu_compare_link() -> str:
    programmes = settings().eu_programmes
    return localized_href(f"/regions?indicator={programmes[0]}") if programmes else ""
