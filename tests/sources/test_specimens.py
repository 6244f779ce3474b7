"""The parsers on the shared API specimens (real captures and CONSTRUCTED shapes), when they are present.

Values asserted here are the ones written in the specimen files. Every specimen is either used
below or listed in NOT_APPLICABLE with the reason, so a new specimen gets noticed.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import responses

from etl.errors import HTTPStatusError, SourceError, TryLaterError
from etl.raw import manifest_files
from etl.sources import eurostat, funding_cordis, genesis, gisco, jsonstat
from etl.sources.ffcsv import TABLES, Table, read_ffcsv
from tests.sources.conftest import make_snapshot, zip_bytes

SAMPLES = Path(__file__).resolve().parents[3] / "shared/reference/api-samples"
pytestmark = pytest.mark.skipif(not SAMPLES.is_dir(), reason=f"{SAMPLES} is not present")

NOT_APPLICABLE = {
    # SDMX 2.1/3.0 answers: the connector uses the JSON-stat Statistics API only.
    "eurostat/CONSTRUCTED_sdmx21_sdmx-csv-1.0_nama_10r_3empers_DED.csv",
    "eurostat/CONSTRUCTED_sdmx30_csvdata-2.0_nama_10r_3empers_DED.csv",
    "eurostat/sdmx21_async_queued_envelope_HTTP200.xml",
    "eurostat/sdmx21_fault_100_not_found.xml",
    "eurostat/sdmx21_fault_140_nb_filters.xml",
    "eurostat/sdmx21_fault_140_time_period_invalid.xml",
    "eurostat/sdmx21_fault_150_invalid_dimension_value.xml",
    "eurostat/sdmx21_fault_413_extraction_too_big.xml",
    "eurostat/sdmx21_tsv_nama_10_gdp_excerpt.tsv",
    "eurostat/sdmx21_tsv_sts_inpr_m_missing_and_confidential.tsv",
    # Cohesion Open Data (Socrata) has no connector yet; metadata/table is not called.
    "funding/CONSTRUCTED_cohesiondata_soda_tc55-7ysv.json",
    "genesis/genesis_metadata_table_13111-0005_de.json",
    "genesis/regionalstatistik_metadata_table_12411-01-01-4_en.json",
    "genesis/regionalstatistik_metadata_table_13111-01-03-4_de.json",
}
USED = {
    "eurostat/CONSTRUCTED_stats_jsonstat_htec_emp_reg2_DED.json",
    "eurostat/stats_jsonstat_une_rt_m_DE_sinceTimePeriod_2024-01.json",
    "eurostat/stats_jsonstat_une_rt_m_geo-XX_unknown_code_HTTP200_empty.json",
    "eurostat/stats_jsonstat_nama_10_gdp_DE_sinceTimePeriod-2030_empty_time.json",
    "eurostat/stats_jsonstat_sts_inpr_m_IE_status_confidential.json",
    "eurostat/stats_error_HTTP400_id150_invalid_dimension.json",
    "eurostat/stats_error_HTTP404_id100_not_found.json",
    "eurostat/stats_error_HTTP413_extraction_too_big.json",
    "eurostat/stats_warning_HTTP200_413_asynchronous_response.SHAPE_ONLY.json",
    "funding/CONSTRUCTED_cordis_HORIZON_project.csv",
    "funding/CONSTRUCTED_cordis_HORIZON_organization.csv",
    "genesis/regionalstatistik_13111-01-03-4_ffcsv_de_SN_trimmed.csv",
    "genesis/regionalstatistik_13111-01-03-4_tablefile_response_SN_trimmed.zip",
    "genesis/regionalstatistik_12411-01-01-4_ffcsv_de_SN_trimmed.csv",
    "genesis/genesis_13111-0005_ffcsv_de_SN-BE_trimmed.csv",
    "genesis/genesis_13111-0005_ffcsv_en_SN_trimmed.csv",
    "genesis/genesis_tablefile_status98_table_too_large.json",
    "genesis/genesis_tablefile_job_true_status99_job_created.json",
    "genesis/genesis_catalogue_results_status104_job_not_ready.json",
    "genesis/genesis_catalogue_results_status0_job_ready.json",
    "gisco/NUTS_RG_20M_2021_4326_LEVL_2_DED_excerpt.geojson",
    "gisco/NUTS_RG_20M_2021_4326_LEVL_3_DED_excerpt.geojson",
}


def sample(name: str) -> bytes:
    return (SAMPLES / name).read_bytes()


def test_every_specimen_is_used_or_explained():
    present = {str(p.relative_to(SAMPLES)) for p in SAMPLES.rglob("*") if p.is_file()}
    assert present - USED - NOT_APPLICABLE == set()


# --- Eurostat --------------------------------------------------------------------------------------


def test_constructed_htec_cube():
    body = sample("eurostat/CONSTRUCTED_stats_jsonstat_htec_emp_reg2_DED.json")
    cells = jsonstat.decode(body)
    first = cells.iloc[0].to_dict()
    assert first == {
        "freq": "A", "nace_r2": "HTC", "unit": "PC_EMP", "sex": "T", "geo": "DED", "time": "2022",
        "value": 4.3, "flag": "",
    }  # fmt: skip
    assert len(cells) == 45  # 48 cells: 2 status-only ('u'), 1 in neither value nor status
    assert cells.attrs["skipped"] == {"flagged without value": 2}
    frame, skipped = eurostat.to_canonical(eurostat.BY_CODE["htec_emp_reg2"], body)
    rows = {(r.indicator, r.region, r.period): r for r in frame.itertuples()}
    assert rows[("context.hightech_employment", "DED", "2022")].value == 85200.0  # "12": 85.2 thousand
    share = rows[("context.hightech_employment_share", "DED2", "2024")]  # "5": 4.5 with flag b
    assert (share.value, share.note) == (4.5, "Eurostat htec_emp_reg2; break in series")
    assert rows[("context.hightech_employment", "DED2", "2024")].note.endswith("break in series")  # "17": b
    assert ("context.hightech_employment_share", "DED4", "2024") not in rows  # "8": 'u' without value
    assert ("context.hightech_employment", "DED4", "2024") not in rows  # "20": 'u' without value
    assert ("context.hightech_employment", "DED5", "2024") not in rows  # "23": in neither value nor status
    assert skipped == {"flagged without value": 2, "not requested": 24}  # nace TOTAL is not one of ours


def test_real_cube_with_a_missing_last_period():
    cells = jsonstat.decode(sample("eurostat/stats_jsonstat_une_rt_m_DE_sinceTimePeriod_2024-01.json"))
    assert len(cells) == 31
    assert cells.iloc[0][["geo", "time", "value"]].tolist() == ["DE", "2024-01", 3.2]
    assert cells.iloc[-1][["time", "value"]].tolist() == ["2026-07", 4.0]
    assert "2026-08" not in set(cells["time"])


@pytest.mark.parametrize(
    "name",
    [
        "eurostat/stats_jsonstat_une_rt_m_geo-XX_unknown_code_HTTP200_empty.json",
        "eurostat/stats_jsonstat_nama_10_gdp_DE_sinceTimePeriod-2030_empty_time.json",
    ],
)
def test_real_empty_cubes_are_source_errors(name):
    body = sample(name)
    assert jsonstat.is_empty(body) and jsonstat.decode(body).empty
    with pytest.raises(SourceError, match="empty cube for geo=XX"):
        eurostat.check_answer("une_rt_m", "geo=XX", body)


def test_real_confidential_cells_are_counted_not_loaded():
    cells = jsonstat.decode(sample("eurostat/stats_jsonstat_sts_inpr_m_IE_status_confidential.json"))
    assert cells.empty
    assert cells.attrs["skipped"] == {"confidential": 6}


@pytest.mark.parametrize(
    ("name", "status", "label"),
    [
        (
            "stats_error_HTTP400_id150_invalid_dimension.json",
            400,
            'INVALID_QUERY_DIMENSION: Dimension "ZZZZ" is not defined',
        ),
        (
            "stats_error_HTTP404_id100_not_found.json",
            404,
            "ERR_NOT_FOUND_4: XYZ is not available for dissemination.",
        ),
        (
            "stats_error_HTTP413_extraction_too_big.json",
            413,
            "EXTRACTION_TOO_BIG: The requested extraction is too big, estimated 10305182 rows, "
            "max authorised is 5000000, please change your filters to reduce the extraction size",
        ),
    ],
)
@responses.activate
def test_real_error_bodies(source_settings, sleeps, name, status, label):
    url = "https://ec.europa.eu/eurostat/api/dissemination/statistics/1.0/data/htec_emp_reg2"
    responses.get(url, status=status, body=sample(f"eurostat/{name}"))
    with pytest.raises(HTTPStatusError) as caught:
        eurostat.EurostatSource(datasets=(eurostat.BY_CODE["htec_emp_reg2"],), sleep=sleeps).fetch(
            source_settings
        )
    assert caught.value.status == status
    assert str(caught.value).endswith(f"HTTP {status}: {label}")


def test_asynchronous_warning_shape():
    body = sample("eurostat/stats_warning_HTTP200_413_asynchronous_response.SHAPE_ONLY.json")
    with pytest.raises(TryLaterError, match="run again in a few minutes"):
        eurostat.check_answer("htec_emp_reg2", "geo=DED", body)


# --- GENESIS -----------------------------------------------------------------------------------


def test_regionalstatistik_employees_land_regions_and_districts():
    text = sample("genesis/regionalstatistik_13111-01-03-4_ffcsv_de_SN_trimmed.csv").decode("utf-8-sig")
    frame = read_ffcsv(text, TABLES[0])
    assert dict(zip(frame.region, frame.value, strict=True)) == {
        "DE": 34885481.0,
        "DED": 1625454.0,
        "DED2": 645518.0,
        "DED4": 527013.0,
        "DED5": 452923.0,
    }
    assert set(frame.period) == {"2025-06-30"}
    # every current district is '-' in this capture; the old Kreise and Regierungsbezirke are skipped
    assert frame.attrs["skipped"] == {
        "special value '-'": 13,
        "pre-2008 district": 29,
        "pre-2008 Regierungsbezirk": 3,
    }


def test_regionalstatistik_zip_answer_parses_like_its_csv(tmp_path):
    body = sample("genesis/regionalstatistik_13111-01-03-4_tablefile_response_SN_trimmed.zip")
    text = sample("genesis/regionalstatistik_13111-01-03-4_ffcsv_de_SN_trimmed.csv").decode("utf-8-sig")
    assert genesis.unzip_csv(body) == text
    frame = genesis.SOURCE.parse(make_snapshot(tmp_path, "genesis", {"13111-01-03-4.zip": body}))
    assert frame.loc[frame.region == "DED", "value"].tolist() == [1625454.0]


def test_regionalstatistik_population_by_district():
    text = sample("genesis/regionalstatistik_12411-01-01-4_ffcsv_de_SN_trimmed.csv").decode("utf-8-sig")
    frame = read_ffcsv(text, TABLES[2])
    values = dict(zip(frame.region, frame.value, strict=True))
    assert len(values) == 13
    assert values["DED21"] == 564904.0 and values["DED51"] == 611850.0 and values["DED53"] == 199422.0
    assert set(frame.period) == {"2024-12-31"} and set(frame.indicator) == {"context.population"}
    assert frame.attrs["skipped"] == {"pre-2008 district": 29}


@pytest.mark.parametrize(
    "name", ["genesis_13111-0005_ffcsv_de_SN-BE_trimmed.csv", "genesis_13111-0005_ffcsv_en_SN_trimmed.csv"]
)
def test_genesis_online_land_table(name):
    frame = read_ffcsv(
        sample(f"genesis/{name}").decode("utf-8-sig"),
        Table("13111-0005", "context.employees_social_insurance"),
    )
    values = dict(zip(frame.period, frame.value, strict=True))
    assert set(frame.region) == {"DED"}
    assert values["2024-06-30"] == 1637894.0 and values["2025-06-30"] == 1625455.0
    if "SN-BE" in name:
        assert frame.attrs["skipped"] == {"region outside Saxony": 8}  # Berlin


@responses.activate
def test_real_job_envelopes_drive_the_job_flow(source_settings, sleeps, monkeypatch):
    monkeypatch.setattr(genesis, "POLL_INTERVAL", 0.01)
    base = "https://www.regionalstatistik.de/genesisws/rest/2020"
    responses.post(
        f"{base}/data/tablefile", body=sample("genesis/genesis_tablefile_status98_table_too_large.json")
    )
    responses.post(
        f"{base}/data/tablefile", body=sample("genesis/genesis_tablefile_job_true_status99_job_created.json")
    )
    responses.post(
        f"{base}/catalogue/results",
        body=sample("genesis/genesis_catalogue_results_status104_job_not_ready.json"),
    )
    responses.post(
        f"{base}/catalogue/results", body=sample("genesis/genesis_catalogue_results_status0_job_ready.json")
    )
    zipped = sample("genesis/regionalstatistik_13111-01-03-4_tablefile_response_SN_trimmed.zip")
    responses.post(f"{base}/data/resultfile", body=zipped)
    settings = source_settings.with_(genesis_username="user", genesis_password="secret")
    table = Table("12531-0043", "context.population")
    snapshot = genesis.GenesisSource(tables=(table,), sleep=sleeps).fetch(settings)
    assert manifest_files(snapshot)[0]["job"] == "12531-0043_175879554"
    assert b"selection=12531-0043_175879554" in responses.calls[2].request.body.encode()
    assert sleeps == [0.01]


# --- GISCO and CORDIS ----------------------------------------------------------------------------


def test_gisco_excerpts_build_the_saxony_file(tmp_path, source_settings):
    files = {
        "NUTS_RG_20M_2021_4326_LEVL_2.geojson": sample(
            "gisco/NUTS_RG_20M_2021_4326_LEVL_2_DED_excerpt.geojson"
        ),
        "NUTS_RG_20M_2021_4326_LEVL_3.geojson": sample(
            "gisco/NUTS_RG_20M_2021_4326_LEVL_3_DED_excerpt.geojson"
        ),
    }
    path = gisco.build_geo(make_snapshot(tmp_path / "raw", "gisco", files), source_settings)
    features = json.loads(path.read_text(encoding="utf-8"))["features"]
    assert [f["id"] for f in features][:3] == ["DED2", "DED4", "DED5"]
    assert len(features) == 16
    assert {f["properties"]["NUTS_NAME"] for f in features} >= {"Sächsische Schweiz-Osterzgebirge", "Görlitz"}


def test_cordis_constructed_rows(tmp_path):
    archive = zip_bytes(
        {
            "project.csv": sample("funding/CONSTRUCTED_cordis_HORIZON_project.csv"),
            "organization.csv": sample("funding/CONSTRUCTED_cordis_HORIZON_organization.csv"),
        }
    )
    frame = funding_cordis.SOURCE.parse(make_snapshot(tmp_path, "cordis", {funding_cordis.ARCHIVE: archive}))
    rows = {(r.region, r.breakdown, r.period): r.value for r in frame.itertuples()}
    assert rows[("DED21", "", "2023")] == 2500000.0
    assert rows[("DED", "cordis-example-university-dresden", "2023")] == 2500000.0
    assert frame.attrs["entities"][0]["kind"] == "institute"
