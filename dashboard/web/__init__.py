"""The HTTP surface besides the Dash pages: the read API, exports and embeds, the locale hook."""

from __future__ import annotations

from flask import Flask

from dashboard.web import api, api_goals, locale, sharing


def register(server: Flask) -> None:
    locale.register(server)
    api_goals.register(server)  # before api: its catch-all answers unknown /api/v1 paths
    api.register(server)
    sharing.register(server)
