"""GENESIS / Regionaldatenbank: ffcsv parsing, credentials, POST contract, job polling, error envelopes."""

from __future__ import annotations

import pytest
import responses
from responses import matchers

from etl.config import DEFAULT_BASE_URLS, Settings
from etl.errors import CredentialsMissingError, HTTPStatusError, SourceError, TryLaterError
from etl.raw import RawStore, manifest_files
from etl.schema import CANONICAL_COLUMNS, KEY_COLUMNS
from etl.sources import genesis
from etl.sources.ffcsv import DISTRICTS, TABLES, german_number, read_ffcsv
from tests.sources.conftest import fixture_bytes, genesis_zip, make_snapshot

BASE = "https://www.regionalstatistik.de/genesisws/rest/2020"
NAMES = [table.name for table in TABLES]
JOB = "13111-07-05-4_482913576"
SECTOR_TABLE = TABLES[1]


def value(frame, region, period, breakdown="", indicator="context.employees_social_insurance"):
    hit = frame[
        (frame.indicator == indicator)
        & (frame.region == region)
        & (frame.period == period)
        & (frame.breakdown == breakdown)
    ]
    assert len(hit) <= 1
    return None if hit.empty else hit.iloc[0].value


@pytest.fixture
def parsed(tmp_path):
    snapshot = make_snapshot(tmp_path, "genesis", {f"{name}.zip": genesis_zip(name) for name in NAMES})
    return genesis.SOURCE.parse(snapshot)


def test_parse_reads_totals_by_district(parsed):
    assert list(parsed.columns) == CANONICAL_COLUMNS
    assert len(parsed) == 62
    assert not parsed.duplicated(KEY_COLUMNS).any()
    assert set(parsed.source) == {"regionalstatistik"} and set(parsed.status) == {"actual"}
    assert value(parsed, "DED21", "2024-06-30") == 314812.0
    assert value(parsed, "DED51", "2024-06-30") == 339118.0
    assert value(parsed, "DED53", "2024-06-30") == 61808.0
    assert value(parsed, "DED53", "2023-06-30") is None  # '.' in the table
    assert value(parsed, "DED21", "2024-12-31", indicator="context.population") == 566222.0
    assert value(parsed, "DED21", "2023-12-31", indicator="context.population") == 567422.0
    assert set(parsed.region) == set(DISTRICTS.values()) and len(DISTRICTS) == 13
    assert (
        parsed.loc[parsed.indicator == "context.population", "note"].iloc[0]
        == "Regionaldatenbank 12411-01-01-4"
    )


def test_parse_reads_sectors_as_wz08_breakdowns(parsed):
    assert value(parsed, "DED21", "2024-06-30", "wz08-j") == 28765.0
    assert value(parsed, "DED21", "2024-06-30", "wz08-c") == 41230.0
    assert value(parsed, "DED51", "2024-06-30", "wz08-g-i") == 71532.0  # numbered aggregate, matched by label
    assert value(parsed, "DED41", "2024-06-30", "wz08-m-n") == 21120.0
    assert value(parsed, "DED41", "2024-06-30", "wz08-j") is None  # 'x'
    sectors = parsed[parsed.breakdown != ""]
    assert set(sectors.breakdown) == {"wz08-c", "wz08-j", "wz08-g-i", "wz08-m-n"}
    assert len(sectors) == 11


def test_parse_counts_what_it_leaves_out(parsed):
    assert parsed.attrs["skipped"] == {
        "pre-2008 district": 12,
        "special value '.'": 1,
        "special value 'x'": 1,
        "sector table total (the total comes from 13111-01-03-4)": 3,
        "unknown WZ 2008 code WZ08-X-99": 1,
    }


def test_land_statistical_regions_germany_and_decimal_commas():
    header = (
        "statistics_code;statistics_label;time_code;time_label;time;1_variable_code;1_variable_label;"
        "1_variable_attribute_code;1_variable_attribute_label;2_variable_code;2_variable_label;"
        "2_variable_attribute_code;2_variable_attribute_label;value;value_unit;value_variable_code;"
        "value_variable_label\n"
    )
    rows = [
        "12411;B;JAHR;Jahr;2023;DLAND;Bundesländer;14;Sachsen;GES;Geschlecht;;Insgesamt;4089,5;Tsd.;X;Y",
        "12411;B;JAHR;Jahr;2023;REGBEZ;Regionen;146;Dresden;GES;Geschlecht;;Insgesamt;1.581,25;Tsd.;X;Y",
        "12411;B;JAHR;Jahr;2023;REGBEZ;Regionen;142;Dresden, RB;GES;Geschlecht;;Insgesamt;-;Tsd.;X;Y",
        "12411;B;JAHR;Jahr;2023;DINSG;Deutschland;DG;Deutschland;GES;Geschlecht;;Insgesamt;84669,3;Tsd.;X;Y",
        "12411;B;JAHR;Jahr;2023;KREISE;Kreise;09162;München;GES;Geschlecht;;Insgesamt;1510;Tsd.;X;Y",
        "12411;B;JAHR;Jahr;2023;KREISE;Kreise;14612;Dresden;GES;Geschlecht;;Insgesamt;...;Tsd.;X;Y",
        "12411;B;JAHR;Jahr;2023;KREISE;Kreise;14612;Dresden;GES;Geschlecht;GESW;weiblich;290;Tsd.;X;Y",
    ]
    frame = read_ffcsv("\ufeff" + header + "\n".join(rows) + "\n", TABLES[2])
    assert dict(zip(frame.region, frame.value, strict=True)) == {
        "DED": 4089.5,
        "DED2": 1581.25,
        "DE": 84669.3,
    }
    assert set(frame.period) == {"2023"}
    assert frame.attrs["skipped"] == {
        "pre-2008 Regierungsbezirk": 1,
        "region outside Saxony": 1,
        "special value '...'": 1,
    }


