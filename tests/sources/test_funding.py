"""Kohesio and CORDIS: Saxon funding by region and year, the 10 largest entities, fetch and errors."""

from __future__ import annotations

import csv
import io
import json
from collections import Counter

import pytest
import responses

from etl.errors import HTTPStatusError, SourceError
from etl.raw import manifest_files
from etl.schema import CANONICAL_COLUMNS, KEY_COLUMNS
from etl.sources import funding_common as common
from etl.sources import funding_cordis, funding_kohesio
from tests.sources.conftest import ALPINE, SAXONY, fixture_bytes, make_snapshot, zip_bytes

KOHESIO = "https://kohesio.ec.europa.eu/api/data/object?id=data/"
KOHESIO_LISTING = "https://kohesio.ec.europa.eu/api/data/projects"
KOHESIO_2127 = KOHESIO + "projects-2021-2027/latest/DE-pp21-27-latest.csv"
KOHESIO_1420 = KOHESIO + "projects-2014-2020/2026-09-24/DE-pp14-20-20260924.csv"
CORDIS = "https://cordis.europa.eu/data/cordis-HORIZONprojects-csv.zip"
KOHESIO_FILES = ("DE-pp21-27-latest.csv", "DE-pp14-20-20260924.csv")


def cordis_zip(prefix: str = "csv/") -> bytes:
    return zip_bytes(
        {
            f"{prefix}project.csv": fixture_bytes("funding", "cordis_project.csv"),
            f"{prefix}organization.csv": fixture_bytes("funding", "cordis_organization.csv"),
        }
    )


def values(frame, breakdown=""):
    rows = frame[frame.breakdown == breakdown]
    return {(r.region, r.period): r.value for r in rows.itertuples()}


@pytest.fixture
def kohesio(tmp_path):
    files = {name: fixture_bytes("funding", name) for name in KOHESIO_FILES}
    return funding_kohesio.SOURCE.parse(make_snapshot(tmp_path, "kohesio", files), SAXONY)


@pytest.fixture
def cordis(tmp_path):
    return funding_cordis.SOURCE.parse(
        make_snapshot(tmp_path, "cordis", {funding_cordis.ARCHIVE: cordis_zip()}), SAXONY
    )


def test_kohesio_region_totals_roll_up_to_nuts2_and_saxony(kohesio):
    assert list(kohesio.columns) == CANONICAL_COLUMNS
    assert not kohesio.duplicated(KEY_COLUMNS).any()
    assert set(kohesio.indicator) == {"funding.eu_cohesion_eur"} and set(kohesio.source) == {"kohesio"}
    totals = values(kohesio)
    assert totals[("DED21", "2023")] == 6700000.0  # Fraunhofer + Infineon
    assert totals[("DED21", "2024")] == 2000000.0  # a project with two beneficiaries counts once
    assert totals[("DED2", "2023")] == 8590000.5  # DED21 + a NUTS-2-only project + DED2D
    assert totals[("DED", "2023")] == 11320001.0
    assert totals[("DED", "2024")] == 3260000.0  # includes a project spanning DED21 and DED41
    assert ("DED4", "2024") in totals and totals[("DED4", "2024")] == 310000.0
    assert totals[("DED21", "2016")] == 1500000.0 and totals[("DED", "2017")] == 2100000.0  # 2014-2020 file
    assert not any(region.startswith("DE3") for region, _ in totals)
    assert kohesio.attrs["skipped"] == {"no start date": 1, "no EU budget": 1}


