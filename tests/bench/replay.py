"""Recorded callbacks sent again through HTTP, as Chromium sent them (body, headers, locale), each
over a new connection so both workers answer; and page loads as a browser with a warm cache makes them."""

from __future__ import annotations

import gzip
import http.client
import math
import statistics
import time
import zlib
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import brotli

from tests.bench.browser import Call

try:
    from compression import zstd  # type: ignore[import-not-found]
except ImportError:  # Python < 3.14: the backport Flask-Compress depends on
    from backports import zstd  # type: ignore[import-not-found,no-redef]

BROWSER_ACCEPT_ENCODING = "gzip, deflate, br, zstd"
TIMEOUT = 120


@dataclass
class Answer:
    status: int
    ms: float
    wire_bytes: int  # as sent (compressed)
    body_bytes: int  # decoded
    error: str = ""


def decode(data: bytes, encoding: str) -> bytes:
    encoding = encoding.strip().lower()
    if encoding == "br":
        return brotli.decompress(data)
    if encoding == "gzip":
        return gzip.decompress(data)
    if encoding == "zstd":
        return zstd.decompress(data)
    if encoding == "deflate":
        return zlib.decompress(data)
    return data


def send(
    connection: http.client.HTTPConnection, method: str, url: str, body: bytes | None, headers: dict
) -> Answer:
    started = time.perf_counter()
    try:
        connection.request(method, url, body=body, headers=headers)
        response = connection.getresponse()
        data = response.read()
        elapsed = (time.perf_counter() - started) * 1000
        decoded = decode(data, response.getheader("Content-Encoding", ""))
    except (OSError, http.client.HTTPException) as exc:
        connection.close()
        return Answer(0, (time.perf_counter() - started) * 1000, 0, 0, f"{type(exc).__name__}: {exc}")
    if response.getheader("Connection", "").lower() == "close":
        connection.close()
    ok = response.status in (200, 204, 304) or (method == "GET" and 300 <= response.status < 400)
    error = "" if ok else f"HTTP {response.status}"  # a browser follows a redirect (/editor: /login)
    return Answer(response.status, elapsed, len(data), len(decoded), error)


def call_headers(call: Call) -> dict[str, str]:
    headers = dict(call.headers)
    headers.setdefault("accept-encoding", BROWSER_ACCEPT_ENCODING)
    return headers


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile (p95 of 24 samples is the second largest)."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered), max(1, math.ceil(share * len(ordered)))) - 1]


@dataclass
class Timing:
    call: Call
    ms: list[float] = field(default_factory=list)
    first_ms: float = 0.0  # the first replay (a worker's cache may still be cold)
    wire_bytes: int = 0
    body_bytes: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def p50(self) -> float:
        return statistics.median(self.ms) if self.ms else float("nan")

    @property
    def p95(self) -> float:
        return percentile(self.ms, 0.95)

    def as_dict(self) -> dict:
        return {
            **{k: v for k, v in self.call.as_dict().items() if k not in {"body", "headers"}},
            "p50_ms": round(self.p50, 1),
            "p95_ms": round(self.p95, 1),
            "max_ms": round(max(self.ms), 1) if self.ms else None,
            "first_ms": round(self.first_ms, 1),
            "samples": len(self.ms),
            "wire_bytes": self.wire_bytes,
            "body_bytes": self.body_bytes,
            "errors": self.errors[:5],
        }


def distinct(calls: list[Call]) -> list[Call]:
    """One of each request per page (the shell's callbacks and repeated chains are sent once)."""
    seen, unique = set(), []
    for call in calls:
        key = (call.page, call.lang, call.url.split("?")[0], call.body)
        if key not in seen:
            seen.add(key)
            unique.append(call)
    return unique


def replay(
    base: str, calls: list[Call], repeat: int, warmup: int = 1, seconds_per_call: float = 3.0
) -> list[Timing]:
    """Each call once (kept as `first_ms`), `warmup` times unmeasured, then `repeat` times measured,
    each on a new connection; a slow call stops after `seconds_per_call` (at least 3 measured)."""
    host = urlsplit(base)
    timings = []
    for call in distinct(calls):
        timing = Timing(call)
        headers = call_headers(call)
        spent = 0.0
        for round_ in range(1 + warmup + repeat):
            if round_ > warmup + 3 and spent > seconds_per_call * 1000:
                break
            connection = http.client.HTTPConnection(host.hostname, host.port, timeout=TIMEOUT)
            answer = send(connection, "POST", call.url, call.body, headers)
            connection.close()
            spent += answer.ms
            if answer.error:
                timing.errors.append(answer.error)
            if round_ == 0:
                timing.first_ms = answer.ms
            elif round_ > warmup:
                timing.ms.append(answer.ms)
            timing.wire_bytes = max(timing.wire_bytes, answer.wire_bytes)
            timing.body_bytes = max(timing.body_bytes, answer.body_bytes)
        timings.append(timing)
    return timings


def page_headers(lang: str) -> dict[str, str]:
    return {
        "accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
        "accept-encoding": BROWSER_ACCEPT_ENCODING,
        "accept-language": "de-DE,de;q=0.9" if lang == "de" else "en-GB,en;q=0.9",
        "user-agent": "Mozilla/5.0 (X11; Linux x86_64) regiometer-bench",
    }
