"""Orchestration: fetch -> parse -> validate -> load, for sources, seed and staff files."""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pandas as pd

from etl import db, headline, plausibility
from etl.catalog import Catalog, load_reference
from etl.config import Settings
from etl.errors import ConfigError, Problem, RegiometerError, ValidationError
from etl.messages import problem
from etl.registry import get_source
from etl.schema import validate, validate_source
from etl.sources.staff_upload import ReadLimits, StaffFile, read_staff_file

log = logging.getLogger(__name__)

ENTITY_DEFAULTS = {
    "kind": "organisation",
    "parent": "",
    "website": "",
    "founded": "",
    "description_en": "",
    "description_de": "",
}


@dataclass
class SourceReport:
    source: str
    status: str  # succeeded, partial (loaded, but some units failed: see error), failed, dry-run
    counts: dict[str, int] = field(default_factory=dict)
    period_range: str = ""
    skipped: dict[str, int] = field(default_factory=dict)
    error: str = ""
    run_id: int | None = None


def engine_for(settings: Settings):
    return db.get_engine(settings.database_url)


def init(settings: Settings) -> SourceReport:
    """Create or upgrade the schema, sync the pack's catalogs and load its seed. Idempotent."""
    engine = engine_for(settings)
    db.migrate(engine)
    check_pack(settings)
    pack = settings.region_pack()
    with engine.begin() as conn:
        db.sync_catalog(conn, load_reference(pack.reference_dir))
        db.write_meta(conn, "pack", pack.name)
    return run_source(settings, "seed")


def check_pack(settings: Settings) -> None:
    """A warehouse holds one pack: refuse to mix another pack's catalogs and seed into it."""
    engine = engine_for(settings)
    if not db.has_schema(engine):
        return
    held, wanted = db.read_meta(engine, "pack"), settings.region_pack().name
    if held and held != wanted:
        raise ConfigError(
            f"the warehouse at {settings.database_url} holds the pack '{held}', not '{wanted}'. "
            f"Set REGIOMETER_PACK={held}, or point REGIOMETER_DATABASE_URL at another warehouse "
            f"(without it, each pack gets its own file in {settings.data_dir})."
        )


def ensure_initialised(settings: Settings) -> None:
    """Build the warehouse from the committed files when it does not exist yet (first `make run`)."""
    engine = engine_for(settings)
    check_pack(settings)
    if not db.has_schema(engine) or db.data_version(engine) == 0:
        log.info(
            "building the warehouse at %s from the committed reference and seed files", settings.database_url
        )
        init(settings)


def _period_range(frame: pd.DataFrame) -> str:
    if frame.empty:
        return ""
    periods = frame["period"].sort_values()
    return f"{periods.iloc[0]}..{periods.iloc[-1]}"


def _register_entities(engine, frame: pd.DataFrame) -> None:
    rows = frame.attrs.get("entities") or []
    if rows:
        db.add_entities(engine, [{**ENTITY_DEFAULTS, **row} for row in rows])


def today() -> date:
    """The day plausibility checks compare periods with (tests may replace it)."""
    return date.today()


def check_plausibility(conn, load_plan: db.LoadPlan) -> list[Problem]:
    """Plausibility warnings for a plan, inside the load's transaction (etl.plausibility)."""
    touched = pd.concat([load_plan.new, load_plan.changed], ignore_index=True)
    if touched.empty:
        return []
    latest = plausibility.latest_in_series(db.series_current(conn, touched))
    return plausibility.warnings(load_plan.new, load_plan.changed, latest, today())


def load_validated(
    settings: Settings,
    frame: pd.DataFrame,
    catalog: Catalog,
    dry_run: bool,
    accept_warnings: bool | Collection[str] = False,
    checked: bool = True,
    **run_fields,
):
    """Validate, check plausibility (unless checked=False) and load; see db.load_frame for accept."""
    valid = validate(frame, catalog, what=str(run_fields.get("file_name") or run_fields.get("source_name")))
    return db.load_frame(
        engine_for(settings),
        valid,
        dry_run=dry_run,
        check=check_plausibility if checked else None,
        accept=accept_warnings,
        **run_fields,
    )


