"""Pure view builders for the editor: problems, previews and run details as Dash components.

Uploaded text is only ever placed in components as text (never as HTML or markdown), so a cell such
as <script> shows as typed.
"""

from __future__ import annotations

import dash_bootstrap_components as dbc
import pandas as pd
from dash import html

from dashboard.i18n import format_date, format_value, register, t
from etl.errors import Problem

register(
    {
        "editor.problems": {
            "en": "{count} problems found. Nothing was saved. Fix them all and upload the file again.",
            "de": "{count} Probleme gefunden. Nichts wurde gespeichert. Beheben Sie alle und laden Sie die "
            "Datei erneut hoch.",
        },
        "editor.col.row": {"en": "Row", "de": "Zeile"},
        "editor.col.column": {"en": "Column", "de": "Spalte"},
        "editor.col.problem": {"en": "Problem", "de": "Problem"},
        "editor.col.fix": {"en": "How to fix it", "de": "So beheben Sie es"},
        "editor.col.key": {"en": "Series", "de": "Reihe"},
        "editor.col.old": {"en": "Old value", "de": "Alter Wert"},
        "editor.col.new": {"en": "New value", "de": "Neuer Wert"},
        "editor.col.before": {"en": "Headline now", "de": "Schlagzeile jetzt"},
        "editor.col.after": {"en": "Headline after", "de": "Schlagzeile danach"},
        "editor.col.change": {"en": "Change", "de": "Änderung"},
        "editor.summary": {
            "en": "{new} new, {changed} changed, {unchanged} unchanged rows.",
            "de": "{new} neue, {changed} geänderte, {unchanged} unveränderte Zeilen.",
        },
        "editor.new_rows": {"en": "New values", "de": "Neue Werte"},
        "editor.changed_rows": {"en": "Changed values", "de": "Geänderte Werte"},
        "editor.moves": {"en": "Headline numbers that move", "de": "Schlagzeilen-Zahlen, die sich ändern"},
        "editor.no_moves": {"en": "No headline number moves.", "de": "Keine Schlagzeilen-Zahl ändert sich."},
        "editor.more_rows": {"en": "… and {count} more", "de": "… und {count} weitere"},
        "editor.numbers_note": {"en": "Numbers: {reason}", "de": "Zahlen: {reason}"},
        "editor.numbers.forced": {"en": "read as chosen above", "de": "wie oben gewählt gelesen"},
        "editor.numbers.detected.de": {
            "en": "German format detected (decimal comma)",
            "de": "deutsches Format erkannt (Dezimalkomma)",
        },
        "editor.numbers.detected.en": {
            "en": "English format detected (decimal point)",
            "de": "englisches Format erkannt (Dezimalpunkt)",
        },
        "editor.numbers.whole": {"en": "whole numbers only", "de": "nur ganze Zahlen"},
        "editor.numbers.ambiguous.de": {
            "en": "values like 76.000 could be read two ways; read as German (76.000 = 76000) because the "
            "file is ';'-separated. Choose the format above if that is wrong.",
            "de": "Werte wie 76.000 sind mehrdeutig; als deutsch gelesen (76.000 = 76000), weil die Datei "
            "mit ';' getrennt ist. Wählen Sie oben das Format, falls das nicht stimmt.",
        },
        "editor.numbers.ambiguous.en": {
            "en": "values like 76,000 could be read two ways; read as English (76,000 = 76000) because the "
            "file is ','-separated. Choose the format above if that is wrong.",
            "de": "Werte wie 76,000 sind mehrdeutig; als englisch gelesen (76,000 = 76000), weil die Datei "
            "mit ',' getrennt ist. Wählen Sie oben das Format, falls das nicht stimmt.",
        },
        "editor.change.added": {"en": "added", "de": "hinzugefügt"},
        "editor.change.replaced": {"en": "replaced", "de": "ersetzt"},
    }
)

SHOWN_ROWS = 50


def _table(header: list[str], rows: list[list[object]], table_id: str) -> html.Div:
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


