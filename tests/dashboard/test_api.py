"""The public read API (/api/v1) with Flask's test client, and the spreadsheet safety of exports."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from urllib.parse import urlsplit

import pandas as pd
import pytest
from openpyxl import load_workbook

import etl.db.load
from dashboard import data
from dashboard.app import create_app
from etl import db, pipeline
from etl.exporting import neutralise, restore, to_csv, to_xlsx
from etl.schema import CANONICAL_COLUMNS
from tests.conftest import write

OBSERVATIONS = "/api/v1/observations"
SS_2024 = "test-cluster-2024"
SS_2024_URL = "https://example.org/test-cluster/2024"
HEADER = "indicator,region,breakdown,period,value,unit,status,source,note,qualifier\n"
RECORD_FIELDS = [
    "indicator", "region", "breakdown", "period", "value", "unit", "qualifier", "status",
    "source", "source_title", "source_url", "licence", "note", "note_de",
]  # fmt: skip


@pytest.fixture
def client(testland):
    return create_app(testland).server.test_client()


def get_json(client, url: str, status: int = 200) -> dict | list:
    response = client.get(url)
    assert response.status_code == status, response.get_data(as_text=True)
    return response.get_json()


def rows(client, query: str) -> list[dict]:
    return get_json(client, f"{OBSERVATIONS}?{query}")["observations"]


def staff_import(settings, tmp_path, lines: str, name: str = "staff.csv") -> None:
    _, result = pipeline.import_staff_file(settings, write(tmp_path / name, HEADER + lines))
    assert result.run_id is not None


# -- catalogs -----------------------------------------------------------------------------------


def test_indicators_list_the_catalog_with_counts_and_period_range(client):
    indicators = {row["slug"]: row for row in get_json(client, "/api/v1/indicators")}
    jobs = indicators["employment.ict_micro"]
    assert jobs["unit"] == "persons" and jobs["category"] == "employment"
    assert jobs["name_de"] == "Beschäftigte der Technologiebranche"
    assert jobs["preferred_source"] == "test-cluster-2024"
    assert jobs["description_en"] and jobs["description_de"]
    assert jobs["observations"] == len(rows(client, "indicator=employment.ict_micro"))
    assert jobs["first_period"] == "2018" and jobs["last_period"] == "2030"


def test_regions_and_sources(client):
    regions = {row["code"]: row for row in get_json(client, "/api/v1/regions")}
    assert regions["TLA"] == {
        "code": "TLA",
        "level": 1,
        "name_en": "Testshire",
        "name_de": "Testshire",
        "parent": "TL",
    }
    sources = {row["slug"]: row for row in get_json(client, "/api/v1/sources")}
    assert sources[SS_2024]["url"] == SS_2024_URL
    assert sources[SS_2024]["publisher"] == "Test Cluster e. V. (SYNTHETIC)" and sources[SS_2024]["published"]
    assert {"title", "licence"} <= set(sources[SS_2024])


def test_catalog_endpoints_reject_parameters(client):
    error = get_json(client, "/api/v1/regions?level=1", 400)["error"]
    assert error["parameter"] == "level"


# -- observations: content and filters ----------------------------------------------------------


def test_observation_json_carries_value_unit_and_citation(client):
    body = get_json(
        client, f"{OBSERVATIONS}?indicator=employment.ict_micro&region=TLA&breakdown=total&from=2023&to=2023"
    )
    assert body["data_version"] == 1 and body["as_of"] is None
    assert body["licence_note"] and body["last_import"].endswith("Z")
    assert (body["count"], body["total"], body["limit"], body["offset"]) == (1, 1, 1000, 0)
    assert body["next"] is None
    (row,) = body["observations"]
    assert list(row) == RECORD_FIELDS
    assert row["value"] == 49500 and isinstance(row["value"], int)
    assert (row["unit"], row["status"], row["source"], row["breakdown"]) == ("persons", "actual", SS_2024, "")
    assert row["source_url"] == SS_2024_URL and row["source_title"] == "SYNTHETIC annual report 2024"


@pytest.mark.parametrize(
    ("name", "value", "expected"),
    [
        ("indicator", "cluster.members", "cluster.members"),
        ("region", "TLA1", "TLA1"),
        ("breakdown", "software", "software"),
        ("breakdown", "total", ""),
        ("source", SS_2024, SS_2024),
        ("status", "announcement", "announcement"),
    ],
)
def test_each_filter_selects_only_matching_rows(client, name, value, expected):
    found = rows(client, f"{name}={value}")
    assert found and all(row[name] == expected for row in found)
    assert len(found) < get_json(client, OBSERVATIONS)["total"]


def test_multiple_values_repeated_or_comma_separated(client):
    repeated = rows(client, "region=TLA1&region=TL&indicator=cluster.partners&indicator=context.population")
    commas = rows(client, "region=TL,TLA1&indicator=context.population, cluster.partners")
    assert repeated == commas
    assert {row["region"] for row in commas} == {"TL", "TLA1"}
    assert {row["indicator"] for row in commas} == {"cluster.partners", "context.population"}


def test_empty_parameters_do_not_filter(client):
    assert rows(client, "indicator=&region=&from=&to=") == rows(client, "")


def test_from_and_to_on_years_include_every_period_of_those_years(client, testland, tmp_path):
    staff_import(
        testland, tmp_path, "cluster.members,TLA,test-cluster,2025-06,420,,actual,test-cluster-2024,,\n"
    )
    periods = {r["period"] for r in rows(client, "indicator=cluster.members&from=2024&to=2025")}
    assert periods == {"2024", "2025-06"}
    assert {r["period"] for r in rows(client, "indicator=cluster.members&from=2025")} == {"2025-06"}
    assert {r["period"] for r in rows(client, "indicator=cluster.members&to=2020")} == {"2019"}
    assert rows(client, "indicator=cluster.members&from=2025-07&to=2025-12") == []
    assert {r["period"] for r in rows(client, "indicator=cluster.members&from=2025-Q2&to=2025-Q2")} == {
        "2025-06"
    }


@pytest.mark.parametrize("to", ["9999", "9999-Q4", "9999-12", "9999-12-31"])
def test_the_last_possible_period_is_a_valid_end(client, to):
    body = get_json(client, f"{OBSERVATIONS}?to={to}")
    assert body["total"] == get_json(client, OBSERVATIONS)["total"]


def test_links_never_come_from_the_host_header(client, testland):
    response = client.get(f"{OBSERVATIONS}?limit=2", headers={"Host": "evil.example"})
    body = response.get_json()
    assert body["next"].startswith("/api/v1/observations?") and "evil" not in response.headers["Link"]
    configured = create_app(testland.with_(public_url="https://data.example.org/")).server.test_client()
    body = configured.get(f"{OBSERVATIONS}?limit=2", headers={"Host": "evil.example"}).get_json()
    assert body["next"].startswith("https://data.example.org/api/v1/observations?")


# -- paging -------------------------------------------------------------------------------------


def test_paging_with_limit_offset_and_next(client):
    everything = rows(client, "region=TLA&from=2012")
    collected, url, pages = [], f"{OBSERVATIONS}?region=TLA&from=2012&limit=7", 0
    while url:
        response = client.get(url)
        body = response.get_json()
        assert body["total"] == len(everything) and body["limit"] == 7 and body["count"] <= 7
        assert response.headers["X-Total-Count"] == str(len(everything))
        if body["next"]:
            assert response.headers["Link"] == f'<{body["next"]}>; rel="next"'
        collected += body["observations"]
        parts = urlsplit(body["next"]) if body["next"] else None
        url = f"{parts.path}?{parts.query}" if parts else None
        pages += 1
    assert collected == everything
    assert pages == -(-len(everything) // 7)


def test_offset_past_the_end_is_an_empty_page(client):
    body = get_json(client, f"{OBSERVATIONS}?offset=100000")
    assert body["observations"] == [] and body["count"] == 0 and body["next"] is None


# -- bad parameters -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("indicator=jobs.everywhere", "indicator"),
        ("indicator=employment.ict_micro,nope", "indicator"),
        ("region=XX9", "region"),
        ("source=wikipedia", "source"),
        ("status=final", "status"),
        ("breakdown=nonsense", "breakdown"),
        ("as_of=2024-13-01", "as_of"),
        ("as_of=20240101", "as_of"),
        ("as_of=yesterday", "as_of"),
        ("limit=ten", "limit"),
        ("limit=0", "limit"),
        ("limit=10001", "limit"),
        ("limit=2.5", "limit"),
        ("offset=-1", "offset"),
        ("limit=5&limit=6", "limit"),
        ("format=xml", "format"),
        ("from=2023-13", "from"),
        ("to=last-year", "to"),
        ("from=2024&to=2023", "from"),
        ("from=２０２４", "from"),
        ("to=2024²", "to"),
        ("limit=１０", "limit"),
        ("offset=1" + "0" * 30, "offset"),
        ("indicatr=employment.ict_micro", "indicatr"),
    ],
)
def test_bad_parameters_are_400_naming_the_parameter(client, query, parameter):
    response = client.get(f"{OBSERVATIONS}?{query}")
    assert response.status_code == 400
    error = response.get_json()["error"]
    assert error["parameter"] == parameter
    assert parameter in error["message"] or "allowed" in error["message"]
    assert response.headers["Access-Control-Allow-Origin"] == "*"


def test_unknown_parameter_message_lists_the_accepted_ones(client):
    error = get_json(client, f"{OBSERVATIONS}?regions=TLA", 400)["error"]
    assert "regions" in error["message"] and "region" in error["message"].split("accepts:")[1]
    error = get_json(client, f"{OBSERVATIONS}?status=final", 400)["error"]
    assert "actual" in error["message"] and "projection" in error["message"]


def test_unknown_path_is_a_json_404(client):
    response = client.get("/api/v1/observation")
    assert response.status_code == 404
    assert "/api/v1/observations" in response.get_json()["error"]["message"]


def test_the_api_is_read_only(client):
    response = client.post(OBSERVATIONS, data={"indicator": "x"})
    assert response.status_code == 405 and "read-only" in response.get_json()["error"]["message"]


def test_internal_errors_never_leak(client, monkeypatch):
    def broken():
        raise RuntimeError("secret path /srv/db and a traceback")

    monkeypatch.setattr(data, "catalog", broken)
    response = client.get("/api/v1/indicators")
    assert response.status_code == 500
    assert response.get_json() == {"error": {"message": "internal error"}}
    assert b"secret" not in response.data and b"Traceback" not in response.data


# -- CSV ----------------------------------------------------------------------------------------


def test_csv_has_template_columns_then_citation(client):
    response = client.get(f"{OBSERVATIONS}?indicator=employment.ict_micro&region=TLA&format=csv")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith("attachment;") and "employment.ict_micro" in disposition
    assert disposition.endswith('.csv"') and "TLA" in disposition
    table = list(csv.DictReader(io.StringIO(response.data.decode("utf-8"))))
    text_header = response.data.decode("utf-8").splitlines()[0]
    assert text_header.split(",") == [*CANONICAL_COLUMNS, "source_title", "source_url", "licence"]
    (row,) = [r for r in table if r["period"] == "2023" and r["breakdown"] == ""]
    assert row["value"] == "49500" and row["source"] == SS_2024 and row["source_url"] == SS_2024_URL
    assert row["unit"] == "persons" and row["status"] == "actual"
    assert len(table) == len(rows(client, "indicator=employment.ict_micro&region=TLA"))


def test_csv_is_utf8_with_umlauts(client, testland, tmp_path):
    staff_import(
        testland, tmp_path, "cluster.members,TLA,test-cluster,2026,700,,actual,test-cluster-2024,Zählung,\n"
    )
    response = client.get(f"{OBSERVATIONS}?format=csv&from=2026&indicator=cluster.members")
    assert "Zählung" in response.data.decode("utf-8")


# -- caching and CORS ---------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/api/v1/indicators", "/api/v1/regions", "/api/v1/sources", OBSERVATIONS])
def test_every_endpoint_has_cache_validators_and_cors(client, path):
    response = client.get(path)
    assert response.headers["ETag"] and response.headers["Last-Modified"]
    assert response.headers["Cache-Control"] == "public, max-age=300"
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    again = client.get(path, headers={"If-None-Match": response.headers["ETag"]})
    assert again.status_code == 304 and again.data == b""
    assert again.headers["ETag"] == response.headers["ETag"]
    assert again.headers["Access-Control-Allow-Origin"] == "*"


def test_cors_preflight_allows_get_with_validators(client):
    response = client.options(
        OBSERVATIONS, headers={"Origin": "https://news.example", "Access-Control-Request-Method": "GET"}
    )
    assert response.status_code == 200 and response.headers["Access-Control-Allow-Origin"] == "*"
    assert "If-None-Match" in response.headers["Access-Control-Allow-Headers"]
    assert response.headers["Allow"] == "GET, HEAD, OPTIONS"


def test_etag_follows_the_normalised_query_and_the_data_version(client, testland, tmp_path):
    one = client.get(f"{OBSERVATIONS}?region=TLA&indicator=cluster.members").headers["ETag"]
    same = client.get(f"{OBSERVATIONS}?indicator=cluster.members&region=TLA&offset=0").headers["ETag"]
    other = client.get(f"{OBSERVATIONS}?indicator=cluster.members").headers["ETag"]
    as_csv = client.get(f"{OBSERVATIONS}?region=TLA&indicator=cluster.members&format=csv").headers["ETag"]
    assert one == same and len({one, other, as_csv}) == 3
    staff_import(
        testland, tmp_path, "cluster.members,TLA,test-cluster,2026,700,,actual,test-cluster-2024,,\n"
    )
    response = client.get(
        f"{OBSERVATIONS}?region=TLA&indicator=cluster.members", headers={"If-None-Match": one}
    )
    assert response.status_code == 200 and response.headers["ETag"] != one


def test_last_modified_is_the_last_import_and_answers_if_modified_since(client, testland):
    response = client.get(OBSERVATIONS)
    stamp = response.headers["Last-Modified"]
    last = db.last_import_time(db.get_engine(testland.database_url)).replace(tzinfo=UTC, microsecond=0)
    assert stamp == format_datetime(last, usegmt=True)
    assert client.get(OBSERVATIONS, headers={"If-Modified-Since": stamp}).status_code == 304
    earlier = format_datetime(last - timedelta(days=1), usegmt=True)
    assert client.get(OBSERVATIONS, headers={"If-Modified-Since": earlier}).status_code == 200


# -- as_of --------------------------------------------------------------------------------------


def test_as_of_shows_values_as_they_stood_at_the_end_of_that_day(client, testland, tmp_path, monkeypatch):
    line = "cluster.members,TLA,test-cluster,2026,{},members,actual,test-cluster-2024,,\n"
    monkeypatch.setattr(etl.db.load, "utc_now", lambda: datetime(2020, 1, 10, 23, 30, tzinfo=UTC))
    staff_import(testland, tmp_path, line.format(700), "first.csv")
    monkeypatch.undo()
    staff_import(testland, tmp_path, line.format(720), "second.csv")

    def members(query: str = "") -> list[float]:
        body = get_json(client, f"{OBSERVATIONS}?indicator=cluster.members&from=2026&to=2026{query}")
        return [row["value"] for row in body["observations"]]

    assert members() == [720]
    assert members("&as_of=2020-01-10") == [700]  # imported at 23:30 UTC that day
    assert members("&as_of=2020-01-09") == []  # not known yet
    assert members(f"&as_of={datetime.now(UTC).date().isoformat()}") == [720]
    body = get_json(client, f"{OBSERVATIONS}?indicator=cluster.members&as_of=2020-01-10")
    assert body["as_of"] == "2020-01-10" and body["observations"][0]["source_url"].startswith("https://")


# -- spreadsheet safety -------------------------------------------------------------------------

FORMULA = '=HYPERLINK("http://example.com/x","click")'


def frame_with_formula() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "indicator": ["funding.investment_eur", "employment.ict_micro_growth"],
            "region": ["DED", "DED"],
            "breakdown": ["", "@software"],
            "period": ["2023", "2024"],
            "value": [1.5e9, -0.4],
            "unit": ["EUR", "percent"],
            "status": ["actual", "actual"],
            "source": ["s", "s"],
            "note": [FORMULA, "-5"],
            "qualifier": ["", "+cmd|' /C calc'!A0"],
        }
    )


@pytest.mark.parametrize(
    ("text", "safe"),
    [
        ("=1+1", "'=1+1"),
        ("+49 351", "'+49 351"),
        ("-x", "'-x"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("'=1", "''=1"),
        ("-5", "-5"),
        ("+4.2", "+4.2"),
        ("plain text", "plain text"),
        ("", ""),
    ],
)
def test_neutralise_prefixes_formulas_and_restore_undoes_it(text, safe):
    assert neutralise(text) == safe
    assert restore(safe) == text


def test_neutralise_leaves_numbers_alone():
    assert neutralise(-5.0) == -5.0 and neutralise(3) == 3


def test_csv_export_neutralises_text_but_not_numbers():
    table = list(csv.DictReader(io.StringIO(to_csv(frame_with_formula()).decode("utf-8"))))
    assert table[0]["note"] == "'" + FORMULA
    assert table[0]["value"] == "1500000000"
    assert table[1]["value"] == "-0.4" and table[1]["note"] == "-5"
    assert table[1]["breakdown"] == "'@software" and table[1]["qualifier"].startswith("'+cmd")


def test_xlsx_export_writes_neutralised_text_and_numeric_values():
    sheet = load_workbook(io.BytesIO(to_xlsx(frame_with_formula()))).active
    header = [cell.value for cell in sheet[1]]
    assert header == CANONICAL_COLUMNS
    note, value = sheet.cell(2, header.index("note") + 1), sheet.cell(3, header.index("value") + 1)
    assert note.value == "'" + FORMULA and note.data_type == "s"
    assert value.value == -0.4 and value.data_type == "n"
    assert sheet.cell(2, header.index("value") + 1).value == 1.5e9


def test_api_csv_neutralises_but_json_keeps_the_text(client, testland, tmp_path):
    note = FORMULA.replace('"', '""')
    staff_import(
        testland, tmp_path, f'cluster.members,TLA,test-cluster,2026,700,,actual,test-cluster-2024,"{note}",\n'
    )
    query = f"{OBSERVATIONS}?indicator=cluster.members&from=2026"
    (row,) = csv.DictReader(io.StringIO(client.get(f"{query}&format=csv").data.decode("utf-8")))
    assert row["note"] == "'" + FORMULA and row["value"] == "700"
    assert rows(client, "indicator=cluster.members&from=2026")[0]["note"] == FORMULA


# -- German texts ---------------------------------------------------------------------------------

GERMAN_HEADER = "indicator,region,breakdown,period,value,unit,status,source,note,note_de,qualifier\n"
GERMAN_ROW = (
    "cluster.members,TLA,test-cluster,2026,700,,actual,test-cluster-2024,members in May,Mitglieder im Mai,\n"
)


def test_the_note_follows_lang_and_note_de_is_always_there(client, testland, tmp_path):
    pipeline.import_staff_file(testland, write(tmp_path / "de.csv", GERMAN_HEADER + GERMAN_ROW))
    query = "indicator=cluster.members&from=2026"
    (english,) = rows(client, query)
    (german,) = rows(client, f"{query}&lang=de")
    assert (english["note"], english["note_de"]) == ("members in May", "Mitglieder im Mai")
    assert (german["note"], german["note_de"]) == ("Mitglieder im Mai", "Mitglieder im Mai")
    first = client.get(f"{OBSERVATIONS}?{query}")
    second = client.get(f"{OBSERVATIONS}?{query}&lang=de")
    assert first.headers["ETag"] != second.headers["ETag"]  # two answers, cached apart
    (row,) = csv.DictReader(
        io.StringIO(client.get(f"{OBSERVATIONS}?{query}&lang=de&format=csv").data.decode())
    )
    assert (row["note"], row["note_de"]) == ("Mitglieder im Mai", "Mitglieder im Mai")
    # without a German note the German answer gives the English one, and note_de stays empty
    (plain,) = rows(client, "indicator=cluster.members&region=TLA&from=2024&to=2024&lang=de")
    assert plain["note"] == "SYNTHETIC" and plain["note_de"] == ""
    assert get_json(client, f"{OBSERVATIONS}?{query}&lang=xx&lang=de", 400)["error"]["parameter"] == "lang"


def test_sources_list_the_german_publisher_where_there_is_one(client):
    sources = {row["slug"]: row for row in get_json(client, "/api/v1/sources")}
    blog = sources["test-blog-2008"]
    assert blog["publisher"] == "Testshire Blog (SYNTHETIC; quoting a statistics release)"
    assert blog["publisher_de"] == "Testshire-Blog (SYNTHETIC; zitiert eine Statistikmitteilung)"
    assert sources[SS_2024]["publisher_de"] == ""
