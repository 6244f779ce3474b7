"""GENESIS / Regionaldatenbank: ffcsv parsing, credentials, POST contract, job polling, error envelopes."""

from __future__ import annotations

import pytest
import responses
from responses import matchers

from etl.config import DEFAULT_BASE_URLS, Settings
from etl.errors import CredentialsMissingError, SourceError
from etl.raw import RawStore, manifest_files
from etl.schema import CANONICAL_COLUMNS, KEY_COLUMNS
from etl.sources import genesis
from etl.sources.ffcsv import TABLES, RegionKeys, german_number, read_ffcsv
from tests.sources.conftest import (
    ALPINE,
    ALPINE_DIR,
    SAXONY,
    fixture_bytes,
    genesis_zip,
    level_fixture,
    make_snapshot,
)

BASE = "https://www.regionalstatistik.de/genesisws/rest/2020"
NAMES = [table.name for table in TABLES]
JOB = "13111-07-05-4_482913576"
SECTOR_TABLE = TABLES[1]
KEYS = RegionKeys.of(SAXONY)
LEVELS = [("DLAND", "14"), ("REGBEZ", "14*"), ("KREISE", "14*")]


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
    return genesis.SOURCE.parse(snapshot, SAXONY)


def test_the_pack_gives_the_area_keys_and_levels():
    assert KEYS.home_key == "14" and KEYS.variables() == LEVELS
    assert KEYS.regions[("KREISE", "14612")] == "DED21" and KEYS.regions[("REGBEZ", "146")] == "DED2"
    assert KEYS.regions[("DLAND", "14")] == "DED" and KEYS.regions[("DINSG", "DG")] == "DE"
    districts = {code for (variable, _), code in KEYS.regions.items() if variable == "KREISE"}
    assert districts == set(SAXONY.districts()) and len(districts) == 13
    assert RegionKeys.of(ALPINE).variables() == [("DLAND", "09"), ("REGBEZ", "09*"), ("KREISE", "09*")]
    # a home region that is a Regierungsbezirk is asked for by its key, its Kreise with a wildcard
    upper_bavaria = RegionKeys({("REGBEZ", "091"): "DE21", ("KREISE", "09162"): "DE212"}, "091")
    assert upper_bavaria.variables() == [("REGBEZ", "091"), ("KREISE", "091*")]


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
    assert set(parsed.region) == set(SAXONY.districts())
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
        "former district": 12,
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
    frame = read_ffcsv("\ufeff" + header + "\n".join(rows) + "\n", TABLES[2], KEYS)
    assert dict(zip(frame.region, frame.value, strict=True)) == {
        "DED": 4089.5,
        "DED2": 1581.25,
        "DE": 84669.3,
    }
    assert set(frame.period) == {"2023"}
    assert frame.attrs["skipped"] == {
        "former Regierungsbezirk": 1,
        "region outside the home region": 1,
        "special value '...'": 1,
    }
    # the same rows for a pack at home elsewhere: Munich is a district, the Saxon rows are outside
    other = read_ffcsv("\ufeff" + header + "\n".join(rows) + "\n", TABLES[2], RegionKeys.of(ALPINE))
    assert dict(zip(other.region, other.value, strict=True)) == {"DE": 84669.3, "DE212": 1510.0}


def test_german_number():
    assert german_number("3391,228") == 3391.228
    assert german_number("1.234.567,5") == 1234567.5
    assert german_number("5837916") == 5837916.0
    assert german_number("nan") is None and german_number("abc") is None


def test_not_an_ffcsv_file():
    with pytest.raises(SourceError, match="lacks the columns"):
        read_ffcsv("a;b\n1;2\n", TABLES[0], KEYS)


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


def tablefile(
    name: str,
    body: bytes,
    job: bool = False,
    base: str = BASE,
    level: tuple[str, str] = ("KREISE", "14*"),
    years: tuple[int, int] | None = None,
    password: str = "",
):
    form = genesis.table_params(name, years[0] if years else 2015, *level, years[1] if years else None)
    form |= {"job": "true"} if job else {}
    user = "0123456789abcdef" if not password else "user"
    responses.post(
        f"{base}/data/tablefile",
        body=body,
        match=[
            matchers.urlencoded_params_matcher(form),
            matchers.header_matcher({"username": user, "password": password}),
        ],
    )


