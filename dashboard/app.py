"""create_app(settings): the Dash application with its pages, API and security headers."""

from __future__ import annotations

import copy
import logging
import os
import pickle
import threading
from functools import partial
from html import escape

import dash
from dash import html
from dash.development.base_component import Component
from flask import Flask, request
from flask_compress import Compress

from dashboard import data, i18n, web
from dashboard.components import shell
from dashboard.i18n.strings import for_pack, install
from dashboard.web import answers, assets, auth, memory
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
    Compress(server)  # pages and callbacks, per response
    assets.register(server)  # static files: caching, compressed once; after Compress, so it runs before it
    server.after_request(_security_headers)
    memory.register(server)  # slow requests give their freed memory back
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


# Skeletons by (pack, pages): the ids do not change with the data, and drawing every page costs
# seconds, so every app of a process (the tests make hundreds) shares the first one's.
_SKELETONS: dict[tuple[str, tuple[str, ...]], Component] = {}
_SKELETONS_LOCK = threading.Lock()


def _page_layouts() -> list[Component]:
    layouts = []
    for page in dash.page_registry.values():
        layout = page["layout"]
        layouts.append(layout() if callable(layout) else layout)
        if "validation_layout" in page:
            layouts.append(page["validation_layout"]())
    return layouts


def _check_callback_ids(app: dash.Dash) -> None:
    """Let Dash check every callback's ids against all pages' layouts, from the first request on.

    Dash would draw every page's full layout on the first request and send them all with each page;
    the browser needs only the ids. Pages that show a visitor something else than their controls (the
    staff area's login prompt) register a `validation_layout` drawing them."""
    if not app.config.suppress_callback_exceptions:
        return
    with _SKELETONS_LOCK:
        key = (data.pack().name, tuple(sorted(dash.page_registry)))
        if key not in _SKELETONS:
            draw = _draw_skeleton if data.settings().development else _draw_skeleton_apart
            _SKELETONS[key] = draw()
        app.validation_layout = _SKELETONS[key]
        app.config.suppress_callback_exceptions = False


def _draw_skeleton() -> Component:
    every = html.Div([shell.shell(), *_page_layouts()])
    return html.Div([_skeleton(component) for component in every._traverse_ids()])


def _draw_skeleton_apart() -> Component:
    """The skeleton drawn in a forked child, which sends it back pickled and exits: drawing every page
    reads every page's data (seconds and hundreds of MB on a large warehouse), and none of that should
    stay in gunicorn's master, whose memory every worker inherits. Drawn here if the fork fails."""
    try:
        readable, writable = os.pipe()
        child = os.fork()
    except OSError:
        return _draw_skeleton()
    if child == 0:  # the child: draw, send, exit without running the parent's exit handlers
        os.close(readable)
        code = 0
        try:
            with os.fdopen(writable, "wb") as out:
                pickle.dump(_draw_skeleton(), out)
        except BaseException:
            code = 1
        os._exit(code)
    os.close(writable)
    with os.fdopen(readable, "rb") as answer:
        sent = answer.read()
    _, status = os.waitpid(child, 0)
    if status != 0 or not sent:
        log.warning("drawing the id skeleton in a child process failed; drawing it here")
        return _draw_skeleton()
    return pickle.loads(sent)


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
        external_stylesheets=[assets.url("vendor/bootstrap.min.css")],  # fingerprinted, cached long
        assets_path_ignore=["vendor"],  # so Dash does not load it a second time, after our CSS
        title=_site_text(server, "site.title"),
        update_title=None,
        # Checked from the first request on, against the ids of every page (_check_callback_ids).
        suppress_callback_exceptions=True,
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
    server.before_request(partial(_check_callback_ids, app))
    # Dash wraps its scripts in a <footer>: a second contentinfo landmark next to the site's footer.
    app.index_string = app.index_string.replace("<footer>", '<div class="dash-scripts">').replace(
        "</footer>", "</div>"
    )
    # Feed readers find the update alerts from any page (the feed's own title names the region).
    feed = escape(_site_text(server, "feed.title"), quote=True)
    alternate = f'<link rel="alternate" type="application/atom+xml" title="{feed}" href="/feed.xml">'
    app.index_string = app.index_string.replace("{%favicon%}", "{%favicon%}" + alternate)
    assets.install(app)  # fingerprinted URLs cached long; plotly.js preloaded only where charts are
    answers.install(app)  # last: public callbacks answered once per machine and data version
    return app
