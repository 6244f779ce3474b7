"""The benchmark's warehouses: the region pack's seed, and the seed plus N SYNTHETIC observations.

Built in a temporary folder, or kept in a folder given with `--warehouses DIR` and reused while the
pack's files, the schema and the row count stay the same (a 1,000,000-row build takes a while).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from etl import db, pipeline
from etl.catalog import Catalog
from etl.config import Settings
from etl.paths import PROJECT_ROOT
from etl.schema import validate
from tests.bench.synthetic import SYNTHETIC_SOURCE, synthetic_frame

MARKER = "bench-warehouse.json"


def _inputs_digest(settings: Settings) -> str:
    """What the warehouse is built from: the pack's files and the migrations."""
    digest = hashlib.sha256()
    folders = [settings.region_pack().directory, PROJECT_ROOT / "etl" / "migrations" / "versions"]
    for folder in folders:
        for path in sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
            digest.update(str(path.relative_to(folder)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def build(folder: Path, rows: int) -> Settings:
    """The seed warehouse plus `rows` SYNTHETIC observations in `folder` (reused if it is current)."""
    folder.mkdir(parents=True, exist_ok=True)
    settings = Settings(data_dir=folder)
    wanted = {"rows": rows, "inputs": _inputs_digest(settings)}
    marker = folder / MARKER
    if marker.exists() and json.loads(marker.read_text()) == wanted and Path(_db_file(settings)).exists():
        return settings
    for stale in folder.glob("regiometer*.db*"):
        stale.unlink()
    pipeline.init(settings)
    if rows:
        engine = db.get_engine(settings.database_url)
        with engine.begin() as conn:
            db.sync_catalog(conn, Catalog(sources={SYNTHETIC_SOURCE.slug: SYNTHETIC_SOURCE}))
        catalog = db.read_catalog(engine)
        frame = synthetic_frame(catalog, rows)
        db.load_frame(engine, validate(frame, catalog), kind="source", source_name=SYNTHETIC_SOURCE.slug)
        engine.dispose()
    marker.write_text(json.dumps(wanted))
    return settings


def _db_file(settings: Settings) -> str:
    return settings.database_url.removeprefix("sqlite:///")
