"""etl.http: timeouts, retries with backoff (429, 5xx, connection errors, truncated bodies), error details."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest
import requests
import responses

from etl.config import Settings
from etl.errors import HTTPStatusError, SourceError
from etl.http import USER_AGENT, detail_from_text, make_session, parse_retry_after

URL = "https://ec.europa.eu/eurostat/api/dissemination/statistics/1.0/data/htec_emp_reg2"
EUROSTAT_404 = (
    '{ "error": [{"status": 404,"id": 100,"label": "ERR_NOT_FOUND_4: HTEC_EMP_REG9 is not available '
    'for dissemination."}]}'
)


class Sleeps(list):
    def __call__(self, seconds: float) -> None:
        self.append(seconds)


@pytest.fixture
def sleeps() -> Sleeps:
    return Sleeps()


def session(sleeps: Sleeps, retries: int = 3, backoff: float = 0.5, timeout: float = 12.5):
    settings = Settings(http_retries=retries, http_backoff=backoff, http_timeout=timeout)
    return make_session(settings, "eurostat", sleep=sleeps)


@responses.activate
def test_every_request_has_the_user_agent_and_the_timeout(sleeps):
    responses.get(URL, body="{}")
    session(sleeps).get(URL)
    call = responses.calls[0]
    assert (
        call.request.headers["User-Agent"] == USER_AGENT == "Regiometer/0.1 (+regional statistics dashboard)"
    )
    assert call.request.req_kwargs["timeout"] == 12.5
    assert sleeps == []


@responses.activate
def test_503_then_200_is_retried_once_after_the_base_backoff(sleeps):
    responses.get(URL, status=503, body="busy")
    responses.get(URL, body='{"ok": true}')
    assert session(sleeps).get(URL).json() == {"ok": True}
    assert len(responses.calls) == 2
    assert sleeps == [0.5]


@responses.activate
def test_backoff_doubles_per_attempt(sleeps):
    for status in (500, 502, 504):
        responses.get(URL, status=status)
    responses.get(URL, body="{}")
    session(sleeps, retries=3).get(URL)
    assert sleeps == [0.5, 1.0, 2.0]


@responses.activate
def test_429_honours_retry_after_seconds(sleeps):
    responses.get(URL, status=429, headers={"Retry-After": "7"})
    responses.get(URL, body="{}")
    session(sleeps).get(URL)
    assert sleeps == [7.0]


def test_retry_after_as_http_date_and_garbage():
    future = datetime.now(UTC) + timedelta(seconds=30)
    assert 25 <= parse_retry_after(format_datetime(future, usegmt=True)) <= 30
    assert parse_retry_after("soon") == 0.0
    assert parse_retry_after(None) == 0.0
    assert parse_retry_after("99999") == 600.0  # capped: a day-long wait means the service is down


@responses.activate
def test_persistent_5xx_raises_http_status_error_after_all_attempts(sleeps):
    responses.get(URL, status=503, body="<html><body>Service Unavailable</body></html>")
    with pytest.raises(HTTPStatusError) as caught:
        session(sleeps, retries=2).get(URL)
    assert caught.value.status == 503
    assert len(responses.calls) == 3
    assert "Service Unavailable" in str(caught.value)
    assert sleeps == [0.5, 1.0]


@responses.activate
def test_connection_refused_is_retried(sleeps):
    responses.get(URL, body=requests.ConnectionError("[Errno 111] Connection refused"))
    responses.get(URL, body="{}")
    assert session(sleeps).get(URL).status_code == 200
    assert sleeps == [0.5]


@responses.activate
def test_connection_refused_every_time_raises_source_error_naming_the_way_out(sleeps):
    responses.get(URL, body=requests.ConnectionError("[Errno 111] Connection refused"))
    with pytest.raises(SourceError) as caught:
        session(sleeps, retries=1).get(URL)
    assert not isinstance(caught.value, HTTPStatusError)
    assert "2 attempts" in str(caught.value)
    assert "REGIOMETER_EUROSTAT_BASE_URL" in str(caught.value)


@responses.activate
def test_timeout_is_retried(sleeps):
    responses.get(URL, body=requests.ReadTimeout("read timed out"))
    responses.get(URL, body="{}")
    session(sleeps).get(URL)
    assert sleeps == [0.5]


@responses.activate
def test_truncated_body_by_content_length_is_retried(sleeps):
    responses.get(
        URL, body=b'{"value": {"0"', headers={"Content-Length": "2000"}, auto_calculate_content_length=False
    )
    responses.get(URL, body=b'{"value": {}}')
    assert session(sleeps).get(URL).json() == {"value": {}}
    assert len(responses.calls) == 2
    assert sleeps == [0.5]


@responses.activate
def test_chunked_encoding_error_is_retried(sleeps):
    responses.get(URL, body=requests.exceptions.ChunkedEncodingError("Connection broken: IncompleteRead"))
    responses.get(URL, body="{}")
    session(sleeps).get(URL)
    assert sleeps == [0.5]


@responses.activate
def test_eurostat_json_error_gives_its_label_and_is_not_retried(sleeps):
    responses.get(URL, status=404, body=EUROSTAT_404)
    with pytest.raises(HTTPStatusError) as caught:
        session(sleeps).get(URL)
    assert caught.value.status == 404
    assert str(caught.value).endswith(
        "HTTP 404: ERR_NOT_FOUND_4: HTEC_EMP_REG9 is not available for dissemination."
    )
    assert caught.value.url.startswith(URL)
    assert len(responses.calls) == 1 and sleeps == []


@responses.activate
def test_genesis_envelope_detail_comes_from_status_content(sleeps):
    url = "https://www.regionalstatistik.de/genesisws/rest/2020/data/tablefile"
    body = '{"Status":{"Code":15,"Content":"Fehler: Benutzername oder Passwort falsch","Type":"Fehler"}}'
    responses.post(url, status=401, body=body)
    with pytest.raises(HTTPStatusError) as caught:
        session(sleeps).post(url, data={"name": "12411-01-01-4"})
    assert "Benutzername oder Passwort falsch (code 15)" in str(caught.value)


def test_detail_from_other_bodies_is_their_first_200_characters():
    assert detail_from_text("x" * 500) == "x" * 200
    assert detail_from_text("  line one\n   line two  ") == "line one line two"
    assert (
        detail_from_text('{"warning":{"status":413,"label":"ASYNCHRONOUS_RESPONSE"}}')
        == "ASYNCHRONOUS_RESPONSE"
    )
    assert detail_from_text('{"other": 1}') == '{"other": 1}'


def _response(content: bytes, headers: dict) -> requests.Response:
    response = requests.Response()
    response._content = content
    response.headers.update(headers)
    response.request = requests.Request("GET", URL).prepare()
    return response


def test_own_length_check_backs_up_the_transport():
    from etl.http import TruncatedBody, _check_complete

    with pytest.raises(TruncatedBody, match="received 3 of 10 bytes"):
        _check_complete(_response(b"abc", {"Content-Length": "10"}))
    _check_complete(_response(b"abc", {"Content-Length": "3"}))
    _check_complete(_response(b"decoded body", {"Content-Length": "5", "Content-Encoding": "gzip"}))
    _check_complete(_response(b"abc", {}))
