"""The raw store: the exact bytes every fetch received, kept apart from what parse makes of them.

Layout: raw_dir/<source>/<UTC stamp>/ holds the files and a manifest.json:

    {"source": "eurostat", "started_at": "2026-11-26T04:35:12Z", "complete": true,
     "files": [{"name": "htec_emp_reg2.json", "url": "https://...", "fetched_at": "...Z",
                "sha256": "...", "size": 1234, ...extra fields such as request params}],
     "failed": [{"unit": "rd_e_gerdreg", "error": "...", "url": "https://...", "failed_at": "...Z"}]}

A source whose answers are independent units (one Eurostat dataset, one GENESIS table) records a
unit that could not be fetched under "failed" and goes on with the others: the snapshot is complete
when every unit was either stored or recorded as failed, and parse() reports the failed ones.

Raw files are written once and never edited; save() refuses to overwrite. A fetch marks its
snapshot complete only when every file arrived, and latest() skips incomplete snapshots, so a
half-finished fetch can never be parsed by accident.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

MANIFEST = "manifest.json"
STAMP_FORMAT = "%Y%m%dT%H%M%SZ"


def utc_now() -> datetime:
    return datetime.now(UTC)


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def read_manifest(snapshot: Path) -> dict:
    """The manifest of a snapshot folder; FileNotFoundError names the folder when it has none."""
    path = Path(snapshot) / MANIFEST
    if not path.is_file():
        raise FileNotFoundError(f"{snapshot} is not a raw snapshot: it has no {MANIFEST}")
    return json.loads(path.read_text(encoding="utf-8"))


def manifest_files(snapshot: Path) -> list[dict]:
    return list(read_manifest(snapshot).get("files", []))


def manifest_failures(snapshot: Path) -> dict[str, str]:
    """{unit: error} of the units a fetch recorded as failed (empty for older snapshots)."""
    return {
        str(entry["unit"]): str(entry.get("error", "")) for entry in read_manifest(snapshot).get("failed", [])
    }


@dataclass
class Snapshot:
    """One fetch's folder. save() each answer, then complete()."""

    path: Path
    source: str
    clock: Callable[[], datetime] = utc_now
    manifest: dict = field(default_factory=dict)

    def save(self, name: str, data: bytes, url: str, **extra: object) -> Path:
        """Write the exact bytes under `name` and record them in the manifest."""
        if not name or Path(name).name != name or name == MANIFEST:
            raise ValueError(f"'{name}' is not a plain file name for a raw snapshot")
        target = self.path / name
        if target.exists():
            raise FileExistsError(f"{target} exists; raw files are never overwritten")
        target.write_bytes(data)
        entry = {
            "name": name,
            "url": url,
            "fetched_at": _iso(self.clock()),
            "sha256": hashlib.sha256(data).hexdigest(),
            "size": len(data),
        }
        entry.update(extra)
        self.manifest["files"].append(entry)
        self._write_manifest()
        return target

    def fail(self, unit: str, error: str, url: str = "", **extra: object) -> None:
        """Record a unit (a dataset, a table) that could not be fetched; the others go on."""
        entry: dict[str, object] = {"unit": unit, "error": error, "url": url, "failed_at": _iso(self.clock())}
        entry.update(extra)
        self.manifest.setdefault("failed", []).append(entry)
        self._write_manifest()

    @property
    def stored(self) -> int:
        """How many files were saved so far."""
        return len(self.manifest["files"])

    def complete(self) -> Path:
        """Mark the snapshot whole; returns its folder (what fetch() returns)."""
        self.manifest["complete"] = True
        self.manifest["completed_at"] = _iso(self.clock())
        self._write_manifest()
        return self.path

    def _write_manifest(self) -> None:
        # Write then rename, so a crash never leaves a half-written manifest behind.
        temporary = self.path / (MANIFEST + ".tmp")
        temporary.write_text(json.dumps(self.manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        os.replace(temporary, self.path / MANIFEST)


class RawStore:
    """Snapshots under raw_dir, one folder per source."""

    def __init__(self, raw_dir: Path, clock: Callable[[], datetime] = utc_now) -> None:
        self.raw_dir = Path(raw_dir)
        self.clock = clock

    def start(self, source: str) -> Snapshot:
        """Create raw_dir/<source>/<UTC stamp>/ (with a suffix if that second is taken)."""
        moment = self.clock()
        base = self.raw_dir / source
        base.mkdir(parents=True, exist_ok=True)
        stamp = moment.astimezone(UTC).strftime(STAMP_FORMAT)
        path, counter = base / stamp, 1
        while True:
            try:
                path.mkdir()
                break
            except FileExistsError:
                counter += 1
                path = base / f"{stamp}-{counter}"
        snapshot = Snapshot(path, source, self.clock)
        snapshot.manifest = {"source": source, "started_at": _iso(moment), "complete": False, "files": []}
        snapshot._write_manifest()
        return snapshot

    def snapshots(self, source: str, complete_only: bool = False) -> list[Path]:
        """A source's snapshot folders, oldest first."""
        base = self.raw_dir / source
        if not base.is_dir():
            return []
        found = sorted(p for p in base.iterdir() if p.is_dir() and (p / MANIFEST).is_file())
        if complete_only:
            found = [p for p in found if read_manifest(p).get("complete")]
        return found

    def latest(self, source: str) -> Path | None:
        """The newest complete snapshot, or None when the source was never fetched successfully."""
        found = self.snapshots(source, complete_only=True)
        return found[-1] if found else None
