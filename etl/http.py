"""The one HTTP session every source uses: timeouts, retries with backoff, a project user agent.

Sources never call requests.get directly. make_session() returns a requests.Session whose request()
- always sends a timeout (settings.http_timeout),
- retries connection errors, timeouts, truncated bodies, 429 and 5xx up to settings.http_retries
  times, waiting settings.http_backoff * 2**attempt seconds, or longer when Retry-After says so,
- raises HTTPStatusError for any other non-2xx answer, with a detail read from the body.
The sleep function is injectable so tests never really wait. Request headers are never logged:
GENESIS sends credentials in them.
"""

from __future__ import annotations

import http.client
import json
import logging
import time
from collections.abc import Callable
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

import requests
from urllib3.exceptions import ProtocolError

from etl.config import Settings
from etl.errors import HTTPStatusError, SourceError

log = logging.getLogger(__name__)

USER_AGENT = "Regiometer/0.1 (+regional statistics dashboard)"
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
# A server asking for more than this is treated as down rather than waited for.
MAX_RETRY_AFTER = 600.0
DETAIL_CHARS = 200

# Everything that means "the bytes did not arrive": worth another attempt.
TRANSIENT_ERRORS: tuple[type[BaseException], ...] = (
    requests.ConnectionError,
    requests.Timeout,
    requests.exceptions.ChunkedEncodingError,
    http.client.IncompleteRead,
    ProtocolError,
)


class TruncatedBody(requests.exceptions.ChunkedEncodingError):
    """The body is shorter or longer than its Content-Length said."""


class RegiometerSession(requests.Session):
    """A requests.Session with the project's timeout, retry and error policy built into request()."""

    def __init__(
        self,
        source: str,
        timeout: float | tuple[float, float],
        retries: int,
        backoff: float,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        super().__init__()
        self.source = source
        self.timeout = timeout
        self.retries = max(0, retries)
        self.backoff = backoff
        self.sleep = sleep
        self.headers["User-Agent"] = USER_AGENT

    def request(self, method: str, url: str, *args, **kwargs) -> requests.Response:  # type: ignore[override]
        kwargs.setdefault("timeout", self.timeout)
        attempts = self.retries + 1
        for attempt in range(attempts):
            last = attempt == attempts - 1
            try:
                response = super().request(method, url, *args, **kwargs)
                _check_complete(response)
            except TRANSIENT_ERRORS as exc:
                if last:
                    raise SourceError(
                        self.source,
                        f"no complete answer after {attempts} attempts ({type(exc).__name__}: {exc}); "
                        "check the network, or point REGIOMETER_"
                        f"{self.source.upper()}_BASE_URL at a reachable mirror",
                        url,
                    ) from exc
                self._wait(attempt, None, f"{type(exc).__name__}", url)
                continue
            if response.status_code in RETRY_STATUSES and not last:
                self._wait(attempt, response.headers.get("Retry-After"), f"HTTP {response.status_code}", url)
                continue
            if not response.ok:
                detail = error_detail(response)
                raise HTTPStatusError(self.source, response.status_code, response.url or url, detail)
            return response
        raise AssertionError("unreachable")  # the loop always returns or raises

    def _wait(self, attempt: int, retry_after: str | None, reason: str, url: str) -> None:
        delay = max(self.backoff * 2**attempt, parse_retry_after(retry_after))
        log.warning(
            "%s: %s from %s; retry %d/%d in %.1f s",
            *(self.source, reason, url, attempt + 1, self.retries, delay),
        )
        self.sleep(delay)


def make_session(
    settings: Settings, source: str, sleep: Callable[[float], None] = time.sleep
) -> RegiometerSession:
    """The session a source uses for all its requests."""
    return RegiometerSession(
        source,
        timeout=settings.http_timeout,
        retries=settings.http_retries,
        backoff=settings.http_backoff,
        sleep=sleep,
    )


def _check_complete(response: requests.Response) -> None:
    """Raise TruncatedBody when a plain (not content-encoded) body misses bytes its length promised."""
    expected = response.headers.get("Content-Length")
    if response.request is not None and response.request.method == "HEAD":
        return
    if not expected or not expected.isdigit() or response.headers.get("Content-Encoding"):
        return
    received = len(response.content)
    if received != int(expected):
        raise TruncatedBody(f"received {received} of {expected} bytes")


def parse_retry_after(value: str | None) -> float:
    """Seconds to wait from a Retry-After header (delta-seconds or an HTTP date); 0 when absent/invalid."""
    if not value:
        return 0.0
    value = value.strip()
    if value.isdigit():
        return min(float(value), MAX_RETRY_AFTER)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return 0.0
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return min(max((when - datetime.now(UTC)).total_seconds(), 0.0), MAX_RETRY_AFTER)


def error_detail(response: requests.Response) -> str:
    """The useful sentence from an error body: Eurostat's label, GENESIS's Status.Content, else its start."""
    try:
        text = response.content.decode(response.encoding or "utf-8", errors="replace")
    except (requests.RequestException, LookupError):
        return ""
    return detail_from_text(text)


def detail_from_text(text: str) -> str:
    text = text.lstrip("\ufeff").strip()
    try:
        document = json.loads(text)
    except ValueError:
        return " ".join(text.split())[:DETAIL_CHARS]
    detail = _json_detail(document)
    return detail if detail else " ".join(text.split())[:DETAIL_CHARS]


def _json_detail(document: object) -> str:
    if not isinstance(document, dict):
        return ""
    error = document.get("error")
    errors = error if isinstance(error, list) else [error] if isinstance(error, dict) else []
    labels = [str(item.get("label", "")) for item in errors if isinstance(item, dict) and item.get("label")]
    if labels:
        return "; ".join(labels)
    status = document.get("Status")
    if isinstance(status, dict) and status.get("Content"):
        code = status.get("Code")
        return f"{status['Content']} (code {code})" if code is not None else str(status["Content"])
    warning = document.get("warning")
    if isinstance(warning, dict) and warning.get("label"):
        return str(warning["label"])
    return ""
