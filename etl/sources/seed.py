"""The curated seed: cited figures committed in the pack's seed/ folder, in the staff template format."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from etl.config import Settings
from etl.pack import Pack
from etl.sources.staff_upload import read_staff_file


class SeedSource:
    name = "seed"
    needs_network = False

    def fetch(self, settings: Settings) -> Path:
        # The committed files are the raw snapshot: they are versioned in git, never edited by a load.
        return settings.region_pack().seed_dir

    def parse(self, snapshot: Path, pack: Pack) -> pd.DataFrame:
        """The seed files are the pack's own, so the pack adds nothing to them."""
        frames = []
        for path in sorted(snapshot.glob("*.csv")):
            staff_file = read_staff_file(path.read_bytes(), path.name, numbers_style="en")
            frames.append(staff_file.frame.drop(columns="_row"))
        return pd.concat(frames, ignore_index=True)


SOURCE = SeedSource()
