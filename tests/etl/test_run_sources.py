"""`python -m etl run` against a real HTTP server on loopback that serves Eurostat's paths.

Covers the issue's promises: loads, a rerun reports everything unchanged, and with the network
failing (refused, 503 then 200, truncated bodies) sources retry, then fail cleanly and change nothing.
"""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest

from etl import cli

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "eurostat"
PREFIX = "/eurostat/api/dissemination/statistics/1.0/data/"


class EurostatMirror(BaseHTTPRequestHandler):
    mode = "ok"  # ok | flaky | down | truncated
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
        body = (FIXTURES / f"{path.removeprefix(PREFIX)}.json").read_bytes()
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
