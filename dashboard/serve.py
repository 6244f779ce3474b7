"""Serving the app: Flask's development server, or gunicorn with one process per core in production.

gunicorn loads the app once in its master process and forks the workers (preload), so they share the
imported code's memory; each worker answers requests on a few threads. With PostgreSQL as the
warehouse, several machines can each run this behind one reverse proxy (README, "Serving").
"""

from __future__ import annotations

import gc
import os
from typing import Any

from flask import Flask
from gunicorn.app.base import BaseApplication

from dashboard.web import assets, memory, warming
from etl.config import Settings


class _Gunicorn(BaseApplication):  # type: ignore[misc, unused-ignore]  # typed in some gunicorn releases
    def __init__(self, server: Flask, options: dict[str, Any]) -> None:
        self.server, self.options = server, options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self) -> Flask:
        return self.server


def worker_count(settings: Settings) -> int:
    """REGIOMETER_WORKERS, else one worker per core."""
    return settings.workers or os.cpu_count() or 1


def gunicorn_options(settings: Settings) -> dict[str, Any]:
    return {
        "bind": f"{settings.host}:{settings.port}",
        "workers": worker_count(settings),
        "worker_class": "gthread",
        "threads": settings.threads,
        "preload_app": True,
        "timeout": 60,
        "graceful_timeout": 20,
        "keepalive": 5,
        "accesslog": None,
        "errorlog": "-",
        "loglevel": "warning",
        "forwarded_allow_ips": settings.forwarded_allow_ips,
        "proc_name": "regiometer",
    }


def before_workers(server: Flask) -> None:
    """In the process the workers fork from (gunicorn's master, preloaded): what every worker would
    otherwise compute for itself, computed once and shared."""
    warming.warm_pages(server)  # what the public pages show
    assets.warm(server)  # static files compressed once
    # What the master holds stays out of the workers' garbage collections, so they do not touch (and
    # copy) the pages they share with it.
    gc.collect()
    gc.freeze()


def _when_ready(server: Flask):
    """gunicorn's when_ready hook: the port is already open (a reader who comes now waits in its queue
    rather than being refused), and no worker has forked yet."""

    def when_ready(_arbiter: object) -> None:
        before_workers(server)

    return when_ready


def serve(server: Flask, settings: Settings) -> None:
    """Block serving `server` with gunicorn (production) until stopped."""
    memory.bound_heaps()  # the workers' threads share two malloc heaps instead of one each
    options = {**gunicorn_options(settings), "when_ready": _when_ready(server)}
    _Gunicorn(server, options).run()
