"""Reads (observations, history, runs, catalogs) and catalog upserts."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from datetime import datetime
from typing import Any, TypedDict, Unpack

import pandas as pd
from sqlalchemy import Connection, Engine, String, and_, func, or_, select, type_coerce

from etl.catalog import TABLES, Catalog, typed
from etl.db.tables import table_of
from etl.models import ImportRun, Observation, Source, WarehouseMeta

OBSERVATION_COLUMNS = [
    "id",
    "indicator",
    "region",
    "breakdown",
    "period",
    "period_start",
    "frequency",
    "value",
    "qualifier",
    "status",
    "source",
    "note",
    "note_de",
    "valid_from",
    "valid_to",
    "import_run_id",
]


def sync_catalog(conn: Connection, catalog: Catalog) -> dict[str, int]:
    """Insert or update catalog rows from the reference files; rows only in the warehouse stay."""
    counts = {}
    for name, model in TABLES.items():
        table = table_of(model)
        key = table.primary_key.columns.values()[0]
        rows = [row.as_dict() for row in catalog.table(name).values()]
        existing = {row._mapping[key.name]: dict(row._mapping) for row in conn.execute(select(table))}
        fresh = [row for row in rows if row[key.name] not in existing]
        stale = [row for row in rows if row[key.name] in existing and existing[row[key.name]] != row]
        if fresh:
            conn.execute(table.insert(), fresh)
        for row in stale:
            conn.execute(table.update().where(key == row[key.name]).values(**row))
        counts[name] = len(fresh) + len(stale)
    return counts


def read_catalog(engine: Engine) -> Catalog:
    """The catalogs as the warehouse holds them (reference files plus what staff added)."""
    tables = {}
    with engine.connect() as conn:
        for name, model in TABLES.items():
            table = table_of(model)
            key = table.primary_key.columns.values()[0].name
            tables[name] = {
                row._mapping[key]: typed(name, dict(row._mapping)) for row in conn.execute(select(table))
            }
    return Catalog(**tables)


def add_source(conn: Connection, **fields: str) -> None:
    conn.execute(table_of(Source).insert().values(**fields))


class ObservationFilters(TypedDict, total=False):
    """The filters of read_observations and history; a missing, None or empty one does not filter."""

    indicator: str | Collection[str] | None
    region: str | Collection[str] | None
    breakdown: str | Collection[str] | None  # [""]: the total
    source: str | Collection[str] | None
    status: str | Collection[str] | None
    period_from: str | None
    period_to: str | None  # '2023' includes '2023-Q4' and '2023-12-31'


def _observation_filters(table, filters: Mapping[str, Any]) -> list:
    clauses = []
    for column in ("indicator", "region", "breakdown", "source", "status"):
        values = filters.get(column)
        if values:
            values = [values] if isinstance(values, str) else list(values)
            clauses.append(table.c[column].in_(values))
    if filters.get("period_from"):
        clauses.append(table.c.period >= str(filters["period_from"]))
    if filters.get("period_to"):
        # '2023' must include '2023-Q4' and '2023-12-31': compare on the prefix.
        clauses.append(
            func.substr(table.c.period, 1, len(str(filters["period_to"]))) <= str(filters["period_to"])
        )
    return clauses


def _as_of_clause(table, as_of: datetime | None):
    if as_of is None:
        return table.c.valid_to.is_(None)
    return and_(table.c.valid_from <= as_of, or_(table.c.valid_to.is_(None), table.c.valid_to > as_of))


DATE_COLUMNS = ("period_start", "valid_from", "valid_to")


def _timestamps(values: pd.Series, utc: bool) -> pd.Series:
    # SQLite hands dates back as ISO text; PostgreSQL drivers as date/datetime objects.
    text = values.dropna()
    iso = not text.empty and isinstance(text.iloc[0], str)
    return pd.to_datetime(values, format="ISO8601" if iso else None, utc=utc)


def _frame(rows: Sequence[tuple], names: list[str], dates: tuple[str, ...] = DATE_COLUMNS) -> pd.DataFrame:
    """Plain tuples -> DataFrame, with date columns read as text and converted in one vectorised step
    (revision times not in `dates` stay ISO text, which sorts the same)."""
    frame = pd.DataFrame.from_records(rows, columns=names, coerce_float=False)
    if frame.empty:
        frame = frame.astype(object)
    for name in dates:
        if name in frame:
            frame[name] = _timestamps(frame[name], utc=name != "period_start")
    if "value" in frame:
        frame["value"] = frame["value"].astype(float)
    return frame


def _selectable(table, name: str):
    # Dates as text: the per-row type conversion costs seconds for a million rows.
    return type_coerce(table.c[name], String).label(name) if name in DATE_COLUMNS else table.c[name]


def _tuples(conn: Connection, query) -> Sequence[tuple]:
    """The driver's own rows: no per-row result processing (dates are selected as text)."""
    return conn.execute(query).cursor.fetchall()


def read_observations(
    engine: Engine,
    as_of: datetime | None = None,
    dates: tuple[str, ...] = DATE_COLUMNS,
    **filters: Unpack[ObservationFilters],
) -> pd.DataFrame:
    """Current (or as-of) observations matching the filters, in a stable order. `dates` names the
    columns converted to timestamps (the dashboard's snapshot skips the revision times)."""
    table = table_of(Observation)
    query = (
        select(*(_selectable(table, c) for c in OBSERVATION_COLUMNS))
        .where(_as_of_clause(table, as_of), *_observation_filters(table, filters))
        .order_by(table.c.indicator, table.c.region, table.c.breakdown, table.c.period, table.c.source)
    )
    with engine.connect() as conn:
        rows = _tuples(conn, query)
    return _frame(rows, OBSERVATION_COLUMNS, dates)


