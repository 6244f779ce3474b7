"""Regionaldatenbank Deutschland (GENESIS REST 2020): employees and population by district.

fetch() POSTs data/tablefile (form-encoded, credentials in the `username`/`password` headers) per
table and region level of the pack (the Land by its area key, Regierungsbezirke and Kreise with
`<home key>*`; the keys come from the `ags` column of the pack's regions.csv) and keeps each ffcsv
ZIP as <table>_<variable>[_<from>-<to>].zip. GENESIS reports problems as a JSON envelope with HTTP
200, so every answer is sniffed: a ZIP is data; otherwise Status.Code decides.

Code 98 means the table is too large for a direct download (more than 40,000 values since
24 March 2025). Destatis offers two ways out: split the request along the time axis, or start a
background job (job=true, then catalogue/results and data/resultfile). Jobs are writing access and
need a user name and password; an API token (given as the user name with an empty password) is
read-only. So the connector first splits the years in halves until each part fits; only a single
year that is still too large goes to a job, and only with a password (else the error says so).
Each table and level is its own unit: one that fails is recorded and the others are loaded.
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
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

from etl.config import Settings
from etl.errors import CredentialsMissingError, SourceError, TryLaterError
from etl.http import RegiometerSession, make_session
from etl.pack import Pack
from etl.raw import RawStore, Snapshot, manifest_failures, manifest_files
from etl.schema import KEY_COLUMNS, empty_frame
from etl.sources.base import complete_or_raise
from etl.sources.ffcsv import TABLES, RegionKeys, Table, read_ffcsv

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


def can_start_jobs(headers: dict[str, str]) -> bool:
    """Jobs need a user name and password; a token (empty password) gives read-only access."""
    return bool(headers.get("password"))


def table_params(
    table: str, since_year: int, variable: str, key: str, until_year: int | None = None
) -> dict[str, str]:
    params = {
        "name": table,
        "area": "all",
        "compress": "false",
        "format": "ffcsv",
        "startyear": str(since_year),
        "regionalvariable": variable,
        "regionalkey": key,
        "language": "de",
    }
    if until_year is not None:
        params["endyear"] = str(until_year)
    return params


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


def file_name(params: dict[str, str]) -> str:
    """13111-01-03-4_KREISE.zip, or 13111-01-03-4_KREISE_2010-2017.zip for one part of a split."""
    stem = f"{params['name']}_{params['regionalvariable']}"
    if "endyear" in params:
        stem += f"_{params['startyear']}-{params['endyear']}"
    return f"{stem}.zip"


class GenesisSource:
    name = NAME
    needs_network = True

    def __init__(
        self,
        tables: tuple[Table, ...] = TABLES,
        sleep: Callable[[float], None] = time.sleep,
        this_year: Callable[[], int] = lambda: datetime.now(UTC).year,
    ):
        self.tables = tables
        self.sleep = sleep
        self.this_year = this_year

    def fetch(self, settings: Settings) -> Path:
        keys = RegionKeys.of(settings.region_pack())
        if not keys.home_key:
            raise SourceError(
                NAME,
                "the region pack gives no area key (ags) for its home region in reference/regions.csv; "
                "the Regionaldatenbank covers German regions only",
            )
        headers = credentials(settings)
        session = make_session(settings, NAME, sleep=self.sleep)
        session.timeout = (settings.http_timeout, max(settings.http_timeout, READ_TIMEOUT))
        snapshot = RawStore(settings.raw_dir).start(NAME)
        base = settings.base_url(NAME)
        errors: list[SourceError] = []
        for table in self.tables:
            for variable, key in keys.variables():
                params = table_params(table.name, settings.since_year, variable, key)
                unit = f"{table.name} {variable}"
                try:
                    parts = self._tablefile(session, base, headers, params)
                except SourceError as exc:  # this table and level only
                    log.warning("genesis: %s failed: %s", unit, exc)
                    errors.append(exc)
                    snapshot.fail(unit, exc.message, exc.url or f"{base}/data/tablefile", params=params)
                    continue
                self._store(snapshot, base, table, variable, parts)
        return complete_or_raise(snapshot, errors, NAME)

    @staticmethod
    def _store(snapshot: Snapshot, base: str, table: Table, variable: str, parts: list) -> None:
        for body, params, job in parts:
            extra = {"table": table.name, "variable": variable, "params": params}
            if job:
                extra["job"] = job
            snapshot.save(file_name(params), body, f"{base}/data/tablefile", **extra)
            log.info("genesis: %s, %d bytes", file_name(params), len(body))

    def parse(self, snapshot: Path, pack: Pack) -> pd.DataFrame:
        keys = RegionKeys.of(pack)
        frames = []
        skipped: Counter[str] = Counter()
        by_name = {table.name: table for table in (*TABLES, *self.tables)}
        for entry in manifest_files(snapshot):
            # table codes hold no '_': <table>.zip (older snapshots) or <table>_<variable>[_<years>].zip
            table = by_name.get(entry.get("table") or entry["name"].removesuffix(".zip").split("_")[0])
            if table is None:
                skipped[f"unknown file {entry['name']}"] += 1
                continue
            text = unzip_csv((Path(snapshot) / entry["name"]).read_bytes(), entry["name"])
            frame = read_ffcsv(text, table, keys)
            frames.append(frame)
            skipped.update(frame.attrs["skipped"])
        result = pd.concat(frames, ignore_index=True) if frames else empty_frame()
        duplicated = result.duplicated(KEY_COLUMNS)
        if duplicated.any():  # a level's answer that repeats rows of another level's answer
            skipped["repeated in another answer"] += int(duplicated.sum())
            result = result[~duplicated].reset_index(drop=True)
        result.attrs["skipped"] = dict(skipped)
        result.attrs["failed"] = manifest_failures(snapshot)
        return result

    def _tablefile(
        self, session: RegiometerSession, base: str, headers: dict, params: dict
    ) -> list[tuple[bytes, dict, str]]:
        """The table's ZIP(s) as (body, params, job): split by years while GENESIS says the table is
        too large, and through a background job for a single year that is still too large."""
        url = f"{base}/data/tablefile"
        body = session.post(url, data=params, headers=headers).content
        if body.startswith(ZIP_MAGIC):
            return [(body, params, "")]
        status = envelope(body, url)
        if status.get("Code") != TOO_LARGE:
            raise _status_error(params["name"], status, url)
        first = int(params["startyear"])
        last = int(params.get("endyear") or self.this_year())
        if first < last:
            middle = (first + last) // 2
            log.info("genesis: %s is too large for %d-%d; asking in two parts", params["name"], first, last)
            return self._tablefile(
                session, base, headers, {**params, "startyear": str(first), "endyear": str(middle)}
            ) + self._tablefile(
                session, base, headers, {**params, "startyear": str(middle + 1), "endyear": str(last)}
            )
        if not can_start_jobs(headers):
            raise SourceError(
                NAME,
                f"{params['name']}: even one year ({first}) is too large for a direct download (GENESIS "
                "status 98), and a background job needs a user name and password: an API token is "
                "read-only. Set REGIOMETER_GENESIS_USERNAME and REGIOMETER_GENESIS_PASSWORD to the "
                "account's user name and password, then run again",
                url,
            )
        return [self._job(session, base, headers, params)]

    def _job(
        self, session: RegiometerSession, base: str, headers: dict, params: dict
    ) -> tuple[bytes, dict, str]:
        url = f"{base}/data/tablefile"
        body = session.post(url, data={**params, "job": "true"}, headers=headers).content
        if body.startswith(ZIP_MAGIC):
            return body, params, ""
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
        return body, params, job

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