def run_source(settings: Settings, name: str, from_raw: Path | None = None) -> SourceReport:
    """Fetch (or re-read a raw snapshot), parse, validate and load one source. Never raises for
    a source's own failure: the report says what went wrong and nothing was changed. When some of
    the source's units failed (frame.attrs["failed"]), the others are loaded and the report is
    'partial', naming the failed ones."""
    engine = engine_for(settings)
    try:
        source = get_source(name)
        snapshot = Path(from_raw) if from_raw else source.fetch(settings)
        frame = source.parse(snapshot, settings.region_pack())
        if hasattr(source, "build_geo"):  # boundaries are files for the map, not observations
            source.build_geo(snapshot, settings)
        skipped = dict(frame.attrs.get("skipped", {}))
        failed = _failed_units(frame)
        if frame.empty:
            report = SourceReport(
                name, "succeeded", {"new": 0, "changed": 0, "unchanged": 0}, skipped=skipped
            )
            return _partial(engine, report, failed)
        _register_entities(engine, frame)
        catalog = db.read_catalog(engine)
        result = load_validated(  # official figures and the curated seed: checked at their source
            settings,
            frame,
            catalog,
            False,
            checked=False,
            kind="seed" if name == "seed" else "source",
            source_name=name,
            file_name=str(snapshot),
        )
    except (RegiometerError, KeyError, OSError) as exc:
        return _failed(engine, name, str(exc).strip("'\""))
    except Exception as exc:  # a connector bug must not stop the other sources; keep the traceback in the log
        log.exception("source %s crashed", name)
        return _failed(engine, name, f"unexpected {type(exc).__name__}: {exc} (a bug; see the log)")
    report = SourceReport(
        name, "succeeded", result.counts, _period_range(frame), skipped, run_id=result.run_id
    )
    return _partial(engine, report, failed)


def _failed_units(frame: pd.DataFrame) -> str:
    failed = dict(frame.attrs.get("failed") or {})
    return "; ".join(
        error if error.startswith(unit) else f"{unit}: {error}" for unit, error in failed.items()
    )


def _partial(engine, report: SourceReport, failed: str) -> SourceReport:
    """A load of the good units whose failed units are kept in the run history and the report."""
    if not failed:
        return report
    message = f"not loaded: {failed}"
    db.record_failed_run(engine, message, kind="source", source_name=report.source)
    log.warning("source %s loaded partly; %s", report.source, message)
    report.status, report.error = "partial", message
    return report


def _failed(engine, name: str, message: str) -> SourceReport:
    db.record_failed_run(engine, message, kind="source", source_name=name)
    log.warning("source %s failed: %s", name, message)
    return SourceReport(name, "failed", error=message)


_UNSAFE_NAME = re.compile(r"[\x00-\x1f\x7f-\x9f/\\]")


def clean_file_name(name: str) -> str:
    """What is stored and shown of an uploaded file's name: the base name, printable, 200 characters."""
    base = re.split(r"[/\\]", str(name or ""))[-1]
    return _UNSAFE_NAME.sub("_", base).strip()[:200] or "upload"


def import_content(
    settings: Settings,
    content: bytes,
    name: str,
    user: str = "",
    dry_run: bool = False,
    numbers_style: str | None = None,
    accept_warnings: bool | Collection[str] = False,
) -> tuple[StaffFile, db.LoadResult]:
    """Read, validate completely, check plausibility, then load a staff file in one transaction (or
    only plan it). Raises ValidationError (problems) or WarningsNotAccepted (warnings not accepted)."""
    name = clean_file_name(name)
    staff_file = read_staff_file(content, name, numbers_style, ReadLimits.from_settings(settings))
    catalog = db.read_catalog(engine_for(settings))
    result = load_validated(
        settings,
        staff_file.frame,
        catalog,
        dry_run,
        accept_warnings,
        kind="staff",
        source_name="staff_upload",
        user=user,
        file_name=name,
        file_hash=hashlib.sha256(content).hexdigest(),
    )
    return staff_file, result


