"""Static files as a browser should get them: cached for a year where the URL is fingerprinted,
revalidated where it is not, compressed once per process, and plotly.js only where charts are.

- **Fingerprints.** Dash writes fingerprinted URLs for its bundles (`.v4_4_1m1796119742.js`) and a
  modification stamp for our own assets (`/assets/regiometer.css?m=1796119433.53`; `url()` writes the
  same for the stylesheets we list ourselves). Exactly the URLs this server's pages reference get
  `Cache-Control: public, max-age=31536000, immutable`; an outdated or unfingerprinted URL of the same
  file (plotly.js and Dash's lazily loaded chunks are requested without one) is revalidated with its
  ETag (304), so a browser never keeps stale code. HTML pages are `no-cache`.
- **Compression.** Static JavaScript, CSS and SVG are compressed once per process (brotli, else gzip),
  from a size-bounded cache; `warm()` fills it in gunicorn's master before the workers fork, so no
  reader waits for plotly.js's 4.8 MB to be compressed. Pages and callbacks are compressed per
  response by Flask-Compress.
- **plotly.js only where charts are.** Dash loads plotly.js lazily, when a page renders a dcc.Graph.
  Pages with charts (every page unless it registers with `charts=False`) preload it, so it downloads
  while React starts; the others never fetch it.
- **Only the plotly.js the charts need.** plotly.js's URL answers with `assets/vendor/plotly`'s partial
  bundle (the core with bar and choropleth traces and the German locale: 1.4 MB to parse instead of
  4.8 MB), as long as it is the plotly.js release the plotly package carries; otherwise, after an
  upgrade until `make plotly-bundle` is run, with the full file Dash ships.
- **No polyfills for browsers we do not serve.** Dash's renderer loads Babel's polyfill (core-js 2
  and regenerator-runtime: 99 kB, about 180 ms of a phone's or laptop's main thread, and core-js then
  swaps some of the browser's built-ins for slower copies). Its bundles need only the regenerator
  runtime from it (`regeneratorRuntime`); the polyfill's URL answers with that, from
  `assets/vendor/regenerator` (regenerator-runtime 0.14.1, as published). Every browser the site
  supports (one with ES2017) has the rest built in.
"""

from __future__ import annotations

import gzip
import logging
import re
import threading
from pathlib import Path
from urllib.parse import urlsplit

import brotli
import dash
import plotly.offline
from dash.fingerprint import check_fingerprint
from flask import Flask, Response, current_app, request, send_file

from etl.paths import ASSETS_DIR

log = logging.getLogger(__name__)

LONG_CACHE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"
SUITES = "/_dash-component-suites/"
ASSETS = "/assets/"
FAVICON = "/_favicon.ico"  # Dash's own icon, fingerprinted with Dash's version (?v=4.4.1)
PLOTLY_JS = "_dash-component-suites/plotly/package_data/plotly.min.js"
GRAPH_CHUNK = "_dash-component-suites/dash/dcc/async-graph.js"
PLOTLY_BUNDLE = ASSETS_DIR / "vendor" / "plotly" / "plotly-regiometer.min.js"
POLYFILL_JS = "_dash-component-suites/dash/deps/polyfill@7.12.1.min.js"
REGENERATOR_RUNTIME = ASSETS_DIR / "vendor" / "regenerator" / "runtime.js"
_BUNDLE_VERSION = re.compile(rb"plotly\.js v(\d+\.\d+\.\d+)")
COMPRESSIBLE = {"text/css", "text/javascript", "application/javascript", "image/svg+xml", "image/x-icon"}
BROTLI_QUALITY = 6  # plotly.min.js: 4.8 MB -> 1.27 MB in about a second, once per process
GZIP_LEVEL = 6
MIN_SIZE = 500
CACHE_BYTES = 64 * 1024 * 1024
EXTENSION = "regiometer.assets"
_URL = re.compile(r'(?:src|href)="([^"]+)"')


def url(path: str) -> str:
    """The fingerprinted URL of a file under assets/, in Dash's format (for external_stylesheets)."""
    return f"{ASSETS}{path}?m={(ASSETS_DIR / path).stat().st_mtime}"


class _Compressed:
    """Compressed bodies of static files by (encoding, file, content); bounded in bytes."""

    def __init__(self, limit: int = CACHE_BYTES) -> None:
        self.limit, self.size = limit, 0
        self.bodies: dict[tuple[str, str, int, int], bytes] = {}
        self.lock = threading.Lock()

    def get(self, encoding: str, name: str, body: bytes) -> bytes:
        key = (encoding, name, len(body), hash(body))
        found = self.bodies.get(key)
        if found is not None:
            return found
        with self.lock:  # one thread compresses a file; the others wait for it
            found = self.bodies.get(key)
            if found is None:
                if encoding == "br":
                    found = brotli.compress(body, quality=BROTLI_QUALITY)
                else:
                    found = gzip.compress(body, GZIP_LEVEL)
                if self.size + len(found) <= self.limit:
                    self.bodies[key] = found
                    self.size += len(found)
            return found


class _State:
    """Per server: the compressed files, and the fingerprinted URL the pages reference now for each
    file (by its unfingerprinted path)."""

    def __init__(self) -> None:
        self.compressed = _Compressed()
        self.current: dict[str, str] = {}
        self.app: dash.Dash | None = None

    def remember(self, html: str) -> None:
        for found in _URL.findall(html):
            parts = urlsplit(found)
            fingerprinted = (
                (parts.path.startswith(ASSETS) and parts.query.startswith("m="))
                or (parts.path.startswith(SUITES) and check_fingerprint(parts.path)[1])
                or (parts.path == FAVICON and parts.query.startswith("v="))
            )
            if fingerprinted:
                self.current[_file_key(parts.path)] = found

    def is_current(self) -> bool:
        """The request asks for exactly the fingerprinted URL the pages reference."""
        path = request.path
        query = request.query_string.decode("latin-1")
        return self.current.get(_file_key(path)) == (f"{path}?{query}" if query else path)


