"""Eurostat: parse of our JSON-stat fixtures, and fetch through `responses` at the real URLs."""

from __future__ import annotations

import json

import pytest
import responses
from responses import matchers

from etl.config import DEFAULT_BASE_URLS, Settings
from etl.errors import HTTPStatusError, SourceError, TryLaterError
from etl.raw import RawStore, manifest_files
from etl.schema import CANONICAL_COLUMNS, KEY_COLUMNS
from etl.sources import eurostat
from tests.sources.conftest import ALPINE, ALPINE_DIR, SAXONY, fixture_bytes, make_snapshot

BASE = "https://ec.europa.eu/eurostat/api/dissemination/statistics/1.0/data"
HTEC = eurostat.BY_CODE["htec_emp_reg2"]


def fixture_snapshot(raw_dir):
    files = {f"{d.code}.json": fixture_bytes("eurostat", f"{d.code}.json") for d in eurostat.DATASETS}
    return make_snapshot(raw_dir, "eurostat", files)


def one(frame, indicator, region, period, breakdown=""):
    hit = frame[
        (frame.indicator == indicator)
        & (frame.region == region)
        & (frame.period == period)
        & (frame.breakdown == breakdown)
    ]
    assert len(hit) == 1, hit
    return hit.iloc[0]


@pytest.fixture
def parsed(tmp_path):
    return eurostat.SOURCE.parse(fixture_snapshot(tmp_path), SAXONY)


def test_parse_gives_canonical_rows_per_indicator(parsed):
    assert list(parsed.columns) == CANONICAL_COLUMNS
    assert not parsed.duplicated(KEY_COLUMNS).any()
    assert parsed.groupby("indicator").size().to_dict() == {
        "context.gdp_eur": 12,
        "context.gdp_per_capita_eur": 12,
        "context.hightech_employment": 35,
        "context.hightech_employment_share": 35,
        "context.persons_employed": 75,
        "context.population": 12,
        "context.rd_expenditure_eur": 12,
        "context.rd_intensity": 12,
        "employment.persons_employed_local_units": 69,
    }
    assert set(parsed.source) == {"eurostat", "eurostat-sbs-r-nuts2021"}
    assert parsed.attrs["skipped"] == {"confidential": 3}
    assert parsed.attrs["failed"] == {}


def test_high_tech_employment_scaling_breakdowns_and_flags(parsed):
    total = one(parsed, "context.hightech_employment", "DED2", "2023")
    assert (total.value, total.status, total.note) == (62400.0, "actual", "Eurostat htec_emp_reg2")
    share = one(parsed, "context.hightech_employment_share", "DED2", "2023")
    assert (share.value, share.note) == (7.1, "Eurostat htec_emp_reg2; break in series")
    manufacturing = one(parsed, "context.hightech_employment", "DED", "2023", "htc-manufacturing")
    assert (manufacturing.value, manufacturing.status) == (38500.0, "provisional")
    services = one(parsed, "context.hightech_employment", "DED", "2022", "htc-services")
    assert (services.value, services.note) == (71200.0, "Eurostat htec_emp_reg2; low reliability")
    eu = one(parsed, "context.hightech_employment", "EU27_2020", "2023")
    assert (eu.value, eu.status) == (10271200.0, "estimate")
    # a cell missing from value and status is simply absent; the confidential one is counted
    assert parsed.query(
        "indicator == 'context.hightech_employment' and region == 'DED4' and period == '2022'"
        " and breakdown == ''"
    ).empty


def test_other_datasets(parsed):
    assert one(parsed, "context.persons_employed", "DED21", "2022").value == 371300.0
    assert one(parsed, "context.persons_employed", "DED21", "2022").status == "provisional"
    assert one(parsed, "context.persons_employed", "DED21", "2021").value == 367600.0
    assert one(parsed, "context.gdp_eur", "DED", "2023").value == 158943270000.0
    assert one(parsed, "context.gdp_per_capita_eur", "DED", "2023").value == 39300.0
    assert one(parsed, "context.rd_expenditure_eur", "DED2", "2023").value == 2672700000.0
    intensity = one(parsed, "context.rd_intensity", "DED4", "2021")
    assert (intensity.value, intensity.note) == (1.49, "Eurostat rd_e_gerdreg; definition differs")
    assert one(parsed, "context.rd_intensity", "EU27_2020", "2023").status == "estimate"