def import_staff_file(
    settings: Settings,
    path: Path,
    dry_run: bool = False,
    user: str = "",
    numbers_style: str | None = None,
    accept_warnings: bool = False,
):
    """`python -m etl import FILE`."""
    path = Path(path)
    return import_content(
        settings, path.read_bytes(), path.name, user, dry_run, numbers_style, accept_warnings
    )


def import_upload(
    settings: Settings,
    content: bytes,
    name: str,
    user: str,
    dry_run: bool,
    numbers_style: str | None = None,
    accept_warnings: bool | Collection[str] = False,
):
    """The editor's upload: the same path as the CLI, with a size limit for the web."""
    check_upload_size(settings, len(content), name)
    return import_content(settings, content, name, user, dry_run, numbers_style, accept_warnings)


def check_upload_size(settings: Settings, size: int, name: str = "upload") -> None:
    if size > settings.upload_max_bytes:
        raise ValidationError(
            [
                problem(
                    "file_too_large",
                    limit=settings.upload_max_bytes / 1_000_000,
                    size=round(size / 1_000_000, 1),
                )
            ],
            clean_file_name(name),
        )


def undo(settings: Settings, run_id: int, user: str = "") -> db.UndoResult:
    return db.undo_run(engine_for(settings), run_id, user)


def apply_edit(
    settings: Settings,
    row: dict[str, object],
    user: str,
    dry_run: bool = False,
    accept_warnings: bool | Collection[str] = False,
):
    """One value added or corrected through the editor form: the same validation as a file."""
    frame = pd.DataFrame([{**row, "_row": 1}])
    catalog = db.read_catalog(engine_for(settings))
    return load_validated(
        settings,
        frame,
        catalog,
        dry_run,
        accept_warnings,
        kind="edit",
        source_name="editor",
        user=user,
        file_name="single value",
    )


def add_source(settings: Settings, fields: dict[str, object], user: str = "") -> int:
    """A new source in the warehouse catalog (staff cite a new publication), checked like a file's
    rows: ValidationError lists every problem. Returns the catalog run's id."""
    engine = engine_for(settings)
    row = validate_source(fields, db.read_catalog(engine))
    try:
        return db.add_source_row(engine, {**row, "licence": "", "language": ""}, user)
    except RegiometerError as exc:
        if exc.code == "source_exists_error":
            raise ValidationError(
                [problem("source_exists", None, "slug", value=row["slug"])], "source"
            ) from None
        raise


def audit(settings: Settings, user: str, action: str, address: str = "", **detail: object) -> None:
    """One audit row; detail is kept as JSON so the audit page can say it in the reader's language.
    Never put passwords or secrets into detail."""
    db.write_audit(engine_for(settings), user, action, dict(detail), address)


def staff_template(settings: Settings, fmt: str) -> bytes:
    """The staff template, generated from the warehouse's catalog now (drop-downs include sources
    added a minute ago): fmt 'csv' or 'xlsx'."""
    from etl import template

    if fmt == "csv":
        return template.template_csv()
    return template.template_xlsx(db.read_catalog(engine_for(settings)), settings.region_pack())


def headline_moves(settings: Settings, plan: db.LoadPlan) -> pd.DataFrame:
    """For a planned load: which headline values (latest actual, preferred source) would move."""
    engine = engine_for(settings)
    touched = sorted(set(plan.new["indicator"]) | set(plan.changed["indicator"]))
    if not touched:
        return headline.headline_moves(pd.DataFrame(), plan.new, plan.changed, {}, {})
    current = db.read_observations(engine, indicator=touched)
    return headline.headline_moves(current, plan.new, plan.changed, *headline.rules(db.read_catalog(engine)))