def test_german_number():
    assert german_number("3391,228") == 3391.228
    assert german_number("1.234.567,5") == 1234567.5
    assert german_number("5837916") == 5837916.0
    assert german_number("nan") is None and german_number("abc") is None


def test_not_an_ffcsv_file():
    with pytest.raises(SourceError, match="lacks the columns"):
        read_ffcsv("a;b\n1;2\n", TABLES[0])


def test_job_name_from_the_code_99_message():
    content = (
        "Die Tabelle kann in Kürze als Ergebnis mit folgendem Namen abgerufen werden: 13111-07-05-4_482913576"
    )
    assert genesis.job_name("13111-07-05-4", content) == JOB
    with pytest.raises(SourceError, match="its name is not in the answer"):
        genesis.job_name("13111-07-05-4", "Auftrag erstellt.")


# --- fetch -------------------------------------------------------------------------------------


@pytest.fixture
def with_token(source_settings) -> Settings:
    return source_settings.with_(genesis_username="0123456789abcdef", genesis_password="")


def tablefile(name: str, body: bytes, job: bool = False, base: str = BASE):
    form = genesis.table_params(name, 2015) | ({"job": "true"} if job else {})
    responses.post(
        f"{base}/data/tablefile",
        body=body,
        match=[
            matchers.urlencoded_params_matcher(form),
            matchers.header_matcher({"username": "0123456789abcdef", "password": ""}),
        ],
    )


@responses.activate
def test_missing_credentials_raise_before_any_request(source_settings):
    responses.post(f"{BASE}/data/tablefile", body=genesis_zip(NAMES[0]))
    with pytest.raises(CredentialsMissingError) as caught:
        genesis.GenesisSource().fetch(source_settings)
    assert "REGIOMETER_GENESIS_USERNAME" in str(caught.value)
    assert "REGIOMETER_GENESIS_PASSWORD" in str(caught.value)
    assert "token as username" in str(caught.value)
    assert len(responses.calls) == 0
    assert not source_settings.raw_dir.exists()


@responses.activate
def test_fetch_posts_the_form_with_credentials_in_headers(with_token, sleeps):
    for name in NAMES:
        tablefile(name, genesis_zip(name))
    snapshot = genesis.GenesisSource(sleep=sleeps).fetch(with_token)
    entries = manifest_files(snapshot)
    assert [e["name"] for e in entries] == [f"{name}.zip" for name in NAMES]
    assert entries[0]["url"] == f"{BASE}/data/tablefile"
    assert entries[0]["params"]["regionalkey"] == "14*"
    assert (
        "username" not in entries[0]["params"]
        and "0123456789abcdef" not in (snapshot / "manifest.json").read_text()
    )
    request = responses.calls[0].request
    assert request.headers["Content-Type"] == "application/x-www-form-urlencoded"
    assert request.req_kwargs["timeout"] == (30.0, 300.0)  # slow tables: long read, fast connect
    assert (snapshot / f"{NAMES[0]}.zip").read_bytes() == genesis_zip(NAMES[0])
    assert len(genesis.SOURCE.parse(snapshot)) == 62