def test_population_on_1_january_is_stored_as_31_december_of_the_year_before(parsed):
    population = parsed[parsed.indicator == "context.population"]
    assert set(population.period) == {"2023-12-31", "2024-12-31"}  # Eurostat's 2024 and 2025
    saxony = one(parsed, "context.population", "DED", "2023-12-31")
    assert (saxony.value, saxony.note) == (4042941.0, "Eurostat demo_r_d2jan; population on 1 January 2024")
    eu = one(parsed, "context.population", "EU27_2020", "2024-12-31")
    assert (eu.status, eu.note) == ("provisional", "Eurostat demo_r_d2jan; population on 1 January 2025")
    assert eurostat.day_before_first_january("2025") == "2024-12-31"


def test_information_and_communication_by_district(parsed):
    """nama_10r_3empers with nace_r2=J: the section's persons employed in every district."""
    section = parsed[(parsed.indicator == "context.persons_employed") & (parsed.breakdown == "wz08-j")]
    assert set(SAXONY.districts()) - set(section.region) == set()
    dresden = one(parsed, "context.persons_employed", "DED21", "2022", "wz08-j")
    assert (dresden.value, dresden.status, dresden.source) == (18500.0, "provisional", "eurostat")
    assert one(parsed, "context.persons_employed", "DED", "2021", "wz08-j").value == 52800.0
    # a cell in neither value nor status is simply absent
    assert section.query("region == 'DED44' and period == '2021'").empty


def test_persons_employed_in_local_units_by_nace_division(parsed):
    """sbs_r_nuts2021: indic_sbs=EMP_LOC_NR for C26 and J61-J63 by NUTS-2 region, from 2021."""
    rows = parsed[parsed.indicator == "employment.persons_employed_local_units"]
    assert set(rows.breakdown) == {"wz08-c26", "wz08-j61", "wz08-j62", "wz08-j63"}
    assert set(rows.source) == {"eurostat-sbs-r-nuts2021"} and set(rows.period) == {"2021", "2022", "2023"}
    assert set(rows.region) == {"DE", "DED", "DED2", "DED4", "DED5", "EU27_2020"}
    electronics = one(parsed, "employment.persons_employed_local_units", "DED2", "2021", "wz08-c26")
    assert (electronics.value, electronics.status) == (22710.0, "actual")
    estimated = one(parsed, "employment.persons_employed_local_units", "DED2", "2022", "wz08-c26")
    assert (estimated.value, estimated.status) == (23391.0, "estimate")
    assert one(parsed, "employment.persons_employed_local_units", "DED", "2023", "wz08-j62").status == (
        "provisional"
    )
    # confidential cells are counted, not loaded; a missing cell is absent
    assert rows.query("region == 'DED5' and period == '2021' and breakdown == 'wz08-j61'").empty
    assert rows.query("region == 'DED4' and period == '2021' and breakdown == 'wz08-j61'").empty


def test_flag_mapping():
    assert [eurostat.flag_status(f) for f in ("", "p", "e", "s", "f", "b", "ep", "|C", "bp")] == [
        "actual", "provisional", "estimate", "estimate", "projection", "actual", "provisional", "actual",
        "provisional",
    ]  # fmt: skip
    assert eurostat.flag_note("nama_10r_2gdp", "bdu") == (
        "Eurostat nama_10r_2gdp; break in series; definition differs; low reliability"
    )
    assert eurostat.flag_note("demo_r_d2jan", "r") == "Eurostat demo_r_d2jan; revised"


def add_all_datasets(base=BASE):
    for dataset in eurostat.DATASETS:
        responses.get(f"{base}/{dataset.code}", body=fixture_bytes("eurostat", f"{dataset.code}.json"))


