"""The editor's preview: which headline numbers a file would move."""

from __future__ import annotations

from etl import pipeline
from tests.conftest import write

HEADER = "indicator,region,breakdown,period,value,unit,status,source,note,qualifier\n"


def preview(settings, tmp_path, body: str):
    path = write(tmp_path / "f.csv", HEADER + body)
    _, result = pipeline.import_staff_file(settings, path, dry_run=True)
    return pipeline.headline_moves(settings, result.plan)


def test_new_latest_year_moves_the_headline(sqlite_seeded, tmp_path):
    moves = preview(
        sqlite_seeded,
        tmp_path,
        "employment.ict_micro,DED,,2024,84000,persons,actual,silicon-saxony-2024-06-11,,\n",
    )
    (row,) = moves.to_dict("records")
    assert (row["period_before"], row["value_before"]) == ("2023", 81000.0)
    assert (row["period_after"], row["value_after"]) == ("2024", 84000.0)


def test_changing_an_old_year_moves_no_headline(sqlite_seeded, tmp_path):
    moves = preview(
        sqlite_seeded,
        tmp_path,
        "employment.ict_micro,DED,,2017,64500,persons,actual,welt-dpa-2019-06,,\n",
    )
    assert moves.empty


def test_a_non_preferred_source_does_not_replace_the_headline(sqlite_seeded, tmp_path):
    moves = preview(
        sqlite_seeded,
        tmp_path,
        "employment.ict_micro,DED,,2023,79000,persons,actual,welt-dpa-2019-06,,\n",
    )
    assert moves.empty


def test_preferred_source_then_latest_published_wins():
    import pandas as pd

    from etl.headline import preferred

    frame = pd.DataFrame(
        {
            "indicator": ["jobs"] * 4,
            "region": ["DED"] * 4,
            "breakdown": [""] * 4,
            "period": ["2022", "2022", "2023", "2023"],
            "value": [73000.0, 76100.0, 80000.0, 81000.0],
            "source": ["june-2022", "june-2023", "old-article", "new-release"],
        }
    )
    published = {
        "june-2022": "2022-06",
        "june-2023": "2023-06-21",
        "old-article": "2019",
        "new-release": "2024-06",
    }
    picked = preferred(frame, {"jobs": "june-2022"}, published).set_index("period")["value"]
    assert picked.to_dict() == {"2022": 73000.0, "2023": 81000.0}


def test_without_the_preferred_source_a_primary_source_beats_a_newer_press_report():
    import pandas as pd

    from etl.headline import preferred

    rows = pd.DataFrame(
        {
            "indicator": ["x", "x"],
            "region": ["R", "R"],
            "breakdown": ["", ""],
            "period": ["2023", "2023"],
            "source": ["press-2024", "office-2023"],
            "value": [1.0, 2.0],
        }
    )
    published = {"press-2024": "2024-05-01", "office-2023": "2023-11-01"}
    primary = {"press-2024": False, "office-2023": True}
    assert preferred(rows, {"x": ""}, published, primary)["source"].tolist() == ["office-2023"]
    assert preferred(rows, {"x": "press-2024"}, published, primary)["source"].tolist() == ["press-2024"]
    assert preferred(rows, {"x": ""}, published)["source"].tolist() == ["press-2024"]  # no kinds: newest
