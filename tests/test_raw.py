"""etl.raw: snapshot folders, exact bytes, the manifest, completeness, latest."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime, timedelta

import pytest

from etl.raw import MANIFEST, RawStore, manifest_files, read_manifest


class Clock:
    """A clock that starts at 2026-11-26 04:35:12 UTC and moves one second per reading."""

    def __init__(self) -> None:
        self.now = datetime(2026, 11, 26, 4, 35, 12, tzinfo=UTC)

    def __call__(self) -> datetime:
        current = self.now
        self.now += timedelta(seconds=1)
        return current


def test_start_creates_the_stamped_folder_with_an_incomplete_manifest(tmp_path):
    snapshot = RawStore(tmp_path / "raw", clock=Clock()).start("eurostat")
    assert snapshot.path == tmp_path / "raw" / "eurostat" / "20261126T043512Z"
    assert read_manifest(snapshot.path) == {
        "source": "eurostat",
        "started_at": "2026-11-26T04:35:12Z",
        "complete": False,
        "files": [],
    }


def test_save_writes_exact_bytes_and_appends_to_the_manifest(tmp_path):
    store = RawStore(tmp_path, clock=Clock())
    snapshot = store.start("genesis")
    data = b"PK\x03\x04\x00\xff raw bytes \r\n"
    path = snapshot.save(
        "12411-01-01-4.zip", data, "https://example.org/data/tablefile", params={"name": "x"}
    )
    snapshot.save("second.json", b"{}", "https://example.org/2")
    assert path.read_bytes() == data
    entries = manifest_files(snapshot.path)
    assert entries[0] == {
        "name": "12411-01-01-4.zip",
        "url": "https://example.org/data/tablefile",
        "fetched_at": "2026-11-26T04:35:13Z",
        "sha256": hashlib.sha256(data).hexdigest(),
        "size": len(data),
        "params": {"name": "x"},
    }
    assert [e["name"] for e in entries] == ["12411-01-01-4.zip", "second.json"]
    assert entries[1]["sha256"] == hashlib.sha256(b"{}").hexdigest()


def test_raw_files_are_never_overwritten_and_names_stay_inside(tmp_path):
    snapshot = RawStore(tmp_path).start("cordis")
    snapshot.save("a.zip", b"1", "u")
    with pytest.raises(FileExistsError):
        snapshot.save("a.zip", b"2", "u")
    for bad in ("../escape.txt", "sub/dir.txt", "", MANIFEST):
        with pytest.raises(ValueError):
            snapshot.save(bad, b"x", "u")
    assert (snapshot.path / "a.zip").read_bytes() == b"1"


def test_latest_is_the_newest_complete_snapshot(tmp_path):
    store = RawStore(tmp_path, clock=Clock())
    assert store.latest("kohesio") is None
    first = store.start("kohesio")
    first.save("f.csv", b"a", "u")
    first.complete()
    broken = store.start("kohesio")  # a fetch that failed half-way never completes
    broken.save("f.csv", b"b", "u")
    assert store.latest("kohesio") == first.path
    assert store.snapshots("kohesio") == [first.path, broken.path]
    assert store.snapshots("kohesio", complete_only=True) == [first.path]
    manifest = read_manifest(first.path)
    assert manifest["complete"] is True and manifest["completed_at"].endswith("Z")


def test_two_snapshots_in_the_same_second_get_distinct_folders(tmp_path):
    frozen = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
    store = RawStore(tmp_path, clock=lambda: frozen)
    one, two = store.start("gisco"), store.start("gisco")
    assert one.path.name == "20260102T030405Z"
    assert two.path.name == "20260102T030405Z-2"
    assert store.snapshots("gisco") == [one.path, two.path]


def test_manifest_is_valid_json_on_disk_after_each_save(tmp_path):
    snapshot = RawStore(tmp_path).start("eurostat")
    snapshot.save("x.json", b"{}", "u")
    json.loads((snapshot.path / MANIFEST).read_text(encoding="utf-8"))
    assert not (snapshot.path / (MANIFEST + ".tmp")).exists()


def test_read_manifest_of_a_plain_folder_says_what_is_wrong(tmp_path):
    with pytest.raises(FileNotFoundError, match="not a raw snapshot"):
        read_manifest(tmp_path)
