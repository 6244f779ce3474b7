"""How old the data is: publication dates of their own precision, retrieval dates for connector data."""

from __future__ import annotations

import pandas as pd

from dashboard.data import cache, dates
from etl import db, pipeline
from tests.conftest import write


def test_partial_dates_order_by_their_first_day_the_precise_one_last():
    assert dates.latest_of(["2024", "2023-12-31", "2024-06", "", "n.d."]) == "2024-06"
    assert dates.latest_of(["2024-06", "2024-06-11"]) == "2024-06-11"
    assert dates.latest_of(["2024-06-01", "2024-06"]) == "2024-06-01"
    assert dates.latest_of(["", None]) is None


def test_rows_are_dated_by_publication_else_by_the_connector_run_that_fetched_them(
    testland_app, testland, tmp_path
):
    header = "indicator,region,breakdown,period,value,unit,status,source,note,qualifier\n"
    _, result = pipeline.import_staff_file(
        testland,
        write(
            tmp_path / "x.csv",
            header + "cluster.members,TLA,test-cluster,2025,420,members,actual,test-cluster-2024,,\n",
        ),
    )
    engine = db.get_engine(testland.database_url)
    finished = db.run_times(engine).set_index("id").loc[result.run_id, "finished_at"].strftime("%Y-%m-%d")
    with testland_app.server.test_request_context("/"):
        cache.clear_all()
        frame = pd.DataFrame(
            {
                "source": ["test-cluster-2024", "undated", "undated"],
                "published": ["2024-06-15", "", ""],
                "import_run_id": [1, result.run_id, 1],  # run 1 is the seed: its load date says nothing
            }
        )
        assert dates.row_dates(frame).tolist() == ["2024-06-15", finished, ""]
        assert dates.latest(frame) == max("2024-06-15", finished)
        assert (
            dates.site_latest() == "2025-03-31"
        )  # the newest publication in use; the upload cites an older one
