"""The page cache: a cached frame is the frame the function returned, holding each distinct text once,
and its budget counts what the frame holds, so a cube of repeated slugs does not crowd out the rest."""

from __future__ import annotations

import numpy as np
import pandas as pd

from dashboard.data.cache import cached, compact, size_of

ROWS = 20_000


def driver_like_frame() -> pd.DataFrame:
    """Repeated slugs as a database driver returns them: every cell its own string object."""
    slugs = [f"employment-{'semiconductors' if i % 3 else 'software'}-{i % 4}" for i in range(ROWS)]
    notes = [None if i % 5 == 0 else f"note {i % 2}" for i in range(ROWS)]
    return pd.DataFrame(
        {
            "indicator": pd.array(["".join(slug) for slug in slugs], dtype="string"),
            "note": pd.Series(notes, dtype=object),  # as an object column comes from a driver
            "rows": np.arange(ROWS),
            "mixed": [i if i % 2 else str(i) for i in range(ROWS)],
        }
    )


def test_a_cached_frame_has_the_same_values_and_types_with_each_text_held_once():
    frame = driver_like_frame()
    assert frame["indicator"].iloc[0] is not frame["indicator"].iloc[12]  # equal texts, two objects
    kept = compact(frame)
    pd.testing.assert_frame_equal(kept, frame)
    assert kept["indicator"].iloc[0] is kept["indicator"].iloc[12]
    assert kept["note"].iloc[1] is kept["note"].iloc[3]
    assert kept["note"].iloc[0] is None  # a missing note stays missing, as the page reads it
    assert kept["mixed"].tolist() == frame["mixed"].tolist()  # not text: left as it is


def test_the_budget_counts_what_a_cached_frame_holds():
    kept = compact(driver_like_frame())
    held = size_of(kept)
    as_if_every_cell_its_own = int(kept.memory_usage(deep=True).sum())
    assert held < as_if_every_cell_its_own / 2
    assert held > kept[["rows"]].memory_usage(deep=True).sum()  # the texts and pointers are counted


def test_the_cache_hands_out_the_compact_frame_every_time():
    calls = []

    @cached(lambda: "v1", budget=8 * 1024 * 1024)
    def cube() -> pd.DataFrame:
        calls.append(1)
        return driver_like_frame()

    first, again = cube(), cube()
    assert first is again and len(calls) == 1
    assert first["indicator"].iloc[0] is first["indicator"].iloc[12]
