"""The Source protocol: every connector is a small unit with a networked fetch and a pure parse."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    import pandas as pd

    from etl.config import Settings


class Source(Protocol):
    """A connector.

    name     the slug used on the command line (`python -m etl run NAME`) and in import runs.
    fetch()  the only I/O: downloads raw bytes into a new snapshot folder under
             settings.raw_dir / name / <UTC stamp>/ with a manifest.json, and returns that folder.
    parse()  pure: reads only the snapshot folder and returns a canonical frame
             (etl.schema.CANONICAL_COLUMNS). Counts of skipped cells go in frame.attrs["skipped"]
             as {reason: count}, for the run report.
    """

    name: str
    needs_network: bool

    def fetch(self, settings: Settings) -> Path: ...

    def parse(self, snapshot: Path) -> pd.DataFrame: ...