def _state(server: Flask | None = None) -> _State:
    return (server or current_app).extensions[EXTENSION]


def _is_static(path: str) -> bool:
    return path.startswith((SUITES, ASSETS)) or path == FAVICON


def _file_key(path: str) -> str:
    return check_fingerprint(path)[0] if path.startswith(SUITES) else path


def _encoding() -> str:
    accepted = request.accept_encodings
    return "br" if accepted.quality("br") > 0 else "gzip" if accepted.quality("gzip") > 0 else ""


def _compress(response: Response) -> None:
    encoding = _encoding()
    if not encoding or "Content-Encoding" in response.headers:
        return
    response.direct_passthrough = False  # send_file streams; static files are small enough to buffer
    body = response.get_data()
    if len(body) < MIN_SIZE:
        return
    response.set_data(_state().compressed.get(encoding, _file_key(request.path), body))
    response.headers["Content-Encoding"] = encoding
    response.headers.pop("Accept-Ranges", None)
    response.vary.add("Accept-Encoding")
    etag, weak = response.get_etag()
    if etag:  # one validator per encoding, as Flask-Compress writes it
        response.set_etag(f"{etag}:{encoding}", weak=bool(weak))
    response.make_conditional(request)


def _static(response: Response) -> Response:
    if _is_static(request.path) and response.status_code == 200:
        if _state().is_current():
            response.headers["Cache-Control"] = LONG_CACHE
        else:
            response.headers["Cache-Control"] = REVALIDATE
            if not response.get_etag()[0] and not response.last_modified:
                response.add_etag()  # Dash sends none for a fingerprinted URL: let browsers revalidate
                response.make_conditional(request)
        if response.status_code == 200 and response.mimetype in COMPRESSIBLE:
            _compress(response)
    elif response.mimetype == "text/html" and "Cache-Control" not in response.headers:
        response.headers["Cache-Control"] = REVALIDATE
    return response


def bundle_version(path: Path = PLOTLY_BUNDLE) -> str:
    """The plotly.js release a bundle was built from (its first line says), '' if there is none."""
    try:
        with path.open("rb") as bundle:
            found = _BUNDLE_VERSION.search(bundle.read(300))
    except OSError:
        return ""
    return found.group(1).decode() if found else ""


def plotly_bundle() -> Path | None:
    """The partial bundle, if it matches the plotly.js the figures are written for."""
    wanted = plotly.offline.get_plotlyjs_version()
    if bundle_version() == wanted:
        return PLOTLY_BUNDLE
    log.warning(
        "assets/vendor/plotly is not plotly.js %s: serving the full plotly.js; run `make plotly-bundle`",
        wanted,
    )
    return None


def substitutes() -> dict[str, Path]:
    """Dash's URL (without its fingerprint) -> the file it answers with instead."""
    found = {f"/{POLYFILL_JS}": REGENERATOR_RUNTIME}
    bundle = plotly_bundle()
    if bundle is not None:
        found[f"/{PLOTLY_JS}"] = bundle
    return found


def _substitute(files: dict[str, Path]):
    def serve() -> Response | None:
        path = files.get(_file_key(request.path)) if request.method == "GET" else None
        if path is None:
            return None
        return send_file(path, mimetype="text/javascript", conditional=True, etag=True, max_age=None)

    return serve


def register(server: Flask) -> None:
    """Caching and compression of static files; register after Flask-Compress (runs before it)."""
    server.extensions[EXTENSION] = _State()
    server.after_request(_static)
    server.before_request(_substitute(substitutes()))


def _has_charts(path: str) -> bool:
    wanted = path.rstrip("/") or "/"
    for page in dash.page_registry.values():
        if (page.get("relative_path") or page.get("path")) == wanted:
            return bool(page.get("charts", True))
    return False  # not a page: Dash shows its 404


def install(app: dash.Dash) -> None:
    """Per request: remember the fingerprinted URLs of the page, preload plotly.js where charts are."""
    interpolate = app.interpolate_index
    prefix = app.config.requests_pathname_prefix
    state = _state(app.server)
    state.app = app

    def interpolate_index(**parts: str) -> str:
        state.remember(" ".join(parts.get(name, "") for name in ("css", "scripts", "favicon")))
        if _has_charts(request.path):
            parts["metas"] = (
                parts.get("metas", "")
                + f'<link rel="preload" as="script" href="{prefix}{PLOTLY_JS}">'
                + f'<link rel="preload" as="script" href="{prefix}{GRAPH_CHUNK}">'
            )
        return interpolate(**parts)

    app.interpolate_index = interpolate_index


def warm(server: Flask) -> None:
    """Compress every static file a page may load, in this process (gunicorn's master, before the
    workers fork and share it): the files of the index page, plotly.js and Dash's lazy chunks."""
    state = _state(server)
    client = server.test_client()
    index = client.get("/").get_data(as_text=True)
    urls = {found for found in _URL.findall(index) if _is_static(urlsplit(found).path)}
    for namespace, paths in (state.app.registered_paths if state.app else {}).items():
        lazy = [path for path in paths if path.endswith(".js") and "mathjax" not in path]
        urls |= {f"{SUITES}{namespace}/{path}" for path in lazy}
    for found in sorted(urls):
        client.get(found, headers={"Accept-Encoding": "br"})
    compressed = state.compressed
    log.info("compressed %d static files (%.1f MB)", len(compressed.bodies), compressed.size / 1e6)
