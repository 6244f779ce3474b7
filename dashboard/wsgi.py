"""The WSGI application for running gunicorn (or another WSGI server) directly, instead of
`python -m dashboard`:

    REGIOMETER_DEVELOPMENT=false REGIOMETER_SECRET_KEY=... \\
        gunicorn --preload --workers 2 --worker-class gthread --threads 4 'dashboard.wsgi:create()'

Settings come from the environment, as for `python -m dashboard`; the warehouse is built if missing.
"""

from __future__ import annotations

from flask import Flask

from dashboard.app import create_app
from dashboard.serve import before_workers
from dashboard.web import memory
from etl.config import Settings
from etl.pipeline import ensure_initialised


def create() -> Flask:
    settings = Settings.from_env()
    ensure_initialised(settings)
    server = create_app(settings).server
    memory.bound_heaps()
    before_workers(server)  # with --preload, in gunicorn's master
    return server