def history(engine: Engine, **filters: Unpack[ObservationFilters]) -> pd.DataFrame:
    """Every revision (current and closed) for the filters, oldest first, with its import run."""
    table = table_of(Observation)
    runs = table_of(ImportRun)
    query = (
        select(
            *(_selectable(table, c) for c in OBSERVATION_COLUMNS),
            runs.c.kind.label("run_kind"),
            runs.c.user.label("run_user"),
            runs.c.file_name.label("run_file"),
        )
        .join(runs, runs.c.id == table.c.import_run_id)
        .where(*_observation_filters(table, filters))
        .order_by(table.c.period, table.c.breakdown, table.c.source, table.c.valid_from, table.c.id)
    )
    with engine.connect() as conn:
        rows = _tuples(conn, query)
    return _frame(rows, [*OBSERVATION_COLUMNS, "run_kind", "run_user", "run_file"])


def import_runs(engine: Engine, limit: int = 20) -> pd.DataFrame:
    table = table_of(ImportRun)
    query = select(table).order_by(table.c.id.desc()).limit(limit)
    with engine.connect() as conn:
        rows = conn.execute(query).all()
    return pd.DataFrame(rows, columns=list(table.columns.keys()))


def data_version(engine: Engine) -> int:
    """The id of the newest successful import run: what dashboard caches key on."""
    table = table_of(ImportRun)
    with engine.connect() as conn:
        value = conn.execute(select(func.max(table.c.id)).where(table.c.status == "succeeded")).scalar()
    return int(value or 0)


def last_import_time(engine: Engine) -> datetime | None:
    table = table_of(ImportRun)
    with engine.connect() as conn:
        return conn.execute(
            select(func.max(table.c.finished_at)).where(table.c.status == "succeeded")
        ).scalar()


def count_observations(engine: Engine, current_only: bool = True) -> int:
    table = table_of(Observation)
    query = select(func.count()).select_from(table)
    if current_only:
        query = query.where(table.c.valid_to.is_(None))
    with engine.connect() as conn:
        return int(conn.execute(query).scalar() or 0)


def ensure_entities(conn: Connection, rows: list[dict]) -> int:
    """Add entities a source discovered (for example the largest funding recipients) if new."""
    from etl.models import Entity

    table = table_of(Entity)
    known = set(conn.execute(select(table.c.slug)).scalars())
    fresh = {row["slug"]: row for row in rows if row["slug"] not in known}
    if fresh:
        conn.execute(table.insert(), list(fresh.values()))
    return len(fresh)


def add_entities(engine: Engine, rows: list[dict]) -> int:
    with engine.begin() as conn:
        return ensure_entities(conn, rows)


def revision_counts(engine: Engine) -> pd.DataFrame:
    """How many revisions each key has (1 = never changed), for the data page."""
    from etl.schema import KEY_COLUMNS

    table = table_of(Observation)
    keys = [table.c[c] for c in KEY_COLUMNS]
    query = select(*keys, func.count().label("revisions")).group_by(*keys)
    with engine.connect() as conn:
        rows = conn.execute(query).all()
    return pd.DataFrame([tuple(r) for r in rows], columns=[*KEY_COLUMNS, "revisions"])


def run_revisions(engine: Engine, run_id: int) -> pd.DataFrame:
    """What one import run did: the revisions it added ('added') and the ones it closed ('replaced')."""
    table = table_of(Observation)
    columns = [_selectable(table, c) for c in OBSERVATION_COLUMNS]
    added = select(*columns).where(table.c.import_run_id == run_id)
    closed = select(*columns).where(table.c.closed_by_run_id == run_id)
    with engine.connect() as conn:
        frames = [
            _frame(_tuples(conn, query), OBSERVATION_COLUMNS).assign(change=label)
            for query, label in ((added, "added"), (closed, "replaced"))
        ]
    frame = pd.concat(frames, ignore_index=True)
    return frame.sort_values(
        ["indicator", "region", "breakdown", "period", "source", "change"], kind="stable"
    )


def add_source_row(engine: Engine, row: dict, user: str = "") -> int:
    """Add a source to the warehouse catalog (staff cite a new publication), as an import run of kind
    'catalog' so the data version moves and every cached view sees the new source."""
    from sqlalchemy.exc import IntegrityError

    from etl.db.load import finish_run, start_run
    from etl.errors import RegiometerError

    try:
        with engine.begin() as conn:
            run_id = start_run(conn, kind="catalog", source_name="editor", user=user, file_name=row["slug"])
            add_source(conn, **row)
            finish_run(conn, run_id, "succeeded", {})
    except IntegrityError:
        raise RegiometerError(
            f"source '{row['slug']}' already exists; choose it instead",
            code="source_exists_error",
            params={"value": row["slug"]},
        ) from None
    return run_id


def read_meta(engine: Engine, key: str) -> str:
    """A fact about the warehouse ('' when unset), e.g. read_meta(engine, 'pack')."""
    table = table_of(WarehouseMeta)
    with engine.connect() as conn:
        return conn.execute(select(table.c.value).where(table.c.key == key)).scalar() or ""


def write_meta(conn: Connection, key: str, value: str) -> None:
    table = table_of(WarehouseMeta)
    if conn.execute(select(table.c.key).where(table.c.key == key)).first() is None:
        conn.execute(table.insert().values(key=key, value=value))
    else:
        conn.execute(table.update().where(table.c.key == key).values(value=value))
