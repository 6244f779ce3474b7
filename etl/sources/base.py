"""The Source protocol: every connector is a small unit with a networked fetch and a pure parse."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from etl.errors import SourceError

if TYPE_CHECKING:
    import pandas as pd

    from etl.config import Settings
    from etl.pack import Pack
    from etl.raw import Snapshot


class Source(Protocol):
    """A connector.

    name     the slug used on the command line (`python -m etl run NAME`) and in import runs.
    fetch()  the only I/O: downloads raw bytes into a new snapshot folder under
             settings.raw_dir / name / <UTC stamp>/ with a manifest.json, and returns that folder.
             It asks settings.region_pack() what to fetch (region codes, district keys, country).
             A unit that fails (one dataset, one table) is recorded in the manifest and the others
             go on; only when nothing could be fetched does fetch() raise.
    parse()  pure: reads only the snapshot folder and the region pack it is given, and returns a
             canonical frame (etl.schema.CANONICAL_COLUMNS). Counts of skipped cells go in
             frame.attrs["skipped"] as {reason: count}; the units the fetch could not get in
             frame.attrs["failed"] as {unit: error}: the run loads the rest and reports those.
    """

    name: str
    needs_network: bool

    def fetch(self, settings: Settings) -> Path: ...

    def parse(self, snapshot: Path, pack: Pack) -> pd.DataFrame: ...


def complete_or_raise(snapshot: Snapshot, errors: Sequence[SourceError], source: str) -> Path:
    """Complete a snapshot that holds at least one answer; raise when every unit failed (the one
    error as it is, several joined), so a source that got nothing fails as a whole."""
    if snapshot.stored:
        return snapshot.complete()
    if len(errors) == 1:
        raise errors[0]
    if not errors:
        raise SourceError(source, "nothing to fetch: the region pack asks for no data from this source")
    raise SourceError(source, "nothing could be fetched: " + "; ".join(str(error) for error in errors))
