"""What the connectors emit passes etl.schema.validate against the committed reference catalogs."""

from __future__ import annotations

from dataclasses import replace

import pytest

from etl.catalog import load_reference
from etl.config import Settings
from etl.schema import validate
from etl.sources import eurostat, funding_cordis, funding_kohesio, genesis, wz2008
from etl.sources.ffcsv import TABLES
from tests.sources.conftest import SAXONY, fixture_bytes, genesis_zip, level_fixture, make_snapshot, zip_bytes


def parsed_frames(raw_dir):
    yield eurostat.SOURCE.parse(
        make_snapshot(
            raw_dir,
            "eurostat",
            {f"{d.code}.json": fixture_bytes("eurostat", f"{d.code}.json") for d in eurostat.DATASETS},
        ),
        SAXONY,
    )
    answers = {
        f"{t.name}_{variable}.zip": genesis_zip(t.name, level_fixture(t.name, variable))
        for t in TABLES
        for variable in ("DLAND", "REGBEZ", "KREISE")
    }
    yield genesis.SOURCE.parse(make_snapshot(raw_dir, "genesis", answers), SAXONY)
    kohesio_files = ("DE-pp21-27-latest.csv", "DE-pp14-20-20260924.csv")
    yield funding_kohesio.SOURCE.parse(
        make_snapshot(raw_dir, "kohesio", {name: fixture_bytes("funding", name) for name in kohesio_files}),
        SAXONY,
    )
    archive = zip_bytes(
        {
            "project.csv": fixture_bytes("funding", "cordis_project.csv"),
            "organization.csv": fixture_bytes("funding", "cordis_organization.csv"),
        }
    )
    yield funding_cordis.SOURCE.parse(
        make_snapshot(raw_dir, "cordis", {funding_cordis.ARCHIVE: archive}), SAXONY
    )


@pytest.fixture(scope="module")
def catalog():
    return load_reference(Settings().region_pack().reference_dir)


def test_parsed_frames_validate(tmp_path, catalog):
    for frame in parsed_frames(tmp_path):
        # the pipeline registers the frame's new entities before validating; do the same here
        entities = {**catalog.entities, **{e["slug"]: e for e in frame.attrs.get("entities", [])}}
        valid = validate(frame, replace(catalog, entities=entities), what=frame["source"].iloc[0])
        assert len(valid) == len(frame)


def test_every_indicator_and_source_the_connectors_name_is_in_the_catalog(catalog):
    named = {indicator for d in eurostat.DATASETS for indicator, _ in d.measures.values()}
    named |= {t.indicator for t in TABLES} | {funding_kohesio.INDICATOR, funding_cordis.INDICATOR}
    assert named - set(catalog.indicators) == set()
    sources = {d.source for d in eurostat.DATASETS} | {"regionalstatistik", "kohesio", "cordis", "gisco"}
    assert sources - set(catalog.sources) == set()
    assert {catalog.sources[slug]["kind"] for slug in sources if slug.startswith("eurostat")} == {"official"}


def test_every_sector_and_static_breakdown_is_in_the_entity_catalog(catalog):
    eurostat_breakdowns = {slug for d in eurostat.DATASETS for slug in d.breakdowns.values() if slug}
    static = set(wz2008.SECTORS) | eurostat_breakdowns
    assert {"htc-manufacturing", "wz08-j", "wz08-c26", "wz08-j62"} <= static
    assert static - set(catalog.entities) == set()
    for slug, (name_de, name_en) in wz2008.SECTORS.items():
        assert catalog.entities[slug]["kind"] == "sector"
        assert (catalog.entities[slug]["name_de"], catalog.entities[slug]["name_en"]) == (name_de, name_en)