def test_kohesio_top_ten_beneficiaries(kohesio):
    entities = kohesio.attrs["entities"]
    assert [(e["slug"], e["kind"]) for e in entities] == [
        ("kohesio-technische-universitaet-dresden", "institute"),
        ("kohesio-fraunhofer-gesellschaft-zur-foerderung-der-angewandt", "institute"),
        ("kohesio-infineon-technologies-dresden-gmbh-co-ohg", "company"),
        ("kohesio-globalfoundries-dresden-module-one-limited-liability", "company"),
        ("kohesio-helmholtz-zentrum-dresden-rossendorf-e-v", "institute"),
        ("kohesio-stadt-leipzig", "organisation"),
        ("kohesio-saechsische-aufbaubank-foerderbank", "organisation"),
        ("kohesio-universitaet-leipzig", "institute"),
        ("kohesio-technische-universitaet-chemnitz", "institute"),
        ("kohesio-silicon-saxony-e-v", "organisation"),
    ]
    tud = entities[0]
    assert tud["name_en"] == tud["name_de"] == "Technische Universität Dresden"
    assert set(tud) == {"slug", "kind", "name_en", "name_de", "parent", "website", "founded"} | {
        "description_en",
        "description_de",
    }
    assert tud["parent"] == tud["website"] == tud["founded"] == ""
    assert values(kohesio, "kohesio-technische-universitaet-dresden") == {
        ("DED", "2016"): 1500000.0,
        ("DED", "2022"): 3100000.0,
        ("DED", "2024"): 2000000.0,
    }
    assert values(kohesio, "kohesio-helmholtz-zentrum-dresden-rossendorf-e-v") == {("DED", "2024"): 2000000.0}
    assert set(kohesio.breakdown) - {""} == {e["slug"] for e in entities}
    assert all(len(e["slug"]) <= 60 and e["slug"].isascii() for e in entities)


def test_cordis_region_totals_with_decimal_commas(cordis):
    assert set(cordis.indicator) == {"funding.horizon_europe_eur"} and set(cordis.source) == {"cordis"}
    assert values(cordis) == {
        ("DED", "2022"): 2230000.5,
        ("DED", "2023"): 3300000.25,
        ("DED", "2024"): 1920000.0,
        ("DED2", "2022"): 2230000.5,
        ("DED2", "2023"): 2250000.25,
        ("DED2", "2024"): 1860000.0,
        ("DED21", "2022"): 2230000.5,
        ("DED21", "2023"): 2250000.25,
        ("DED21", "2024"): 1860000.0,
        ("DED4", "2023"): 640000.0,
        ("DED4", "2024"): 60000.0,
        ("DED41", "2023"): 640000.0,
        ("DED43", "2024"): 60000.0,
        ("DED5", "2023"): 410000.0,
        ("DED51", "2023"): 410000.0,
    }
    assert cordis.attrs["skipped"] == {"no ecContribution": 1, "no project start date": 1}


def test_cordis_top_ten_organisations(cordis):
    entities = cordis.attrs["entities"]
    assert [(e["slug"], e["kind"]) for e in entities] == [
        ("cordis-technische-universitaet-dresden", "institute"),
        ("cordis-fraunhofer-gesellschaft-zur-foerderung-der-angewandte", "institute"),
        ("cordis-infineon-technologies-dresden-gmbh-co-ohg", "company"),
        ("cordis-helmholtz-zentrum-dresden-rossendorf-e-v", "institute"),
        ("cordis-technische-universitaet-chemnitz", "institute"),
        ("cordis-novaled-gmbh", "company"),
        ("cordis-universitaet-leipzig", "institute"),
        ("cordis-x-fab-dresden-gmbh-co-kg", "company"),
        ("cordis-silicon-saxony-e-v", "organisation"),
        ("cordis-landeshauptstadt-dresden", "organisation"),
    ]
    assert values(cordis, "cordis-infineon-technologies-dresden-gmbh-co-ohg") == {("DED", "2023"): 1200000.0}
    assert values(cordis, "cordis-fraunhofer-gesellschaft-zur-foerderung-der-angewandte") == {
        ("DED", "2022"): 980000.0,
        ("DED", "2024"): 330000.0,
    }


# --- fetch -------------------------------------------------------------------------------------


def kohesio_answers(listing: bytes | None = None) -> None:
    responses.get(KOHESIO_2127, body=fixture_bytes("funding", KOHESIO_FILES[0]))
    responses.get(KOHESIO_LISTING, body=listing or fixture_bytes("funding", "kohesio_projects_listing.json"))
    responses.get(KOHESIO_1420, body=fixture_bytes("funding", KOHESIO_FILES[1]))


