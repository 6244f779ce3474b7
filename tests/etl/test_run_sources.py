"""`python -m etl run` against a real HTTP server on loopback that serves Eurostat's paths.

Covers the issue's promises: loads, a rerun reports everything unchanged, and with the network
failing (refused, 503 then 200, truncated bodies) sources retry, then fail cleanly and change nothing.
"""

from __future__ import annotations

import csv
import io
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest

from etl import cli
from etl.sources import eurostat

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "eurostat"
PREFIX = "/eurostat/api/dissemination/statistics/1.0/data/"
GOOD = "nama_10r_2gdp"


class EurostatMirror(BaseHTTPRequestHandler):
    mode = "ok"  # ok | flaky | down | truncated | one (only GOOD answers data, the rest an empty cube)
    seen: ClassVar[dict[str, int]] = {}

    def do_GET(self) -> None:
        path = self.path.split("?")[0]
        if not path.startswith(PREFIX):
            self.send_error(404)
            return
        count = self.seen[path] = self.seen.get(path, 0) + 1
        if self.mode == "down" or (self.mode == "flaky" and count == 1):
            self.send_error(503, "Service Unavailable")
            return
        dataset = path.removeprefix(PREFIX)
        empty = self.mode == "one" and dataset != GOOD
        body = (FIXTURES / ("empty_unknown_geo.json" if empty else f"{dataset}.json")).read_bytes()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body[: len(body) // 2] if self.mode == "truncated" else body)

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def mirror():
    EurostatMirror.mode = "ok"
    EurostatMirror.seen = {}
    server = ThreadingHTTPServer(("127.0.0.1", 0), EurostatMirror)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def env(sqlite_seeded, monkeypatch, mirror):
    host, port = mirror.server_address
    monkeypatch.setenv("REGIOMETER_DATA_DIR", str(sqlite_seeded.data_dir))
    monkeypatch.setenv("REGIOMETER_EUROSTAT_BASE_URL", f"http://{host}:{port}/eurostat/api/dissemination")
    monkeypatch.setenv("REGIOMETER_HTTP_BACKOFF", "0.01")
    monkeypatch.setenv("REGIOMETER_HTTP_RETRIES", "2")
    return sqlite_seeded


def export(tmp_path: Path, name: str) -> bytes:
    target = tmp_path / name
    assert cli.main(["export", "--output", str(target)]) == 0
    return target.read_bytes()


def summary_row(out: str, source: str) -> list[str]:
    return next(line.split() for line in out.splitlines() if line.startswith(source))


def test_loads_then_rerun_reports_unchanged(env, capsys):
    assert cli.main(["run", "eurostat"]) == 0
    first = summary_row(capsys.readouterr().out, "eurostat")
    assert first[1] == "succeeded" and int(first[2]) > 0
    assert cli.main(["run", "eurostat"]) == 0
    second = summary_row(capsys.readouterr().out, "eurostat")
    assert second[1:5] == ["succeeded", "0", "0", first[2]]


def test_503_then_200_is_retried(env, mirror, capsys):
    EurostatMirror.mode = "flaky"
    assert cli.main(["run", "eurostat"]) == 0
    assert summary_row(capsys.readouterr().out, "eurostat")[1] == "succeeded"
    assert all(count == 2 for count in EurostatMirror.seen.values())


@pytest.mark.parametrize("mode", ["down", "truncated"])
def test_failing_network_fails_cleanly_and_changes_nothing(env, mirror, tmp_path, capsys, mode):
    before = export(tmp_path, "before.csv")
    EurostatMirror.mode = mode
    assert cli.main(["run", "eurostat"]) == 1
    row = summary_row(capsys.readouterr().out, "eurostat")
    assert row[1] == "failed"
    assert max(EurostatMirror.seen.values()) == 3  # the first try and two retries
    assert export(tmp_path, "after.csv") == before


def test_connection_refused_fails_cleanly(env, mirror, tmp_path, capsys):
    before = export(tmp_path, "before.csv")
    mirror.shutdown()
    mirror.server_close()
    assert cli.main(["run", "eurostat"]) == 1
    assert "failed" in capsys.readouterr().out
    assert export(tmp_path, "after.csv") == before


def test_genesis_without_credentials_says_what_to_set(env, monkeypatch, capsys):
    monkeypatch.delenv("REGIOMETER_GENESIS_USERNAME", raising=False)
    assert cli.main(["run", "genesis"]) == 1
    assert "REGIOMETER_GENESIS_USERNAME" in capsys.readouterr().out


def test_one_failing_source_does_not_stop_the_others(env, mirror, capsys):
    assert cli.main(["run", "genesis", "eurostat"]) == 1
    out = capsys.readouterr().out
    assert summary_row(out, "genesis")[1] == "failed"
    assert summary_row(out, "eurostat")[1] == "succeeded"


def test_one_good_dataset_loads_and_the_empty_cubes_are_named(env, mirror, tmp_path, capsys):
    """Each dataset is its own unit: the good one loads, every empty cube is reported, exit 1."""
    EurostatMirror.mode = "one"
    assert cli.main(["run", "eurostat"]) == 1
    out = capsys.readouterr().out
    row = summary_row(out, "eurostat")
    assert row[1] == "partial" and int(row[2]) == 24  # nama_10r_2gdp: 12 GDP and 12 GDP per head
    line = next(line for line in out.splitlines() if line.startswith("eurostat"))
    bad = [d.code for d in eurostat.DATASETS if d.code != GOOD]
    assert all(f"{code} returned an empty cube" in line for code in bad)
    rows = list(csv.DictReader(io.StringIO(export(tmp_path, "after.csv").decode())))
    assert {row["indicator"] for row in rows if row["source"] == "eurostat"} == {
        "context.gdp_eur",
        "context.gdp_per_capita_eur",
    }
    assert cli.main(["status"]) == 0
    assert "not loaded: htec_emp_reg2" in capsys.readouterr().out


def test_export_fills_the_unit_of_every_row(env, tmp_path):
    assert cli.main(["run", "eurostat"]) == 0
    rows = list(csv.DictReader(io.StringIO(export(tmp_path, "all.csv").decode())))
    assert rows and all(row["unit"] for row in rows)
    units = {(row["indicator"], row["unit"]) for row in rows}
    assert ("context.population", "persons") in units and ("context.rd_intensity", "percent") in units
    assert ("context.gdp_eur", "EUR") in units and ("cluster.members", "members") in units
