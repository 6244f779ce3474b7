"""The reader's language for each request, decided once when it arrives.

Pages carry it in their URL (`?lang=de`). Dash's callbacks post to /_dash-update-component, so the
page's script (assets/locale.js) sends the page's language in a header; the Referer is the fallback.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from flask import Flask, request

from dashboard.i18n import set_locale

HEADER = "X-Regiometer-Locale"


def request_lang() -> str:
    if "lang" in request.args:
        return request.args.get("lang", "")
    if HEADER in request.headers:
        return request.headers.get(HEADER, "")
    referrer = urlsplit(request.referrer or "")
    return parse_qs(referrer.query).get("lang", [""])[0]


def _set_locale() -> None:
    set_locale(request_lang())


def _reset_locale(_error: BaseException | None = None) -> None:
    """After each request the default language again, so a thread (or a test) that serves the next
    request, or works outside one, never keeps the last reader's language."""
    set_locale(None)


def register(server: Flask) -> None:
    server.before_request(_set_locale)
    server.teardown_request(_reset_locale)