def every_level(names=NAMES, base=BASE):
    for name in names:
        for level in LEVELS:
            tablefile(name, genesis_zip(name, level_fixture(name, level[0])), base=base, level=level)


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
    every_level()
    snapshot = genesis.GenesisSource(sleep=sleeps).fetch(with_token)
    entries = manifest_files(snapshot)
    assert [e["name"] for e in entries] == [
        f"{name}_{variable}.zip" for name in NAMES for variable, _ in LEVELS
    ]
    assert entries[0]["url"] == f"{BASE}/data/tablefile"
    assert [(e["params"]["regionalvariable"], e["params"]["regionalkey"]) for e in entries[:3]] == LEVELS
    assert {e["table"] for e in entries} == set(NAMES)
    assert (
        "username" not in entries[0]["params"]
        and "0123456789abcdef" not in (snapshot / "manifest.json").read_text()
    )
    request = responses.calls[0].request
    assert request.headers["Content-Type"] == "application/x-www-form-urlencoded"
    assert request.req_kwargs["timeout"] == (30.0, 300.0)  # slow tables: long read, fast connect
    assert (snapshot / f"{NAMES[0]}_KREISE.zip").read_bytes() == genesis_zip(NAMES[0])
    frame = genesis.SOURCE.parse(snapshot, with_token.region_pack())
    assert len(frame) == 62 + 23 and frame.attrs["failed"] == {}
    # the Land and statistical-region answers add their own rows; the former Bezirke are skipped
    assert value(frame, "DED", "2024-06-30") == 1632480.0 and value(frame, "DED2", "2023-06-30") == 643800.0
    assert value(frame, "DED", "2023-12-31", indicator="context.population") == 4042941.0
    assert value(frame, "DED2", "2024-06-30", "wz08-j") == 33010.0
    assert value(frame, "DED5", "2024-06-30", "wz08-j") is None  # 'x'
    assert frame.attrs["skipped"]["former Regierungsbezirk"] == 3 * 2 + 2


@responses.activate
def test_a_synthetic_pack_asks_for_its_own_keys(tmp_path, sleeps):
    settings = Settings(
        data_dir=tmp_path, since_year=2015, genesis_username="0123456789abcdef", pack=str(ALPINE_DIR)
    )
    for level in [("DLAND", "09"), ("REGBEZ", "09*"), ("KREISE", "09*")]:
        tablefile(TABLES[2].name, genesis_zip(TABLES[2].name), level=level)
    snapshot = genesis.GenesisSource(tables=(TABLES[2],), sleep=sleeps).fetch(settings)
    assert len(manifest_files(snapshot)) == 3
    frame = genesis.SOURCE.parse(snapshot, ALPINE)
    assert frame.empty  # the committed answers hold Saxon districts only
    assert frame.attrs["skipped"]["region outside the home region"] > 0


def other_levels(name: str) -> None:
    """Plain answers for the Land and the statistical regions (the tests below are about KREISE)."""
    for level in LEVELS[:2]:
        tablefile(name, genesis_zip(name, level_fixture(name, level[0])), level=level)


@responses.activate
def test_too_large_with_a_token_is_split_by_years(with_token, sleeps):
    """Status 98 (over 40,000 values): a token may not start a job, so the years are halved."""
    other_levels(SECTOR_TABLE.name)
    tablefile(SECTOR_TABLE.name, fixture_bytes("genesis", "status98_tablefile.json"))
    tablefile(SECTOR_TABLE.name, fixture_bytes("genesis", "status98_tablefile.json"), years=(2015, 2020))
    tablefile(SECTOR_TABLE.name, genesis_zip(SECTOR_TABLE.name), years=(2015, 2017))
    tablefile(SECTOR_TABLE.name, genesis_zip(SECTOR_TABLE.name), years=(2018, 2020))
    tablefile(SECTOR_TABLE.name, genesis_zip(SECTOR_TABLE.name), years=(2021, 2026))
    source = genesis.GenesisSource(tables=(SECTOR_TABLE,), sleep=sleeps, this_year=lambda: 2026)
    snapshot = source.fetch(with_token)
    names = [e["name"] for e in manifest_files(snapshot)]
    assert names == [
        "13111-07-05-4_DLAND.zip",
        "13111-07-05-4_REGBEZ.zip",
        "13111-07-05-4_KREISE_2015-2017.zip",
        "13111-07-05-4_KREISE_2018-2020.zip",
        "13111-07-05-4_KREISE_2021-2026.zip",
    ]
    assert not any(b"job=true" in (call.request.body or "").encode() for call in responses.calls)
    frame = genesis.SOURCE.parse(snapshot, SAXONY)
    # the parts are one table (here the same fixture three times: their rows are counted once)
    assert frame.attrs["skipped"]["repeated in another answer"] == 2 * 11
    assert value(frame, "DED21", "2024-06-30", "wz08-j") == 28765.0