@responses.activate
def test_fetch_stores_every_dataset_and_parses_like_the_fixtures(source_settings, sleeps, tmp_path):
    add_all_datasets()
    snapshot = eurostat.EurostatSource(sleep=sleeps).fetch(source_settings)
    entries = manifest_files(snapshot)
    assert [e["name"] for e in entries] == [f"{d.code}.json" for d in eurostat.DATASETS]
    assert all(e["url"].startswith(BASE) and "sinceTimePeriod=2015" in e["url"] for e in entries)
    assert (snapshot / "htec_emp_reg2.json").read_bytes() == fixture_bytes("eurostat", "htec_emp_reg2.json")
    assert RawStore(source_settings.raw_dir).latest("eurostat") == snapshot
    fetched = eurostat.SOURCE.parse(snapshot, SAXONY)
    assert fetched.equals(eurostat.SOURCE.parse(fixture_snapshot(tmp_path / "other"), SAXONY))
    assert sleeps == []


@responses.activate
def test_one_empty_cube_fails_only_its_dataset(source_settings, sleeps):
    """A renamed or discontinued dataset answers an empty cube: it is recorded, the others load."""
    for dataset in eurostat.DATASETS:
        name = "empty_unknown_geo.json" if dataset.code == "rd_e_gerdreg" else f"{dataset.code}.json"
        responses.get(f"{BASE}/{dataset.code}", body=fixture_bytes("eurostat", name))
    snapshot = eurostat.EurostatSource(sleep=sleeps).fetch(source_settings)
    manifest = json.loads((snapshot / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["complete"] is True
    assert [e["name"] for e in manifest["files"]] == [
        f"{d.code}.json" for d in eurostat.DATASETS if d.code != "rd_e_gerdreg"
    ]
    assert [f["unit"] for f in manifest["failed"]] == ["rd_e_gerdreg"]
    frame = eurostat.SOURCE.parse(snapshot, SAXONY)
    assert set(frame.attrs["failed"]) == {"rd_e_gerdreg"}
    assert "rd_e_gerdreg returned an empty cube" in frame.attrs["failed"]["rd_e_gerdreg"]
    assert "context.rd_intensity" not in set(frame.indicator) and "context.gdp_eur" in set(frame.indicator)


@responses.activate
def test_an_error_answer_fails_only_its_dataset(source_settings, sleeps):
    add_all_datasets()
    responses.replace(
        responses.GET,
        f"{BASE}/htec_emp_reg2",
        status=404,
        body=fixture_bytes("eurostat", "error_404_not_found.json"),
    )
    snapshot = eurostat.EurostatSource(sleep=sleeps).fetch(source_settings)
    failed = eurostat.SOURCE.parse(snapshot, SAXONY).attrs["failed"]
    assert list(failed) == ["htec_emp_reg2"] and "HTTP 404" in failed["htec_emp_reg2"]


@responses.activate
def test_every_dataset_failing_fails_the_source(source_settings, sleeps):
    for dataset in eurostat.DATASETS[:2]:
        responses.get(f"{BASE}/{dataset.code}", body=fixture_bytes("eurostat", "empty_unknown_geo.json"))
    with pytest.raises(SourceError, match="nothing could be fetched") as caught:
        eurostat.EurostatSource(datasets=eurostat.DATASETS[:2], sleep=sleeps).fetch(source_settings)
    assert "htec_emp_reg2" in str(caught.value) and "nama_10r_3empers" in str(caught.value)
    assert RawStore(source_settings.raw_dir).latest("eurostat") is None


@responses.activate
def test_fetch_sends_the_documented_query(source_settings, sleeps):
    query = (
        "format=JSON&lang=EN&geo=DED&geo=DED2&geo=DED4&geo=DED5&geo=DE&geo=EU27_2020"
        "&nace_r2=HTC&nace_r2=C_HTC&nace_r2=KIS_HTC&sex=T&unit=THS&unit=PC_EMP&sinceTimePeriod=2015"
    )
    responses.get(
        f"{BASE}/htec_emp_reg2",
        body=fixture_bytes("eurostat", "htec_emp_reg2.json"),
        match=[matchers.query_string_matcher(query)],
    )
    eurostat.EurostatSource(datasets=(HTEC,), sleep=sleeps).fetch(source_settings)
    assert len(responses.calls) == 1


def test_geos_come_from_the_pack_and_nuts3_only_for_employment():
    employment = eurostat.BY_CODE["nama_10r_3empers"]
    params = employment.params(2010, employment.geos(SAXONY))
    geos = [value for key, value in params if key == "geo"]
    assert geos[:6] == ["DED", "DED2", "DED4", "DED5", "DE", "EU27_2020"]
    assert geos[6:] == list(SAXONY.districts()) and len(geos) == 19
    assert ("wstatus", "EMP") in params and ("unit", "THS") in params
    assert ("nace_r2", "TOTAL") in params and ("nace_r2", "J") in params
    assert eurostat.BY_CODE["htec_emp_reg2"].geos(SAXONY) == (
        "DED",
        "DED2",
        "DED4",
        "DED5",
        "DE",
        "EU27_2020",
    )
    rd = eurostat.BY_CODE["rd_e_gerdreg"]
    assert ("sectperf", "TOTAL") in rd.params(2010, rd.geos(SAXONY))
    assert employment.geos(ALPINE) == ("DE2", "DE21", "DE22", "DE", "EU27_2020", "DE212", "DE213", "DE221")


def test_structural_business_statistics_ask_for_indic_sbs_not_unit():
    sbs = eurostat.BY_CODE["sbs_r_nuts2021"]
    params = sbs.params(2021, sbs.geos(SAXONY))
    assert [value for key, value in params if key == "nace_r2"] == ["C26", "J61", "J62", "J63"]
    assert ("indic_sbs", "EMP_LOC_NR") in params and not any(key == "unit" for key, _ in params)


@responses.activate
def test_a_synthetic_pack_asks_for_its_own_regions(tmp_path, sleeps):
    """Nothing in the connector is about one region: another pack gets another query and parse."""
    query = (
        "format=JSON&lang=EN&geo=DE2&geo=DE21&geo=DE22&geo=DE&geo=EU27_2020"
        "&nace_r2=HTC&nace_r2=C_HTC&nace_r2=KIS_HTC&sex=T&unit=THS&unit=PC_EMP&sinceTimePeriod=2010"
    )
    responses.get(
        f"{BASE}/htec_emp_reg2",
        body=fixture_bytes("eurostat", "htec_emp_reg2.json"),
        match=[matchers.query_string_matcher(query)],
    )
    settings = Settings(data_dir=tmp_path, pack=str(ALPINE_DIR))
    snapshot = eurostat.EurostatSource(datasets=(HTEC,), sleep=sleeps).fetch(settings)
    # the Saxon fixture holds none of the pack's regions: only the comparison regions remain
    frame = eurostat.SOURCE.parse(snapshot, ALPINE)
    assert set(frame.region) == {"DE", "EU27_2020"}
    assert frame.attrs["skipped"]["not requested"] > 0


@responses.activate
def test_base_url_override(tmp_path, sleeps):
    mirror = "http://mirror.test/eurostat/api/dissemination/"
    settings = Settings(data_dir=tmp_path, base_urls={**DEFAULT_BASE_URLS, "eurostat": mirror})
    responses.get(
        "http://mirror.test/eurostat/api/dissemination/statistics/1.0/data/htec_emp_reg2",
        body=fixture_bytes("eurostat", "htec_emp_reg2.json"),
    )
    snapshot = eurostat.EurostatSource(datasets=(HTEC,), sleep=sleeps).fetch(settings)
    assert manifest_files(snapshot)[0]["url"].startswith("http://mirror.test/eurostat/")


@pytest.mark.parametrize(
    ("status", "fixture", "label"),
    [
        (
            400,
            "error_400_invalid_dimension.json",
            'INVALID_QUERY_DIMENSION: Dimension "SECTOR" is not defined',
        ),
        (
            404,
            "error_404_not_found.json",
            "ERR_NOT_FOUND_4: HTEC_EMP_REG9 is not available for dissemination.",
        ),
        (413, "error_413_too_big.json", "EXTRACTION_TOO_BIG: The requested extraction is too big, estimated"),
    ],
)
@responses.activate
def test_json_error_bodies_become_http_status_errors_with_the_label(
    source_settings, sleeps, status, fixture, label
):
    responses.get(f"{BASE}/htec_emp_reg2", status=status, body=fixture_bytes("eurostat", fixture))
    with pytest.raises(HTTPStatusError) as caught:
        eurostat.EurostatSource(datasets=(HTEC,), sleep=sleeps).fetch(source_settings)
    assert caught.value.status == status
    assert f"HTTP {status}: {label}" in str(caught.value)
    assert len(responses.calls) == 1
    assert RawStore(source_settings.raw_dir).latest("eurostat") is None


@responses.activate
def test_asynchronous_answer_means_try_later(source_settings, sleeps):
    responses.get(f"{BASE}/htec_emp_reg2", body=fixture_bytes("eurostat", "warning_async.json"))
    with pytest.raises(
        TryLaterError,
        match=r"Eurostat is preparing this extraction \(htec_emp_reg2\); run again in a few minutes",
    ):
        eurostat.EurostatSource(datasets=(HTEC,), sleep=sleeps).fetch(source_settings)
    assert RawStore(source_settings.raw_dir).latest("eurostat") is None


@responses.activate
def test_empty_cube_names_dataset_and_query(source_settings, sleeps):
    responses.get(f"{BASE}/htec_emp_reg2", body=fixture_bytes("eurostat", "empty_unknown_geo.json"))
    with pytest.raises(SourceError) as caught:
        eurostat.EurostatSource(datasets=(HTEC,), sleep=sleeps).fetch(source_settings)
    message = str(caught.value)
    assert "htec_emp_reg2 returned an empty cube" in message
    assert "geo=DED&geo=DED2" in message and "nace_r2=HTC" in message


@responses.activate
def test_html_maintenance_page_is_a_source_error(source_settings, sleeps):
    responses.get(f"{BASE}/htec_emp_reg2", body=fixture_bytes("eurostat", "maintenance.html"))
    with pytest.raises(SourceError, match="HTML page instead of JSON-stat"):
        eurostat.EurostatSource(datasets=(HTEC,), sleep=sleeps).fetch(source_settings)


@responses.activate
def test_503_then_data_is_retried(source_settings, sleeps):
    responses.get(f"{BASE}/htec_emp_reg2", status=503)
    responses.get(f"{BASE}/htec_emp_reg2", body=fixture_bytes("eurostat", "htec_emp_reg2.json"))
    snapshot = eurostat.EurostatSource(datasets=(HTEC,), sleep=sleeps).fetch(source_settings)
    assert sleeps == [0.5]
    assert len(eurostat.SOURCE.parse(snapshot, SAXONY)) == 70


@responses.activate
def test_truncated_answer_is_retried_and_never_stored(source_settings, sleeps):
    body = fixture_bytes("eurostat", "htec_emp_reg2.json")
    url = f"{BASE}/htec_emp_reg2"
    responses.get(
        url, body=body[:100], headers={"Content-Length": str(len(body))}, auto_calculate_content_length=False
    )
    responses.get(url, body=body)
    snapshot = eurostat.EurostatSource(datasets=(HTEC,), sleep=sleeps).fetch(source_settings)
    assert (snapshot / "htec_emp_reg2.json").read_bytes() == body
    assert sleeps == [0.5]


def test_parse_of_a_stored_empty_cube_fails_loudly(tmp_path):
    snapshot = make_snapshot(
        tmp_path, "eurostat", {"htec_emp_reg2.json": fixture_bytes("eurostat", "empty_unknown_geo.json")}
    )
    with pytest.raises(SourceError, match="empty cube"):
        eurostat.SOURCE.parse(snapshot, SAXONY)
