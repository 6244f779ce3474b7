"""python -m etl: build, load, inspect and export the warehouse."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

from etl import cli_users, db, exporting, pipeline, template
from etl.config import Settings
from etl.errors import RegiometerError, ValidationError, WarningsNotAccepted, summarise
from etl.paths import ASSETS_DIR
from etl.registry import source_names


def _progress(message: str) -> None:
    print(f"... {message}", file=sys.stderr, flush=True)


def cmd_init(settings: Settings, args: argparse.Namespace) -> int:
    _progress(f"creating or upgrading the schema at {settings.database_url}")
    report = pipeline.init(settings)
    if report.status != "succeeded":
        print(f"seed failed: {report.error}", file=sys.stderr)
        return 1
    c = report.counts
    print(f"warehouse ready: seed {c['new']} new, {c['changed']} changed, {c['unchanged']} unchanged")
    return 0


def _summary_table(reports: list[pipeline.SourceReport]) -> str:
    header = (
        f"{'source':<10} {'status':<10} {'new':>8} {'changed':>8} {'unchanged':>10}  {'periods':<22} error"
    )
    lines = [header, "-" * len(header)]
    for r in reports:
        c = r.counts
        skipped = ", ".join(f"{k}: {v}" for k, v in r.skipped.items())
        error = r.error.splitlines()[0] if r.error else (f"skipped {skipped}" if skipped else "")
        lines.append(
            f"{r.source:<10} {r.status:<10} {c.get('new', 0):>8} {c.get('changed', 0):>8} "
            f"{c.get('unchanged', 0):>10}  {r.period_range:<22} {error}"
        )
    return "\n".join(lines)


def cmd_run(settings: Settings, args: argparse.Namespace) -> int:
    pipeline.ensure_initialised(settings)
    names = args.sources or source_names()
    unknown = [n for n in names if n not in source_names()]
    if unknown:
        print(
            f"unknown source {', '.join(unknown)}; choose from: {', '.join(source_names())}", file=sys.stderr
        )
        return 2
    if args.from_raw and len(names) != 1:
        print("--from-raw re-reads one source's snapshot: name exactly one source", file=sys.stderr)
        return 2
    reports = []
    for name in names:
        _progress(f"{name}: fetching and loading")
        reports.append(pipeline.run_source(settings, name, Path(args.from_raw) if args.from_raw else None))
    print(_summary_table(reports))
    return 1 if any(r.status in ("failed", "partial") for r in reports) else 0


def _say_notes(staff_file) -> None:
    if staff_file.number_format:
        print(f"numbers: {staff_file.number_format.reason}", file=sys.stderr)
    for item in staff_file.notes:
        print(f"note: {item.message}", file=sys.stderr)


def cmd_import(settings: Settings, args: argparse.Namespace) -> int:
    pipeline.ensure_initialised(settings)
    _progress(f"reading {args.file}")
    try:
        staff_file, result = pipeline.import_staff_file(
            settings,
            Path(args.file),
            dry_run=args.dry_run,
            user=args.user,
            numbers_style=args.numbers,
            accept_warnings=args.accept_warnings,
        )
    except WarningsNotAccepted as exc:
        print(exc.report(settings.problems_shown), file=sys.stderr)
        return 1
    _say_notes(staff_file)
    if result.warnings:
        verb = "accepted" if not result.dry_run else "saving needs --accept-warnings"
        noun = "warning" if len(result.warnings) == 1 else "warnings"
        print(f"{len(result.warnings):,} {noun} ({verb}):", file=sys.stderr)
        print("\n".join(summarise(result.warnings, settings.problems_shown)), file=sys.stderr)
    c = result.counts
    verb = "would be" if result.dry_run else "were"
    print(
        f"{c['new']} new, {c['changed']} changed, {c['unchanged']} unchanged rows {verb} loaded"
        + ("" if result.dry_run else f" (import run {result.run_id})")
    )
    if result.dry_run and c["changed"]:
        changed = result.plan.changed
        for row in changed.head(settings.problems_shown).itertuples():
            print(
                f"  {row.indicator} {row.region} {row.breakdown or '-'} {row.period} [{row.source}]: "
                f"{exporting.format_value(row.old_value)} -> {exporting.format_value(row.value)}"
            )
        if len(changed) > settings.problems_shown:
            print(f"  ... and {len(changed) - settings.problems_shown:,} more changed rows")
    return 0


def _filters(args: argparse.Namespace) -> db.ObservationFilters:
    return {
        "indicator": args.indicator,
        "region": args.region,
        "breakdown": args.breakdown,
        "source": args.source,
        "period_from": args.period_from,
        "period_to": args.period_to,
    }


def _as_of(text: str | None) -> datetime | None:
    if not text:
        return None
    moment = datetime.fromisoformat(text)
    if len(text) == 10:  # a day means the end of that day
        moment = moment.replace(hour=23, minute=59, second=59, microsecond=999999)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def cmd_export(settings: Settings, args: argparse.Namespace) -> int:
    pipeline.ensure_initialised(settings)
    engine = pipeline.engine_for(settings)
    frame = db.read_observations(engine, as_of=_as_of(args.as_of), **_filters(args))
    units = {slug: row["unit"] for slug, row in db.read_catalog(engine).indicators.items()}
    frame["unit"] = frame["indicator"].map(units).fillna("")  # every value is stored in its indicator's unit
    payload = exporting.render(frame, args.format)
    if args.output:
        Path(args.output).write_bytes(payload)
        print(f"wrote {len(frame)} rows to {args.output}", file=sys.stderr)
    elif args.format == "xlsx":
        print("xlsx is binary: give --output FILE", file=sys.stderr)
        return 2
    else:
        sys.stdout.buffer.write(payload)
    return 0


def cmd_history(settings: Settings, args: argparse.Namespace) -> int:
    engine = pipeline.engine_for(settings)
    frame = db.history(engine, indicator=args.indicator, region=args.region, breakdown=args.breakdown)
    if args.period:
        frame = frame[frame["period"] == args.period]
    if frame.empty:
        print("no revisions match; check the indicator and region slugs (python -m etl export | head)")
        return 1
    for row in frame.itertuples():
        state = "current" if pd.isna(row.valid_to) else f"until {row.valid_to:%Y-%m-%d %H:%M:%S}"
        who = f" by {row.run_user}" if row.run_user else ""
        print(
            f"{row.period:<11} {row.breakdown or '-':<22} {exporting.format_value(row.value):>14} "
            f"{row.status:<12} {row.source:<32} from {row.valid_from:%Y-%m-%d %H:%M:%S} {state:<28} "
            f"run {row.import_run_id} ({row.run_kind}{who})"
        )
    return 0


def cmd_backup(settings: Settings, args: argparse.Namespace) -> int:
    target = db.backup(pipeline.engine_for(settings), Path(args.path))
    print(f"backup written to {target}")
    return 0


def cmd_status(settings: Settings, args: argparse.Namespace) -> int:
    engine = pipeline.engine_for(settings)
    if not db.has_schema(engine):
        print("no warehouse yet: run 'python -m etl init'")
        return 1
    runs = db.import_runs(engine, limit=args.limit)
    print(f"data version {db.data_version(engine)}, {db.count_observations(engine)} current observations")
    for run in runs.itertuples():
        what = run.source_name or run.kind
        print(
            f"run {run.id:>4} {run.started_at:%Y-%m-%d %H:%M:%S} {what:<14} {run.status:<10} "
            f"new {run.rows_new} changed {run.rows_changed} unchanged {run.rows_unchanged}"
            + (f"  {run.file_name}" if run.kind == "staff" else "")
            + (f"  error: {run.error.splitlines()[0]}" if run.error else "")
        )
    return 0


def cmd_undo(settings: Settings, args: argparse.Namespace) -> int:
    result = pipeline.undo(settings, args.run, user=args.user)
    print(
        f"undid run {args.run} as run {result.run_id}: {result.restored} values restored, "
        f"{result.withdrawn} withdrawn, {result.skipped} left alone (changed again later)"
    )
    return 0


def cmd_template(settings: Settings, args: argparse.Namespace) -> int:
    pipeline.ensure_initialised(settings)
    catalog = db.read_catalog(pipeline.engine_for(settings))
    for path in template.write_templates(Path(args.folder), catalog, settings.region_pack()):
        print(f"wrote {path}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m etl", description=__doc__)
    parser.add_argument("-v", "--verbose", action="store_true", help="log details")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    sub.add_parser("init", help="create or upgrade the warehouse, load catalogs and seed (idempotent)")

    run = sub.add_parser("run", help="fetch and load sources (all by default)")
    run.add_argument(
        "sources", nargs="*", metavar="SOURCE", help=f"one or more of: {', '.join(source_names())}"
    )
    run.add_argument("--from-raw", metavar="DIR", help="re-parse a stored raw snapshot instead of fetching")

    imp = sub.add_parser("import", help="validate and load a staff file (CSV or XLSX in the template)")
    imp.add_argument("file", help="path to the CSV or XLSX file")
    imp.add_argument(
        "--dry-run", action="store_true", help="validate and show what would change; write nothing"
    )
    imp.add_argument("--numbers", choices=["de", "en"], help="force German (76.000 / 4,2) or English numbers")
    imp.add_argument("--user", default="cli", help="who is importing (stored on the import run)")
    imp.add_argument(
        "--accept-warnings",
        action="store_true",
        help="save although plausibility warnings were found (recorded on the import run)",
    )

    exp = sub.add_parser("export", help="write current observations in the staff template's columns")
    exp.add_argument("--format", choices=exporting.FORMATS, default="csv")
    exp.add_argument("--output", metavar="FILE", help="write to FILE instead of stdout")
    exp.add_argument("--as-of", metavar="DATE", help="values as they stood on DATE (YYYY-MM-DD)")
    _add_filter_arguments(exp)

    his = sub.add_parser("history", help="every revision of a series with source, time and import run")
    his.add_argument("--indicator", required=True)
    his.add_argument("--region", required=True)
    his.add_argument("--breakdown", help="a sector or entity slug; all breakdowns if omitted")
    his.add_argument("--period", help="one period, e.g. 2023")

    bak = sub.add_parser("backup", help="consistent copy of the SQLite warehouse (safe while running)")
    bak.add_argument("path", help="target file or folder")

    und = sub.add_parser("undo", help="undo an import run by adding revisions (nothing is deleted)")
    und.add_argument("run", type=int, help="the import run id (see 'status')")
    und.add_argument("--user", default="cli", help="who is undoing (stored on the undo run)")

    tpl = sub.add_parser(
        "template", help="write the staff template (CSV and XLSX with the warehouse's catalog as drop-downs)"
    )
    tpl.add_argument("folder", nargs="?", default=str(ASSETS_DIR), help="target folder (default: assets/)")

    sta = sub.add_parser("status", help="recent import runs and the data version")
    sta.add_argument("--limit", type=int, default=15)

    cli_users.add_parser(sub)
    return parser


def _add_filter_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--indicator", action="append", help="indicator slug (repeatable)")
    parser.add_argument("--region", action="append", help="region code (repeatable)")
    parser.add_argument("--breakdown", action="append", help="breakdown slug (repeatable)")
    parser.add_argument("--source", action="append", help="source slug (repeatable)")
    parser.add_argument("--from", dest="period_from", help="first period, e.g. 2015")
    parser.add_argument("--to", dest="period_to", help="last period, e.g. 2023")


COMMANDS = {
    "init": cmd_init,
    "run": cmd_run,
    "import": cmd_import,
    "export": cmd_export,
    "history": cmd_history,
    "backup": cmd_backup,
    "status": cmd_status,
    "template": cmd_template,
    "undo": cmd_undo,
    "users": cli_users.run,
}


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING, format="%(levelname)s %(message)s"
    )
    shown = 50
    try:
        settings = Settings.from_env()
        shown = settings.problems_shown
        return COMMANDS[args.command](settings, args)
    except (ValidationError, WarningsNotAccepted) as exc:
        print(exc.report(shown), file=sys.stderr)
        return 1
    except RegiometerError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
