"""The reader's language, held once per request (a context variable), not passed through every call.

The web layer sets it when a request arrives (dashboard.web.locale); tests and scripts use
`use_locale("de")`. Everything that writes text for a reader asks `current()`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import wraps
from typing import Any, TypeVar

LANGS = ("en", "de")
DEFAULT_LANG = "en"
# CLDR locales behind each site language: British English gives European formats (26 Nov 2026, €5.9bn).
BABEL_LOCALES = {"en": "en_GB", "de": "de_DE"}

_current: ContextVar[str] = ContextVar("regiometer_locale", default=DEFAULT_LANG)
F = TypeVar("F", bound=Callable[..., Any])


def normalise_lang(value: object) -> str:
    """'de', 'DE', 'de-DE', 'de_AT' -> 'de'; anything unknown or empty -> 'en'."""
    if not isinstance(value, str):
        return DEFAULT_LANG
    code = re.split(r"[-_;,]", value.strip().lower(), maxsplit=1)[0]
    return code if code in LANGS else DEFAULT_LANG


def current() -> str:
    """The language of the request being served ('en' or 'de')."""
    return _current.get()


def set_locale(lang: object) -> None:
    """For the web layer at the start of a request: the rest of the request reads current()."""
    _current.set(normalise_lang(lang))


@contextmanager
def use_locale(lang: object) -> Iterator[str]:
    """Run a block in a language (tests, exports of another language, background work)."""
    token = _current.set(normalise_lang(lang))
    try:
        yield _current.get()
    finally:
        _current.reset(token)


def localized_layout(layout: F) -> F:
    """For Dash page layouts: the page URL's ?lang= is the locale while the layout is built."""

    @wraps(layout)
    def wrapper(lang: str | None = None, **query: Any) -> Any:
        with use_locale(lang if lang is not None else current()):
            return layout(**query)

    return wrapper  # type: ignore[return-value]


def localized_href(path: str) -> str:
    """A site-relative link that keeps the reader's language ('/data' -> '/data?lang=de')."""
    if current() != "de":
        return path
    return f"{path}{'&' if '?' in path else '?'}lang=de"