def problems_view(problems: list[Problem], lang: str) -> html.Div:
    header = [t(f"editor.col.{c}", lang) for c in ("row", "column", "problem", "fix")]
    rows = [[p.row or "", p.column or "", p.message, p.fix] for p in problems]
    return html.Div(
        [
            dbc.Alert(
                t("editor.problems", lang, count=len(problems)), color="danger", id="editor-problem-count"
            ),
            _table(header, rows, "editor-problem-table"),
        ]
    )


def series_label(row: dict | pd.Series) -> str:
    breakdown = f" · {row['breakdown']}" if row["breakdown"] else ""
    return f"{row['indicator']} · {row['region']}{breakdown} · {row['period']} [{row['source']}]"


def _value(value: float, unit: object, lang: str) -> str:
    return format_value(float(value), str(unit or ""), lang, compact=False)


def _limited(rows: list[list[object]], lang: str) -> list[list[object]]:
    if len(rows) <= SHOWN_ROWS:
        return rows
    return [*rows[:SHOWN_ROWS], [t("editor.more_rows", lang, count=len(rows) - SHOWN_ROWS)]]


def numbers_reason(number_format, lang: str) -> str:
    """How the file's numbers were read, in the reader's language."""
    if number_format is None:
        return ""
    code = number_format.code
    key = (
        f"editor.numbers.{code}.{number_format.style}"
        if code in ("detected", "ambiguous")
        else f"editor.numbers.{code}"
    )
    return t(key, lang) if code else number_format.reason


def preview_view(plan, moves: pd.DataFrame, reason: str, lang: str) -> html.Div:
    counts = plan.counts
    parts: list = [
        dbc.Alert(t("editor.summary", lang, **counts), color="info", id="editor-preview-summary"),
        html.P(t("editor.numbers_note", lang, reason=reason), className="small text-muted")
        if reason
        else None,
        html.H3(t("editor.moves", lang), className="h6"),
    ]
    if moves.empty:
        parts.append(html.P(t("editor.no_moves", lang), id="editor-moves"))
    else:
        header = [t("editor.col.key", lang), t("editor.col.before", lang), t("editor.col.after", lang)]
        rows = [
            [
                f"{m['indicator']} · {m['region']}" + (f" · {m['breakdown']}" if m["breakdown"] else ""),
                _moved(m["value_before"], m["period_before"], lang),
                _moved(m["value_after"], m["period_after"], lang),
            ]
            for m in moves.to_dict("records")
        ]
        parts.append(_table(header, rows, "editor-moves"))
    if not plan.changed.empty:
        header = [t("editor.col.key", lang), t("editor.col.old", lang), t("editor.col.new", lang)]
        rows = [
            [
                series_label(r),
                _value(r["old_value"], r.get("unit"), lang),
                _value(r["value"], r.get("unit"), lang),
            ]
            for r in plan.changed.to_dict("records")
        ]
        parts += [
            html.H3(t("editor.changed_rows", lang), className="h6"),
            _table(header, _limited(rows, lang), "editor-changed"),
        ]
    if not plan.new.empty:
        header = [t("editor.col.key", lang), t("editor.col.new", lang)]
        rows = [
            [series_label(r), _value(r["value"], r.get("unit"), lang)] for r in plan.new.to_dict("records")
        ]
        parts += [
            html.H3(t("editor.new_rows", lang), className="h6"),
            _table(header, _limited(rows, lang), "editor-new"),
        ]
    return html.Div([p for p in parts if p is not None])


def _moved(value: object, period: object, lang: str) -> str:
    return f"{format_value(float(value), '', lang)} ({period})" if pd.notna(value) else "–"


def revisions_view(frame: pd.DataFrame, lang: str) -> html.Div:
    header = [
        t("editor.col.change", lang),
        t("editor.col.key", lang),
        t("common.value", lang),
        t("common.status", lang),
    ]
    rows = [
        [
            t(f"editor.change.{r['change']}", lang),
            series_label(r),
            format_value(r["value"], "", lang),
            r["status"],
        ]
        for r in frame.to_dict("records")
    ]
    return _table(header, _limited(rows, lang), "editor-run-revisions")


def when(value: object, lang: str) -> str:
    stamp = pd.Timestamp(value) if value is not None and not pd.isna(value) else None
    return f"{format_date(stamp, lang)} {stamp:%H:%M}" if stamp is not None else ""