@responses.activate
def test_one_year_too_large_with_a_token_says_jobs_need_a_password(with_token, sleeps):
    settings = with_token.with_(since_year=2026)
    responses.post(f"{BASE}/data/tablefile", body=fixture_bytes("genesis", "status98_tablefile.json"))
    source = genesis.GenesisSource(tables=(SECTOR_TABLE,), sleep=sleeps, this_year=lambda: 2026)
    with pytest.raises(SourceError, match="background job needs a user name and password"):
        source.fetch(settings)
    assert len(responses.calls) == 3  # one request per level, none with job=true
    assert not any(b"job=true" in (call.request.body or "").encode() for call in responses.calls)


@pytest.fixture
def with_password(source_settings) -> Settings:
    """An account with user name and password: may start background jobs; one year is asked."""
    return source_settings.with_(genesis_username="user", genesis_password="secret", since_year=2026)


def password_tablefile(name: str, body: bytes, job: bool = False, level=("KREISE", "14*")):
    form = genesis.table_params(name, 2026, *level) | ({"job": "true"} if job else {})
    responses.post(
        f"{BASE}/data/tablefile",
        body=body,
        match=[
            matchers.urlencoded_params_matcher(form),
            matchers.header_matcher({"username": "user", "password": "secret"}),
        ],
    )


def password_other_levels(name: str) -> None:
    for level in LEVELS[:2]:
        password_tablefile(name, genesis_zip(name, level_fixture(name, level[0])), level=level)


@responses.activate
def test_one_year_too_large_with_a_password_runs_a_job_and_polls_until_ready(
    with_password, sleeps, monkeypatch
):
    monkeypatch.setattr(genesis, "POLL_INTERVAL", 0.01)
    password_other_levels(SECTOR_TABLE.name)
    password_tablefile(SECTOR_TABLE.name, fixture_bytes("genesis", "status98_tablefile.json"))
    password_tablefile(SECTOR_TABLE.name, fixture_bytes("genesis", "status99_tablefile.json"), job=True)
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
    source = genesis.GenesisSource(tables=(SECTOR_TABLE,), sleep=sleeps, this_year=lambda: 2026)
    snapshot = source.fetch(with_password)
    assert [call.request.url.rsplit("/", 2)[-2:] for call in responses.calls[2:]] == [
        ["data", "tablefile"], ["data", "tablefile"], ["catalogue", "results"], ["catalogue", "results"],
        ["catalogue", "results"], ["data", "resultfile"],
    ]  # fmt: skip
    assert sleeps == [0.01, 0.01]
    assert manifest_files(snapshot)[2]["job"] == JOB
    assert len(genesis.SOURCE.parse(snapshot, SAXONY)) == 11 + 7


@responses.activate
def test_job_that_never_finishes_is_a_failed_unit(with_password, sleeps, monkeypatch):
    monkeypatch.setattr(genesis, "POLL_INTERVAL", 0.01)
    monkeypatch.setattr(genesis, "MAX_WAIT", 0.03)
    password_other_levels(SECTOR_TABLE.name)
    password_tablefile(SECTOR_TABLE.name, fixture_bytes("genesis", "status98_tablefile.json"))
    password_tablefile(SECTOR_TABLE.name, fixture_bytes("genesis", "status99_tablefile.json"), job=True)
    responses.post(f"{BASE}/catalogue/results", body=fixture_bytes("genesis", "status104_results.json"))
    source = genesis.GenesisSource(tables=(SECTOR_TABLE,), sleep=sleeps, this_year=lambda: 2026)
    snapshot = source.fetch(with_password)
    assert len(sleeps) == 3
    frame = genesis.SOURCE.parse(snapshot, SAXONY)
    assert list(frame.attrs["failed"]) == ["13111-07-05-4 KREISE"]
    assert f"job {JOB} is not ready" in frame.attrs["failed"]["13111-07-05-4 KREISE"]
    assert set(frame.region) == {"DED", "DED2", "DED4", "DED5"}  # the other levels are loaded