@responses.activate
def test_table_too_large_runs_a_job_and_polls_until_ready(with_token, sleeps, monkeypatch):
    monkeypatch.setattr(genesis, "POLL_INTERVAL", 0.01)
    tablefile(SECTOR_TABLE.name, fixture_bytes("genesis", "status98_tablefile.json"))
    tablefile(SECTOR_TABLE.name, fixture_bytes("genesis", "status99_tablefile.json"), job=True)
    results = f"{BASE}/catalogue/results"
    poll = [
        matchers.urlencoded_params_matcher(
            {"selection": JOB, "area": "user", "pagelength": "1", "language": "de"}
        )
    ]
    responses.post(results, body=fixture_bytes("genesis", "status104_results.json"), match=poll)
    responses.post(results, body=fixture_bytes("genesis", "status104_results.json"), match=poll)
    responses.post(results, body=fixture_bytes("genesis", "status0_results.json"), match=poll)
    responses.post(
        f"{BASE}/data/resultfile",
        body=genesis_zip(SECTOR_TABLE.name),
        match=[
            matchers.urlencoded_params_matcher(
                {"name": JOB, "area": "user", "compress": "false", "format": "ffcsv", "language": "de"}
            )
        ],
    )
    snapshot = genesis.GenesisSource(tables=(SECTOR_TABLE,), sleep=sleeps).fetch(with_token)
    assert [call.request.url.rsplit("/", 2)[-2:] for call in responses.calls] == [
        ["data", "tablefile"], ["data", "tablefile"], ["catalogue", "results"], ["catalogue", "results"],
        ["catalogue", "results"], ["data", "resultfile"],
    ]  # fmt: skip
    assert sleeps == [0.01, 0.01]
    assert manifest_files(snapshot)[0]["job"] == JOB
    assert len(genesis.SOURCE.parse(snapshot)) == 11


@responses.activate
def test_job_that_never_finishes_means_try_later(with_token, sleeps, monkeypatch):
    monkeypatch.setattr(genesis, "POLL_INTERVAL", 0.01)
    monkeypatch.setattr(genesis, "MAX_WAIT", 0.03)
    tablefile(SECTOR_TABLE.name, fixture_bytes("genesis", "status98_tablefile.json"))
    tablefile(SECTOR_TABLE.name, fixture_bytes("genesis", "status99_tablefile.json"), job=True)
    responses.post(f"{BASE}/catalogue/results", body=fixture_bytes("genesis", "status104_results.json"))
    with pytest.raises(TryLaterError, match=f"job {JOB} is not ready"):
        genesis.GenesisSource(tables=(SECTOR_TABLE,), sleep=sleeps).fetch(with_token)
    assert len(sleeps) == 3
    assert RawStore(with_token.raw_dir).latest("genesis") is None


@responses.activate
def test_json_error_envelope_with_http_200_is_detected(with_token, sleeps):
    tablefile(NAMES[0], fixture_bytes("genesis", "status90_tablefile.json"))
    with pytest.raises(SourceError) as caught:
        genesis.GenesisSource(tables=(TABLES[0],), sleep=sleeps).fetch(with_token)
    assert "GENESIS status 90" in str(caught.value)
    assert "Es existiert keine Tabelle" in str(caught.value)


@responses.activate
def test_neither_zip_nor_envelope(with_token, sleeps):
    tablefile(NAMES[0], b"<html><body>Wartungsarbeiten</body></html>")
    with pytest.raises(SourceError, match="neither a ZIP nor a GENESIS message"):
        genesis.GenesisSource(tables=(TABLES[0],), sleep=sleeps).fetch(with_token)


@responses.activate
def test_http_error_detail_from_the_envelope(with_token, sleeps):
    body = b'{"Status":{"Code":15,"Content":"Benutzername oder Passwort ist falsch","Type":"Fehler"}}'
    responses.post(f"{BASE}/data/tablefile", status=401, body=body)
    with pytest.raises(HTTPStatusError) as caught:
        genesis.GenesisSource(tables=(TABLES[0],), sleep=sleeps).fetch(with_token)
    assert caught.value.status == 401 and "Passwort ist falsch" in str(caught.value)


@responses.activate
def test_retry_after_a_server_error(with_token, sleeps):
    responses.post(f"{BASE}/data/tablefile", status=500)
    tablefile(NAMES[0], genesis_zip(NAMES[0]))
    genesis.GenesisSource(tables=(TABLES[0],), sleep=sleeps).fetch(with_token)
    assert sleeps == [0.5]


@responses.activate
def test_base_url_override(tmp_path, sleeps):
    mirror = "http://genesis.mirror.test/rest/2020"
    settings = Settings(
        data_dir=tmp_path,
        since_year=2015,
        genesis_username="0123456789abcdef",
        base_urls={**DEFAULT_BASE_URLS, "genesis": mirror},
    )
    tablefile(NAMES[0], genesis_zip(NAMES[0]), base=mirror)
    snapshot = genesis.GenesisSource(tables=(TABLES[0],), sleep=sleeps).fetch(settings)
    assert manifest_files(snapshot)[0]["url"] == f"{mirror}/data/tablefile"


def test_parse_of_a_stored_message_instead_of_a_zip(tmp_path):
    snapshot = make_snapshot(
        tmp_path, "genesis", {"12411-01-01-4.zip": fixture_bytes("genesis", "status90_tablefile.json")}
    )
    with pytest.raises(SourceError, match="is not a ZIP"):
        genesis.SOURCE.parse(snapshot)
