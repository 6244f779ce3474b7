"""Pure view builders for the staff area: problems, warnings, previews, runs and the audit log.

Uploaded text is only ever placed in components as text (never as HTML or markdown), so a cell such
as <script> shows as typed. Problems are etl's (etl.messages renders them in the reader's language);
slugs are shown with their catalog names.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import dash_bootstrap_components as dbc
import pandas as pd
from dash import html

from dashboard.i18n import format_date, format_value, t, tn
from etl import messages
from etl.catalog import Catalog
from etl.errors import Problem

SHOWN_ROWS = 50


def table(header: list[str], rows: Sequence[Sequence[object]], table_id: str) -> html.Div:
    return html.Div(
        dbc.Table(
            [
                html.Thead(html.Tr([html.Th(h) for h in header])),
                html.Tbody([html.Tr([html.Td("" if c is None else str(c)) for c in row]) for row in rows]),
            ],
            size="sm",
            striped=True,
            id=table_id,
        ),
        className="table-responsive",
    )


def _limited_by_kind(items: list[Problem], per_kind: int, lang: str, width: int) -> list[list[object]]:
    """One row per problem, at most per_kind of each kind, then a row saying how many more."""
    totals = Counter(p.code or p.message for p in items)
    shown: Counter[str] = Counter()
    rows: list[list[object]] = []
    for p in items:
        kind = p.code or p.message
        shown[kind] += 1
        if shown[kind] <= per_kind:
            message, fix = messages.render(p, lang)
            current = p.params.get("current") if p.params else None
            cells = [p.row or "", p.column or "", message]
            if width == 5:
                cells.append(format_value(float(current), "", lang) if current is not None else "–")
            rows.append([*cells, fix])
        elif shown[kind] == per_kind + 1:
            more = t("editor.more_of_kind", lang, count=f"{totals[kind] - per_kind:,}")
            rows.append(["", "", more, *([""] * (width - 3))])
    return rows


def problems_view(problems: list[Problem], lang: str, per_kind: int = SHOWN_ROWS) -> html.Div:
    header = [t(f"editor.col.{c}", lang) for c in ("row", "column", "problem", "fix")]
    alert = dbc.Alert(tn("editor.problems", len(problems), lang), color="danger", id="editor-problem-count")
    return html.Div(
        [alert, table(header, _limited_by_kind(problems, per_kind, lang, 4), "editor-problem-table")]
    )


def warnings_view(warnings: list[Problem], lang: str, per_kind: int = SHOWN_ROWS) -> html.Div:
    header = [t(f"editor.col.{c}", lang) for c in ("row", "column", "warning", "current", "fix")]
    alert = dbc.Alert(tn("editor.warnings", len(warnings), lang), color="warning", id="editor-warning-count")
    return html.Div(
        [alert, table(header, _limited_by_kind(warnings, per_kind, lang, 5), "editor-warning-table")]
    )


def error_text(error: Exception, lang: str) -> str:
    return messages.error_text(error, lang)


def label(catalog: Catalog, kind: str, slug: str, lang: str) -> str:
    """'Name (slug)' from the catalog in the reader's language; the slug alone if it has no name."""
    row = getattr(catalog, kind).get(slug) or {}
    name = row.get(f"name_{lang}") or row.get("name_en") or row.get("publisher") or ""
    return f"{name} ({slug})" if name and name != slug else slug


def series_label(row: dict | pd.Series, lang: str = "en", catalog: Catalog | None = None) -> str:
    """'Members (cluster.members) · Region (R) · Hub (hub) · 2026 [Publisher (source)]'."""
    if catalog is None:
        named = lambda kind, slug: slug  # noqa: E731
    else:
        named = lambda kind, slug: label(catalog, kind, slug, lang)  # noqa: E731
    breakdown = f" · {named('entities', row['breakdown'])}" if row["breakdown"] else ""
    return (
        f"{named('indicators', row['indicator'])} · {named('regions', row['region'])}{breakdown} · "
        f"{row['period']} [{named('sources', row['source'])}]"
    )


def decimals(value: float, maximum: int = 6) -> int:
    """The fewest decimals that show a value exactly (up to maximum)."""
    for places in range(maximum + 1):
        if abs(round(value, places) - value) < 1e-9 * max(1.0, abs(value)):
            return places
    return maximum


