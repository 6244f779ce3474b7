"""Eurostat: parse of our JSON-stat fixtures, and fetch through `responses` at the real URLs."""

from __future__ import annotations

import pytest
import responses
from responses import matchers

from etl.config import DEFAULT_BASE_URLS, Settings
from etl.errors import HTTPStatusError, SourceError, TryLaterError
from etl.raw import RawStore, manifest_files
from etl.schema import CANONICAL_COLUMNS, KEY_COLUMNS
from etl.sources import eurostat
from tests.sources.conftest import fixture_bytes, make_snapshot

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
    return eurostat.SOURCE.parse(fixture_snapshot(tmp_path))


def test_parse_gives_canonical_rows_per_indicator(parsed):
    assert list(parsed.columns) == CANONICAL_COLUMNS
    assert not parsed.duplicated(KEY_COLUMNS).any()
    assert parsed.groupby("indicator").size().to_dict() == {
        "context.gdp_eur": 12,
        "context.gdp_per_capita_eur": 12,
        "context.hightech_employment": 35,
        "context.hightech_employment_share": 35,
        "context.persons_employed": 38,
        "context.population": 12,
        "context.rd_expenditure_eur": 12,
        "context.rd_intensity": 12,
    }
    assert set(parsed.source) == {"eurostat"}
    assert parsed.attrs["skipped"] == {"confidential": 1}


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
    assert one(parsed, "context.population", "DED", "2024").value == 4042941.0
    eu_population = one(parsed, "context.population", "EU27_2020", "2025")
    assert (eu_population.status, eu_population.note) == ("provisional", "Eurostat demo_r_d2jan")
    assert one(parsed, "context.gdp_eur", "DED", "2023").value == 158943270000.0
    assert one(parsed, "context.gdp_per_capita_eur", "DED", "2023").value == 39300.0
    assert one(parsed, "context.rd_expenditure_eur", "DED2", "2023").value == 2672700000.0
    intensity = one(parsed, "context.rd_intensity", "DED4", "2021")
    assert (intensity.value, intensity.note) == (1.49, "Eurostat rd_e_gerdreg; definition differs")
    assert one(parsed, "context.rd_intensity", "EU27_2020", "2023").status == "estimate"


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
    fetched = eurostat.SOURCE.parse(snapshot)
    assert fetched.equals(eurostat.SOURCE.parse(fixture_snapshot(tmp_path / "other")))
    assert sleeps == []


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


def test_nuts3_geos_only_for_employment():
    params = eurostat.BY_CODE["nama_10r_3empers"].params(2010)
    geos = [value for key, value in params if key == "geo"]
    assert geos[:6] == ["DED", "DED2", "DED4", "DED5", "DE", "EU27_2020"]
    assert len(geos) == 19 and "DED2C" in geos
    assert ("wstatus", "EMP") in params and ("unit", "THS") in params
    assert ("sectperf", "TOTAL") in eurostat.BY_CODE["rd_e_gerdreg"].params(2010)


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
    assert len(eurostat.SOURCE.parse(snapshot)) == 70


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
        eurostat.SOURCE.parse(snapshot)
