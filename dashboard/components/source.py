"""A link to an observation's source: the publisher, with the title on hover."""

from __future__ import annotations

from collections.abc import Mapping

from dash import html


def source_link(row: Mapping, text: str = "") -> html.A:
    return html.A(
        text or str(row["publisher"]),
        href=str(row["source_url"]),
        title=str(row["source_title"]),
        target="_blank",
        rel="noopener",
    )
