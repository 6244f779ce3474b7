"""A plain table that becomes one card per row on phones: each cell carries its column's name
(`data-label`, shown by the page's CSS below the md breakpoint), so nothing scrolls sideways."""

from __future__ import annotations

from collections.abc import Sequence

from dash import html


def card_table(
    columns: Sequence[str],
    rows: Sequence[Sequence[object]],
    table_id: str,
    numeric: tuple[int, ...] = (),
    class_name: str = "",
) -> html.Div:
    """`columns` are the header texts; cells at the `numeric` positions are right-aligned."""

    def align(i: int) -> str | None:
        return "num" if i in numeric else None

    head = html.Thead(html.Tr([html.Th(c, scope="col", className=align(i)) for i, c in enumerate(columns)]))
    body = html.Tbody(
        [
            html.Tr(
                [
                    html.Td(html.Div(value), className=align(i), **{"data-label": column})
                    for i, (column, value) in enumerate(zip(columns, row, strict=True))
                ]
            )
            for row in rows
        ]
    )
    table = html.Table(
        [head, body], className=f"table table-sm table-striped {class_name}".strip(), id=table_id
    )
    return html.Div(table, className="table-responsive")
