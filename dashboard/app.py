"""create_app(settings): the Dash application with its pages, API and security headers."""

from __future__ import annotations

import copy
import logging
from functools import partial

import dash
from dash import html
from dash.development.base_component import Component
from flask import Flask, request
from flask_compress import Compress

from dashboard import data, i18n, web
from dashboard.components import shell
from dashboard.i18n.strings import for_pack, install
from dashboard.web import auth
from etl.config import Settings
from etl.paths import ASSETS_DIR

log = logging.getLogger(__name__)
PAGES_DIR = __file__.rsplit("/", 1)[0] + "/pages"


def _security_headers(response):
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
    if not request.path.startswith("/embed/"):  # only embeds may be framed by other sites
        response.headers.setdefault("X-Frame-Options", "SAMEORIGIN")
        response.headers.setdefault("Content-Security-Policy", "frame-ancestors 'self'")
    return response


def _allow_compression(response):
    # Static files are streamed (direct_passthrough), which Flask-Compress skips; assets are small
    # enough to compress in memory, and the first page load must stay under 2 MB on the wire.
    if response.direct_passthrough and response.mimetype in {
        "text/css",
        "text/javascript",
        "application/javascript",
    }:
        response.direct_passthrough = False
        response.set_data(response.get_data())  # buffered, so it is no longer a stream
    return response


# Every first page shows a chart: fetch plotly.js while React starts instead of after the first render.
PRELOAD = (
    '<link rel="preload" as="script" href="/_dash-component-suites/plotly/package_data/plotly.min.js">'
    '<link rel="preload" as="script" href="/_dash-component-suites/dash/dcc/async-graph.js">'
)


def create_server(settings: Settings) -> Flask:
    server = Flask(__name__)
    install(server, for_pack(settings.region_pack()))  # the app's texts with the pack's laid over, once
    server.config[data.SETTINGS_KEY] = settings
    server.config["SECRET_KEY"] = settings.secret_key
    server.config["MAX_CONTENT_LENGTH"] = settings.upload_max_bytes * 2
    server.config["COMPRESS_MIMETYPES"] = [
        "text/html",
        "text/css",
        "text/javascript",
        "application/javascript",
        "application/json",
        "text/csv",
        "image/svg+xml",
    ]
    Compress(server)
    server.after_request(_allow_compression)  # registered after Compress, so it runs before it
    server.after_request(_security_headers)
    web.register(server)
    auth.register(server, settings)
    return server


def _skeleton(component: Component) -> Component:
    """The component with its id and none of its content: enough to check a callback's ids."""
    clone = copy.copy(component)
    for name in list(clone.__dict__):  # declared props and wildcard ones (data-*, aria-*)
        if name != "id" and not name.startswith("_"):
            delattr(clone, name)
    return clone


def _light_validation_layout(app: dash.Dash) -> None:
    """Dash checks every callback's ids against all pages' layouts (no suppress_callback_exceptions):
    keep only the ids, or the first page would carry every page's data to the browser. Pages that
    show a visitor something else than their controls (the staff area's login prompt) register a
    `validation_layout` drawing them."""
    full = app.validation_layout
    if full is None or getattr(full, "_regiometer_skeleton", False):
        return
    controls = [
        page["validation_layout"]() for page in dash.page_registry.values() if "validation_layout" in page
    ]
    every = html.Div([full, *controls])
    light = html.Div([_skeleton(component) for component in every._traverse_ids()])
    light._regiometer_skeleton = True
    app.validation_layout = light


def _site_text(server: Flask, key: str) -> str:
    with server.app_context():
        return i18n.t(key, "en")


def create_app(settings: Settings) -> dash.Dash:
    server = create_server(settings)
    app = dash.Dash(
        "dashboard",  # the package name, so pages import as dashboard.pages.<name>
        server=server,
        use_pages=True,
        pages_folder=PAGES_DIR,
        assets_folder=str(ASSETS_DIR),
        # Bootstrap is served from assets/vendor (no CDN, works offline) and loaded before our own CSS,
        # which Dash would otherwise order alphabetically after it.
        external_stylesheets=["/assets/vendor/bootstrap.min.css"],
        assets_ignore=r"^bootstrap\.min\.css$",  # matched against file names, not paths
        title=_site_text(server, "site.title"),
        update_title=None,
        meta_tags=[
            {"name": "viewport", "content": "width=device-width, initial-scale=1"},
            {
                "name": "description",
                "content": _site_text(server, "site.description"),
            },
        ],
    )
    with server.app_context():  # Dash renders the layout once on assignment, to check it
        app.layout = shell.shell
    for page in dash.page_registry.values():  # titles in the reader's language, from the page's nav text
        page["title"] = partial(shell.page_title, page)
    server.before_request(partial(_light_validation_layout, app))
    # Dash wraps its scripts in a <footer>: a second contentinfo landmark next to the site's footer.
    index = app.index_string.replace("<footer>", '<div class="dash-scripts">').replace("</footer>", "</div>")
    app.index_string = index.replace("{%metas%}", "{%metas%}" + PRELOAD)
    return app
