"""Regionaldatenbank Deutschland (GENESIS REST 2020): employees and population by Saxon district.

fetch() POSTs data/tablefile (form-encoded, credentials in the `username`/`password` headers) per
table and keeps the ffcsv ZIP as <table>.zip. GENESIS reports problems as a JSON envelope with
HTTP 200, so every answer is sniffed: a ZIP is data; otherwise Status.Code decides. Code 98 (table
too large) starts a background job: re-POST with job=true (code 99 names the job), poll
catalogue/results while it answers 104, then download data/resultfile.
parse() reads the single CSV inside each ZIP (see etl.sources.ffcsv) into canonical rows.
"""

from __future__ import annotations

import io
import json
import logging
import re
import time
import zipfile
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from etl.config import Settings
from etl.errors import CredentialsMissingError, SourceError, TryLaterError
from etl.http import RegiometerSession, make_session
from etl.raw import RawStore, manifest_files
from etl.schema import empty_frame
from etl.sources.ffcsv import TABLES, Table, read_ffcsv

log = logging.getLogger(__name__)

NAME = "genesis"
# Job polling; tests shrink these.
POLL_INTERVAL = 5.0
MAX_WAIT = 1800.0
# The Regionaldatenbank often takes minutes to build a table (pystatis waits 300 s), so reads get
# at least this long; connecting still fails fast with settings.http_timeout.
READ_TIMEOUT = 300.0

OK, TOO_LARGE, JOB_CREATED, NO_OBJECTS = 0, 98, 99, 104
ZIP_MAGIC = b"PK\x03\x04"


def credentials(settings: Settings) -> dict[str, str]:
    """The auth headers; raises before any request when no account is configured."""
    if not settings.genesis_username:
        raise CredentialsMissingError(
            NAME,
            "the Regionaldatenbank API needs a free account (https://www.regionalstatistik.de, "
            "Registrierung): set REGIOMETER_GENESIS_USERNAME and REGIOMETER_GENESIS_PASSWORD "
            "(or a token as username with an empty password), then run again",
        )
    return {"username": settings.genesis_username, "password": settings.genesis_password}


def table_params(table: str, since_year: int) -> dict[str, str]:
    return {
        "name": table,
        "area": "all",
        "compress": "false",
        "format": "ffcsv",
        "startyear": str(since_year),
        "regionalvariable": "KREISE",
        "regionalkey": "14*",
        "language": "de",
    }


def job_name(table: str, content: str) -> str:
    """The job name in a code-99 message ("... mit folgendem Namen: 12531-0043_175879554")."""
    found = re.findall(rf"{re.escape(table)}_\d+", content) or re.findall(r"[\w-]+_\d+", content)
    if not found:
        raise SourceError(NAME, f"{table}: job created, but its name is not in the answer: {content!r}")
    return found[-1]


def envelope(body: bytes, url: str) -> dict:
    """The Status of a GENESIS JSON answer; SourceError when the body is neither ZIP nor envelope."""
    try:
        document = json.loads(body.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError):
        document = None
    if not isinstance(document, dict) or not isinstance(document.get("Status"), dict):
        start = body[:200].decode("utf-8", errors="replace")
        raise SourceError(NAME, f"unexpected answer, neither a ZIP nor a GENESIS message: {start!r}", url)
    status = document["Status"]
    status["List"] = document.get("List") or []
    return status


def _status_error(table: str, status: dict, url: str) -> SourceError:
    return SourceError(
        NAME, f"{table}: GENESIS status {status.get('Code')}: {status.get('Content', '')}", url
    )


