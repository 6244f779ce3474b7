"""The public pages drawn once before the first reader comes, so nobody waits for a cold cache.

In production the server draws each shared page (`register_page(..., shared=True)`) in each language
in gunicorn's master, before the workers fork: the queries and models its data layer caches (cubes,
comparisons, facet counts: seconds on a million rows) are then in every worker from the start, shared
with the master's memory. Warming is best effort: a page that fails to draw is logged and skipped,
and its first reader computes it as before.
"""

from __future__ import annotations

import logging
import time

import dash
from flask import Flask

from dashboard.i18n.locale import LANGS

log = logging.getLogger(__name__)


def warm_pages(server: Flask) -> int:
    """Draw every shared page in every language; returns how many views were drawn."""
    started, drawn = time.perf_counter(), 0
    for page in dash.page_registry.values():
        if not page.get("shared"):
            continue
        for lang in LANGS:
            with server.test_request_context(f"{page['path']}?lang={lang}"):
                try:
                    page["layout"](lang=lang)
                except Exception:  # a page's own bug must not stop the server from starting
                    log.exception("could not draw %s (%s) in advance", page["path"], lang)
                    continue
            drawn += 1
    log.info("drew %d page views in advance in %.1f s", drawn, time.perf_counter() - started)
    return drawn