def _value(value: float, unit: object, lang: str) -> str:
    return format_value(float(value), str(unit or ""), lang, compact=False)


def _limited(rows: Sequence[Sequence[object]], lang: str) -> Sequence[Sequence[object]]:
    if len(rows) <= SHOWN_ROWS:
        return rows
    return [*rows[:SHOWN_ROWS], [t("editor.more_rows", lang, count=len(rows) - SHOWN_ROWS)]]


def numbers_reason(number_format, lang: str, example: str = "") -> str:
    """How the file's numbers were read, in the reader's language."""
    if number_format is None or not number_format.code:
        return ""
    code = number_format.code
    key = f"editor.numbers.{code}.{number_format.style}" if code == "detected" else f"editor.numbers.{code}"
    return t(key, lang, example=example)


def file_notes(name: str, staff_file, lang: str) -> html.Div:
    """The file's name, how it was read (encoding, sheet) and how its numbers were understood."""
    items = [html.Li(t("editor.file", lang, name=name), id="editor-file-name")]
    items += [html.Li(messages.render(n, lang)[0]) for n in staff_file.notes]
    fmt = staff_file.number_format
    reason = numbers_reason(fmt, lang, fmt.example_text if fmt else "")
    if reason:
        items.append(html.Li(t("editor.numbers_note", lang, reason=reason)))
    return html.Ul(items, className="small text-muted mb-2", id="editor-file-notes")


def preview_view(plan, moves: pd.DataFrame, lang: str, catalog: Catalog | None = None) -> html.Div:
    parts: list = [
        dbc.Alert(t("editor.summary", lang, **plan.counts), color="info", id="editor-preview-summary"),
        html.H3(t("editor.moves", lang), className="h6"),
    ]
    if moves.empty:
        parts.append(html.P(t("editor.no_moves", lang), id="editor-moves"))
    else:
        header = [t("editor.col.key", lang), t("editor.col.before", lang), t("editor.col.after", lang)]
        rows = [
            [
                " · ".join(
                    label(catalog, kind, m[column], lang) if catalog else m[column]
                    for kind, column in (
                        ("indicators", "indicator"),
                        ("regions", "region"),
                        ("entities", "breakdown"),
                    )
                    if m[column]
                ),
                _moved(m["value_before"], m["period_before"], lang),
                _moved(m["value_after"], m["period_after"], lang),
            ]
            for m in moves.to_dict("records")
        ]
        parts.append(table(header, rows, "editor-moves"))
    if not plan.changed.empty:
        header = [t("editor.col.key", lang), t("editor.col.old", lang), t("editor.col.new", lang)]
        rows = [
            [
                series_label(r, lang, catalog),
                _value(r["old_value"], r.get("unit"), lang),
                _value(r["value"], r.get("unit"), lang),
            ]
            for r in plan.changed.to_dict("records")
        ]
        parts += [
            html.H3(t("editor.changed_rows", lang), className="h6"),
            table(header, _limited(rows, lang), "editor-changed"),
        ]
    if not plan.new.empty:
        header = [t("editor.col.key", lang), t("editor.col.new", lang)]
        rows = [
            [series_label(r, lang, catalog), _value(r["value"], r.get("unit"), lang)]
            for r in plan.new.to_dict("records")
        ]
        parts += [
            html.H3(t("editor.new_rows", lang), className="h6"),
            table(header, _limited(rows, lang), "editor-new"),
        ]
    return html.Div(parts)


def _moved(value: float | None, period: object, lang: str) -> str:
    return (
        f"{format_value(float(value), '', lang)} ({period})" if value is not None and pd.notna(value) else "–"
    )


def revisions_view(frame: pd.DataFrame, lang: str, catalog: Catalog | None = None) -> html.Div:
    header = [
        t("editor.col.change", lang),
        t("editor.col.key", lang),
        t("common.value", lang),
        t("common.status", lang),
    ]
    rows = [
        [
            t(f"editor.change.{r['change']}", lang),
            series_label(r, lang, catalog),
            format_value(r["value"], "", lang),
            r["status"],
        ]
        for r in frame.to_dict("records")
    ]
    return table(header, _limited(rows, lang), "editor-run-revisions")


def when(value: object, lang: str) -> str:
    stamp = pd.Timestamp(value) if value is not None and not pd.isna(value) else None
    return f"{format_date(stamp, lang)} {stamp:%H:%M}" if stamp is not None else ""
