"""Routes that let a chart leave the site, and the feed that says when its figures change:

- /export/<chart>.<csv|xlsx|json>: the data behind a chart, and its figure laid out for images (exports);
- /embed/<chart>: the chart for other sites' iframes (embeds);
- /feed.xml: an Atom feed of published changes (feed).
"""

from __future__ import annotations

from flask import Flask

from dashboard.web import embeds, exports, feed


def register(server: Flask) -> None:
    server.register_blueprint(exports.blueprint)
    server.register_blueprint(embeds.blueprint)
    server.register_blueprint(feed.blueprint)
