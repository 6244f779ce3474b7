"""Plausibility warnings: said before saving, saved only when accepted, recorded on the run."""

from __future__ import annotations

import pytest

from etl import db, pipeline
from etl.errors import WarningsNotAccepted
from etl.messages import render
from tests.conftest import write

HEADER = "indicator,region,breakdown,period,value,unit,status,source,note,qualifier\n"
JOBS = "employment.ict_micro,DED,,{period},{value},persons,{status},silicon-saxony-2024-06-11,,\n"
MEMBERS = "cluster.members,DED,silicon-saxony,{period},{value},members,actual,tag24-2026-02-15,,\n"


def csv(tmp_path, *rows: str, name: str = "check.csv"):
    return write(tmp_path / name, HEADER + "".join(rows))


def jobs(settings) -> dict[str, float]:
    frame = db.read_observations(
        db.get_engine(settings.database_url),
        indicator="employment.ict_micro",
        source="silicon-saxony-2024-06-11",
    )
    total = frame[frame["breakdown"] == ""]
    return dict(zip(total["period"], total["value"], strict=True))


def codes(found) -> list[tuple[int, str, str]]:
    return [(w.row, w.column, w.code) for w in found]


def test_a_future_actual_a_999_permille_drop_and_a_fractional_person_warn_three_times(seeded, tmp_path):
    """Issue 9's case: three warnings, nothing saved until 'save anyway'."""
    path = csv(
        tmp_path,
        JOBS.format(period="2031", value=82000, status="actual"),  # future actual
        JOBS.format(period="2023", value=81, status="actual"),  # 81000 now: a drop of 99.9 %
        JOBS.format(period="2024", value=82500.5, status="actual"),  # half a person
    )
    before = jobs(seeded)
    _, preview = pipeline.import_staff_file(seeded, path, dry_run=True)
    assert codes(preview.warnings) == [
        (2, "period", "warn_future"),
        (3, "value", "warn_drop"),
        (4, "value", "warn_not_whole"),
    ]
    drop = preview.warnings[1]
    assert drop.params["current"] == 81000 and "99.9 %" in drop.message and "81,000" in drop.message
    assert "81.000" in render(drop, "de")[0]

    with pytest.raises(WarningsNotAccepted) as refused:
        pipeline.import_staff_file(seeded, path)
    assert len(refused.value.warnings) == 3 and "--accept-warnings" in str(refused.value)
    assert jobs(seeded) == before

    _, saved = pipeline.import_staff_file(seeded, path, accept_warnings=True)
    assert jobs(seeded)["2023"] == 81.0
    runs = db.import_runs(db.get_engine(seeded.database_url), limit=1)
    assert runs.loc[0, "id"] == saved.run_id and runs.loc[0, "accepted_warnings"] == 3


def test_a_new_key_is_compared_with_the_latest_period_of_its_series(seeded, tmp_path):
    path = csv(tmp_path, MEMBERS.format(period="2025", value=6500))  # the series' latest is 650 (2026)
    _, preview = pipeline.import_staff_file(seeded, path, dry_run=True)
    (warning,) = preview.warnings
    assert (
        warning.code == "warn_change"
        and "10 times" in warning.message
        and "2026 of the same series" in warning.message
    )


def test_negative_counts_and_early_periods_warn(seeded, tmp_path):
    path = csv(tmp_path, MEMBERS.format(period="2025", value=-640), MEMBERS.format(period="1899", value=600))
    _, preview = pipeline.import_staff_file(seeded, path, dry_run=True)
    assert (2, "value", "warn_negative") in codes(preview.warnings)
    assert (3, "period", "warn_early") in codes(preview.warnings)


def test_plausible_values_and_unchanged_rows_do_not_warn(seeded, tmp_path):
    path = csv(tmp_path, MEMBERS.format(period="2025", value=620))
    _, first = pipeline.import_staff_file(seeded, path)
    assert first.warnings == []
    odd = csv(tmp_path, MEMBERS.format(period="2024", value=0.5), name="odd.csv")
    pipeline.import_staff_file(seeded, odd, accept_warnings=True)
    _, again = pipeline.import_staff_file(seeded, odd, dry_run=True)  # unchanged: accepted before
    assert again.counts["unchanged"] == 1 and again.warnings == []


def test_rates_are_not_compared_by_factor(seeded, tmp_path):
    row = "employment.ict_micro_growth,DED,,2025,{value},percent,actual,silicon-saxony-2024-06-11,,\n"
    _, preview = pipeline.import_staff_file(seeded, csv(tmp_path, row.format(value=0.1)), dry_run=True)
    assert preview.warnings == []


def test_accepting_only_the_previewed_warnings(seeded, tmp_path):
    path = csv(tmp_path, MEMBERS.format(period="2025", value=620.5))
    _, preview = pipeline.import_staff_file(seeded, path, dry_run=True)
    keys = [w.key for w in preview.warnings]
    with pytest.raises(WarningsNotAccepted):
        pipeline.import_content(
            seeded, path.read_bytes(), path.name, accept_warnings=["warn_future:2:period"]
        )
    _, saved = pipeline.import_content(seeded, path.read_bytes(), path.name, accept_warnings=keys)
    assert saved.run_id is not None


def test_a_single_value_gets_the_same_warnings(seeded):
    row = {
        "indicator": "cluster.members",
        "region": "DED",
        "breakdown": "silicon-saxony",
        "period": "2025",
        "value": 1.62,
        "status": "actual",
        "source": "tag24-2026-02-15",
    }
    preview = pipeline.apply_edit(seeded, row, "anna", dry_run=True)
    assert {w.code for w in preview.warnings} == {"warn_not_whole", "warn_drop"}
    with pytest.raises(WarningsNotAccepted):
        pipeline.apply_edit(seeded, row, "anna")
