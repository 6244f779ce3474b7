"""A page's controls: a labelled field in the controls card's grid, and choices as dropdown options."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

import dash_bootstrap_components as dbc


class Option(Protocol):
    @property
    def label(self) -> str: ...

    @property
    def value(self) -> str: ...


def options(choices: Iterable[Option]) -> list[dict]:
    return [{"label": choice.label, "value": choice.value} for choice in choices]


def field(control_id: str, label: str, control, **widths: int) -> dbc.Col:
    label_ = dbc.Label(label, html_for=control_id, className="fw-semibold small mb-1")
    return dbc.Col([label_, control], xs=12, className="mb-2", **widths)
