"""Shared fixtures: a warehouse built from the real reference and seed files, in a temp folder.

Database tests run on SQLite, and on PostgreSQL too when REGIOMETER_TEST_POSTGRES_URL is set.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from etl import db, pipeline
from etl.config import Settings

POSTGRES_URL = os.environ.get("REGIOMETER_TEST_POSTGRES_URL", "")


def pytest_addoption(parser):
    parser.addoption(
        "--fuzz-examples",
        type=int,
        default=int(os.environ.get("REGIOMETER_TEST_FUZZ_EXAMPLES", "0")) or None,
        help="mutated files per fuzz test (default: a few seconds' worth; "
        "REGIOMETER_TEST_FUZZ_EXAMPLES sets it too)",
    )


@pytest.fixture
def fuzz_examples(request) -> int | None:
    return request.config.getoption("--fuzz-examples")


# The SYNTHETIC test pack: the dashboard, API and export tests run on it (no real region's figures).
TESTLAND = Path(__file__).resolve().parent / "fixtures" / "testland"


@pytest.fixture(scope="session")
def seeded_template(tmp_path_factory) -> Path:
    """Build the seeded SQLite warehouse once; tests get a copy."""
    folder = tmp_path_factory.mktemp("template")
    report = pipeline.init(Settings(data_dir=folder))
    assert report.status == "succeeded", report.error
    db.get_engine(Settings(data_dir=folder).database_url).dispose()
    return folder / "regiometer.db"


@pytest.fixture(scope="session")
def testland_template(tmp_path_factory) -> Path:
    """The Testland warehouse, built once; tests get a copy."""
    folder = tmp_path_factory.mktemp("testland-template")
    settings = Settings(data_dir=folder, pack=str(TESTLAND))
    report = pipeline.init(settings)
    assert report.status == "succeeded", report.error
    db.get_engine(settings.database_url).dispose()
    return folder / settings.database_file


@pytest.fixture
def testland(tmp_path, testland_template) -> Settings:
    """Settings for a fresh copy of the SYNTHETIC Testland warehouse (SQLite)."""
    settings = Settings(data_dir=tmp_path, pack=str(TESTLAND))
    shutil.copy(testland_template, tmp_path / settings.database_file)
    return settings


def _reset_postgres(url: str) -> None:
    engine = db.get_engine(url)
    with engine.begin() as conn:
        conn.exec_driver_sql("DROP SCHEMA public CASCADE")
        conn.exec_driver_sql("CREATE SCHEMA public")


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def settings(request, tmp_path) -> Settings:
    """Settings for an empty warehouse (file created on first use)."""
    if request.param == "postgres":
        if not POSTGRES_URL:
            pytest.skip("set REGIOMETER_TEST_POSTGRES_URL to run database tests on PostgreSQL")
        _reset_postgres(POSTGRES_URL)
        return Settings(data_dir=tmp_path, database_url=POSTGRES_URL)
    return Settings(data_dir=tmp_path)


@pytest.fixture
def seeded(settings, seeded_template) -> Settings:
    """A warehouse with catalogs and the seed loaded."""
    if settings.database_url.startswith("sqlite"):
        shutil.copy(seeded_template, settings.data_dir / "regiometer.db")
    else:
        pipeline.init(settings)
    return settings


@pytest.fixture
def sqlite_seeded(tmp_path, seeded_template) -> Settings:
    """SQLite-only variant for tests that are about files, the CLI or the dashboard."""
    shutil.copy(seeded_template, tmp_path / "regiometer.db")
    return Settings(data_dir=tmp_path)


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def load_one_value(settings: Settings, value: float, period: str = "2031") -> None:
    """One staff estimate for Saxony's ICT jobs, loaded as an import run (the data version moves)."""
    import pandas as pd

    from etl.schema import validate

    engine = db.get_engine(settings.database_url)
    catalog = db.read_catalog(engine)
    row = {
        "indicator": "employment.ict_micro",
        "region": "DED",
        "breakdown": "",
        "period": period,
        "value": value,
        "unit": "persons",
        "status": "estimate",
        "source": next(iter(catalog.sources)),
        "note": "",
        "qualifier": "",
    }
    db.load_frame(engine, validate(pd.DataFrame([row]), catalog), kind="staff", source_name="test")