@responses.activate
def test_kohesio_fetch_takes_the_newest_2014_2020_export_from_the_listing(source_settings, sleeps):
    kohesio_answers()
    snapshot = funding_kohesio.KohesioSource(sleep=sleeps).fetch(source_settings)
    entries = manifest_files(snapshot)
    assert [(e["name"], e["url"]) for e in entries] == [
        (KOHESIO_FILES[0], KOHESIO_2127),
        ("projects-listing.json", KOHESIO_LISTING),
        (KOHESIO_FILES[1], KOHESIO_1420),
    ]
    assert entries[2]["export"] == "2026-09-24" and entries[1]["kind"] == "listing"
    frame = funding_kohesio.SOURCE.parse(snapshot, SAXONY)
    assert len(frame) == 42 and frame.attrs["failed"] == {}


def test_latest_closed_export_of_the_country():
    keys = funding_kohesio.listed_keys(fixture_bytes("funding", "kohesio_projects_listing.json"))
    assert funding_kohesio.latest_closed_export(keys, "DE") == (
        "data/projects-2014-2020/2026-09-24/DE-pp14-20-20260924.csv"
    )
    assert funding_kohesio.latest_closed_export(keys[:8], "DE") == (
        "data/projects-2014-2020/2023-09-29/DE-pp14-20-20230929.csv"
    )
    assert funding_kohesio.latest_closed_export(keys, "FR") is None
    # the dated listing of one export folder answers {"files": [...]}
    folder = json.dumps({"files": [k for k in keys if "/2026-09-24/" in k]}).encode()
    assert funding_kohesio.latest_closed_export(funding_kohesio.listed_keys(folder), "IE").endswith(
        "IE-pp14-20-20260924.csv"
    )


@responses.activate
def test_kohesio_without_a_2014_2020_export_in_the_listing(source_settings, sleeps):
    kohesio_answers(listing=b'["data/projects-2021-2027/latest/DE-pp21-27-latest.csv"]')
    snapshot = funding_kohesio.KohesioSource(sleep=sleeps).fetch(source_settings)
    assert [e["name"] for e in manifest_files(snapshot)] == [KOHESIO_FILES[0], "projects-listing.json"]
    assert funding_kohesio.SOURCE.parse(snapshot, SAXONY).attrs["failed"] == {}


@responses.activate
def test_kohesio_failing_listing_is_a_failed_unit(source_settings, sleeps):
    responses.get(KOHESIO_2127, body=fixture_bytes("funding", KOHESIO_FILES[0]))
    responses.get(KOHESIO_LISTING, status=404, body="Not Found")
    snapshot = funding_kohesio.KohesioSource(sleep=sleeps).fetch(source_settings)
    assert [e["name"] for e in manifest_files(snapshot)] == [KOHESIO_FILES[0]]
    frame = funding_kohesio.SOURCE.parse(snapshot, SAXONY)
    assert list(frame.attrs["failed"]) == ["projects-2014-2020"] and not frame.empty


@responses.activate
def test_kohesio_listing_that_is_not_a_listing(source_settings, sleeps):
    kohesio_answers(listing=b"<html>maintenance</html>")
    snapshot = funding_kohesio.KohesioSource(sleep=sleeps).fetch(source_settings)
    failed = funding_kohesio.SOURCE.parse(snapshot, SAXONY).attrs["failed"]
    assert "not a list of object keys" in failed["projects-2014-2020"]


@responses.activate
def test_kohesio_missing_current_export_fails(source_settings, sleeps):
    responses.get(KOHESIO_2127, status=404, body="Not Found")
    with pytest.raises(HTTPStatusError):
        funding_kohesio.KohesioSource(sleep=sleeps).fetch(source_settings)


@responses.activate
def test_kohesio_answer_that_is_not_an_export(source_settings, sleeps):
    responses.get(KOHESIO_2127, body="<!doctype html><title>Kohesio</title>")
    with pytest.raises(SourceError, match="is not a Kohesio project export"):
        funding_kohesio.KohesioSource(sleep=sleeps).fetch(source_settings)


def test_kohesio_semicolon_export_is_read_too():
    text = fixture_bytes("funding", KOHESIO_FILES[1]).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    semicolons = "\n".join(";".join(row) for row in rows).encode()
    assert funding_kohesio.read_rows(semicolons) == funding_kohesio.read_rows(text.encode())


