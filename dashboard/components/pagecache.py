"""Pages whose content depends only on the data and the language: built once per data version and
language, and kept in the JSON form Dash sends, so a request serialises plain dicts and lists (no plotly
validation, no component objects walked: /about has about 2,000 of them)."""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import update_wrapper
from typing import Any

import plotly.graph_objects as go
from dash import dcc
from plotly.io.json import to_json_plotly

from dashboard.data import data_key
from dashboard.data.cache import cached
from dashboard.i18n import current, use_locale


def plain_figures(component: Any) -> Any:
    """The same component tree with every dcc.Graph's figure as a plain dict (in place)."""
    if isinstance(component, dcc.Graph) and isinstance(component.figure, go.Figure):
        component.figure = component.figure.to_plotly_json()
    children = getattr(component, "children", None)
    for child in children if isinstance(children, list | tuple) else [children]:
        if child is not None and not isinstance(child, str | int | float):
            plain_figures(child)
    return component


class CachedPage:
    """A page body `build()` cached per (warehouse, data version, language): calling it gives the
    component tree, `.plain()` the same tree as Dash's JSON (what the page's layout returns)."""

    def __init__(self, build: Callable[[], Any]) -> None:
        @cached(data_key, budget=8 * 1024 * 1024)
        def per_language(lang: str) -> Any:
            with use_locale(lang):
                return plain_figures(build())

        @cached(data_key, budget=16 * 1024 * 1024)
        def serialised(lang: str) -> Any:
            return json.loads(to_json_plotly(per_language(lang)))

        self._per_language, self._serialised = per_language, serialised
        update_wrapper(self, build)

    def __call__(self) -> Any:
        return self._per_language(current())

    def plain(self) -> Any:
        return self._serialised(current())


def cached_page(build: Callable[[], Any]) -> CachedPage:
    """Decorator for a page body `build()` (see CachedPage)."""
    return CachedPage(build)
