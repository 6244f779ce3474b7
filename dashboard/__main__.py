"""python -m dashboard: build the warehouse if missing, then serve on REGIOMETER_HOST:PORT."""

import logging
import sys

from dashboard.app import create_app
from etl.config import Settings
from etl.errors import RegiometerError
from etl.pipeline import ensure_initialised


def main() -> int:
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    try:
        settings = Settings.from_env()
        ensure_initialised(settings)
    except RegiometerError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    app = create_app(settings)
    print(f"Regiometer is serving on http://{settings.host}:{settings.port}/", flush=True)
    if settings.development:
        app.run(host=settings.host, port=settings.port, debug=False)
    else:  # production: gunicorn, one process per core (REGIOMETER_WORKERS), threads in each
        from dashboard.serve import serve

        serve(app.server, settings)
    return 0


sys.exit(main())