class GenesisSource:
    name = NAME
    needs_network = True

    def __init__(self, tables: tuple[Table, ...] = TABLES, sleep: Callable[[float], None] = time.sleep):
        self.tables = tables
        self.sleep = sleep

    def fetch(self, settings: Settings) -> Path:
        headers = credentials(settings)
        session = make_session(settings, NAME, sleep=self.sleep)
        session.timeout = (settings.http_timeout, max(settings.http_timeout, READ_TIMEOUT))
        snapshot = RawStore(settings.raw_dir).start(NAME)
        base = settings.base_url(NAME)
        for table in self.tables:
            params = table_params(table.name, settings.since_year)
            body, job = self._tablefile(session, base, headers, params)
            extra = {"params": params, "job": job} if job else {"params": params}
            snapshot.save(f"{table.name}.zip", body, f"{base}/data/tablefile", **extra)
            log.info("genesis: %s, %d bytes", table.name, len(body))
        return snapshot.complete()

    def parse(self, snapshot: Path) -> pd.DataFrame:
        frames, skipped = [], Counter()
        by_name = {table.name: table for table in TABLES}
        for entry in manifest_files(snapshot):
            table = by_name.get(entry["name"].removesuffix(".zip"))
            if table is None:
                skipped[f"unknown file {entry['name']}"] += 1
                continue
            text = unzip_csv((Path(snapshot) / entry["name"]).read_bytes(), entry["name"])
            frame = read_ffcsv(text, table)
            frames.append(frame)
            skipped.update(frame.attrs["skipped"])
        result = pd.concat(frames, ignore_index=True) if frames else empty_frame()
        result.attrs["skipped"] = dict(skipped)
        return result

    def _tablefile(
        self, session: RegiometerSession, base: str, headers: dict, params: dict
    ) -> tuple[bytes, str]:
        """The table's ZIP, through a background job when GENESIS says the table is too large."""
        url = f"{base}/data/tablefile"
        body = session.post(url, data=params, headers=headers).content
        if body.startswith(ZIP_MAGIC):
            return body, ""
        status = envelope(body, url)
        if status.get("Code") != TOO_LARGE:
            raise _status_error(params["name"], status, url)
        body = session.post(url, data={**params, "job": "true"}, headers=headers).content
        if body.startswith(ZIP_MAGIC):
            return body, ""
        status = envelope(body, url)
        if status.get("Code") != JOB_CREATED:
            raise _status_error(params["name"], status, url)
        job = job_name(params["name"], str(status.get("Content", "")))
        log.info("genesis: %s is large; waiting for job %s", params["name"], job)
        self._wait_for(session, base, headers, job)
        result_url = f"{base}/data/resultfile"
        form = {"name": job, "area": "user", "compress": "false", "format": "ffcsv", "language": "de"}
        body = session.post(result_url, data=form, headers=headers).content
        if not body.startswith(ZIP_MAGIC):
            raise _status_error(job, envelope(body, result_url), result_url)
        return body, job

    def _wait_for(self, session: RegiometerSession, base: str, headers: dict, job: str) -> None:
        """Poll catalogue/results until the job is listed; TryLaterError after MAX_WAIT seconds."""
        url = f"{base}/catalogue/results"
        form = {"selection": job, "area": "user", "pagelength": "1", "language": "de"}
        waited = 0.0
        while True:
            status = envelope(session.post(url, data=form, headers=headers).content, url)
            code = status.get("Code")
            if code == OK and any(
                item.get("Code") == job for item in status["List"] if isinstance(item, dict)
            ):
                return
            if code not in (OK, NO_OBJECTS):
                raise _status_error(job, status, url)
            if waited >= MAX_WAIT:
                raise TryLaterError(
                    NAME, f"job {job} is not ready after {waited:.0f} s; run again later", url
                )
            self.sleep(POLL_INTERVAL)
            waited += POLL_INTERVAL


def unzip_csv(body: bytes, name: str = "answer") -> str:
    """The text of the one CSV member of an ffcsv ZIP."""
    if not body.startswith(ZIP_MAGIC):
        raise SourceError(NAME, f"{name} is not a ZIP (GENESIS answered with a message instead of data)")
    try:
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            members = [m for m in archive.namelist() if m.lower().endswith(".csv")]
            if len(members) != 1:
                raise SourceError(NAME, f"{name} should hold one CSV, found {members or 'none'}")
            data = archive.read(members[0])
    except zipfile.BadZipFile as exc:
        raise SourceError(NAME, f"{name} is a damaged ZIP: {exc}") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252")  # older exports were Windows-1252


SOURCE = GenesisSource()
