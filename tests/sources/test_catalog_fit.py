"""What the connectors emit passes etl.schema.validate against the committed reference catalogs."""

from __future__ import annotations

from dataclasses import replace

import pytest

from etl.catalog import load_reference
from etl.config import Settings
from etl.schema import validate
from etl.sources import eurostat, funding_cordis, funding_kohesio, genesis, wz2008
from etl.sources.ffcsv import TABLES
from tests.sources.conftest import fixture_bytes, genesis_zip, make_snapshot, zip_bytes


def parsed_frames(raw_dir):
    yield eurostat.SOURCE.parse(
        make_snapshot(
            raw_dir,
            "eurostat",
            {f"{d.code}.json": fixture_bytes("eurostat", f"{d.code}.json") for d in eurostat.DATASETS},
        )
    )
    yield genesis.SOURCE.parse(
        make_snapshot(raw_dir, "genesis", {f"{t.name}.zip": genesis_zip(t.name) for t in TABLES})
    )
    kohesio_files = ("DE-pp21-27-latest.csv", "DE-pp14-20-20230929.csv")
    yield funding_kohesio.SOURCE.parse(
        make_snapshot(raw_dir, "kohesio", {name: fixture_bytes("funding", name) for name in kohesio_files})
    )
    archive = zip_bytes(
        {
            "project.csv": fixture_bytes("funding", "cordis_project.csv"),
            "organization.csv": fixture_bytes("funding", "cordis_organization.csv"),
        }
    )
    yield funding_cordis.SOURCE.parse(make_snapshot(raw_dir, "cordis", {funding_cordis.ARCHIVE: archive}))


@pytest.fixture(scope="module")
def catalog():
    return load_reference(Settings().region_pack().reference_dir)


def test_parsed_frames_validate(tmp_path, catalog):
    for frame in parsed_frames(tmp_path):
        # the pipeline registers the frame's new entities before validating; do the same here
        entities = {**catalog.entities, **{e["slug"]: e for e in frame.attrs.get("entities", [])}}
        valid = validate(frame, replace(catalog, entities=entities), what=frame["source"].iloc[0])
        assert len(valid) == len(frame)


def test_every_sector_and_static_breakdown_is_in_the_entity_catalog(catalog):
    static = set(wz2008.SECTORS) | {"htc-manufacturing", "htc-services"}
    assert static - set(catalog.entities) == set()
    for slug, (name_de, name_en) in wz2008.SECTORS.items():
        assert catalog.entities[slug]["kind"] == "sector"
        assert (catalog.entities[slug]["name_de"], catalog.entities[slug]["name_en"]) == (name_de, name_en)