def test_kohesio_for_another_pack(tmp_path):
    files = {name: fixture_bytes("funding", name) for name in KOHESIO_FILES}
    frame = funding_kohesio.SOURCE.parse(make_snapshot(tmp_path, "kohesio", files), ALPINE)
    assert values(frame) == {
        ("DE2", "2024"): 7500000.0,
        ("DE21", "2024"): 7500000.0,
        ("DE212", "2024"): 7500000.0,
    }
    assert values(frame, "kohesio-technische-universitaet-muenchen") == {("DE2", "2024"): 7500000.0}
    entity = frame.attrs["entities"][0]
    assert entity["description_en"].endswith("in Bavaria; among the 10 largest by EU budget (Kohesio).")
    assert "in Bayern;" in entity["description_de"]


@responses.activate
def test_cordis_fetch_and_parse(source_settings, sleeps):
    responses.get(CORDIS, body=cordis_zip(prefix=""))
    snapshot = funding_cordis.CordisSource(sleep=sleeps).fetch(source_settings)
    assert manifest_files(snapshot)[0]["url"] == CORDIS
    assert len(funding_cordis.SOURCE.parse(snapshot, SAXONY)) == 27


@responses.activate
def test_cordis_zip_without_organisations(source_settings, sleeps):
    responses.get(CORDIS, body=zip_bytes({"csv/project.csv": fixture_bytes("funding", "cordis_project.csv")}))
    with pytest.raises(SourceError, match=r"has no organization\.csv"):
        funding_cordis.CordisSource(sleep=sleeps).fetch(source_settings)


@responses.activate
def test_cordis_error_page_instead_of_zip(source_settings, sleeps):
    responses.get(CORDIS, body="<html>maintenance</html>")
    with pytest.raises(SourceError, match="is not a ZIP"):
        funding_cordis.CordisSource(sleep=sleeps).fetch(source_settings)


# --- shared helpers -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "comma_decimal", "expected"),
    [
        ("2073781,25", True, 2073781.25),
        ("1.234.567,5", True, 1234567.5),
        ("1,234,567.89", True, 1234567.89),
        ("337478.4", True, 337478.4),
        ("75 354 267", True, 75354267.0),
        ("1,234", True, 1.234),
        ("1,234", False, 1234.0),
        ("134991,36", False, 134991.36),
        ("", True, None),
        ("N.a.", True, None),
        (None, True, None),
    ],
)
def test_parse_amount(text, comma_decimal, expected):
    assert common.parse_amount(text, comma_decimal) == expected


def test_year_of_dates():
    assert common.year_of("04/09/2023") == "2023"
    assert common.year_of("2024-01-15") == "2024"
    assert common.year_of("2024-05-01 10:00:00") == "2024"
    assert common.year_of("31.12.2021") == "2021"
    assert common.year_of("31/02/2020") is None
    assert common.year_of("") is None


def test_slugs_are_ascii_short_and_unique():
    assert (
        common.slugify("Sächsische Aufbaubank - Förderbank -", "kohesio")
        == "kohesio-saechsische-aufbaubank-foerderbank"
    )
    long = common.slugify("A" * 80, "cordis")
    assert len(long) == 60 and long.startswith("cordis-aaa")
    slugs = common.unique_slugs({"1": "ACME GmbH", "2": "ACME gmbh", "3": "Ø"}, "cordis")
    assert slugs == {"1": "cordis-acme-gmbh", "2": "cordis-acme-gmbh-2", "3": "cordis-unnamed"}


def test_home_region_of_several_codes():
    assert common.home_region(["DED21"], "DED") == "DED21"
    assert common.home_region(["DED21", "DED2C"], "DED") == "DED2"
    assert common.home_region(["DED21", "DED41"], "DED") == "DED"
    assert common.home_region(["DE300", "DED51"], "DED") == "DED51"
    assert common.home_region(["DE300"], "DED") is None
    assert common.home_region(["DE212", "DE213", "DED21"], "DE2") == "DE21"


def test_rows_only_for_the_packs_regions():
    records = [common.Record("DED2X", "2024", 5.0), common.Record("DED21", "2024", 1.0)]
    skipped = Counter()
    rows = common.region_rows(records, "i", "s", "n", "DED", frozenset(SAXONY.within_home()), skipped)
    assert {(r["region"], r["value"]) for r in rows} == {("DED", 6.0), ("DED2", 6.0), ("DED21", 1.0)}
    assert skipped == {"region not in the pack's catalog": 1}