@responses.activate
def test_a_job_is_alone_when_every_unit_fails(with_password, sleeps, monkeypatch):
    monkeypatch.setattr(genesis, "POLL_INTERVAL", 0.01)
    monkeypatch.setattr(genesis, "MAX_WAIT", 0.01)
    responses.post(f"{BASE}/data/tablefile", body=fixture_bytes("genesis", "status98_tablefile.json"))
    responses.post(f"{BASE}/data/tablefile", body=fixture_bytes("genesis", "status99_tablefile.json"))
    responses.post(f"{BASE}/catalogue/results", body=fixture_bytes("genesis", "status104_results.json"))
    source = genesis.GenesisSource(tables=(SECTOR_TABLE,), sleep=sleeps, this_year=lambda: 2026)
    with pytest.raises(SourceError, match="nothing could be fetched"):
        source.fetch(with_password)
    assert RawStore(with_password.raw_dir).latest("genesis") is None


@responses.activate
def test_json_error_envelope_with_http_200_is_detected(with_token, sleeps):
    responses.post(f"{BASE}/data/tablefile", body=fixture_bytes("genesis", "status90_tablefile.json"))
    with pytest.raises(SourceError) as caught:
        genesis.GenesisSource(tables=(TABLES[0],), sleep=sleeps).fetch(with_token)
    assert "GENESIS status 90" in str(caught.value)
    assert "Es existiert keine Tabelle" in str(caught.value)


@responses.activate
def test_one_table_failing_does_not_stop_the_others(with_token, sleeps):
    every_level(NAMES[2:])
    for level in LEVELS:
        tablefile(NAMES[0], fixture_bytes("genesis", "status90_tablefile.json"), level=level)
    snapshot = genesis.GenesisSource(tables=(TABLES[0], TABLES[2]), sleep=sleeps).fetch(with_token)
    frame = genesis.SOURCE.parse(snapshot, SAXONY)
    assert list(frame.attrs["failed"]) == [f"{NAMES[0]} {variable}" for variable, _ in LEVELS]
    assert set(frame.indicator) == {"context.population"}


@responses.activate
def test_neither_zip_nor_envelope(with_token, sleeps):
    responses.post(f"{BASE}/data/tablefile", body=b"<html><body>Wartungsarbeiten</body></html>")
    with pytest.raises(SourceError, match="neither a ZIP nor a GENESIS message"):
        genesis.GenesisSource(tables=(TABLES[0],), sleep=sleeps).fetch(with_token)


@responses.activate
def test_http_error_detail_from_the_envelope(with_token, sleeps):
    body = b'{"Status":{"Code":15,"Content":"Benutzername oder Passwort ist falsch","Type":"Fehler"}}'
    responses.post(f"{BASE}/data/tablefile", status=401, body=body)
    source = genesis.GenesisSource(tables=(TABLES[0],), sleep=sleeps)
    with pytest.raises(SourceError, match="HTTP 401: Benutzername oder Passwort ist falsch"):
        source.fetch(with_token)


@responses.activate
def test_retry_after_a_server_error(with_token, sleeps):
    responses.post(f"{BASE}/data/tablefile", status=500)
    every_level(NAMES[:1])
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
    every_level(NAMES[:1], base=mirror)
    snapshot = genesis.GenesisSource(tables=(TABLES[0],), sleep=sleeps).fetch(settings)
    assert manifest_files(snapshot)[0]["url"] == f"{mirror}/data/tablefile"


def test_parse_of_a_stored_message_instead_of_a_zip(tmp_path):
    snapshot = make_snapshot(
        tmp_path, "genesis", {"12411-01-01-4.zip": fixture_bytes("genesis", "status90_tablefile.json")}
    )
    with pytest.raises(SourceError, match="is not a ZIP"):
        genesis.SOURCE.parse(snapshot, SAXONY)
