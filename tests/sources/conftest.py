"""Helpers for the connector tests: fixture files, settings on a temp data dir, snapshots, ZIPs."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from etl.config import Settings
from etl.pack import load_pack
from etl.raw import RawStore

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
# The default pack, and a small synthetic one that proves nothing in the connectors is hard-wired.
SAXONY = load_pack("saxony")
ALPINE_DIR = FIXTURES / "packs" / "alpine"
ALPINE = load_pack(str(ALPINE_DIR))


def fixture_bytes(*parts: str) -> bytes:
    return FIXTURES.joinpath(*parts).read_bytes()


def zip_bytes(members: dict[str, bytes]) -> bytes:
    """A deflated ZIP as GENESIS and CORDIS send them."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def genesis_zip(table: str, fixture: str = "") -> bytes:
    """The ffcsv ZIP GENESIS returns for `table`, built from the committed CSV (`fixture`, default
    <table>_flat.csv)."""
    data = fixture_bytes("genesis", fixture or f"{table}_flat.csv")
    return zip_bytes({f"{table}_1764130512345_de_flat.csv": data})


def level_fixture(table: str, variable: str) -> str:
    """The committed ffcsv answer of `table` asked for one region level (KREISE: <table>_flat.csv)."""
    return f"{table}_flat.csv" if variable == "KREISE" else f"{table}_{variable}_flat.csv"


def make_snapshot(raw_dir: Path, source: str, files: dict[str, bytes]) -> Path:
    snapshot = RawStore(raw_dir).start(source)
    for name, data in files.items():
        snapshot.save(name, data, f"https://example.invalid/{name}")
    return snapshot.complete()


class Sleeps(list):
    """An injectable sleep that records the delays instead of waiting."""

    def __call__(self, seconds: float) -> None:
        self.append(seconds)


@pytest.fixture
def sleeps() -> Sleeps:
    return Sleeps()


@pytest.fixture
def source_settings(tmp_path) -> Settings:
    """Real default URLs, raw files under tmp_path, fast backoff."""
    return Settings(data_dir=tmp_path, http_retries=2, http_backoff=0.5, since_year=2015)
